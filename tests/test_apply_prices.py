"""Sending a catalog model's prices to a scenario: known prices in, unknown ones named."""

from datetime import date

import pytest

from pricing import PriceRecord, apply_prices, load_catalog
from tests import examples

TODAY = date(2026, 11, 26)
ARTICLE = examples.ARTICLE.model_copy(update={"output_tokens": 100})


def catalog(model: str):
    return next(r for r in load_catalog() if r.model == model)


def test_base_and_fine_tuned_prices_enter_the_scenario():
    applied = apply_prices(ARTICLE, catalog("gpt-4o-mini"), TODAY)
    scenario = applied.scenario
    assert (scenario.price_per_million, scenario.output_price_per_million) == (0.15, 0.60)
    assert (scenario.finetuned_price_per_million, scenario.finetuned_output_price_per_million) == (0.30, 1.20)
    assert scenario.calls_per_day == 10_000
    assert scenario.training_cost == 3_000
    assert applied.unknown == []
    assert applied.stale
    assert applied.freshness.startswith("read 2024-10-01 (stale:")


def test_unknown_prices_keep_the_scenario_value_and_are_named():
    fine_tuned_only = PriceRecord(
        provider="OpenAI",
        model="ft-only",
        finetuned_input_per_million=3,
        finetuned_output_per_million=6,
        read_on=TODAY,
        source="https://x.test",
    )
    applied = apply_prices(ARTICLE, fine_tuned_only, TODAY)
    assert applied.scenario.price_per_million == 5
    assert applied.scenario.finetuned_price_per_million == 3
    assert any(
        line.startswith("input price ($ per 1M tokens): not in the catalog for OpenAI · ft-only, kept $5.00")
        for line in applied.unknown
    )


def test_hourly_hosting_becomes_a_daily_cost():
    azure = next(r for r in load_catalog() if r.provider == "Azure OpenAI")
    applied = apply_prices(ARTICLE, azure, TODAY)
    assert applied.scenario.hosting_cost_per_day == pytest.approx(40.8)
    assert applied.scenario.price_per_million == 5


def test_fine_tune_a_cheaper_model_and_prompt_a_bigger_one():
    applied = apply_prices(ARTICLE, catalog("gpt-4o"), TODAY, catalog("gpt-4o-mini"))
    scenario = applied.scenario
    assert (scenario.price_per_million, scenario.output_price_per_million) == (2.50, 10)
    assert (scenario.finetuned_price_per_million, scenario.finetuned_output_price_per_million) == (0.30, 1.20)
    assert applied.record_key == "OpenAI · gpt-4o and OpenAI · gpt-4o-mini"
    assert "gpt-4o read 2024-10-01" in applied.freshness
    assert "gpt-4o-mini read 2024-10-01" in applied.freshness
