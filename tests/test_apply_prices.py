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
    # The record knows no hosting fee and gives training as a rate: both kept, and said.
    kept = [line.split(":")[0] for line in applied.unknown]
    assert kept == ["hosting cost ($ per day)", "training cost ($)"]
    assert applied.stale
    assert applied.freshness.startswith("read 2024-10-01 (stale:")


def test_the_cached_input_price_becomes_the_cache_read_price_to_its_last_digit():
    applied = apply_prices(ARTICLE, catalog("gpt-4o-mini"), TODAY)
    assert applied.scenario.cache_read_price_per_million == 0.075
    assert "cache read price ($ per 1M tokens): $0.075 (gpt-4o-mini)" in applied.applied
    assert "input price ($ per 1M tokens): $0.15 (gpt-4o-mini)" in applied.applied
    tiny = PriceRecord(
        provider="X", model="tiny", input_per_million=0.075, read_on=TODAY, source="https://x.test"
    )
    assert "input price ($ per 1M tokens): $0.075 (tiny)" in apply_prices(ARTICLE, tiny, TODAY).applied


# Caching on with Anthropic's terms typed for a $5 input price: reads $0.50, writes $6.25.
CACHING = ARTICLE.model_copy(
    update={
        "cached_prompt_percent": 100.0,
        "cache_read_price_per_million": 0.5,
        "cache_write_price_per_million": 6.25,
    }
)


def test_cache_prices_the_record_does_not_give_are_kept_and_named():
    applied = apply_prices(CACHING, catalog("gpt-3.5-turbo"), TODAY)
    assert applied.scenario.price_per_million == 0.5
    kept = applied.scenario
    assert (kept.cache_read_price_per_million, kept.cache_write_price_per_million) == (0.5, 6.25)
    [read] = lines_about(applied.unknown, "cache read price ($ per 1M tokens)")
    [write] = lines_about(applied.unknown, "cache write price ($ per 1M tokens)")
    assert read.endswith("not in the catalog for OpenAI · gpt-3.5-turbo, kept $0.50")
    assert write.endswith("kept $6.25")


def test_kept_prices_are_written_to_their_last_digit_and_say_nothing_with_caching_off():
    # Anthropic's terms on gpt-4o-mini's $0.15: writes at $0.1875.
    typed = CACHING.model_copy(update={"price_per_million": 0.15, "cache_write_price_per_million": 0.1875})
    [write] = lines_about(apply_prices(typed, catalog("gpt-3.5-turbo"), TODAY).unknown, "cache write")
    assert write.endswith("kept $0.1875")
    # Caching off: the cache prices a previous model left count for nothing and are not named.
    off = typed.model_copy(update={"cached_prompt_percent": 0.0})
    assert not lines_about(apply_prices(off, catalog("gpt-3.5-turbo"), TODAY).unknown, "cache")


def test_a_cache_write_price_that_follows_the_input_price_says_whose_it_now_is():
    applied = apply_prices(
        CACHING.model_copy(update={"cache_write_price_per_million": None}), catalog("gpt-4o"), TODAY
    )
    assert applied.scenario.cache_read_price_per_million == 1.25
    [write] = lines_about(applied.unknown, "cache write price ($ per 1M tokens)")
    assert write.endswith("kept as the input price, now $2.50 (gpt-4o's, not a price of this record)")
    assert not lines_about(applied.unknown, "cache read price ($ per 1M tokens)")


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


def lines_about(lines: list[str], label_start: str) -> list[str]:
    return [line for line in lines if line.startswith(label_start)]


def test_a_fine_tuning_record_names_the_training_and_hosting_the_scenario_keeps():
    bedrock = next(r for r in load_catalog() if r.provider == "Amazon Bedrock")
    applied = apply_prices(ARTICLE, catalog("Claude Opus 4.8"), TODAY, bedrock)
    assert applied.scenario.training_cost == 3_000
    assert applied.scenario.hosting_cost_per_day == 0
    [training] = lines_about(applied.unknown, "training cost ($)")
    assert "not in the catalog for Amazon Bedrock · Claude 3 Haiku, fine-tuned" in training
    assert "kept $3,000" in training
    [hosting] = lines_about(applied.unknown, "hosting cost ($ per day)")
    assert "kept $0.00" in hosting


def test_a_training_rate_is_named_because_the_scenario_keeps_its_total():
    applied = apply_prices(ARTICLE, catalog("gpt-4o-mini"), TODAY)
    [training] = lines_about(applied.unknown, "training cost ($)")
    assert "$3.00 per 1M training tokens" in training
    assert "kept $3,000" in training


def test_a_fine_tuned_price_that_follows_the_base_says_whose_base_it_is():
    bedrock = next(r for r in load_catalog() if r.provider == "Amazon Bedrock")
    applied = apply_prices(ARTICLE, catalog("Claude Opus 4.8"), TODAY, bedrock)
    assert applied.scenario.finetuned_price_per_million is None
    [fine_tuned_input] = lines_about(applied.unknown, "fine-tuned input price")
    assert "kept the base price" not in fine_tuned_input
    assert "runs only on Provisioned Throughput" in fine_tuned_input
    assert "no per-token fine-tuned prices" in fine_tuned_input
    assert "kept as the input price, now $5.00 (Claude Opus 4.8's, not a price of this record)" in (
        fine_tuned_input
    )


def test_vertex_tuned_gemini_is_served_at_its_base_prices():
    vertex = next(r for r in load_catalog() if r.provider == "Google Vertex AI")
    assert (vertex.finetuned_input_per_million, vertex.finetuned_output_per_million) == (0.30, 2.50)
    applied = apply_prices(ARTICLE, catalog("Claude Opus 4.8"), TODAY, vertex)
    scenario = applied.scenario
    assert (scenario.finetuned_price_per_million, scenario.finetuned_output_price_per_million) == (0.30, 2.50)
    assert lines_about(applied.unknown, "fine-tuned") == []


def test_a_small_hourly_fee_shows_its_digits_under_a_label_of_its_unit():
    mistral = next(r for r in load_catalog() if r.provider == "Mistral AI")
    applied = apply_prices(ARTICLE, catalog("Claude Opus 4.8"), TODAY, mistral)
    [hosting] = lines_about(applied.applied, "hosting cost")
    assert hosting.startswith("hosting cost ($ per day): $0.0658/day")
    assert "$0.00274/hour" in hosting
    assert "$0.00/hour" not in hosting
