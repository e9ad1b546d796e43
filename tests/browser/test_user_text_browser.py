"""User text is text in the drawn page: hostile names, notes, decisions, LiteLLM entries and
file names make no link, heading, image or HTML, and read as written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from costmodel.brief import build_brief
from costmodel.sharing import scenario_to_query
from render.report import make_report_html
from tests.examples import ARTICLE, HOSTILE_BLOCK, HOSTILE_LINE, HOSTILE_PRICES, PIECES

pytestmark = pytest.mark.browser

WORD_JOINER = "\u2060"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser session; each test opens the page its text arrives on."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def link(app_url: str, page: str = "", **fields: object) -> str:
    query = scenario_to_query(ARTICLE.model_validate(ARTICLE.model_dump() | fields))
    return f"{app_url}/{page}?{urlencode(query)}"


def run_finished(page: Page) -> None:
    """Wait for the rerun under way to end: a widget drawn again is a new one."""
    expect(page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")).to_be_attached(
        timeout=30_000
    )


def assert_text_only(page: Page, app_url: str) -> None:
    """The main area shows the hostile text as written, and nothing made of it."""
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("evil")
    hrefs = main.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    # Streamlit's own links here stay on the app (a heading's anchor, a page link).
    assert [href for href in hrefs if not href.startswith(app_url)] == []
    assert main.locator("a", has_text="evil").count() == 0
    headings = main.locator("h1, h2, h3, h4, h5, h6").all_inner_texts()
    assert [h for h in headings if "# heading" in h or h.strip().startswith("heading")] == []
    assert main.locator("img, b").count() == 0
    shown = main.inner_text().replace(WORD_JOINER, "")
    assert all(piece in shown for piece in PIECES)


@pytest.mark.opens_its_own_address
def test_share_link_name_and_event_note(page: Page, app_url: str):
    event = {"kind": "prompt_price_change", "day": 90, "price_factor": 0.5, "note": HOSTILE_BLOCK}
    page.goto(link(app_url, "present", name=HOSTILE_LINE, notes=HOSTILE_BLOCK, events=[event]))
    expect(page.get_by_role("heading", name="Decision", exact=True)).to_be_visible()
    run_finished(page)
    title = page.get_by_role("heading", level=1).inner_text()
    assert title.replace(WORD_JOINER, "").strip() == HOSTILE_LINE
    assert_text_only(page, app_url)

    page.goto(link(app_url, events=[event]))
    # The events list under the chart (the chart's own label is drawn by plotly as SVG text).
    events = page.get_by_test_id("stMain").locator("p", has_text="price change on the prompt path")
    expect(events).to_be_visible()
    run_finished(page)
    assert_text_only(page, app_url)


@pytest.mark.opens_its_own_address
def test_saved_name_its_refusal_and_the_decision_record(page: Page, app_url: str):
    name = f"{HOSTILE_LINE} saved"
    page.goto(link(app_url, "scenarios", name=name))
    save = page.get_by_role("button", name="Save as a new scenario")
    expect(save).to_be_visible()
    run_finished(page)
    save.click()
    expect(page.get_by_text("Open now: saved scenario")).to_be_visible()
    run_finished(page)
    assert_text_only(page, app_url)
    # The box now suggests a free name: type the taken one again to be refused.
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    save.click()
    expect(page.get_by_text("already exists")).to_be_visible()
    run_finished(page)
    assert_text_only(page, app_url)

    page.get_by_test_id("stSidebarNav").get_by_text("Present", exact=True).click()
    expect(page.get_by_role("heading", name="Decision", exact=True)).to_be_visible()
    run_finished(page)
    page.get_by_text("Fill in the decision record").click()
    page.get_by_label("Owner").fill(HOSTILE_LINE)
    page.get_by_label("Rationale").fill(HOSTILE_BLOCK)
    page.get_by_role("button", name="Save the decision record").click()
    expect(page.get_by_text("Owner: Plan")).to_be_visible()  # the brief's decision lines
    assert_text_only(page, app_url)


def upload(page: Page, name: str, content: bytes) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content}
    )


@pytest.mark.opens_its_own_address
def test_uploaded_file_names(page: Page, app_url: str):
    page.goto(f"{app_url}/scenarios")
    run_finished(page)
    upload(page, f"{HOSTILE_BLOCK}.json", b"[[")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("evil")
    assert_text_only(page, app_url)

    page.goto(f"{app_url}/prices")
    run_finished(page)
    page.get_by_text("Import a LiteLLM price file").click()
    upload(page, f"{HOSTILE_BLOCK}.json", b"[[")
    # An unreadable file imports nothing, and says so as an error naming the file.
    refused = page.get_by_test_id("stExpanderDetails").get_by_test_id("stAlertContentError")
    expect(refused).to_contain_text("evil")
    assert_text_only(page, app_url)


@pytest.mark.opens_its_own_address
def test_litellm_entry_names_on_the_prices_and_what_if_pages(page: Page, app_url: str):
    page.goto(f"{app_url}/prices")
    run_finished(page)
    page.get_by_text("Import a LiteLLM price file").click()
    upload(page, "prices.json", json.dumps(HOSTILE_PRICES).encode())
    # Undated prices are flagged in a warning of their own; the refused entry has its own.
    refused = page.get_by_test_id("stExpanderDetails").get_by_test_id("stAlertContentWarning")
    expect(refused.filter(has_text="Refused")).to_contain_text("refused Plan")
    run_finished(page)
    assert_text_only(page, app_url)

    # The list shows the first options only: type to find the imported one.
    models = page.get_by_role("combobox", name="Model", exact=True)
    models.click()
    models.fill("evil")
    page.get_by_role("option").filter(has_text="evil").click()
    expect(page.get_by_text("(Plan https").first).to_be_visible()
    run_finished(page)
    assert_text_only(page, app_url)
    page.get_by_role("button", name="Send to the what-if page").click()
    expect(page.get_by_text("Prices from the catalog")).to_be_visible()
    assert_text_only(page, app_url)


def test_the_html_report_shows_user_text_as_text_and_links_nowhere(browser: Browser, tmp_path: Path):
    event = {"kind": "prompt_price_change", "day": 90, "price_factor": 0.5, "note": HOSTILE_BLOCK}
    scenario = ARTICLE.model_validate(
        ARTICLE.model_dump() | {"name": HOSTILE_LINE, "notes": HOSTILE_BLOCK, "events": [event]}
    )
    report = tmp_path / "report.html"
    report.write_text(make_report_html(build_brief(scenario, date(2026, 11, 26))))
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(report.as_uri())
    chart = page.locator(".js-plotly-plot")
    expect(chart.locator(".main-svg").first).to_be_visible()
    chart.hover()  # plotly draws its toolbar, the logo link among its buttons, on hover
    expect(chart.locator(".modebar")).to_be_attached()
    assert page.locator("a[href]").evaluate_all("links => links.map(a => a.href)") == []
    assert page.locator("img, b").count() == 0
    assert page.get_by_role("heading", level=1).inner_text() == HOSTILE_LINE
    headings = page.locator("h1, h2, h3, h4, h5, h6").all_inner_texts()
    assert [h for h in headings if "# heading" in h or h.strip().startswith("heading")] == []
    assert all(piece in page.locator("body").inner_text() for piece in PIECES)
    context.close()
