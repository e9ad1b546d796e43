"""One scenario in real headless chromium: values survive sections, pages and reloads, and
links keep their exact values, so the page and the command line agree."""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from costmodel import format_money
from costmodel.sharing import scenario_from_query, scenario_to_query
from tests.app_helpers import cli_numbers
from tests.browser.conftest import HEADINGS, PAGE_BY_TITLE, choose, metric_value, url_path

pytestmark = pytest.mark.browser
# Milliseconds a rerun may take on a shared 2-core machine that other test runs keep busy.
BUSY_MACHINE = 60_000

ARTICLE_LINK = {"prompt_tokens": "800", "price_per_million": "5", "finetuned_prompt_tokens": "200"}
# The model accepts both; the widgets used to turn the first into $0 and the second into 1,234.
EXACT_LINKS = {
    "training_cost=2e9": ARTICLE_LINK | {"calls_per_day": "10000", "training_cost": "2e9"},
    "calls_per_day=1234.5": ARTICLE_LINK
    | {"calls_per_day": "1234.5", "training_cost": "2999.8", "horizon_days": "1000"},
}


def idle(page: Page) -> None:
    """Wait until no rerun is going on: one that ends can redraw what a click just opened."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=BUSY_MACHINE
    )


def finished(page: Page, address: re.Pattern[str]) -> None:
    """Wait until the address holds the change (the rerun has started) and the rerun has ended."""
    expect(page).to_have_url(address, timeout=BUSY_MACHINE)
    idle(page)


def enter(page: Page, label: str, value: str, address: str) -> None:
    box = page.get_by_role("spinbutton", name=label, exact=True)
    box.fill(value)
    box.press("Enter")
    finished(page, re.compile(address))


def switch_on(page: Page, label: str, address: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(label, exact=True).click()
    finished(page, re.compile(address))


def go_to(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()


def test_values_typed_in_one_section_survive_every_other_section(page: Page, tmp_path: Path):
    choose(page, "More inputs", "Tokens, output prices, hosting")
    enter(page, "Output tokens per call", "150", r"output_tokens=150(&|$)")
    enter(page, "Output price ($ per 1M tokens)", "15", r"output_price_per_million=15(&|$)")
    # 150 tokens at $15/M on 10,000 calls: $22.50 a day more on the prompt path.
    daily_cost = page.get_by_text("Daily cost: prompt path $62.50/day")
    expect(daily_cost).to_be_visible()

    choose(page, "More inputs", "Prompt caching and batch")
    enter(page, "Prompt path calls sent by batch (%)", "20", r"prompt_batch_percent=20(&|$)")
    choose(page, "More inputs", "Growth and price trends")
    enter(page, "Call volume growth (% per month)", "2", r"calls_growth_percent_per_month=2(&|$)")
    choose(page, "More inputs", "Self-hosting a fine-tuned open model")
    switch_on(page, "Self-host on rented GPUs", r"self_hosting=")
    choose(page, "More inputs", "Quality: the cost of errors")
    enter(page, "Prompt path error rate (%)", "3", r"prompt_error_percent=3(&|$)")
    choose(page, "More inputs", "Currency")
    switch_on(page, "Show money in another currency", r"currency=")

    assert "output_tokens=150" in page.url
    assert "output_price_per_million=15" in page.url
    choose(page, "More inputs", "Tokens, output prices, hosting")
    expect(page.get_by_role("spinbutton", name="Output tokens per call", exact=True)).to_have_value("150")
    expect(page.get_by_role("spinbutton", name="Output price ($ per 1M tokens)", exact=True)).to_have_value(
        "15.000"
    )
    idle(page)
    page.screenshot(path=str(tmp_path / "sections-kept.png"), full_page=True)


# A number each page shows from the scenario, where it shows one.
PAGE_NUMBERS = {
    "What-if": lambda page: metric_value(page, "Break-even day"),
    "Scenarios": lambda page: page.get_by_test_id("stCode"),
    "Present": lambda page: page.get_by_role("heading", level=3).first,
    "How sure?": lambda page: page.get_by_text("The savings hang most on"),
    "Decision guide": lambda page: metric_value(page, "Break-even day"),
}


def test_every_page_holds_the_scenario_in_its_address_and_a_reload_keeps_it(page: Page):
    """Typed once on What-if, then every page in turn, as a user walks them: each page's own
    address carries the value, and a reload of that address keeps it."""
    enter(page, "Calls per day", "25000", r"calls_per_day=25000(&|$)")
    expect(metric_value(page, "Break-even day")).to_have_text("Day 40")
    for title in sorted(HEADINGS, key=lambda title: title == "Present"):  # Present folds the sidebar away
        try:
            holds_the_scenario_through_a_reload(page, title)
        except Exception as error:  # an expectation or a wait: say on which page
            raise AssertionError(f"{title}: {error}") from error


def holds_the_scenario_through_a_reload(page: Page, title: str) -> None:
    go_to(page, title)
    heading = page.get_by_role("heading", name=HEADINGS[title], exact=True)
    expect(heading).to_be_visible(timeout=BUSY_MACHINE)
    # The page's own address, not the last page's still in the bar while the switch is under way.
    finished(page, re.compile(rf"/{url_path(PAGE_BY_TITLE[title])}\?(.*&)?calls_per_day=25000(&|$)"))
    address = page.url
    shown = PAGE_NUMBERS[title](page).inner_text() if title in PAGE_NUMBERS else None

    page.reload()
    expect(heading).to_be_visible(timeout=BUSY_MACHINE)
    finished(page, re.compile(re.escape(address) + "$"))
    if shown is not None:
        expect(PAGE_NUMBERS[title](page)).to_have_text(shown)
    else:  # the page shows no number of the scenario: the what-if page of this new session does
        go_to(page, "What-if")
        expect(metric_value(page, "Break-even day")).to_have_text("Day 40", timeout=BUSY_MACHINE)
    assert page.get_by_test_id("stException").count() == 0


@pytest.mark.opens_its_own_address
@pytest.mark.parametrize("link", EXACT_LINKS.values(), ids=EXACT_LINKS)
def test_a_link_shows_the_numbers_the_command_line_gives(page: Page, app_url: str, tmp_path: Path, link):
    scenario, problems = scenario_from_query(link)
    assert scenario is not None, problems
    cli = cli_numbers(scenario, tmp_path)
    day = cli["break_even_day"]
    page.goto(f"{app_url}/?{urlencode(link)}")
    expect(metric_value(page, "Break-even day")).to_have_text(
        "Never" if day is None else f"Day {day:,}", timeout=BUSY_MACHINE
    )
    expect(metric_value(page, "Saved by fine-tuning")).to_have_text(format_money(cli["savings"]))
    # The boxes show the values as they are, and the address keeps them.
    expect(page.get_by_role("spinbutton", name="Calls per day", exact=True)).to_have_value(
        link["calls_per_day"]
    )
    expect(page.get_by_role("spinbutton", name="Training cost ($)")).to_have_value(
        f"{scenario.training_cost:.2f}"
    )
    for field, text in scenario_to_query(scenario).items():
        expect(page).to_have_url(re.compile(f"[?&]{field}={re.escape(text)}(&|$)"))
    idle(page)
    page.screenshot(path=str(tmp_path / "exact-link.png"), full_page=True)
