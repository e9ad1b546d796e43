"""Break-even has one meaning everywhere: the day fine-tuning pays back for good (docs/MODEL.md §4).

The issue's example: the article's scenario retrained every 90 days at $2,000 over 200 days is
ahead on day 167 and behind again from day 180: it does not pay back, so it does not break even,
in the model, Monte Carlo, the frontier, the comparison table, the usage check and the CLI.
"""

from __future__ import annotations

import numpy as np

from costmodel import evaluate
from costmodel.cli import result_record, results_table
from costmodel.compare import comparison_table
from costmodel.explain import break_even_words
from costmodel.frontier import break_even_grid, frontier_grid
from costmodel.montecarlo import MonteCarloRun, Range, run_monte_carlo
from tests.examples import ARTICLE

AHEAD_THEN_BEHIND = ARTICLE.model_copy(
    update={"retrain_every_days": 90, "retrain_cost": 2_000, "horizon_days": 200}
)


def test_ahead_for_a_while_is_not_break_even_in_any_words():
    result = evaluate(AHEAD_THEN_BEHIND)
    assert result.first_ahead_day == 167
    assert break_even_words(result) == "not within 200 days"
    assert comparison_table([("x", result)])["x"]["break-even day"] == "not within 200 days"
    assert "not within 200" in results_table([result_record(AHEAD_THEN_BEHIND)])


def test_monte_carlo_break_even_days_are_days_that_pay_back():
    """No draw's break-even day is one on which it does not pay back: the median is 'none' when
    fewer than half pay back."""
    ranges = (Range(field="calls_per_day", low=8_000, likely=10_000, high=12_000),)
    outcome = run_monte_carlo(AHEAD_THEN_BEHIND, MonteCarloRun(ranges=ranges, draws=2_000))
    assert np.array_equal(np.isfinite(outcome.break_even_days), outcome.pays_back)
    if outcome.payback_probability < 0.5:
        assert outcome.break_even_percentile(50) is None


def test_the_frontier_colours_no_day_on_which_fine_tuning_is_behind_later():
    """$0 of training at 100 calls a day: ahead on day 0, behind from the first $2,000 retraining."""
    scenario = AHEAD_THEN_BEHIND.model_copy(update={"horizon_days": 730})
    day = break_even_grid(scenario, np.array([100.0]), np.array([0.0]), "training_cost")
    assert np.isinf(day).all()
    free = scenario.model_copy(update={"calls_per_day": 100, "training_cost": 0})
    assert evaluate(free).break_even_day is None
    grid = frontier_grid(scenario, by="training_cost")
    assert np.isinf(grid.break_even[0, 0])
