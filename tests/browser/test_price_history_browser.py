"""Price history as a user sees it: a model's prices drawn over time, and a trend they suggest."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from pricing import load_catalog
from pricing.trends import suggested_trends
from tests.browser.conftest import choose, metric_value

pytestmark = pytest.mark.browser


@pytest.mark.opens_its_own_address
def test_prices_page_draws_how_a_models_prices_moved(page: Page, app_url: str):
    page.goto(f"{app_url}/prices")
    expect(page.get_by_role("heading", name="How prices moved")).to_be_visible()
    chart = page.locator(".js-plotly-plot", has_text="gpt-4o: how its prices moved")
    expect(chart.locator(".legendtext", has_text="fine-tuned input")).to_be_visible()
    # A step line per price: the input's path holds the launch price, then the cut.
    expect(chart.locator(".scatterlayer .trace")).to_have_count(6)


def test_a_trend_suggested_by_history_changes_the_inputs_only_when_clicked(page: Page):
    [gpt_4o] = [record for record in load_catalog() if record.model == "gpt-4o"]
    suggestion = suggested_trends(gpt_4o, date.today())["prompt_price_change_percent_per_year"]
    expect(metric_value(page, "Break-even day")).to_have_text("Day 100")
    choose(page, "More inputs", "Growth and price trends")
    expect(page.get_by_text("gpt-4o input fell 50% over")).to_be_visible()
    trend = page.get_by_role("spinbutton", name="Prompt path price change (% per year)")
    expect(trend).to_have_value("0.0")
    expect(metric_value(page, "Break-even day")).to_have_text("Day 100")

    page.get_by_role("button", name="Use the suggested trends").click()
    expect(page.get_by_text("Changed from OpenAI · gpt-4o's price history")).to_be_visible()
    expect(trend).to_have_value(f"{suggestion.percent_per_year:.1f}")
    # Falling prompt prices shrink the prompt path's overhead: fine-tuning pays back later.
    expect(metric_value(page, "Break-even day")).not_to_have_text("Day 100")
