"""The what-if page in real headless chromium: type a number, see metrics and chart follow."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import metric_value

pytestmark = pytest.mark.browser


def test_page_loads_with_the_chart_and_the_break_even_day(page: Page):
    expect(metric_value(page, "Break-even day")).to_have_text("Day 100")
    expect(page.locator(".js-plotly-plot .annotation-text").first).to_contain_text("Break-even: day 100")
    traces = page.locator(".js-plotly-plot .scatterlayer .trace")
    assert traces.count() >= 2
    assert page.get_by_test_id("stException").count() == 0


def test_changing_calls_per_day_updates_metrics_and_chart(page: Page, tmp_path):
    calls = page.get_by_role("spinbutton", name="Calls per day", exact=True)
    calls.fill("50000")
    calls.press("Enter")
    expect(metric_value(page, "Break-even day")).to_have_text("Day 20")
    expect(metric_value(page, "Prompt overhead per day")).to_have_text("$200/day")
    expect(page.locator(".js-plotly-plot .annotation-text").first).to_contain_text(
        re.compile(r"Break-even: day 20(?!\d)")
    )
    page.screenshot(path=str(tmp_path / "what-if-50000-calls.png"), full_page=True)
