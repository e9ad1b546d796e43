"""The Present page prints as one page (issue 12: page 2 used to come out blank)."""

import subprocess

from playwright.sync_api import Browser, expect

from tests.browser.conftest import wait_for_the_run_to_end


def test_the_present_page_prints_on_one_page(browser: Browser, app_url: str, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/present")
    expect(page.locator(".js-plotly-plot")).to_be_visible()
    wait_for_the_run_to_end(page)
    pdf = tmp_path / "present.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    context.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    [pages] = [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")]
    assert pages == "1"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Break-even" in text or "break-even" in text  # the page, not a blank sheet
    assert "Download" not in text  # no buttons on paper
