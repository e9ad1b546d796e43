"""The cost model of SPEC §2: hand-computed cases and laws over random scenarios."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from costmodel import Scenario, evaluate, headline
from costmodel.explain import cost_per_thousand_calls_words
from costmodel.scenario import SelfHosting
from costmodel.warnings import cost_warnings
from tests.examples import ARTICLE
from tests.strategies import scenarios


class TestHandComputedCases:
    def test_all_token_kinds_and_hosting_enter_the_daily_costs(self):
        scenario = Scenario(
            calls_per_day=1_000,
            prompt_tokens=500,
            price_per_million=2,
            input_tokens=100,
            output_tokens=50,
            output_price_per_million=8,
            finetuned_prompt_tokens=100,
            finetuned_price_per_million=3,
            finetuned_output_price_per_million=12,
            training_cost=100,
            hosting_cost_per_day=10,
        )
        result = evaluate(scenario)
        # prompt: 1000 * (600 * 2 + 50 * 8) / 1e6 = 1.6; fine-tuned: 1000 * (200 * 3 + 50 * 12) / 1e6 + 10
        assert result.prompt_daily[1] == pytest.approx(1.6)
        assert result.finetune_daily[1] == pytest.approx(11.2)
        assert result.daily_saving == pytest.approx(-9.6)
        assert result.simple_break_even_days is None
        assert result.break_even_day is None

    def test_day_zero_holds_training_and_no_calls(self):
        result = evaluate(ARTICLE)
        assert result.prompt_cumulative[0] == 0
        assert result.finetune_cumulative[0] == 3_000
        assert len(result.days) == ARTICLE.horizon_days + 1

    def test_retraining_is_charged_on_days_n_2n_3n(self):
        result = evaluate(ARTICLE.model_copy(update={"retrain_every_days": 100, "retrain_cost": 1_000}))
        assert np.flatnonzero(result.finetune_one_off).tolist() == [0, 100, 200, 300, 400, 500, 600, 700]
        assert result.finetune_total == pytest.approx(3_000 + 730 * 10 + 7 * 1_000)

    def test_retraining_cost_defaults_to_training_cost(self):
        result = evaluate(ARTICLE.model_copy(update={"retrain_every_days": 365}))
        assert result.finetune_one_off[365] == 3_000

    def test_retraining_that_outruns_savings_never_breaks_even(self):
        # $30 a day saved is $2,700 per 90 days, less than each $2,800 retraining run.
        result = evaluate(ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_800}))
        assert result.simple_break_even_days == 100
        assert result.break_even_day is None
        assert result.lead_changes == []

    def test_retraining_can_hand_the_lead_back(self):
        result = evaluate(ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_000}))
        assert result.first_ahead_day == 167
        assert result.lead_changes[:3] == [167, 180, 234]
        assert result.pays_back
        # Break-even is the day it pays back for good: from the last lead change on.
        assert result.break_even_day == result.lead_changes[-1] == 367

    def test_ahead_for_a_while_without_paying_back_never_breaks_even(self):
        """The issue's example: ahead on day 167, behind again on day 180 and on day 200."""
        short = ARTICLE.model_copy(
            update={"retrain_every_days": 90, "retrain_cost": 2_000, "horizon_days": 200}
        )
        result = evaluate(short)
        assert (result.first_ahead_day, result.pays_back, result.break_even_day) == (167, False, None)

    def test_free_training_with_a_cheaper_path_breaks_even_on_day_zero(self):
        assert evaluate(ARTICLE.model_copy(update={"training_cost": 0})).break_even_day == 0

    def test_frame_has_a_day_column_and_both_series(self):
        frame = evaluate(ARTICLE).to_frame()
        assert frame["day"].tolist() == list(range(731))
        assert frame.loc[100, "prompt_cumulative"] == pytest.approx(4_000)
        assert frame.loc[100, "finetune_cumulative"] == pytest.approx(4_000)
        assert frame.loc[730, "cumulative_saving"] == pytest.approx(18_900)

    def test_summary_holds_every_scalar_result(self):
        assert evaluate(ARTICLE).summary() == {
            "break_even_day": 100,
            "pays_back": True,
            "lead_changes": [100],
            "simple_break_even_days": 100.0,
            "daily_saving": 30.0,
            "prompt_overhead_tokens_per_day": 8_000_000,
            "prompt_overhead_cost_per_day": 40.0,
            "prompt_overhead_cost_per_year": 14_600.0,
            "prompt_total": 29_200.0,
            "finetune_total": 10_300.0,
            "savings": 18_900.0,
            "prompt_cost_per_thousand_calls": 4.0,
            "finetune_cost_per_thousand_calls": pytest.approx(10_300 / 7_300),
            "prompt_cached_total": None,
            "cached_break_even_day": None,
            "caching_recovery": None,
            "self_hosting_break_even_utilisation_percent": None,
        }


class TestLaws:
    @given(scenarios())
    def test_break_even_day_agrees_with_the_cumulative_series(self, scenario):
        result = evaluate(scenario)
        tolerance = 1e-9 * np.maximum(result.prompt_cumulative, result.finetune_cumulative)
        caught_up = result.finetune_cumulative <= result.prompt_cumulative + tolerance
        # Break-even: the first day from which fine-tuning is ahead on every day to the horizon.
        assert (result.break_even_day is not None) == bool(caught_up[-1]) == result.pays_back
        if result.break_even_day is not None:
            assert caught_up[result.break_even_day :].all()
            assert result.break_even_day == 0 or not caught_up[result.break_even_day - 1]
        ahead = caught_up.copy()
        ahead[0] &= ahead[min(1, len(ahead) - 1)]  # level before any call counts only if still ahead on day 1
        if result.first_ahead_day is None:
            assert not ahead.any()
        else:
            assert ahead[result.first_ahead_day]
            assert not ahead[: result.first_ahead_day].any()

    @given(scenarios(), st.floats(min_value=0, max_value=1e6))
    def test_more_training_cost_never_moves_break_even_earlier(self, scenario, extra):
        cheaper = evaluate(scenario).break_even_day
        dearer = evaluate(
            scenario.model_copy(update={"training_cost": scenario.training_cost + extra})
        ).break_even_day
        if cheaper is None:
            assert dearer is None
        elif dearer is not None:
            assert dearer >= cheaper

    @given(scenarios(), st.sampled_from([0.5, 2.0, 3.0, 10.0]))
    def test_scaling_every_price_scales_every_total_and_keeps_break_even(self, scenario, k):
        money_fields = [
            "price_per_million",
            "output_price_per_million",
            "finetuned_price_per_million",
            "finetuned_output_price_per_million",
            "training_cost",
            "retrain_cost",
            "hosting_cost_per_day",
        ]
        scaled = scenario.model_copy(
            update={
                field: getattr(scenario, field) * k
                for field in money_fields
                if getattr(scenario, field) is not None
            }
        )
        before, after = evaluate(scenario), evaluate(scaled)
        assert after.prompt_total == pytest.approx(k * before.prompt_total, rel=1e-9, abs=1e-6)
        assert after.finetune_total == pytest.approx(k * before.finetune_total, rel=1e-9, abs=1e-6)
        assert after.savings == pytest.approx(k * before.savings, rel=1e-6, abs=1e-3)
        # Exact ties may flip within float rounding; a clear crossing must not move.
        if before.break_even_day is not None and before.break_even_day > 0:
            gap = before.prompt_cumulative - before.finetune_cumulative
            if abs(gap[before.break_even_day]) > 1e-6 and abs(gap[before.break_even_day - 1]) > 1e-6:
                assert after.break_even_day == before.break_even_day

    @given(scenarios())
    def test_simple_rule_matches_the_curves_without_retraining(self, scenario):
        plain = scenario.model_copy(update={"retrain_every_days": None})
        result = evaluate(plain)
        if result.simple_break_even_days is None or result.simple_break_even_days > plain.horizon_days - 1:
            return
        exact = result.simple_break_even_days
        # Rounded up to whole days; at an exact whole day float noise may land one either side.
        assert result.break_even_day is not None
        assert abs(result.break_even_day - math.ceil(exact)) <= 1

    @given(scenarios())
    def test_lead_changes_alternate_start_when_first_ahead_and_end_on_break_even(self, scenario):
        result = evaluate(scenario)
        if result.first_ahead_day is None:
            assert result.lead_changes == []
        elif result.first_ahead_day > 0:
            assert result.lead_changes[0] == result.first_ahead_day
        if result.break_even_day:  # paid back for good: the last change is fine-tuning taking the lead
            assert result.lead_changes[-1] == result.break_even_day
        assert result.lead_changes == sorted(set(result.lead_changes))
        for position, day in enumerate(result.lead_changes):
            took_lead = result.finetune_is_ahead_on(day)
            first_is_gain = result.lead_changes[0] == result.first_ahead_day
            assert took_lead == ((position % 2 == 0) == first_is_gain)


class TestSelfHostingWithoutTraining:
    """Zero training and rented GPUs dearer than the API: level on day 0, behind from day 1 (issue 20)."""

    SCENARIO = ARTICLE.model_copy(
        update={
            "training_cost": 0,
            "self_hosting": SelfHosting(tokens_per_second_per_gpu=100, gpu_hour_price=10),
        }
    )

    def test_being_level_before_any_call_is_no_break_even(self):
        result = evaluate(self.SCENARIO)
        assert result.daily_saving < 0
        assert (result.break_even_day, result.pays_back, result.lead_changes) == (None, False, [])
        assert "day 0" not in headline(result)
        assert "loses every day" in headline(result)

    def test_with_a_saving_from_day_1_it_still_pays_from_the_start(self):
        result = evaluate(ARTICLE.model_copy(update={"training_cost": 0}))
        assert (result.break_even_day, result.pays_back) == (0, True)


def test_break_even_utilisation_is_a_percent_like_the_utilisation_input():
    hosting = SelfHosting(tokens_per_second_per_gpu=2_000, gpu_hour_price=2.5)
    result = evaluate(ARTICLE.model_copy(update={"self_hosting": hosting, "calls_per_day": 1_000_000}))
    # 200M tokens a day = 1.157 GPU-days = $69.44 of GPUs against $1,000 at the API's prices.
    assert result.summary()["self_hosting_break_even_utilisation_percent"] == pytest.approx(6.944, rel=1e-3)
    assert "at least 7% busy" in " ".join(w.message for w in cost_warnings(result))


def test_a_cost_per_call_no_number_holds_is_none_not_infinity():
    # 2.2e-308 calls a day (the smallest normal float) and $40.80 a day of hosting (issue 19).
    result = evaluate(
        Scenario(
            calls_per_day=2.2250738585072014e-308,
            horizon_days=1,
            hosting_cost_per_day=40.8,
            prompt_tokens=0,
            price_per_million=0,
            training_cost=0,
        )
    )
    assert result.finetune_cost_per_thousand_calls is None
    assert (
        dict(cost_per_thousand_calls_words(result))["Fine-tuned path per 1,000 calls"]
        == "too few calls to say"
    )
