"""Present in real headless chromium: upload newer usage, read the check; on paper it stays off."""

import subprocess

import pytest
from playwright.sync_api import Page, expect

from costmodel.calibrate import calibrate, check_against_actuals
from costmodel.presets import load_presets
from costmodel.usage import read_usage
from tests.browser.conftest import wait_for_the_run_to_end
from tests.test_app_calibrate import four_weeks_growing_10_percent
from ui.state import DEFAULT_PRESET

pytestmark = pytest.mark.browser


@pytest.mark.opens_its_own_address
def test_upload_on_present_shows_the_sentence_and_prints_without_it(page: Page, app_url: str, tmp_path):
    usage_file = tmp_path / "requests.csv"
    usage_file.write_bytes(four_weeks_growing_10_percent())
    actuals = calibrate(read_usage([usage_file]))
    sentence = check_against_actuals(load_presets()[DEFAULT_PRESET].scenario, actuals).sentence(actuals)
    assert "break-even moves from day 100 to" in sentence

    page.goto(f"{app_url}/present")
    expect(page.get_by_role("heading", name="Check against what happened")).to_be_visible()
    page.locator("input[type=file]").set_input_files(str(usage_file))
    expect(page.get_by_test_id("stAlertContentInfo").get_by_text("We decided assuming")).to_have_text(
        sentence
    )
    wait_for_the_run_to_end(page)
    page.locator(".st-key-present-check").screenshot(path=str(tmp_path / "present-check.png"))

    # The printed page is full: the check stays on screen (the slides carry it), one sheet still.
    pdf = tmp_path / "present.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Fine-tuning pays for itself on day 100" in text  # the page, not a blank sheet
    assert "We decided assuming" not in text
    assert "Check against what happened" not in text


def main_width(page: Page) -> float:
    box = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert box is not None
    return box["width"]


@pytest.mark.opens_its_own_address
def test_present_stays_centered_on_load_and_after_each_upload(page: Page, app_url: str):
    """app.py's "wide" and Present's "centered" in one run left the browser on either, by turns."""
    page.goto(f"{app_url}/present")
    expect(page.get_by_role("heading", name="Check against what happened")).to_be_visible()
    wait_for_the_run_to_end(page)
    centered = main_width(page)
    assert centered < 800  # the page's sidebar is collapsed: wide would be the viewport's 1,400 px
    widths = []
    for _ in range(2):
        page.locator("input[type=file]").set_input_files("tests/fixtures/usage/requests.csv")
        expect(page.get_by_test_id("stAlertContentInfo").get_by_text("We decided assuming")).to_be_visible()
        wait_for_the_run_to_end(page)
        widths.append(main_width(page))  # the second upload adds the file again: two runs, each checked
    assert widths == [centered] * 2


# Every text in the metrics that the browser cuts off with an ellipsis.
CUT_OFF_METRIC_TEXTS = """() => [...document.querySelectorAll('[data-testid=stMetric] *')]
    .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth)
    .map(e => e.textContent)"""


@pytest.mark.opens_its_own_address
@pytest.mark.parametrize("width", [1000, 1400])
def test_what_managers_ask_next_is_whole_on_present(page: Page, app_url: str, width: int):
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(f"{app_url}/present")
    # Present's own brief gives the break-even day; the answers add what managers ask next.
    expect(
        page.get_by_test_id("stMetric").filter(has_text="Largest fine-tuned price premium")
    ).to_be_visible()
    wait_for_the_run_to_end(page)
    assert page.evaluate(CUT_OFF_METRIC_TEXTS) == []
