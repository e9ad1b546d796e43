"""The truer model's controls in real headless chromium."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import choose, metric_value, wait_for_the_run_to_end

pytestmark = pytest.mark.browser

SCENARIO_B = "calls_per_day=50000&prompt_tokens=400&price_per_million=5&training_cost=2000"


def type_number(page: Page, label: str, value: str) -> None:
    field = page.get_by_role("spinbutton", name=label, exact=True)
    field.fill(value)
    field.press("Enter")


@pytest.mark.opens_its_own_address
def test_caching_growth_shutdown_and_euros(page: Page, app_url: str, tmp_path):
    page.goto(f"{app_url}/?{SCENARIO_B}")
    expect(metric_value(page, "Break-even day")).to_have_text("Day 20")

    choose(page, "More inputs", "Prompt caching and batch")
    page.get_by_role("button", name="Use Anthropic's caching terms").click()
    expect(page.get_by_text("shorter than the 1,024 tokens the provider caches")).to_be_visible()
    # Typed while the button's run was still under way, the 0 was once not taken (cause not found).
    wait_for_the_run_to_end(page)
    type_number(page, "Smallest prompt the provider caches (tokens)", "0")
    expect(page.get_by_text("Caching alone recovers 9")).to_be_visible()
    # During a rerun the old chart may briefly stand beside the new one: look for the new legend.
    expect(page.locator(".js-plotly-plot .legend", has_text="Prompt + caching").first).to_be_visible()

    choose(page, "More inputs", "Growth and price trends")
    savings_before = metric_value(page, "Saved by fine-tuning").inner_text()
    type_number(page, "Call volume growth (% per month)", "5")
    # Growth raises the savings: once they change, the rerun has finished.
    expect(metric_value(page, "Saved by fine-tuning")).not_to_have_text(savings_before)
    expect(metric_value(page, "Break-even day")).to_have_text("Day 20")  # B repays fast either way
    type_number(page, "Training cost ($)", "20000")
    expect(metric_value(page, "Break-even day")).to_have_text("Day 174")  # day 200 without growth

    page.get_by_text("Dated events (0)").click()
    page.get_by_role("button", name="Add OpenAI's fine-tuning shutdown (2027-01-06)").click()
    expect(page.get_by_text("The dated events change what fine-tuning saves")).to_be_visible()
    expect(
        page.locator(".js-plotly-plot .annotation-text", has_text="fine-tuned path ends").first
    ).to_be_visible()

    choose(page, "More inputs", "Currency")
    page.get_by_test_id("stSidebar").get_by_text("Show money in another currency").click()
    page.get_by_label("Code", exact=True).fill("EUR")
    page.get_by_label("Code", exact=True).press("Enter")
    page.get_by_label("Symbol", exact=True).fill("€")
    page.get_by_label("Symbol", exact=True).press("Enter")
    type_number(page, "Units per US dollar", "0.9")
    expect(metric_value(page, "Prompt overhead per day")).to_have_text("€90.00/day")
    expect(page.locator(".js-plotly-plot .ytick").first).to_contain_text("€")
    page.screenshot(path=str(tmp_path / "truer-model.png"), full_page=True)
    assert page.get_by_test_id("stException").count() == 0
