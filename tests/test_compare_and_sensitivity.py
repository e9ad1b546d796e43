"""Side-by-side tables and the inputs the savings hang on."""

import pytest

from costmodel import evaluate
from costmodel.compare import comparison_table, differing_rows
from costmodel.guide import Verdict, cost_verdict
from costmodel.sensitivity import savings_swings
from tests.examples import ARTICLE


def test_table_has_a_column_per_scenario_and_marks_differences():
    named = [("A", evaluate(ARTICLE)), ("B", evaluate(ARTICLE.model_copy(update={"calls_per_day": 50_000})))]
    table = comparison_table(named)
    assert list(table.columns) == ["A", "B"]
    assert table.loc["break-even day"].tolist() == ["day 100", "day 20"]
    assert table.loc["calls per day"].tolist() == ["10,000", "50,000"]
    assert table.loc["retrain every (days)"].tolist() == ["never", "never"]
    different = differing_rows(table)
    assert "calls per day" in different
    assert "training cost ($)" not in different


def test_outcomes_come_before_the_inputs():
    table = comparison_table([("A", evaluate(ARTICLE)), ("B", evaluate(ARTICLE))])
    assert table.index.tolist()[:7] == [
        "break-even day",
        "fine-tuning pays back",
        "saved by fine-tuning",
        "prompt path total",
        "fine-tuned path total",
        "saving per day",
        "prompt overhead per year",
    ]
    assert table.loc["fine-tuning pays back"].tolist() == ["yes", "yes"]


def test_swing_is_the_savings_range_when_one_input_moves_20_percent():
    [calls] = [s for s in savings_swings(ARTICLE) if s.field == "calls_per_day"]
    # Savings = 730 * calls * 600 * 5 / 1e6 - 3,000: 8,000 calls give $14,520, 12,000 give $23,280.
    assert (calls.low_value, calls.high_value) == (8_000, 12_000)
    assert calls.savings_low == pytest.approx(14_520)
    assert calls.savings_high == pytest.approx(23_280)
    assert calls.swing == pytest.approx(8_760)


def test_inputs_that_are_zero_or_unset_have_no_swing():
    fields = {s.field for s in savings_swings(ARTICLE)}
    assert "output_tokens" not in fields
    assert "retrain_every_days" not in fields


def test_retraining_cadence_moves_in_whole_days():
    [cadence] = [
        s
        for s in savings_swings(ARTICLE.model_copy(update={"retrain_every_days": 91}))
        if s.field == "retrain_every_days"
    ]
    assert (cadence.low_value, cadence.high_value) == (73, 109)


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, Verdict.BOTH),
        ({"finetuned_prompt_tokens": 0}, Verdict.FINE_TUNE),
        ({"calls_per_day": 100}, Verdict.PROMPT_ENGINEERING),
    ],
)
def test_verdict_on_cost_alone(changes, verdict):
    assert cost_verdict(evaluate(ARTICLE.model_copy(update=changes))) is verdict
