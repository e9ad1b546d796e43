"""The Present page on paper: printed by the browser and as *Download PDF*, one page each
(issue 12: page 2 used to come out blank)."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, expect
from pptx import Presentation

from tests.browser.conftest import wait_for_the_run_to_end
from tests.pdfs import flat, page_texts

ARTICLE_LINK = {
    "calls_per_day": "10000",
    "prompt_tokens": "800",
    "price_per_million": "5",
    "finetuned_prompt_tokens": "200",
    "training_cost": "3000",
}


def test_the_present_page_prints_on_one_page(browser: Browser, app_url: str, tmp_path):
    """Every section a brief can have, the finance and latency ones too, and the decision last:
    all on one sheet."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    every_section = ARTICLE_LINK | {
        "discount_rate_percent_per_year": "10",
        "prefill_ms_per_thousand_tokens": "50",
    }
    page.goto(f"{app_url}/present?" + urlencode(every_section))
    expect(page.locator(".js-plotly-plot")).to_be_visible()
    wait_for_the_run_to_end(page)
    pdf = page.pdf(format="A4", print_background=True)
    context.close()
    [text] = page_texts(pdf)
    assert "break-even" in text.lower()  # the page, not a blank sheet
    assert "Download" not in text  # no buttons on paper
    for heading in ("The numbers finance asks for", "Latency of each path", "No decision recorded yet."):
        assert heading in flat(text), heading


@pytest.mark.parametrize(
    "name",
    [None, "Support\uffff bot \u202eevil\u202c\x01"],
    ids=["the-example", "a-noncharacter-and-controls-in-the-name"],
)
def test_download_pdf_and_slides_from_present(browser: Browser, app_url: str, name: str | None):
    """Both are made after the click, outside the page's run: they once failed there, and U+FFFF
    in a name made *Download slides* silently do nothing."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{app_url}/present" + ("" if name is None else "?" + urlencode(ARTICLE_LINK | {"name": name})))
    headline = page.get_by_role("heading", level=3).first
    expect(headline).to_contain_text("Fine-tuning")
    wait_for_the_run_to_end(page)
    wanted = flat(headline.inner_text())
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download PDF (one page)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    pdf = download.value.path().read_bytes()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download slides (PPTX)").click()
    slides = Presentation(str(download.value.path()))
    context.close()
    [text] = page_texts(pdf)
    assert wanted in flat(text)
    assert "Verdict on cost alone:" in text
    answer = " ".join(shape.text_frame.text for shape in slides.slides[0].shapes if shape.has_text_frame)
    assert wanted in flat(answer)
    if name is not None:
        assert "Support bot evil" in answer
