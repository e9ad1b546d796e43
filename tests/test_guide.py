"""The decision guide's verdict table (SPEC §4)."""

import itertools

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
        (COMPLETE, {"behaviour"}, 300, PAYS, Verdict.PROMPT_ENGINEERING),
        (COMPLETE, {"knowledge"}, 300, PAYS, Verdict.PROMPT_ENGINEERING),
        (COMPLETE, {"knowledge", "behaviour"}, 300, HYBRID, Verdict.PROMPT_ENGINEERING),
        (COMPLETE, {"knowledge", "style"}, 300, PAYS, Verdict.BOTH),
        (COMPLETE, {"behaviour", "style"}, 300, PAYS, Verdict.BOTH),
        (COMPLETE, {"style"}, 300, HYBRID, Verdict.BOTH),
    ],
)
def test_verdict_table(prompt_has, gaps, examples, result, verdict):
    answers = GuideAnswers(prompt_has=prompt_has, gaps=frozenset(gaps), good_examples=examples)
    assert recommend(answers, result).verdict is verdict


def spec_section_4(complete: bool, gaps: frozenset[str], pays_back: bool, examples: int, kept_prompt: bool):
    """SPEC §4's four steps in order, as a user would walk them."""
    if not complete:
        return Verdict.FINISH_PROMPT  # step 1
    if gaps and "style" not in gaps:
        return Verdict.PROMPT_ENGINEERING  # step 2: RAG for facts, prompting for behaviour
    if not pays_back:
        return Verdict.PROMPT_ENGINEERING  # step 3: the volume does not pay for it
    if examples < 50:
        return Verdict.NOT_READY  # step 4
    return Verdict.BOTH if gaps - {"style"} or kept_prompt else Verdict.FINE_TUNE


GAP_SETS = [
    frozenset(gaps)
    for n in range(4)
    for gaps in itertools.combinations(("behaviour", "knowledge", "style"), n)
]


@pytest.mark.parametrize("complete", [True, False])
@pytest.mark.parametrize("gaps", GAP_SETS, ids=lambda gaps: "+".join(sorted(gaps)) or "no gap")
@pytest.mark.parametrize(
    "result", [PAYS, HYBRID, LOW_VOLUME], ids=["pays", "pays with kept prompt", "low volume"]
)
@pytest.mark.parametrize("examples", [0, 49, 50, 100, 500])
def test_every_combination_of_answers_follows_the_four_steps(complete, gaps, result, examples):
    answers = GuideAnswers(
        prompt_has=COMPLETE if complete else COMPLETE - {"role"}, gaps=gaps, good_examples=examples
    )
    kept_prompt = result.scenario.finetuned_prompt_tokens > 0
    expected = spec_section_4(complete, gaps, result.pays_back, examples, kept_prompt)
    recommendation = recommend(answers, result)
    assert recommendation.verdict is expected
    if "knowledge" in gaps and complete:
        assert recommendation.verdict is not Verdict.FINE_TUNE
        assert any("retrieval (RAG)" in reason for reason in recommendation.reasons)


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
