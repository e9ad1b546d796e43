"""The Calibrate page in real headless chromium: upload a usage file, see the chart, use the numbers."""

import pytest
from playwright.sync_api import Page, expect

from costmodel.calibrate import calibrate
from costmodel.usage import read_usage
from tests.test_app_calibrate import four_weeks_growing_10_percent

pytestmark = pytest.mark.browser


def test_upload_draw_use_the_numbers_and_what_if_follows(page: Page, tmp_path):
    usage_file = tmp_path / "requests.csv"
    usage_file.write_bytes(four_weeks_growing_10_percent())
    expected = round(calibrate(read_usage([usage_file])).calls_per_day)

    page.get_by_test_id("stSidebarNav").get_by_text("Calibrate", exact=True).click()
    expect(page.get_by_role("heading", name="Calibrate from real usage")).to_be_visible(timeout=30_000)
    page.locator("input[type=file]").first.set_input_files(str(usage_file))

    chart = page.locator(".js-plotly-plot", has_text="Calls per day in the usage files")
    expect(chart).to_be_visible(timeout=30_000)
    expect(chart.locator(".barlayer .point")).to_have_count(28)
    expect(chart.locator(".legendtext", has_text="Fitted growth: +")).to_be_visible()

    # No share of fixed prompt is assumed for the user (it would favour one side): type it.
    share = page.get_by_role("spinbutton", name="Fixed prompt's share of input tokens (%)", exact=True)
    share.fill("80")
    share.press("Enter")
    page.get_by_role("button", name="Use these numbers").click()
    expect(page.get_by_text("The scenario now uses the usage data")).to_be_visible(timeout=15_000)
    page.screenshot(path=str(tmp_path / "calibrate.png"), full_page=True)

    page.get_by_role("link", name="See it on the what-if page").click()
    calls = page.get_by_role("spinbutton", name="Calls per day", exact=True)
    expect(calls).to_have_value(str(expected), timeout=30_000)
    page.screenshot(path=str(tmp_path / "what-if-after-calibrate.png"), full_page=True)
