"""Share links in real headless chromium against the app's own server."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from costmodel.sharing import scenario_to_query
from tests.browser.conftest import wait_for_the_run_to_end
from tests.examples import WIDEST_CHARACTER, longest_scenario

pytestmark = pytest.mark.browser


@pytest.mark.opens_its_own_address
def test_the_longest_link_the_app_can_write_opens_in_the_browser(page: Page, app_url: str):
    scenario = longest_scenario()
    page.goto(f"{app_url}/?{urlencode(scenario_to_query(scenario))}")
    wait_for_the_run_to_end(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    assert page.get_by_text("could not be read").count() == 0
    assert page.get_by_test_id("stException").count() == 0
    # The currency symbol, four of the widest character, is shown on the page's money.
    expect(page.get_by_test_id("stMetricValue").filter(has_text=WIDEST_CHARACTER * 4).first).to_be_visible()
