"""NPV, the discounted break-even day and the IRR of fine-tuning, held to a brute-force loop over
the oracle's days (tests/oracle.py, independent of costmodel.model), and each path's latency."""

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given, settings

from costmodel import Scenario, evaluate
from costmodel.cli import result_record
from costmodel.finance import (
    daily_rate,
    discounted_break_even_day,
    finance_words,
    irr_percent_per_year,
    npv_of_finetuning,
)
from costmodel.latency import path_latency
from tests.examples import ARTICLE
from tests.oracle import _ahead, oracle
from tests.strategies import scenarios

CASES = {
    "article": ARTICLE,
    "wiki-qa, never pays back": Scenario(
        calls_per_day=200, prompt_tokens=600, price_per_million=5, training_cost=500
    ),
    "retraining hands the lead back": ARTICLE.model_copy(
        update={"retrain_every_days": 90, "retrain_cost": 2_600, "horizon_days": 400}
    ),
    "set-up, growth and a late launch": ARTICLE.model_copy(
        update={"prompt_setup_cost": 800, "calls_growth_percent_per_month": 4, "finetune_launch_day": 30}
    ),
}


def discounted_by_hand(scenario: Scenario, yearly_percent: float) -> tuple[float, int | None]:
    """NPV and the discounted break-even day, day by day from the oracle's cumulative costs."""
    costs = oracle(scenario)
    npv = prompt_total = finetune_total = 0.0
    break_even = None
    previous_prompt = previous_finetune = 0.0
    for day in range(scenario.horizon_days + 1):
        factor = 1 / (1 + yearly_percent / 100) ** (day / 365)
        prompt_step = costs.prompt_cumulative[day] - previous_prompt
        finetune_step = costs.finetune_cumulative[day] - previous_finetune
        previous_prompt, previous_finetune = costs.prompt_cumulative[day], costs.finetune_cumulative[day]
        npv += (prompt_step - finetune_step) * factor
        prompt_total += prompt_step * factor
        finetune_total += finetune_step * factor
        if break_even is None and _ahead(prompt_total, finetune_total):
            break_even = day
    return npv, break_even


@pytest.mark.parametrize("rate", [0, 8, 35])
@pytest.mark.parametrize("scenario", CASES.values(), ids=CASES.keys())
def test_npv_and_discounted_break_even_match_the_brute_force_loop(scenario, rate):
    scenario = scenario.model_copy(update={"discount_rate_percent_per_year": rate})
    npv, day = discounted_by_hand(scenario, rate)
    result = evaluate(scenario)
    assert npv_of_finetuning(result) == pytest.approx(npv, rel=1e-9, abs=1e-6)
    assert discounted_break_even_day(result) == day


@settings(max_examples=40, deadline=None)
@given(scenarios(every_field=True))
def test_at_rate_zero_npv_is_the_savings_and_the_day_is_the_break_even_day(scenario):
    result = evaluate(scenario.model_copy(update={"discount_rate_percent_per_year": 0}))
    assert npv_of_finetuning(result) == pytest.approx(result.savings, rel=1e-9, abs=1e-6)
    assert discounted_break_even_day(result) == result.break_even_day


def test_discounting_makes_break_even_later_and_npv_smaller():
    plain = evaluate(ARTICLE)
    discounted = evaluate(ARTICLE.model_copy(update={"discount_rate_percent_per_year": 30}))
    assert discounted_break_even_day(discounted) > plain.break_even_day
    assert npv_of_finetuning(discounted) < plain.savings


class TestIrr:
    @pytest.mark.parametrize(
        "scenario",
        [
            ARTICLE.model_copy(update={"horizon_days": 150}),
            CASES["wiki-qa, never pays back"].model_copy(update={"horizon_days": 200}),
            ARTICLE.model_copy(
                update={"horizon_days": 160, "prompt_setup_cost": 500, "training_cost": 4_000}
            ),
            # -3,000 on day 0, +30 a day, -2,000 on day 200: the NPV is 0 at two rates.
            ARTICLE.model_copy(
                update={"horizon_days": 200, "retrain_every_days": 200, "retrain_cost": 2_000}
            ),
        ],
        ids=["pays back", "never pays back: negative IRR", "set-up cost", "two IRRs: the one nearest 0"],
    )
    def test_matches_numpy_financials_polynomial_irr_on_short_horizons(self, scenario):
        # npf.irr solves the degree-H polynomial: fine for a few hundred days, the yardstick here.
        flows = np.diff(
            np.array(oracle(scenario).prompt_cumulative) - oracle(scenario).finetune_cumulative, prepend=0
        )
        daily = npf.irr(flows)
        expected = 100 * ((1 + daily) ** 365 - 1)
        assert irr_percent_per_year(evaluate(scenario)) == pytest.approx(expected, rel=1e-6)

    def test_npv_at_the_irr_is_zero_by_the_brute_force_loop(self):
        scenario = CASES["set-up, growth and a late launch"]
        irr = irr_percent_per_year(evaluate(scenario))
        npv, _ = discounted_by_hand(scenario, irr)
        assert abs(npv) < 1e-6 * evaluate(scenario).prompt_total

    def test_none_where_the_saving_never_changes_sign(self):
        free_training = ARTICLE.model_copy(update={"training_cost": 0})
        dearer_every_day = ARTICLE.model_copy(update={"finetuned_price_per_million": 50})
        assert irr_percent_per_year(evaluate(free_training)) is None
        assert irr_percent_per_year(evaluate(dearer_every_day)) is None

    @pytest.mark.parametrize(
        ("scenario", "words"),
        [
            (ARTICLE.model_copy(update={"horizon_days": 150}), "726% a year"),
            (
                CASES["wiki-qa, never pays back"].model_copy(update={"horizon_days": 200}),
                "-98.7% a year: fine-tuning costs more than it saves",
            ),
            # 3,669% a year (820,650% at 25,000 calls): digits that told a manager nothing.
            (ARTICLE, "over 1,000% a year: far above any cost of capital"),
            # $10 repaid by $30 on day 1: beyond the 100% a day searched, not "never repays".
            (
                ARTICLE.model_copy(update={"training_cost": 10}),
                "over 1,000% a year: far above any cost of capital",
            ),
            (ARTICLE.model_copy(update={"training_cost": 0}), "none: there is no cost to repay"),
            (
                ARTICLE.model_copy(update={"finetuned_price_per_million": 50}),
                "none: the savings never repay the training",
            ),
        ],
        ids=[
            "a rate",
            "below zero",
            "beyond any cost of capital",
            "repaid within hours",
            "nothing to repay",
            "never repays",
        ],
    )
    def test_in_words_a_manager_reads(self, scenario, words):
        [irr] = [
            figure for figure in finance_words(evaluate(scenario)) if figure.label == "IRR of fine-tuning"
        ]
        assert irr.words == words


def test_daily_rate_compounds_to_the_yearly_rate():
    assert (1 + daily_rate(12)) ** 365 == pytest.approx(1.12, rel=1e-12)
    assert daily_rate(0) == 0


def test_the_cli_json_holds_the_finance_and_latency_figures():
    scenario = ARTICLE.model_copy(
        update={"discount_rate_percent_per_year": 10, "prefill_ms_per_thousand_tokens": 50}
    )
    record = result_record(scenario)
    result = evaluate(scenario)
    assert record["npv_of_finetuning"] == pytest.approx(npv_of_finetuning(result))
    assert record["discounted_break_even_day"] == discounted_break_even_day(result)
    assert record["irr_percent_per_year"] == pytest.approx(irr_percent_per_year(result))
    assert record["prompt_latency"] == {"p50_ms": 40.0, "p95_ms": 40.0, "source": "prefill"}
    assert record["finetune_latency"] == {"p50_ms": 10.0, "p95_ms": 10.0, "source": "prefill"}
    assert all(not isinstance(v, float) or math.isfinite(v) for v in record.values())


class TestLatency:
    def test_prefill_time_counts_each_paths_prompt_and_input(self):
        scenario = ARTICLE.model_copy(update={"input_tokens": 300, "prefill_ms_per_thousand_tokens": 40})
        assert path_latency(scenario, "prompt").p50_ms == pytest.approx(40 * 1_100 / 1_000)
        assert path_latency(scenario, "finetune").p95_ms == pytest.approx(40 * 500 / 1_000)

    def test_an_eval_measurement_wins_over_the_prefill_estimate(self):
        scenario = ARTICLE.model_copy(
            update={
                "prefill_ms_per_thousand_tokens": 40,
                "prompt_latency_ms_p50": 900,
                "prompt_latency_ms_p95": 1_500,
            }
        )
        measured = path_latency(scenario, "prompt")
        assert (measured.p50_ms, measured.p95_ms, measured.source) == (900, 1_500, "eval")
        assert path_latency(scenario, "finetune").source == "prefill"

    def test_nothing_known_is_none(self):
        assert path_latency(ARTICLE, "prompt") is None
        assert result_record(ARTICLE)["finetune_latency"] is None
