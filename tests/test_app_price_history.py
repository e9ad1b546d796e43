"""The Prices page shows how a price moved, from the catalog's dated spans."""

from datetime import date

from tests.app_helpers import start_app


def test_prices_page_shows_gpt_35_turbos_price_cuts():
    app = start_app("pages/prices.py")
    [history] = [frame.value for frame in app.dataframe if "from" in frame.value.columns]
    turbo = history[history["model"] == "gpt-3.5-turbo"]
    assert turbo["from"].tolist() == [date(2023, 8, 22), date(2023, 11, 6), date(2024, 1, 25)]
    assert turbo["fine-tuned input $/1M"].tolist() == [12, 3, 3]
    assert turbo["input $/1M"].tolist() == [1.5, 1, 0.5]
    assert [subheader.value for subheader in app.subheader if subheader.value == "How prices moved"]
