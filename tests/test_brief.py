"""One brief, one story: Present, the one-page PDF, the slides and the report say the same
headline, break-even and verdict, and the brief says what the model says."""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from costmodel import evaluate
from costmodel.brief import build_brief
from costmodel.decision import DECISIONS, DecisionRecord
from costmodel.explain import describe_price_origin
from costmodel.files import parse_scenario_entries, scenario_file_json
from costmodel.finance import npv_of_finetuning
from costmodel.guide import GAPS, PROMPT_CHECKLIST, GuideAnswers, Verdict
from costmodel.sharing import scenario_from_query, scenario_to_query
from pricing.apply import apply_prices
from pricing.litellm import import_litellm
from pricing.records import load_catalog
from render import deck
from render.one_page import one_page_html
from render.report import make_report_html
from tests.app_helpers import shown, start_app
from tests.examples import ARTICLE
from tests.pictures import blank_png
from tests.strategies import scenarios

TODAY = date.today()  # Present makes its brief today

guide_answers = st.builds(
    GuideAnswers,
    prompt_has=st.frozensets(st.sampled_from(list(PROMPT_CHECKLIST))),
    gaps=st.frozensets(st.sampled_from(list(GAPS))),
    good_examples=st.sampled_from([0, 20, 80, 300]),
) | st.just(GuideAnswers())
records = st.none() | st.builds(
    DecisionRecord,
    decision=st.sampled_from(DECISIONS),
    owner=st.text(max_size=30),
    rationale=st.text(max_size=200),
)


def html_story(html: str) -> tuple[str, str, str]:
    """Headline, break-even sentence and verdict as the page's reader sees them."""

    def text_of(pattern: str) -> str:
        [found] = re.findall(pattern, html)
        return unescape(found)

    return (
        text_of(r'<p class="headline">(.*?)</p>'),
        text_of(r"<p>(Break-even: .*?)</p>"),
        text_of(r"<h2>(Verdict.*?)</h2>"),
    )


def deck_story(slides: bytes) -> tuple[str, str, str]:
    shown_slides = Presentation(io.BytesIO(slides)).slides

    def texts(slide) -> list[str]:
        return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]

    answer, chart, verdict = (texts(slide) for slide in list(shown_slides)[:3])
    return answer[1], chart[0], verdict[0]


def present_story(scenario, answers, record) -> tuple[str, str, str]:
    at = start_app()
    at.session_state["scenario"] = scenario
    at.session_state["guide_answers"] = answers
    at.session_state["decision_record"] = record
    at.switch_page("pages/present.py").run()
    assert not at.exception
    [headline] = [shown(m.value)[4:] for m in at.markdown if m.value.startswith("### ")]
    [sentence] = [shown(m.value) for m in at.markdown if shown(m.value).startswith("Break-even: ")]
    [verdict] = [shown(s.value) for s in at.subheader if shown(s.value).startswith("Verdict")]
    return headline, sentence, verdict


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(scenarios(every_field=True), guide_answers, records)
def test_the_four_outputs_tell_one_story(scenario, answers, record):
    """Random full-featured scenarios, guide answers and decision records: each output's
    headline, break-even sentence and verdict are the same, and say what the model says."""
    brief = build_brief(scenario, TODAY, answers, record)
    with pytest.MonkeyPatch.context() as patch:  # the real chart is checked in test_deck
        patch.setattr(deck, "chart_png", lambda brief: blank_png())
        slides = deck.make_deck(brief)
    stories = {
        "Present": present_story(scenario, answers, record),
        "PDF": html_story(one_page_html(brief, b"png")),
        "slides": deck_story(slides),
        "report": html_story(make_report_html(brief)),
    }
    assert len(set(stories.values())) == 1, stories
    headline, sentence, verdict = stories["Present"]
    result = evaluate(scenario)
    if result.pays_back:
        assert sentence.startswith(f"Break-even: fine-tuning pays back on day {result.break_even_day:,} (")
    else:
        assert sentence == f"Break-even: fine-tuning does not pay back within {scenario.horizon_days:,} days."
    assert ("pays for itself on day" in headline or "cheaper from the start" in headline) == result.pays_back
    on_cost_alone = answers == GuideAnswers()
    assert verdict.startswith("Verdict on cost alone: " if on_cost_alone else "Verdict: ")


def test_the_guide_page_and_present_show_one_verdict_when_the_guide_was_not_walked():
    """Present said "Both" on cost alone while the guide page said "Finish the prompt first"."""
    at = start_app("pages/decision_guide.py")
    [guide_verdict] = [shown(header.value) for header in at.header if "Verdict" in header.value]
    at.switch_page("pages/present.py").run()
    [present_verdict] = [shown(s.value) for s in at.subheader if shown(s.value).startswith("Verdict")]
    assert guide_verdict == present_verdict == "Verdict on cost alone: Fine-tune and keep a short prompt"


def test_the_deck_says_when_the_recorded_decision_differs_from_the_verdict():
    walked = GuideAnswers(good_examples=300)  # nothing ticked, examples typed: walked
    brief = build_brief(ARTICLE, TODAY, walked, DecisionRecord(decision="Fine-tune"))
    assert brief.verdict.verdict == Verdict.FINISH_PROMPT
    assert "The recorded decision differs from the verdict (Finish the prompt first)." in brief.decision
    agreeing = build_brief(ARTICLE, TODAY, walked, DecisionRecord(decision="Prompt engineering"))
    assert not any("differs" in line for line in agreeing.decision)


def test_every_verdict_names_the_decision_it_recommends():
    from costmodel.decision import DECISION_FOR_VERDICT

    assert set(DECISION_FOR_VERDICT) == {verdict.value for verdict in Verdict}
    assert set(DECISION_FOR_VERDICT.values()) <= set(DECISIONS)


class TestTheInputsTheAnswerRestsOn:
    """Training, retraining, the prompt kept and the fine-tuned price, and whether it follows the
    base price, are on Present and in the PDF (issue 24, point 6)."""

    def test_the_brief_names_them(self):
        scenario = ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_000})
        facts = {fact.label: fact.value for fact in build_brief(scenario, TODAY).sections[0].facts}
        assert facts["Training"] == "$3,000"
        assert facts["Retraining"] == "$2,000 every 90 days"
        assert facts["Prompt tokens per call"] == "800 now; 200 kept after fine-tuning"
        assert facts["Fine-tuned input price"].endswith(
            "follows the base input price (no price of its own is set)"
        )
        own = scenario.model_copy(update={"finetuned_price_per_million": 7.5})
        own_facts = {fact.label: fact.value for fact in build_brief(own, TODAY).sections[0].facts}
        assert own_facts["Fine-tuned input price"] == "$7.50 per 1M tokens (typed)"

    def test_present_shows_them(self):
        at = start_app("pages/present.py")
        text = " ".join(shown(m.value) for m in at.markdown)
        for expected in ("| Training | $3,000 |", "| Retraining | never |", "200 kept after fine-tuning"):
            assert expected in text, expected
        assert "follows the base input price" in text

    def test_what_if_says_the_fine_tuned_price_follows_the_base_price(self):
        at = start_app()
        captions = [shown(caption.value) for caption in at.caption]
        assert any(
            caption.startswith("Fine-tuned input price: $5.00 per 1M tokens: follows the base input price")
            for caption in captions
        )


class TestFinanceAndLatencyOnEveryOutput:
    """NPV, the discounted break-even day, the IRR and each path's latency are on Present and in
    the one-page PDF too, not only on the slides and in the report (issue 22)."""

    SCENARIO = ARTICLE.model_copy(
        update={"discount_rate_percent_per_year": 10, "prefill_ms_per_thousand_tokens": 50}
    )
    EXPECTED = (
        # $18,900 saved undiscounted; at 10% a year each day's saving is worth less.
        ("NPV of fine-tuning over 2 years", f"${npv_of_finetuning(evaluate(SCENARIO)):,.0f}"),
        ("Discounted break-even", "day 102"),
        ("IRR of fine-tuning", "over 1,000% a year: far above any cost of capital"),
        ("Prompt path latency", "40 ms to read the prompt"),  # 800 tokens at 50 ms per 1,000
        ("Fine-tuned path latency", "10 ms to read the prompt"),
    )

    def test_present_shows_them(self):
        at = start_app()
        at.session_state["scenario"] = self.SCENARIO
        at.switch_page("pages/present.py").run()
        assert not at.exception
        tables = " ".join(shown(m.value) for m in at.markdown)
        for label, value in self.EXPECTED:
            assert f"| {label} | {value} |" in tables, label
        headings = [shown(s.value) for s in at.subheader]
        assert {"The numbers finance asks for", "Latency of each path"} <= set(headings)

    @pytest.mark.parametrize(
        "html_of",
        [lambda brief: one_page_html(brief, b"png"), make_report_html],
        ids=["one-page PDF", "report"],
    )
    def test_the_pdf_and_the_report_show_them(self, html_of):
        html = html_of(build_brief(self.SCENARIO, TODAY))
        for label, value in self.EXPECTED:
            assert f"<tr><th>{label}</th><td>{value}</td></tr>" in html, label


class TestPriceProvenanceTravels:
    """Where each price came from is the scenario's: the share link and the saved file carry it,
    and a source is named only for a price that came from it (issue 24, point 4)."""

    @pytest.fixture
    def sent(self):
        record = next(r for r in load_catalog() if r.input_per_million is not None and r.read_on is not None)
        return record, apply_prices(ARTICLE, record, date(2026, 11, 26)).scenario

    def test_sending_catalog_prices_records_the_record_and_its_date(self, sent):
        record, scenario = sent
        source = scenario.price_source("price_per_million")
        assert (source.origin, source.record, source.read_on) == ("catalog", record.key, record.read_on)
        assert f"the price catalog: {record.key}, read {record.read_on.isoformat()}" in " ".join(
            build_brief(scenario, TODAY).section("Prices: where they came from").lines
        )

    def test_the_share_link_and_the_saved_file_carry_it(self, sent):
        _, scenario = sent
        from_link, problems = scenario_from_query(scenario_to_query(scenario))
        assert problems == []
        assert from_link.price_sources == scenario.price_sources
        [entry] = parse_scenario_entries(scenario_file_json(scenario), "saved.json")
        assert entry.scenario.price_sources == scenario.price_sources

    def test_a_price_typed_over_is_typed(self, sent):
        _, scenario = sent
        typed = scenario.model_copy(update={"price_per_million": 4.321})
        assert typed.price_source("price_per_million") is None
        assert (
            "Input price: $4.321 per 1M tokens (typed)."
            in build_brief(typed, TODAY).section("Prices: where they came from").lines
        )

    def test_a_litellm_import_is_named_as_one(self):
        imported = import_litellm(
            {"gpt-4o": {"input_cost_per_token": 2.5e-6, "litellm_provider": "openai"}}, date(2026, 10, 1)
        )
        [record] = imported.records
        scenario = apply_prices(ARTICLE, record, date(2026, 11, 26)).scenario
        assert describe_price_origin(scenario, "price_per_million").startswith(
            "a LiteLLM price file: openai · gpt-4o, read 2026-10-01"
        )
