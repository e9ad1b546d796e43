"""Uncertainty and the token counter in real headless chromium."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import metric_value, wait_for_the_run_to_end

pytestmark = pytest.mark.browser


@pytest.mark.opens_its_own_address
def test_monte_carlo_and_frontier_tabs(page: Page, app_url: str, tmp_path):
    page.goto(f"{app_url}/uncertainty")
    expect(page.get_by_role("heading", name="How sure is the answer?")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    page.get_by_role("tab", name="Monte Carlo").click()
    expect(metric_value(page, "Pays back within 730 days")).to_have_text("100%")
    expect(metric_value(page, "P50 break-even day")).to_contain_text("day ")
    page.get_by_role("tab", name="Break-even frontier").click()
    expect(metric_value(page, "Minimum calls per day")).to_have_text("1,370")
    expect(page.locator(".js-plotly-plot .heatmaplayer").first).to_be_attached()
    page.screenshot(path=str(tmp_path / "frontier.png"))
    assert page.get_by_test_id("stException").count() == 0


@pytest.mark.opens_its_own_address
def test_pasted_prompt_is_counted_and_used(page: Page, app_url: str):
    page.goto(f"{app_url}/tokens")
    wait_for_the_run_to_end(page)
    prompt = page.get_by_label("Prompt")
    prompt.fill("hello world" + " hello world" * 1_499)
    prompt.press("Control+Enter")
    expect(metric_value(page, "o200k_base tokens")).to_have_text("3,000")
    wait_for_the_run_to_end(page)
    page.get_by_role("button", name="Use as prompt tokens per call").click()
    page.get_by_test_id("stSidebarNav").get_by_text("What-if", exact=True).click()
    expect(page.get_by_role("spinbutton", name="Prompt tokens per call", exact=True)).to_have_value("3000")
