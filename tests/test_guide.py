"""The decision guide's verdict table (SPEC §4)."""

import pytest

from costmodel import Scenario, evaluate
from costmodel.guide import PROMPT_CHECKLIST, GuideAnswers, Verdict, recommend

COMPLETE = frozenset(PROMPT_CHECKLIST)
PAYS = evaluate(Scenario(calls_per_day=50_000, prompt_tokens=400, price_per_million=5, training_cost=2_000))
HYBRID = evaluate(
    Scenario(
        calls_per_day=10_000,
        prompt_tokens=800,
        price_per_million=5,
        finetuned_prompt_tokens=200,
        training_cost=3_000,
    )
)
LOW_VOLUME = evaluate(Scenario(calls_per_day=200, prompt_tokens=600, price_per_million=5, training_cost=500))


@pytest.mark.parametrize(
    ("prompt_has", "gaps", "examples", "result", "verdict"),
    [
        (COMPLETE - {"output_format"}, set(), 500, PAYS, Verdict.FINISH_PROMPT),
        (frozenset(), {"style"}, 1_000, PAYS, Verdict.FINISH_PROMPT),
        (COMPLETE, {"knowledge"}, 500, LOW_VOLUME, Verdict.PROMPT_ENGINEERING),
        (COMPLETE, {"behaviour"}, 500, LOW_VOLUME, Verdict.PROMPT_ENGINEERING),
        (COMPLETE, {"style"}, 500, LOW_VOLUME, Verdict.PROMPT_ENGINEERING),
        (COMPLETE, set(), 500, LOW_VOLUME, Verdict.PROMPT_ENGINEERING),
        (COMPLETE, {"style"}, 49, PAYS, Verdict.NOT_READY),
        (COMPLETE, set(), 0, PAYS, Verdict.NOT_READY),
        (COMPLETE, {"style"}, 50, PAYS, Verdict.FINE_TUNE),
        (COMPLETE, set(), 300, PAYS, Verdict.FINE_TUNE),
        (COMPLETE, {"behaviour"}, 300, PAYS, Verdict.FINE_TUNE),
        (COMPLETE, {"knowledge", "style"}, 300, PAYS, Verdict.BOTH),
        (COMPLETE, {"style"}, 300, HYBRID, Verdict.BOTH),
    ],
)
def test_verdict_table(prompt_has, gaps, examples, result, verdict):
    answers = GuideAnswers(prompt_has=prompt_has, gaps=frozenset(gaps), good_examples=examples)
    assert recommend(answers, result).verdict is verdict


def test_unfinished_prompt_names_what_is_missing():
    answers = GuideAnswers(prompt_has=COMPLETE - {"missing_input_rules", "calibration_examples"})
    reasons = recommend(answers, PAYS).reasons
    assert "rules for missing or null input; 2–3 calibration examples" in reasons[0]
    assert "70%" in reasons[1]


def test_verdict_quotes_the_cost_models_break_even_day():
    recommendation = recommend(GuideAnswers(prompt_has=COMPLETE, good_examples=300), PAYS)
    assert recommendation.break_even_day == 20
    assert any("pays for itself on day 20" in reason for reason in recommendation.reasons)


def test_knowledge_gap_points_to_rag():
    recommendation = recommend(GuideAnswers(prompt_has=COMPLETE, gaps=frozenset({"knowledge"})), LOW_VOLUME)
    assert any("retrieval (RAG)" in reason for reason in recommendation.reasons)


@pytest.mark.parametrize(
    ("examples", "advice"),
    [
        (20, "Generate synthetic examples"),
        (80, "minimum for a focused task"),
        (300, "quality beats quantity"),
    ],
)
def test_example_counts_get_the_articles_advice(examples, advice):
    recommendation = recommend(GuideAnswers(prompt_has=COMPLETE, good_examples=examples), PAYS)
    assert any(advice in reason for reason in recommendation.reasons)
