"""Issue 5's truer model: each feature reduces to SPEC §2 when off, matches hand
computations when on, and obeys the laws a user relies on."""

import math
from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from costmodel import Scenario, evaluate
from costmodel.scenario import Currency, Event, SelfHosting
from costmodel.training import PromptSetupParts, TrainingCostParts
from tests.examples import ARTICLE, PITCHES
from tests.strategies import scenarios


def spec_section_2(scenario: Scenario) -> tuple[list[float], list[float]]:
    """SPEC §2 written out day by day, independently of costmodel.model."""
    s = scenario
    prompt_daily = (
        s.calls_per_day
        * (
            (s.prompt_tokens + s.input_tokens) * s.price_per_million
            + s.output_tokens * s.output_price_per_million
        )
        / 1e6
    )
    finetune_daily = (
        s.calls_per_day
        * (
            (s.finetuned_prompt_tokens + s.input_tokens) * s.effective_finetuned_price_per_million
            + s.output_tokens * s.effective_finetuned_output_price_per_million
        )
        / 1e6
        + s.hosting_cost_per_day
    )
    prompt, finetune = [0.0], [s.training_cost]
    for day in range(1, s.horizon_days + 1):
        prompt.append(prompt[-1] + prompt_daily)
        retrain = s.effective_retrain_cost if s.retrain_every_days and day % s.retrain_every_days == 0 else 0
        finetune.append(finetune[-1] + finetune_daily + retrain)
    return prompt, finetune


SWITCHED_OFF = {
    "caching": {"cached_prompt_percent": 0, "cache_read_price_per_million": 0.1, "cache_lifetime_minutes": 5},
    "batch": {"prompt_batch_percent": 0, "finetune_batch_percent": 0, "batch_discount_percent": 30},
    "growth": {"calls_growth_percent_per_month": 0},
    "price trends": {"prompt_price_change_percent_per_year": 0, "finetune_price_change_percent_per_year": 0},
    "events": {"events": (), "start_date": date(2026, 12, 1)},
    "one-off costs": {"prompt_setup_cost": 0},
    "self-hosting": {"self_hosting": None},
    "quality": {"prompt_error_percent": 0, "finetune_error_percent": 0, "cost_per_error": 25},
    "currency": {"currency": Currency(code="EUR", symbol="€", per_usd=0.92)},
}


@pytest.mark.parametrize("feature", SWITCHED_OFF)
@given(scenario=scenarios())
def test_each_feature_switched_off_reduces_to_spec_section_2(feature, scenario):
    result = evaluate(scenario.model_copy(update=SWITCHED_OFF[feature]))
    prompt, finetune = spec_section_2(scenario)
    np.testing.assert_allclose(result.prompt_cumulative, prompt, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(result.finetune_cumulative, finetune, rtol=1e-9, atol=1e-6)
    assert result.prompt_cached_cumulative is None or feature == "caching"


class TestCaching:
    def test_anthropic_terms_always_warm_cost_a_tenth_for_the_cached_prompt(self):
        cached = ARTICLE.model_copy(
            update={"cached_prompt_percent": 100, "cache_read_price_per_million": 0.5}
        )
        result = evaluate(cached)
        # 10,000 calls * 800 cached tokens * $0.50/M = $4 a day instead of $40.
        assert result.prompt_cached_cumulative[1] == pytest.approx(4)
        assert result.prompt_cumulative[1] == pytest.approx(40)

    def test_cache_lifetime_sets_the_hit_share(self):
        # 1,440 calls a day is one a minute; a 5-minute cache is warm 1 - e^-5 of the time.
        scenario = Scenario(
            calls_per_day=1_440,
            prompt_tokens=1_000,
            price_per_million=10,
            training_cost=0,
            cached_prompt_percent=100,
            cache_read_price_per_million=1,
            cache_write_price_per_million=12.5,
            cache_lifetime_minutes=5,
        )
        hit = 1 - math.exp(-5)
        expected = 1_440 * 1_000 * (hit * 1 + (1 - hit) * 12.5) / 1e6
        assert evaluate(scenario).prompt_cached_cumulative[1] == pytest.approx(expected)

    def test_openai_minimum_prompt_length_turns_caching_off_below_it(self):
        short = ARTICLE.model_copy(
            update={
                "cached_prompt_percent": 100,
                "cache_read_price_per_million": 2.5,
                "cache_min_prompt_tokens": 1_024,
            }
        )
        result = evaluate(short)
        np.testing.assert_allclose(result.prompt_cached_cumulative, result.prompt_cumulative)

    def test_caching_recovers_most_of_scenario_b(self):
        result = evaluate(
            PITCHES.model_copy(
                update={
                    "cached_prompt_percent": 100,
                    "cache_read_price_per_million": 0.5,
                    "cache_write_price_per_million": 6.25,
                    "cache_lifetime_minutes": 5,
                }
            )
        )
        assert result.caching_recovery > 0.9

    @given(scenarios(), st.floats(0, 100), st.floats(0, 100), st.floats(0, 1), st.floats(0, 1))
    def test_more_caching_never_raises_the_prompt_paths_cost(self, scenario, share, more, read, write):
        # With reads and writes no dearer than the input price (OpenAI's terms).
        low, high = sorted((share, more))
        terms = {
            "cache_read_price_per_million": scenario.price_per_million * read * write,
            "cache_write_price_per_million": scenario.price_per_million * write,
            "cache_lifetime_minutes": 5,
        }
        less_cached = evaluate(scenario.model_copy(update=terms | {"cached_prompt_percent": max(low, 1e-9)}))
        more_cached = evaluate(scenario.model_copy(update=terms | {"cached_prompt_percent": max(high, 1e-9)}))
        assert more_cached.prompt_cached_total <= less_cached.prompt_cached_total * (1 + 1e-9) + 1e-9
        assert more_cached.prompt_cached_total <= more_cached.prompt_total * (1 + 1e-9) + 1e-9

    def test_anthropic_cache_writes_can_cost_more_than_no_caching_at_low_volume(self):
        rare = Scenario(
            calls_per_day=10,
            prompt_tokens=2_000,
            price_per_million=3,
            training_cost=0,
            cached_prompt_percent=100,
            cache_read_price_per_million=0.3,
            cache_write_price_per_million=3.75,
            cache_lifetime_minutes=5,
        )
        result = evaluate(rare)
        assert result.prompt_cached_total > result.prompt_total


class TestBatch:
    def test_half_the_calls_at_half_price_cost_three_quarters(self):
        result = evaluate(
            ARTICLE.model_copy(update={"prompt_batch_percent": 50, "finetune_batch_percent": 100})
        )
        assert result.prompt_daily[1] == pytest.approx(40 * 0.75)
        assert result.finetune_daily[1] == pytest.approx(10 * 0.5)


class TestGrowthTrendsAndEvents:
    def test_growth_compounds_daily_to_the_monthly_rate(self):
        result = evaluate(ARTICLE.model_copy(update={"calls_growth_percent_per_month": 5}))
        month_later = 1 + 365.25 / 12
        assert result.prompt_daily[1] == pytest.approx(40)
        assert result.prompt_daily[int(month_later)] == pytest.approx(
            40 * 1.05 ** ((int(month_later) - 1) / (365.25 / 12))
        )

    def test_growth_moves_break_even_earlier(self):
        assert evaluate(ARTICLE.model_copy(update={"calls_growth_percent_per_month": 5})).break_even_day < 100

    @given(scenarios(), st.floats(0.1, 20))
    def test_growth_scales_the_volume_driven_part_only(self, scenario, growth):
        plain = evaluate(scenario)
        grown = evaluate(scenario.model_copy(update={"calls_growth_percent_per_month": growth}))
        np.testing.assert_array_equal(grown.finetune_one_off, plain.finetune_one_off)
        factor = (1 + growth / 100) ** ((np.arange(1, scenario.horizon_days + 1) - 1) / (365.25 / 12))
        np.testing.assert_allclose(
            grown.prompt_daily[1:], plain.prompt_daily[1:] * factor, rtol=1e-9, atol=1e-9
        )
        volume_part = plain.finetune_daily[1:] - scenario.hosting_cost_per_day
        np.testing.assert_allclose(
            grown.finetune_daily[1:] - scenario.hosting_cost_per_day,
            volume_part * factor,
            rtol=1e-9,
            atol=1e-6,
        )

    def test_falling_prices_follow_the_yearly_rate(self):
        result = evaluate(ARTICLE.model_copy(update={"prompt_price_change_percent_per_year": -50}))
        assert result.prompt_daily[366] == pytest.approx(20)

    @given(scenarios(), st.integers(1, 400), st.floats(0.01, 1))
    def test_a_price_cut_on_the_prompt_path_never_moves_break_even_earlier(self, scenario, day, factor):
        cut = scenario.model_copy(
            update={"events": (Event(kind="prompt_price_change", day=day, price_factor=factor),)}
        )
        before, after = evaluate(scenario).break_even_day, evaluate(cut).break_even_day
        if before is None:
            assert after is None
        elif after is not None:
            assert after >= before

    def test_price_change_event_applies_from_its_day(self):
        result = evaluate(
            ARTICLE.model_copy(
                update={"events": (Event(kind="finetune_price_change", day=50, price_factor=2),)}
            )
        )
        assert result.finetune_daily[49] == pytest.approx(10)
        assert result.finetune_daily[50] == pytest.approx(20)

    def test_forced_retraining_is_charged_on_its_day(self):
        result = evaluate(
            ARTICLE.model_copy(update={"events": (Event(kind="forced_retraining", day=200, cost=1_500),)})
        )
        assert result.finetune_one_off[200] == 1_500
        assert result.finetune_total == pytest.approx(10_300 + 1_500)

    def test_openai_shutdown_as_a_dated_event_falls_back_to_prompting(self):
        shutdown = ARTICLE.model_copy(
            update={
                "start_date": date(2026, 11, 26),
                "retrain_every_days": 90,
                "retrain_cost": 500,
                "events": (Event(kind="finetune_ends", on_date=date(2027, 1, 6)),),
            }
        )
        result = evaluate(shutdown)
        end = 42  # 2027-01-06 is day 42 when day 1 is 2026-11-26
        assert shutdown.event_day(shutdown.events[0]) == end
        assert result.finetune_daily[end] == result.prompt_daily[end] == pytest.approx(40)
        assert result.finetune_daily[end - 1] == pytest.approx(10)
        assert not result.finetune_one_off[end:].any()  # no retraining after the end
        assert result.savings == pytest.approx(30 * (end - 1) - 3_000)


class TestOneOffCosts:
    def test_prompt_setup_is_charged_on_day_zero_and_shortens_the_simple_rule(self):
        result = evaluate(ARTICLE.model_copy(update={"prompt_setup_cost": 1_200}))
        assert result.prompt_cumulative[0] == 1_200
        assert result.simple_break_even_days == pytest.approx(60)
        assert result.break_even_day == 60

    def test_training_cost_builder(self):
        parts = TrainingCostParts(
            examples=500,
            tokens_per_example=1_000,
            epochs=3,
            training_price_per_million=25,
            data_cost=400,
            curation_hours=20,
            evaluation_hours=10,
            hourly_rate=100,
        )
        assert parts.training_tokens == 1_500_000
        assert parts.compute_cost == pytest.approx(37.5)
        assert parts.total == pytest.approx(37.5 + 400 + 3_000)
        assert PromptSetupParts(engineering_hours=16, hourly_rate=100, evaluation_cost=200).total == 1_800


class TestSelfHosting:
    HOSTED = SelfHosting(tokens_per_second_per_gpu=2_000, gpu_hour_price=2.5, utilisation_percent=50)

    def test_volume_sets_how_many_gpus_run(self):
        # 10,000 calls * 200 tokens = 2M tokens a day; one GPU at 50% does 86.4M: one GPU, $60 a day.
        result = evaluate(ARTICLE.model_copy(update={"self_hosting": self.HOSTED}))
        assert result.finetune_daily[1] == pytest.approx(60)
        big = evaluate(ARTICLE.model_copy(update={"self_hosting": self.HOSTED, "calls_per_day": 1_000_000}))
        assert big.finetune_daily[1] == pytest.approx(3 * 60)  # 200M tokens need 3 GPUs

    def test_break_even_utilisation_makes_gpu_cost_equal_the_api(self):
        scenario = ARTICLE.model_copy(update={"self_hosting": self.HOSTED, "calls_per_day": 1_000_000})
        utilisation = evaluate(scenario).self_hosting_break_even_utilisation_percent
        # API: 1M calls * 200 tokens * $5/M = $1,000 a day; 200M tokens = 1.157 GPU-days at 100%.
        gpu_days = 200e6 / (2_000 * 86_400)
        assert utilisation == pytest.approx(
            gpu_days * 24 * 2.5 / 1_000 * 100
        )  # in %, like utilisation_percent


class TestQuality:
    def test_errors_cost_calls_times_rate_times_fix(self):
        result = evaluate(
            ARTICLE.model_copy(
                update={"prompt_error_percent": 4, "finetune_error_percent": 1, "cost_per_error": 2}
            )
        )
        assert result.prompt_daily[1] == pytest.approx(40 + 10_000 * 0.04 * 2)
        assert result.finetune_daily[1] == pytest.approx(10 + 10_000 * 0.01 * 2)


class TestCurrency:
    def test_money_is_shown_in_the_chosen_currency_and_the_model_stays_in_dollars(self):
        from costmodel import headline

        euros = ARTICLE.model_copy(update={"currency": Currency(code="EUR", symbol="€", per_usd=0.9)})
        result = evaluate(euros)
        assert result.savings == pytest.approx(18_900)
        assert headline(result) == "Fine-tuning pays for itself on day 100 and saves €17,010 over 2 years."
