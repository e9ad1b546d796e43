"""Saving, comparing, share links, downloads and a shared PostgreSQL, in real headless chromium."""

import csv
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pptx import Presentation

from costmodel import Scenario, format_money
from tests.browser.conftest import app_server, metric_value, wait_for_the_run_to_end

pytestmark = pytest.mark.browser


def go_to(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()


def save_current(page: Page, name: str) -> None:
    go_to(page, "Scenarios")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_role("button", name="Save as a new scenario").click()
    expect(page.get_by_text("Open now: saved scenario")).to_contain_text(name)


def set_calls(page: Page, calls: int) -> None:
    go_to(page, "What-if")
    field = page.get_by_role("spinbutton", name="Calls per day", exact=True)
    field.fill(str(calls))
    field.press("Enter")
    # Wait for the metrics to show the new volume (800 tokens at $5/M): only then has the
    # rerun finished and the page is ready for more input.
    expect(metric_value(page, "Prompt overhead per day")).to_have_text(f"{format_money(calls * 0.004)}/day")


def test_saved_scenarios_appear_on_the_compare_page(page: Page):
    save_current(page, "Ten thousand calls")
    set_calls(page, 50_000)
    expect(metric_value(page, "Break-even day")).to_have_text("Day 20")
    save_current(page, "Fifty thousand calls")
    go_to(page, "Compare")
    expect(page.get_by_role("heading", name="Compare scenarios")).to_be_visible()
    legend = page.locator(".js-plotly-plot .legend", has_text="Ten thousand calls · prompt").first
    expect(legend).to_contain_text("Fifty thousand calls · fine-tuned")
    expect(page.locator(".js-plotly-plot .textpoint")).to_have_count(2)  # both break-even days marked


def test_share_link_opens_the_same_numbers_in_a_new_browser(page: Page, browser: Browser):
    set_calls(page, 25_000)
    page.get_by_role("spinbutton", name="Training cost ($)").fill("4500")
    page.get_by_role("spinbutton", name="Training cost ($)").press("Enter")
    expect(page).to_have_url(re.compile(r"training_cost=4500"))
    # The address bar changes before the metrics are redrawn: wait for them, then read.
    expect(metric_value(page, "Break-even day")).to_have_text("Day 60")
    link = page.url
    numbers = [
        metric_value(page, label).inner_text()
        for label in (
            "Break-even day",
            "Prompt overhead per day",
            "Prompt overhead per year",
            "Saved by fine-tuning",
        )
    ]
    assert numbers[0] == "Day 60"

    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(link)
    for label, number in zip(
        ("Break-even day", "Prompt overhead per day", "Prompt overhead per year", "Saved by fine-tuning"),
        numbers,
        strict=True,
    ):
        expect(metric_value(other, label)).to_have_text(number)
    expect(other.get_by_role("spinbutton", name="Calls per day", exact=True)).to_have_value("25000")
    fresh.close()


@pytest.mark.opens_its_own_address
def test_broken_share_link_shows_a_message_and_the_default(page: Page, app_url: str):
    page.goto(f"{app_url}/?calls_per_day=%3Cscript%3E&horizon_days=-4")
    expect(page.get_by_text("This link's scenario could not be read")).to_be_visible()
    expect(metric_value(page, "Break-even day")).to_have_text("Day 100")
    assert page.get_by_test_id("stException").count() == 0


def test_each_download_parses_and_the_report_opens_offline(page: Page, browser: Browser, tmp_path):
    go_to(page, "Scenarios")
    files = {}
    for label in ("Daily series (CSV)", "Scenario (JSON)", "Report (HTML, offline)", "Chart (PNG)"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        files[label] = path

    rows = list(csv.DictReader(files["Daily series (CSV)"].open()))
    assert len(rows) == 731
    assert float(rows[100]["finetune_cumulative"]) == pytest.approx(4_000)
    assert Scenario.model_validate_json(files["Scenario (JSON)"].read_text()).training_cost == 3_000
    assert files["Chart (PNG)"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    offline = browser.new_context(offline=True)
    report = offline.new_page()
    requests = []
    report.on("request", lambda request: requests.append(request.url))
    report.goto(files["Report (HTML, offline)"].as_uri())
    expect(report.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    expect(report.locator("p.headline")).to_contain_text("Fine-tuning pays for itself on day 100")
    assert all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests
    offline.close()


def test_uploaded_scenario_file_round_trips(page: Page, tmp_path):
    scenario = Scenario(
        name="Uploaded", calls_per_day=50_000, prompt_tokens=400, price_per_million=5, training_cost=5_000
    )
    path = tmp_path / "uploaded.json"
    path.write_text(scenario.model_dump_json(indent=2))
    go_to(page, "Scenarios")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.get_by_role("button", name="Use this scenario").click()
    expect(metric_value(page, "Break-even day")).to_have_text("Day 50")


def test_two_servers_sharing_one_postgresql_see_each_others_scenarios(
    browser: Browser, postgres_url, tmp_path
):
    with app_server(tmp_path, postgres_url) as first_url, app_server(tmp_path, postgres_url) as second_url:
        assert first_url != second_url
        first = browser.new_context().new_page()
        first.goto(first_url)
        expect(metric_value(first, "Break-even day")).to_have_text("Day 100")
        save_current(first, "Saved on server one")

        second = browser.new_context().new_page()
        second.goto(f"{second_url}/scenarios")
        expect(second.get_by_role("heading", name="Scenarios", exact=True)).to_be_visible()
        expect(second.get_by_role("combobox", name="Scenario")).to_have_value("Saved on server one")
        second.get_by_test_id("stBaseButton-primary").filter(has_text="Open").click()
        expect(metric_value(second, "Break-even day")).to_have_text("Day 100")
        go_to(second, "Scenarios")
        expect(second.get_by_text("Open now: saved scenario")).to_contain_text("Saved on server one")


@pytest.mark.opens_its_own_address
def test_presentation_prints_without_controls_and_with_the_whole_chart(page: Page, app_url: str):
    page.goto(f"{app_url}/present")
    expect(page.locator(".js-plotly-plot")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expanders = page.get_by_test_id("stExpander")
    expect(expanders.first).to_be_attached()
    for expander in expanders.all():  # the monthly table's and the decision record's
        expect(expander).to_be_hidden()
    a4_printable_width = (210 - 2 * 10) / 25.4 * 96  # pixels inside 10 mm margins
    assert page.locator(".js-plotly-plot").bounding_box()["width"] <= a4_printable_width
    assert len(page.pdf(format="A4")) > 10_000


def test_slides_of_a_saved_scenario_that_is_not_open(page: Page):
    # Other tests of this module share the server and its store: names of this test's own.
    save_current(page, "Slides: ten thousand calls")
    set_calls(page, 50_000)
    save_current(page, "Slides: fifty thousand calls")  # now the open one
    chooser = page.get_by_role("combobox", name="Scenario", exact=True)
    chooser.click()
    chooser.press("ArrowDown")  # opens the list even where the click only focused it
    page.get_by_role("option", name="Slides: ten thousand calls", exact=True).click()
    expect(chooser).to_have_value("Slides: ten thousand calls")
    wait_for_the_run_to_end(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Slides of this saved scenario (PPTX)").click()
    first = Presentation(str(download.value.path())).slides[0]
    texts = [shape.text_frame.text for shape in first.shapes if shape.has_text_frame]
    assert "Slides: ten thousand calls" in texts
    assert any(text.startswith("Fine-tuning pays for itself on day 100 ") for text in texts)


def test_saving_twice_under_the_suggested_name_saves_twice(page: Page):
    # The browser kept the name its box showed after a save, so a second save under it was
    # refused as a duplicate; the box now shows the next free name.
    go_to(page, "Scenarios")
    name = page.get_by_label("Name", exact=True)
    expect(name).not_to_have_value("")  # read once the page has filled it in: it read "" once
    wait_for_the_run_to_end(page)
    first = name.input_value()
    page.get_by_role("button", name="Save as a new scenario").click()
    expect(page.get_by_text("Open now: saved scenario")).to_contain_text(first)
    expect(name).to_have_value(re.compile(re.escape(first) + r" \(2\)$"))
    page.get_by_role("button", name="Save as a new scenario").click()
    expect(page.get_by_text("Open now: saved scenario")).to_contain_text(f"{first} (2)")
    expect(name).to_have_value(f"{first} (3)")
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
