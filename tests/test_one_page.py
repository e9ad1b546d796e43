"""*Download PDF*: the brief printed on one page, user text as plain text."""

from datetime import date
from html import escape
from html.parser import HTMLParser

import pytest

from costmodel.brief import CHECK_TITLE, Brief, build_brief
from costmodel.calibrate import calibrate
from costmodel.decision import DecisionRecord
from costmodel.guide import GuideAnswers
from costmodel.usage import read_usage
from render.one_page import CHART_PIXELS, chromium_path, make_one_page_pdf, one_page_html, print_to_pdf
from tests.examples import ARTICLE
from tests.pdfs import flat, link_targets, page_texts
from tests.pictures import blank_png
from tests.test_calibrate import OPENAI_PAGES

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="printing needs Debian's chromium")
TODAY = date(2026, 11, 26)


# The chart's place at its printed shape: the page lays out as with the real chart, which
# test_the_pdf_is_one_page_with_the_answer_the_inputs_the_verdict_and_the_decision prints.
CHART_STAND_IN = blank_png(CHART_PIXELS["width"] // 5, CHART_PIXELS["height"] // 5)


def printed(brief: Brief) -> bytes:
    """The one-page PDF as *Download PDF* prints it, a blank picture in the chart's place."""
    return print_to_pdf(one_page_html(brief, CHART_STAND_IN))


def pdf_of(scenario=ARTICLE, decision=None, answers=None, actuals=None) -> bytes:
    return printed(build_brief(scenario, TODAY, answers, decision, actuals))


def test_the_pdf_is_one_page_with_the_answer_the_inputs_the_verdict_and_the_decision():
    scenario = ARTICLE.model_copy(update={"name": "Support bot"})
    brief = build_brief(scenario, TODAY, decision=DecisionRecord(decision="Fine-tune", owner="Ann Lee"))
    [text] = page_texts(make_one_page_pdf(brief))
    text = flat(text)
    for expected in (
        "Support bot",
        brief.headline,
        brief.break_even_sentence,
        brief.verdict.title,
        *brief.verdict.reasons,
        *brief.section("The three assumptions that matter most").lines,
        "Decision: Fine-tune",
        "Owner: Ann Lee",
        "Made on 2026-11-26",
    ):
        assert flat(expected) in text, expected
    # The inputs the answer rests on (issue 24, point 6): training, retraining, the prompt kept,
    # the fine-tuned price and that it follows the base price.
    for expected in ("Training $3,000", "Retraining never", "200 kept after fine-tuning", "follows the base"):
        assert expected in text, expected


def test_a_long_rationale_still_prints_on_one_page_and_whole():
    reasons = [f"Reason number {n} why we decided so." for n in range(120)]
    record = DecisionRecord(decision="Fine-tune", rationale="\n".join(reasons))
    [text] = page_texts(pdf_of(decision=record))
    assert "Reason number 0 why" in flat(text)
    assert "Reason number 119 why" in flat(text)


def test_a_rationale_of_250_short_lines_flows_on_whole_lines_with_the_answer_on_page_one():
    """It came out as 2 pages, the second a sliver of a page cut through the text."""
    reasons = [f"Reason {n} holds." for n in range(250)]
    brief = build_brief(
        ARTICLE, TODAY, decision=DecisionRecord(decision="Fine-tune", rationale="\n".join(reasons))
    )
    pages = [flat(page) for page in page_texts(printed(brief))]
    assert flat(brief.headline) in pages[0]
    assert flat(brief.verdict.title) in pages[0]
    everything = " ".join(pages)
    assert all(f"Reason {n} holds." in everything for n in range(250))
    if len(pages) > 1:  # flowing on: the rationale only, and each page more than a sliver
        assert all("Reason" in page and len(page) > 400 for page in pages[1:])


def test_the_guides_verdict_is_printed_when_it_was_walked():
    answers = GuideAnswers(gaps=frozenset({"style"}), good_examples=5)
    walked = build_brief(ARTICLE, TODAY, answers)
    assert walked.verdict.verdict != build_brief(ARTICLE, TODAY).verdict.verdict
    assert f"<h2>Verdict: {walked.verdict.verdict}</h2>" in one_page_html(walked, CHART_STAND_IN)


def test_hostile_names_and_notes_print_as_written_and_link_nowhere():
    name = "Q3 https://evil.example/x <img src=x onerror=alert(1)> **bold**"
    record = DecisionRecord(
        decision="Fine-tune", owner="www.evil.example", rationale="see mailto:a@b.example"
    )
    pdf = pdf_of(ARTICLE.model_copy(update={"name": name}), record)
    assert link_targets(pdf) == []
    [text] = page_texts(pdf)
    assert flat(name) in flat(text)
    assert "Owner: www.evil.example" in flat(text)


def test_the_page_fetches_nothing():
    name = '"><script src="https://evil.example/x.js"></script>'
    html = one_page_html(build_brief(ARTICLE.model_copy(update={"name": name}), TODAY), b"png")
    addresses = []

    class Addresses(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            addresses.extend(value or "" for name, value in attrs if name in ("src", "href"))

    Addresses().feed(html)
    assert [address[:22] for address in addresses] == ["data:image/png;base64,"]


def test_the_check_against_usage_is_on_the_page_when_usage_was_given():
    """Its content, on the page that is printed (that it still fits one page: the next test)."""
    actuals = calibrate(read_usage(OPENAI_PAGES))
    brief = build_brief(ARTICLE, TODAY, actuals=actuals)
    html = one_page_html(brief, CHART_STAND_IN)
    assert f"<h2>{CHECK_TITLE}</h2><p>{escape(brief.check.sentence)}</p>" in html
    header, *rows = brief.check.rows
    assert "<tr>" + "".join(f"<th>{escape(cell)}</th>" for cell in header) + "</tr>" in html
    for row in rows:
        assert "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" in html, row
    assert CHECK_TITLE not in one_page_html(build_brief(ARTICLE, TODAY), CHART_STAND_IN)


def test_a_rationale_of_ten_paragraphs_and_the_check_fit_on_one_page():
    """The chart's height must count before it is drawn: its page once came out as two."""
    paragraph = "We looked at the volume and the price history and decided to fine-tune after the pilot. " * 3
    record = DecisionRecord(decision="Fine-tune", rationale="\n\n".join([paragraph] * 10))
    actuals = calibrate(read_usage(OPENAI_PAGES))
    [text] = page_texts(pdf_of(decision=record, actuals=actuals))
    assert "Made on" in text
