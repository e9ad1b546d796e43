"""*Download PDF*: the Present page's content printed on one page, user text as plain text."""

from datetime import date
from html.parser import HTMLParser

import pytest

from costmodel import evaluate, headline
from costmodel.calibrate import calibrate
from costmodel.decision import DecisionRecord
from costmodel.guide import GuideAnswers
from costmodel.sensitivity import key_assumptions
from costmodel.usage import read_usage
from render.deck import CHECK_TITLE, check_in_words, verdict_lines
from render.one_page import chromium_path, make_one_page_pdf, one_page_html
from tests.examples import ARTICLE
from tests.pdfs import flat, link_targets, page_texts
from tests.test_calibrate import OPENAI_PAGES

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="printing needs Debian's chromium")
TODAY = date(2026, 11, 26)


def test_the_pdf_is_one_page_with_the_answer_the_verdict_and_the_decision():
    result = evaluate(ARTICLE.model_copy(update={"name": "Support bot"}))
    record = DecisionRecord(
        decision="Fine-tune", owner="Ann Lee", decided_on=TODAY, rationale="Volume is real."
    )
    pdf = make_one_page_pdf(result, TODAY, record)
    [text] = page_texts(pdf)
    text = flat(text)
    verdict, reasons = verdict_lines(result, None)
    for expected in (
        "Support bot",
        headline(result),
        "day 100 (3.3 months)",
        f"Verdict: {verdict}",
        *reasons,
        *key_assumptions(result),
        "Decision: Fine-tune",
        "Owner: Ann Lee",
        "Rationale: Volume is real.",
        "Made on 2026-11-26",
    ):
        assert flat(expected) in text, expected


def test_a_long_rationale_still_prints_on_one_page_and_whole():
    reasons = [f"Reason number {n} why we decided so." for n in range(120)]
    record = DecisionRecord(decision="Fine-tune", rationale="\n".join(reasons))
    [text] = page_texts(make_one_page_pdf(evaluate(ARTICLE), TODAY, record))
    assert "Reason number 0 why" in flat(text)
    assert "Reason number 119 why" in flat(text)


def test_the_guides_verdict_is_printed_when_it_was_walked():
    answers = GuideAnswers(gaps=frozenset({"style"}), good_examples=5)
    result = evaluate(ARTICLE)
    verdict, _ = verdict_lines(result, answers)
    assert verdict != verdict_lines(result, None)[0]
    [text] = page_texts(make_one_page_pdf(result, TODAY, answers=answers))
    assert f"Verdict: {verdict}" in flat(text)


def test_hostile_names_and_notes_print_as_written_and_link_nowhere():
    name = "Q3 https://evil.example/x <img src=x onerror=alert(1)> **bold**"
    record = DecisionRecord(
        decision="Fine-tune", owner="www.evil.example", rationale="see mailto:a@b.example"
    )
    pdf = make_one_page_pdf(evaluate(ARTICLE.model_copy(update={"name": name})), TODAY, record)
    assert link_targets(pdf) == []
    [text] = page_texts(pdf)
    assert flat(name) in flat(text)
    assert "Owner: www.evil.example" in flat(text)


def test_the_page_fetches_nothing():
    name = '"><script src="https://evil.example/x.js"></script>'
    html = one_page_html(evaluate(ARTICLE.model_copy(update={"name": name})), TODAY, None, None, b"png")
    addresses = []

    class Addresses(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            addresses.extend(value or "" for name, value in attrs if name in ("src", "href"))

    Addresses().feed(html)
    assert [address[:22] for address in addresses] == ["data:image/png;base64,"]


def test_the_check_against_usage_is_printed_when_usage_was_given():
    actuals = calibrate(read_usage(OPENAI_PAGES))
    result = evaluate(ARTICLE)
    sentence, rows, _ = check_in_words(result, actuals)
    [text] = page_texts(make_one_page_pdf(result, TODAY, actuals=actuals))
    text = flat(text)
    assert CHECK_TITLE in text
    assert flat(sentence) in text
    for row in rows:
        assert flat(" ".join(row)) in text, row
    [without] = page_texts(make_one_page_pdf(result, TODAY))
    assert CHECK_TITLE not in flat(without)


def test_a_rationale_of_ten_paragraphs_and_the_check_fit_on_one_page():
    """The chart's height must count before it is drawn: its page once came out as two."""
    paragraph = "We looked at the volume and the price history and decided to fine-tune after the pilot. " * 3
    record = DecisionRecord(decision="Fine-tune", rationale="\n\n".join([paragraph] * 10))
    actuals = calibrate(read_usage(OPENAI_PAGES))
    [text] = page_texts(make_one_page_pdf(evaluate(ARTICLE), TODAY, record, actuals=actuals))
    assert "Prices used" in text
