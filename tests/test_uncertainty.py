"""Monte Carlo, the break-even frontier, the tornado and the token counter."""

from datetime import date

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from costmodel import Scenario, evaluate
from costmodel.frontier import break_even_grid, frontier_grid
from costmodel.model import NEVER
from costmodel.montecarlo import UNCERTAIN_INPUTS, MonteCarloRun, Range, default_ranges, run_monte_carlo
from costmodel.questions import minimum_calls_per_day
from costmodel.scenario import MAX_RETRAIN_EVERY_DAYS, Event, SelfHosting
from costmodel.sensitivity import savings_swings
from costmodel.tokens import count_tokens, token_ids
from render.uncertainty_charts import make_tornado
from tests.examples import ARTICLE
from tests.strategies import scenarios

RICH = ARTICLE.model_copy(
    update={
        "horizon_days": 1_825,
        "retrain_every_days": 180,
        "retrain_cost": 1_000,
        "calls_growth_percent_per_month": 2,
        "prompt_price_change_percent_per_year": -20,
        "hosting_cost_per_day": 3,
        "prompt_error_percent": 2,
        "finetune_error_percent": 1,
        "cost_per_error": 0.5,
        "prompt_setup_cost": 500,
        "events": (
            Event(kind="forced_retraining", day=400, cost=700),
            Event(kind="finetune_price_change", day=300, price_factor=0.8),
            Event(kind="finetune_ends", day=1_500),
        ),
    }
)


def zero_width(scenario: Scenario) -> MonteCarloRun:
    ranges = []
    for field in UNCERTAIN_INPUTS:
        value = getattr(scenario, field)
        if value is not None:
            ranges.append(Range(field=field, low=value, likely=value, high=value))
    return MonteCarloRun(ranges=tuple(ranges), draws=20)


@pytest.mark.parametrize(
    "scenario",
    [
        ARTICLE,
        RICH,
        RICH.model_copy(
            update={"self_hosting": SelfHosting(tokens_per_second_per_gpu=300, gpu_hour_price=2)}
        ),
        ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_000}),
        Scenario(calls_per_day=200, prompt_tokens=600, price_per_million=5, training_cost=500),
    ],
    ids=["article", "every feature", "self-hosted", "lead changes", "never within horizon"],
)
def test_monte_carlo_with_zero_width_ranges_equals_the_deterministic_model(scenario):
    outcome = run_monte_carlo(scenario, zero_width(scenario))
    result = evaluate(scenario)
    assert {outcome.break_even_percentile(p) for p in (0, 50, 100)} == {result.break_even_day}
    assert outcome.payback_probability == (1.0 if result.pays_back else 0.0)
    np.testing.assert_allclose(outcome.savings, result.savings, rtol=1e-9)
    np.testing.assert_allclose(
        outcome.fan[50],
        (result.prompt_cumulative - result.finetune_cumulative)[outcome.fan_days],
        rtol=1e-9,
        atol=1e-6,
    )


@settings(max_examples=30, deadline=None)
@given(scenarios())
def test_zero_width_monte_carlo_matches_evaluate_on_random_scenarios(scenario):
    outcome = run_monte_carlo(scenario, zero_width(scenario))
    result = evaluate(scenario)
    assert outcome.break_even_percentile(50) == result.break_even_day
    assert bool(outcome.pays_back[0]) is result.pays_back
    assert outcome.savings[0] == pytest.approx(result.savings, rel=1e-9, abs=1e-6)


def test_same_seed_same_percentiles_and_another_seed_differs():
    run = MonteCarloRun(ranges=default_ranges(RICH), draws=2_000, seed=7)
    first, second = run_monte_carlo(RICH, run), run_monte_carlo(RICH, run)
    assert [first.break_even_percentile(p) for p in (10, 50, 90)] == [
        second.break_even_percentile(p) for p in (10, 50, 90)
    ]
    np.testing.assert_array_equal(first.savings, second.savings)
    other = run_monte_carlo(RICH, run.model_copy(update={"seed": 8}))
    assert not np.array_equal(first.savings, other.savings)


def test_payback_probability_and_percentiles_are_ordered():
    outcome = run_monte_carlo(ARTICLE, MonteCarloRun(ranges=default_ranges(ARTICLE), draws=5_000))
    assert 0 < outcome.payback_probability <= 1
    p10, p50, p90 = (outcome.break_even_percentile(p) for p in (10, 50, 90))
    assert p10 <= p50 <= p90
    assert outcome.savings_percentile(10) <= outcome.savings_percentile(90)


def test_a_range_that_never_pays_back_is_reported_as_none():
    slow = Scenario(calls_per_day=200, prompt_tokens=600, price_per_million=5, training_cost=500)
    outcome = run_monte_carlo(
        slow, MonteCarloRun(ranges=(Range(field="calls_per_day", low=100, likely=200, high=220),), draws=500)
    )
    assert outcome.payback_probability == 0
    assert outcome.break_even_percentile(50) is None


@pytest.mark.parametrize(
    ("low", "likely", "high", "problem"),
    [(5, 3, 8, "low <= likely <= high"), (-1, 0, 1, "must be 0 or more")],
)
def test_ranges_must_be_ordered_and_not_negative(low, likely, high, problem):
    with pytest.raises(ValueError, match=problem):
        Range(field="calls_per_day", low=low, likely=likely, high=high)


def test_pert_and_triangular_draws_stay_in_range():
    rng = np.random.default_rng(1)
    for shape in ("pert", "triangular"):
        values = Range(field="calls_per_day", low=10, likely=12, high=20, shape=shape).draw(rng, 10_000)
        assert values.min() >= 10
        assert values.max() <= 20
        assert 11 < np.median(values) < 15


class TestFrontier:
    def test_the_article_breaks_even_on_day_100(self):
        assert (
            break_even_grid(ARTICLE, np.array([10_000.0]), np.array([600.0]), "prompt_tokens_saved")[0, 0]
            == 100
        )

    @settings(max_examples=60, deadline=None)
    @given(
        scenarios(every_field=True),
        st.sampled_from(["prompt_tokens_saved", "training_cost"]),
        st.lists(st.floats(0, 500_000), min_size=1, max_size=3),
        st.lists(st.floats(0, 5_000), min_size=1, max_size=3),
    )
    @example(  # the longest retraining interval a scenario takes: numpy's whole numbers must not overflow
        ARTICLE.model_copy(update={"retrain_every_days": MAX_RETRAIN_EVERY_DAYS}),
        "prompt_tokens_saved",
        [10_000.0],
        [600.0],
    )
    def test_every_cell_is_the_daily_models_answer_for_that_point(self, scenario, by, calls, others):
        grid = break_even_grid(scenario, np.array(calls), np.array(others), by)
        for row, other in enumerate(others):
            for column, volume in enumerate(calls):
                point = {"calls_per_day": volume} | (
                    {"training_cost": other}
                    if by == "training_cost"
                    else {"prompt_tokens": scenario.finetuned_prompt_tokens + other}
                )
                expected = evaluate(scenario.model_copy(update=point)).break_even_day
                assert grid[row, column] == (NEVER if expected is None else expected)

    def test_the_longest_retraining_interval_draws_the_grid_of_no_retraining(self):
        longest = ARTICLE.model_copy(update={"retrain_every_days": MAX_RETRAIN_EVERY_DAYS})
        frontier = frontier_grid(longest, size=20)
        # No retraining falls within the horizon: the grid without retraining.
        np.testing.assert_array_equal(frontier.break_even, frontier_grid(ARTICLE, size=20).break_even)

    @pytest.mark.parametrize(
        "scenario",
        [
            ARTICLE,
            ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_000}),
            ARTICLE.model_copy(
                update={"hosting_cost_per_day": 5, "retrain_every_days": 60, "retrain_cost": 500}
            ),
            Scenario(calls_per_day=200, prompt_tokens=600, price_per_million=5, training_cost=500),
        ],
    )
    def test_minimum_calls_per_day_is_the_edge_of_paying_back(self, scenario):
        minimum = minimum_calls_per_day(scenario)
        assert isinstance(minimum, int)
        assert evaluate(scenario.model_copy(update={"calls_per_day": minimum})).pays_back
        assert not evaluate(scenario.model_copy(update={"calls_per_day": minimum - 1})).pays_back

    def test_article_needs_1370_calls_a_day_to_pay_back_in_two_years(self):
        # $3,000 / (730 days x 600 tokens x $5/M) = 1,369.9 calls a day: 1,370 whole calls.
        assert minimum_calls_per_day(ARTICLE) == 1_370

    def test_no_saving_per_call_means_no_volume_pays(self):
        assert minimum_calls_per_day(ARTICLE.model_copy(update={"finetuned_price_per_million": 50})) is None

    def test_grid_is_100_by_100_and_marks_never_as_never(self):
        frontier = frontier_grid(ARTICLE)
        assert frontier.break_even.shape == (100, 100)
        assert frontier.break_even[0, 0] == NEVER  # no prompt saved: never
        assert frontier.break_even.min() >= 0


def test_tornado_bars_are_the_hand_computed_swings():
    swings = savings_swings(ARTICLE)
    figure = make_tornado(swings, evaluate(ARTICLE).savings, ARTICLE)
    low_bar = figure.data[0]
    calls_row = list(low_bar.y).index("calls per day")
    # Base $18,900; 8,000 calls save $14,520: the bar runs from the base 4,380 to the left.
    assert low_bar.base == pytest.approx(18_900)
    assert low_bar.x[calls_row] == pytest.approx(14_520 - 18_900)
    assert list(low_bar.y)[-1] == swings[0].label  # widest swing drawn on top


def test_token_counts_match_tiktoken_ids():
    assert token_ids("hello world") == [24912, 2375]
    assert token_ids("hello world", "cl100k_base") == [15339, 1917]
    assert count_tokens("hello world") == {"o200k_base": 2, "cl100k_base": 2}
    assert count_tokens("") == {"o200k_base": 0, "cl100k_base": 0}


def test_dates_in_events_work_in_monte_carlo():
    dated = ARTICLE.model_copy(
        update={
            "start_date": date(2026, 11, 26),
            "events": (Event(kind="finetune_ends", on_date=date(2027, 1, 6)),),
        }
    )
    outcome = run_monte_carlo(dated, zero_width(dated))
    assert outcome.savings[0] == pytest.approx(evaluate(dated).savings)


class TestDefaultRanges:
    @pytest.mark.parametrize("growth", [-50.5, -60.0, -96.5, -99.9])
    def test_calls_falling_faster_than_half_a_month_still_give_valid_ranges(self, growth):
        # Once low = -50% above likely: How sure? crashed and Download slides did nothing (issue 20).
        scenario = ARTICLE.model_copy(
            update={"calls_growth_percent_per_month": growth, "retrain_every_days": 90}
        )
        [growth_range] = [r for r in default_ranges(scenario) if r.field == "calls_growth_percent_per_month"]
        assert -100 < growth_range.low < growth == growth_range.likely < growth_range.high
        outcome = run_monte_carlo(scenario, MonteCarloRun(ranges=default_ranges(scenario), draws=300))
        assert outcome.payback_probability == 0.0  # the calls die out: nothing pays back


def test_only_the_retraining_cost_uncertain_with_retraining_every_90_days():
    # Once "non-broadcastable output operand": only training's draws were given a column each.
    scenario = ARTICLE.model_copy(update={"retrain_every_days": 90})
    ranges = (Range(field="retrain_cost", low=0, likely=3_000, high=20_000),)
    outcome = run_monte_carlo(scenario, MonteCarloRun(ranges=ranges, draws=500))
    assert outcome.savings.shape == (500,)
    assert len(np.unique(outcome.savings)) == 500  # every draw its own retraining cost
    dearest = ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 20_000})
    assert outcome.savings.min() >= evaluate(dearest).savings
