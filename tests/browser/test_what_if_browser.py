"""The what-if page in real headless chromium: type a number, see metrics and chart follow."""

import re

import pytest
from playwright.sync_api import Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import metric_value, wait_for_the_run_to_end

pytestmark = pytest.mark.browser


def test_page_loads_with_the_chart_and_the_break_even_day(page: Page):
    expect(metric_value(page, "Break-even day")).to_have_text("Day 100")
    expect(page.locator(".js-plotly-plot .annotation-text").first).to_contain_text("Break-even: day 100")
    traces = page.locator(".js-plotly-plot .scatterlayer .trace")
    assert traces.count() >= 2
    # Each slider shows its value as the box beside it does.
    expect(page.get_by_test_id("stSliderThumbValue").first).to_have_text("10000")
    expect(page.get_by_test_id("stSliderThumbValue").nth(2)).to_have_text("5.000")
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


def test_the_months_and_the_builder_answer_in_place_and_a_used_cost_redraws_the_chart(page: Page):
    # The months asked about and the one-off builder are fragments: their own widgets rerun only
    # them. "Use as training cost" changes the scenario, so it reruns the whole page.
    page.get_by_text("What managers ask next").click()
    months = page.get_by_role("spinbutton", name="Pay back within (months)", exact=True)
    months.fill("6")
    months.press("Enter")
    expect(metric_value(page, "Most training may cost")).to_have_text("$5,490")
    page.get_by_text("Build the one-off costs from their parts").click()
    examples = page.get_by_role("spinbutton", name="Examples", exact=True)
    examples.fill("8000")
    examples.press("Enter")
    # 8,000 examples x 1,000 tokens x 3 epochs x $25/M = $600, and 30 hours at $100.
    expect(page.get_by_text(re.compile(r"total \$3,600"))).to_be_visible()
    page.get_by_role("button", name="Use as training cost").click()
    # $3,600 repaid at $30 a day saved.
    expect(metric_value(page, "Break-even day")).to_have_text("Day 120")
    expect(page.locator(".js-plotly-plot .annotation-text").first).to_contain_text(
        re.compile(r"Break-even: day 120(?!\d)")
    )
    expect(page.get_by_role("spinbutton", name="Training cost ($)", exact=True)).to_have_value("3600.00")


# Every metric element whose text the browser cut off with an ellipsis.
CUT_OFF_METRICS = """() => [...document.querySelectorAll(
    '[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *')]
    .filter(part => part.scrollWidth > part.clientWidth + 1).map(part => part.textContent)"""


@pytest.mark.opens_its_own_address
@pytest.mark.parametrize("width", [1000, 1400])
def test_no_metric_is_cut_off_on_a_narrower_screen(page: Page, app_url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    # Values that took more room than a quarter of the row at 1000 px: "$3,65…".
    page.goto(
        f"{app_url}/?calls_per_day=5000&horizon_days=365&prompt_tokens=400&price_per_million=5"
        "&finetuned_prompt_tokens=200&training_cost=6000"
    )
    expect(metric_value(page, "Prompt overhead per year")).to_have_text("$3,650/year")
    page.get_by_text("What managers ask next").click()
    expect(metric_value(page, "Largest fine-tuned price premium")).to_be_visible()
    wait_for_the_run_to_end(page)
    assert page.evaluate(CUT_OFF_METRICS) == []


def test_a_changed_input_reruns_the_live_loop_alone(page: Page, tmp_path):
    """The inputs, the scenario, its metrics, chart and link are one fragment: a changed input sends
    the browser that fragment's elements and the new address, not the navigation or the title."""
    frames: list[ForwardMsg] = []

    def received(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            frames.append(message)

    with page.expect_websocket() as opened:
        page.reload()
    opened.value.on("framereceived", received)
    calls = page.get_by_role("spinbutton", name="Calls per day", exact=True)
    calls.fill("50000")
    wait_for_the_run_to_end(page)
    frames.clear()
    calls.press("Enter")
    expect(metric_value(page, "Break-even day")).to_have_text("Day 20")
    expect(page).to_have_url(re.compile(r"calls_per_day=50000"))
    wait_for_the_run_to_end(page)
    deltas = [frame.delta for frame in frames if frame.WhichOneof("type") == "delta"]
    assert deltas, "the change sent nothing"
    assert {delta.fragment_id for delta in deltas} != {""}
    assert all(delta.fragment_id for delta in deltas), "an element outside the live loop was sent again"
    assert not [frame for frame in frames if frame.WhichOneof("type") == "navigation"]
    # The chart is among what came, drawn for the new value.
    expect(page.locator(".js-plotly-plot .annotation-text").first).to_contain_text(
        re.compile(r"Break-even: day 20(?!\d)")
    )
    # Switching a sidebar section is part of the loop too: its inputs appear, the chart stays right.
    sections = page.get_by_role("combobox", name="More inputs", exact=True)
    sections.press_sequentially("Growth and price trends")  # typed: a click can lose the list when busy
    sections.press("Enter")
    growth = page.get_by_role("spinbutton", name=re.compile("growth"))
    growth.fill("50")
    growth.press("Enter")
    expect(page).to_have_url(re.compile(r"calls_growth_percent_per_month=50"))
    expect(metric_value(page, "Break-even day")).not_to_have_text("Day 20")
    # A section shown again after another shows its own inputs, not the last section's.
    for section, box in (
        ("Quality: the cost of errors", "Prompt path error rate (%)"),
        ("Growth and price trends", "Call volume growth (% per month)"),
    ):
        wait_for_the_run_to_end(page)
        sections.press_sequentially(section)
        sections.press("Enter")
        expect(page.get_by_role("spinbutton", name=box, exact=True)).to_be_visible()
    expect(page.get_by_role("spinbutton", name="Prompt path error rate (%)", exact=True)).to_have_count(0)
    page.screenshot(path=str(tmp_path / "what-if-fragment.png"), full_page=True)
