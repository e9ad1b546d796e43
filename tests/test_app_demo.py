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
