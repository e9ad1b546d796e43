"""The shipped price catalog: dated, sourced, and true to SPEC §5."""

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from pricing import PriceRecord, load_catalog
from pricing.records import Prices, PriceSpan, prices_on, records_frame

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
        ("gpt-3.5-turbo", (0.50, None, 1.50, 8, 3, None, 6)),
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


# OpenAI first priced cached input with prompt caching (openai.com/index/api-prompt-caching/,
# 2024-10-01): a price record holding a cached-input price cannot be older.
PROMPT_CACHING_LAUNCH = date(2024, 10, 1)
CACHED_FIELDS = ("cached_input_per_million", "finetuned_cached_input_per_million")


class TestDatesFitTheirSources:
    def test_no_record_was_read_before_its_source_was_published(self):
        for entry in load_catalog():
            if entry.source_published is not None:
                assert entry.read_on >= entry.source_published, entry.key
            for span in entry.history:
                assert span.source_published is None or span.source_published <= span.to_date, entry.key

    def test_every_announcement_gives_its_date(self):
        # An announcement's prices are those of its day; only living price pages go undated.
        for entry in load_catalog():
            for source, published in [(entry.source, entry.source_published)] + [
                (span.source, span.source_published) for span in entry.history
            ]:
                if "openai.com/index/" in source:
                    assert published is not None, (entry.key, source)

    def test_cached_input_prices_are_never_dated_before_prompt_caching(self):
        for entry in load_catalog():
            if entry.provider == "OpenAI" and any(getattr(entry, name) for name in CACHED_FIELDS):
                assert entry.read_on >= PROMPT_CACHING_LAUNCH, entry.key
                assert (entry.valid_from or entry.read_on) >= PROMPT_CACHING_LAUNCH, entry.key
            for span in entry.history:
                if any(getattr(span, name) for name in CACHED_FIELDS):
                    assert span.from_date >= PROMPT_CACHING_LAUNCH, entry.key

    def test_history_spans_run_in_order_without_gaps_up_to_the_current_prices(self):
        for entry in load_catalog():
            for earlier, later in zip(entry.history, entry.history[1:], strict=False):
                assert earlier.to_date == later.from_date, entry.key
            for span in entry.history:
                assert span.from_date < span.to_date, entry.key
            if entry.history:
                assert entry.valid_from == entry.history[-1].to_date, entry.key


# gpt-3.5-turbo as OpenAI announced it: the fine-tuning launch (2023-08-22), DevDay
# (2023-11-06) and gpt-3.5-turbo-0125 (announced 2024-01-25); $ per 1M tokens.
GPT_35_TURBO = [
    (date(2023, 8, 21), None),
    (date(2023, 8, 22), (1.50, 2.00, 8, 12, 16)),
    (date(2023, 11, 5), (1.50, 2.00, 8, 12, 16)),
    (date(2023, 11, 6), (1.00, 2.00, 8, 3, 6)),
    (date(2024, 1, 25), (0.50, 1.50, 8, 3, 6)),
    (TODAY, (0.50, 1.50, 8, 3, 6)),
]


@pytest.mark.parametrize(("day", "expected"), GPT_35_TURBO, ids=[str(day) for day, _ in GPT_35_TURBO])
def test_gpt_35_turbo_prices_on_each_day(day, expected):
    prices = prices_on(record("OpenAI", "gpt-3.5-turbo"), day)
    if expected is None:
        assert prices is None
        return
    assert prices is not None
    assert (
        prices.input_per_million,
        prices.output_per_million,
        prices.training_per_million,
        prices.finetuned_input_per_million,
        prices.finetuned_output_per_million,
    ) == expected


def test_gpt_4o_had_no_cached_price_before_prompt_caching():
    gpt_4o = record("OpenAI", "gpt-4o")
    before = prices_on(gpt_4o, date(2024, 9, 30))
    assert before is not None
    assert before.cached_input_per_million is None
    assert before.finetuned_cached_input_per_million is None
    assert before.training_per_million == 25
    assert prices_on(gpt_4o, PROMPT_CACHING_LAUNCH).finetuned_cached_input_per_million == 1.875


def test_a_record_without_history_holds_from_the_day_it_was_read():
    entry = PriceRecord(provider="X", model="y", input_per_million=1, source="https://x.test", read_on=TODAY)
    assert prices_on(entry, TODAY - timedelta(days=1)) is None
    assert prices_on(entry, TODAY) == Prices(input_per_million=1)


def test_a_span_refuses_a_zero_price():
    with pytest.raises(ValidationError):
        PriceSpan(from_date=TODAY, to_date=TODAY, source="https://x.test", input_per_million=0)
