"""AppTest of what a demo to managers hits (issue 12): no internal references, the
Compare page's outcomes first."""

from pathlib import Path

import pytest

from tests.app_helpers import start_app

PAGES = sorted(f"pages/{path.name}" for path in (Path(__file__).resolve().parents[1] / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_an_internal_reference(page):
    at = start_app(page)
    shown = [str(at._tree)] + [frame.value.to_csv() for frame in at.dataframe]
    for text in shown:
        assert "SPEC" not in text, page
        assert "§" not in text, page


def test_the_prices_people_compare_come_first():
    at = start_app("pages/prices.py")
    table = at.dataframe[0]  # the catalog; the price history follows
    # Cached input too: prompting a large model with cache reads is the usual alternative.
    assert list(table.proto.column_order)[:10] == [
        "provider",
        "model",
        "input $/1M",
        "cached input $/1M",
        "output $/1M",
        "fine-tuned input $/1M",
        "fine-tuned output $/1M",
        "training $/1M",
        "read on",
        "source",
    ]
