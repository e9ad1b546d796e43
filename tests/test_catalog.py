"""The shipped price catalog: dated, sourced, and true to SPEC §5."""

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from pricing import PriceRecord, load_catalog
from pricing.records import records_frame

TODAY = date(2026, 11, 26)


def record(provider: str, model: str) -> PriceRecord:
    [found] = [r for r in load_catalog() if r.provider == provider and r.model == model]
    return found


def test_every_record_has_a_date_and_a_web_source():
    for entry in load_catalog():
        assert entry.read_on <= TODAY
        assert entry.source.startswith("https://")


def test_catalog_covers_what_the_issue_lists():
    providers_models = {(r.provider, r.model) for r in load_catalog()}
    for model in ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-3.5-turbo"):
        assert ("OpenAI", model) in providers_models
    providers = {provider for provider, _ in providers_models}
    assert {"Azure OpenAI", "Together AI", "Fireworks AI", "Self-hosted"} <= providers


@pytest.mark.parametrize(
    ("model", "prices"),
    [
        ("gpt-4o", (2.50, 1.25, 10, 25, 3.75, 1.875, 15)),
        ("gpt-4o-mini", (0.15, 0.075, 0.60, 3, 0.30, 0.15, 1.20)),
        ("gpt-4.1", (None, None, None, 25, 3, 0.75, 12)),
        ("gpt-4.1-mini", (None, None, None, 5, 0.80, 0.20, 3.20)),
        ("gpt-4.1-nano", (None, None, None, 1.50, 0.20, 0.05, 0.80)),
        ("gpt-3.5-turbo", (None, None, None, 8, 3, None, 6)),
    ],
)
def test_openai_prices_match_spec(model, prices):
    entry = record("OpenAI", model)
    actual = (
        entry.input_per_million,
        entry.cached_input_per_million,
        entry.output_per_million,
        entry.training_per_million,
        entry.finetuned_input_per_million,
        entry.finetuned_cached_input_per_million,
        entry.finetuned_output_per_million,
    )
    for expected, value in zip(prices, actual, strict=True):
        if expected is not None:
            assert value == pytest.approx(expected)


def test_openai_fine_tuning_closing_dates_are_noted():
    for model in ("gpt-4o", "gpt-4o-mini", "gpt-4.1"):
        assert "2026-05-07" in record("OpenAI", model).availability
        assert "2027-01-06" in record("OpenAI", model).availability


def test_azure_hosting_fee_and_developer_tier():
    azure = next(r for r in load_catalog() if r.provider == "Azure OpenAI")
    assert azure.hosting_per_hour == 1.70
    assert "24 hours" in azure.availability


@pytest.mark.parametrize(
    ("model", "training"),
    [
        ("LoRA fine-tuning, 9B model", 0.34),
        ("LoRA fine-tuning, 31B model", 1.05),
        ("LoRA fine-tuning, gpt-oss-20b", 0.40),
        ("LoRA fine-tuning, gpt-oss-120b", 2.50),
    ],
)
def test_together_lora_training_prices(model, training):
    assert record("Together AI", model).training_per_million == training


def test_fireworks_lora_tiers():
    tiers = sorted(r.training_per_million for r in load_catalog() if r.provider == "Fireworks AI")
    assert tiers == [0.5, 3, 6, 10]


def test_self_hosted_option_is_priced_per_gpu_hour():
    [gpu] = [r for r in load_catalog() if r.provider == "Self-hosted"]
    assert gpu.training_per_gpu_hour
    assert gpu.hosting_per_hour


class TestFreshness:
    def entry(self, days_old: int) -> PriceRecord:
        return PriceRecord(
            provider="X",
            model="y",
            input_per_million=1,
            source="https://x.test",
            read_on=TODAY - timedelta(days=days_old),
        )

    def test_price_read_180_days_ago_is_still_fresh(self):
        assert not self.entry(180).is_stale(TODAY)
        assert self.entry(180).freshness(TODAY) == "read 2026-05-30"

    def test_price_read_181_days_ago_is_stale(self):
        assert self.entry(181).is_stale(TODAY)
        assert self.entry(181).freshness(TODAY).endswith("(stale: 181 days old)")

    def test_table_flags_stale_rows(self):
        frame = records_frame([self.entry(10), self.entry(400)], TODAY)
        assert frame["stale"].tolist() == [False, True]


@pytest.mark.parametrize(
    "bad",
    [
        {"input_per_million": 0},
        {"input_per_million": -1},
        {"input_per_million": float("nan")},
        {"input_per_million": 1e6},
        {"source": "wikipedia"},
        {"surprise": 1},
    ],
)
def test_record_refuses_zero_negative_absurd_prices_and_bad_sources(bad):
    fields = {"provider": "X", "model": "y", "source": "https://x.test", "read_on": TODAY}
    with pytest.raises(ValidationError):
        PriceRecord(**fields | bad)
