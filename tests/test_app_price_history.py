"""The Prices page shows how a price moved, from the catalog's dated spans."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from pricing import load_catalog
from pricing.trends import suggested_trends
from tests.app_helpers import open_section, shown, start_app, texts


def test_prices_page_shows_gpt_35_turbos_price_cuts():
    app = start_app("pages/prices.py")
    [history] = [frame.value for frame in app.dataframe if "from" in frame.value.columns]
    turbo = history[history["model"] == "gpt-3.5-turbo"]
    assert turbo["from"].tolist() == [date(2023, 8, 22), date(2023, 11, 6), date(2024, 1, 25)]
    assert turbo["fine-tuned input $/1M"].tolist() == [12, 3, 3]
    assert turbo["input $/1M"].tolist() == [1.5, 1, 0.5]
    assert [subheader.value for subheader in app.subheader if subheader.value == "How prices moved"]


def test_prices_page_lists_the_new_providers_and_charts_a_chosen_models_prices():
    app = start_app("pages/prices.py")
    [table] = [frame.value for frame in app.dataframe if "read on" in frame.value.columns]
    assert {"Anthropic", "Amazon Bedrock", "Google Vertex AI", "Mistral AI"} <= set(table["provider"])
    app.selectbox(key="prices.history_model").set_value("OpenAI · gpt-3.5-turbo").run()
    [chart] = app.get("plotly_chart")
    assert "gpt-3.5-turbo: how its prices moved" in chart.proto.spec


def suggested(model: str, field: str) -> float:
    [record] = [r for r in load_catalog() if r.model == model]
    return round(suggested_trends(record, date.today())[field].percent_per_year, 1)


def test_what_if_suggests_a_trend_from_history_and_changes_nothing_until_asked():
    app = start_app()
    open_section(app, "Growth and price trends")
    assert app.selectbox(key="input.trend_model").value == "OpenAI · gpt-4o"
    assert any("gpt-4o input fell 50% over" in text and "$5.00 on 2024-05-13" in text for text in texts(app))
    # Shown, not applied: the scenario keeps its flat prices until the button is clicked.
    assert app.session_state["scenario"].prompt_price_change_percent_per_year == 0
    assert not app.success or all("price history" not in s.value for s in app.success)

    app.button(key="input.trend_use").click().run()
    prompt = suggested("gpt-4o", "prompt_price_change_percent_per_year")
    assert prompt == pytest.approx(-23.9, abs=0.3)  # $5 to $2.50 since 2024-05-13
    assert app.session_state["scenario"].prompt_price_change_percent_per_year == prompt
    assert app.number_input(key="input.prompt_price_change_percent_per_year").value == prompt
    [message] = [shown(s.value) for s in app.success if "price history" in s.value]
    assert "OpenAI · gpt-4o's price history" in message
    assert f"Prompt path price change: 0 → {prompt:g} % per year" in message
    # gpt-4o's fine-tuned input has held since its launch: 0 stays 0, so it is left out.
    assert suggested("gpt-4o", "finetune_price_change_percent_per_year") == 0
    assert "Fine-tuned path" not in message


def trends_after_sending(model: str) -> AppTest:
    """`model`'s prices sent from the Prices page, then What-if's price trends section open."""
    app = start_app("pages/prices.py")
    app.selectbox(key="prices.choice").set_value(model).run()
    app.button(key="prices.send").click().run()
    app.switch_page("pages/what_if.py").run()
    open_section(app, "Growth and price trends")
    return app


def test_the_suggestion_starts_from_the_model_whose_prices_were_sent():
    app = trends_after_sending("OpenAI · gpt-3.5-turbo")
    assert app.selectbox(key="input.trend_model").value == "OpenAI · gpt-3.5-turbo"
    app.button(key="input.trend_use").click().run()
    scenario = app.session_state["scenario"]
    assert scenario.finetune_price_change_percent_per_year == suggested(
        "gpt-3.5-turbo", "finetune_price_change_percent_per_year"
    )


def test_a_sent_model_without_history_is_said_and_no_other_is_preselected():
    app = trends_after_sending("Anthropic · Claude Opus 4.8")
    assert app.selectbox(key="input.trend_model").value is None
    assert any(
        "Anthropic · Claude Opus 4.8, the model sent from the Prices page, has no price history" in text
        for text in texts(app)
    )
    # The user may still pick another model's trend on purpose.
    app.selectbox(key="input.trend_model").set_value("OpenAI · gpt-4o").run()
    app.button(key="input.trend_use").click().run()
    [message] = [shown(s.value) for s in app.success if "price history" in s.value]
    assert "OpenAI · gpt-4o" in message
    assert app.session_state["scenario"].prompt_price_change_percent_per_year == suggested(
        "gpt-4o", "prompt_price_change_percent_per_year"
    )


def test_the_suggested_model_is_chosen_again_after_another_section():
    app = start_app()
    open_section(app, "Growth and price trends")
    open_section(app, "Tokens, output prices, hosting")
    open_section(app, "Growth and price trends")
    assert app.selectbox(key="input.trend_model").value == "OpenAI · gpt-4o"


def test_a_picked_model_survives_another_section_and_a_new_send_chooses_afresh():
    app = trends_after_sending("OpenAI · gpt-3.5-turbo")
    app.selectbox(key="input.trend_model").set_value("OpenAI · gpt-4o").run()
    open_section(app, "Tokens, output prices, hosting")
    open_section(app, "Growth and price trends")
    assert app.selectbox(key="input.trend_model").value == "OpenAI · gpt-4o"
    # Sending other prices is a new question: the earlier pick is not carried over to it.
    app.switch_page("pages/prices.py").run()
    app.selectbox(key="prices.choice").set_value("Anthropic · Claude Opus 4.8").run()
    app.button(key="prices.send").click().run()
    app.switch_page("pages/what_if.py").run()
    open_section(app, "Growth and price trends")
    assert app.selectbox(key="input.trend_model").value is None


def test_what_the_trend_button_did_is_said_once():
    app = start_app()
    open_section(app, "Growth and price trends")
    app.button(key="input.trend_use").click().run()
    assert [s for s in app.success if "price history" in s.value]
    app.number_input(key="input.calls_per_day").set_value(20_000).run()
    assert not [s for s in app.success if "price history" in s.value]
