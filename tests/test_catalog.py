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
    assert {"Anthropic", "Amazon Bedrock", "Google Vertex AI", "Mistral AI"} <= providers


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
        # An announcement's prices are those of its day, as are a release's and a file's at
        # a commit; only living price pages and docs go undated.
        for entry in load_catalog():
            for source, published in [(entry.source, entry.source_published)] + [
                (span.source, span.source_published) for span in entry.history
            ]:
                if any(kind in source for kind in ("openai.com/index/", "/releases/", "/blob/", "/news/")):
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


def prices_of(model: str, day: date, *fields: str) -> tuple[float | None, ...] | None:
    """OpenAI's `model` on `day`: the given prices, or None where it had none that day."""
    prices = prices_on(record("OpenAI", model), day)
    return None if prices is None else tuple(getattr(prices, field) for field in fields)


@pytest.mark.parametrize(("day", "expected"), GPT_35_TURBO, ids=[str(day) for day, _ in GPT_35_TURBO])
def test_gpt_35_turbo_prices_on_each_day(day, expected):
    fields = ("input", "output", "training", "finetuned_input", "finetuned_output")
    assert prices_of("gpt-3.5-turbo", day, *(f"{field}_per_million" for field in fields)) == expected


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


# The records issue 14 added, with the dates their sources give ($ per 1M tokens):
# (provider, model, read on, source, source's own date, current prices valid from).
NEW_RECORDS = [
    (
        "Anthropic",
        "Claude Haiku 4.5",
        "2026-11-26",
        "https://platform.claude.com/docs/en/about-claude/pricing",
        None,
        None,
    ),
    (
        "Anthropic",
        "Claude Sonnet 5.5",
        "2026-11-26",
        "https://github.com/kurofune/claudit/releases/tag/v1.9.2",
        "2026-10-25",
        "2026-10-07",
    ),
    (
        "Anthropic",
        "Claude Opus 4.8",
        "2026-11-26",
        "https://platform.claude.com/docs/en/about-claude/pricing",
        None,
        None,
    ),
    (
        "Amazon Bedrock",
        "Claude 3 Haiku, fine-tuned",
        "2026-11-26",
        "https://aws.amazon.com/bedrock/pricing/",
        None,
        None,
    ),
    (
        "Google Vertex AI",
        "Gemini 2.5 Flash, supervised tuning",
        "2026-11-26",
        "https://github.com/simonw/llm-prices/blob/main/data/google.json",
        "2025-11-24",
        None,
    ),
    (
        "Mistral AI",
        "fine-tuned model storage (La Plateforme)",
        "2026-11-26",
        "https://docs.mistral.ai/capabilities/finetuning/",
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("provider", "model", "read_on", "source", "published", "valid_from"),
    NEW_RECORDS,
    ids=[m for _, m, *_ in NEW_RECORDS],
)
def test_new_records_carry_their_sources_dates(provider, model, read_on, source, published, valid_from):
    entry = record(provider, model)
    assert entry.read_on == date.fromisoformat(read_on)
    assert entry.source == source
    assert entry.source_published == (published and date.fromisoformat(published))
    assert entry.valid_from == (valid_from and date.fromisoformat(valid_from))
    assert entry.availability, "availability noted"


# Anthropic's pricing page: a cache hit (read) costs 0.1x the input price, for every
# model except where a cut says otherwise (Sonnet 5.5 from 2026-10-07: 0.05x).
@pytest.mark.parametrize(
    ("model", "prices"),
    [
        ("Claude Haiku 4.5", (1, 0.10, 5)),
        ("Claude Sonnet 5.5", (2, 0.10, 10)),
        ("Claude Opus 4.8", (5, 0.50, 25)),
        ("Claude 3 Haiku, fine-tuned", (0.25, 0.03, 1.25)),
    ],
)
def test_claude_prices_with_cache_reads(model, prices):
    [entry] = [r for r in load_catalog() if r.model == model]
    assert (entry.input_per_million, entry.cached_input_per_million, entry.output_per_million) == prices


def test_claude_models_are_not_fine_tuned_except_claude_3_haiku_on_bedrock():
    for model in ("Claude Haiku 4.5", "Claude Sonnet 5.5", "Claude Opus 4.8"):
        entry = record("Anthropic", model)
        assert entry.training_per_million is None
        assert entry.finetuned_input_per_million is None
        assert "No fine-tuning" in entry.availability
    bedrock = record("Amazon Bedrock", "Claude 3 Haiku, fine-tuned")
    assert "only way to fine-tune a Claude model" in bedrock.availability
    assert "Provisioned Throughput" in bedrock.availability
    # Unknown stays unknown: no training, fine-tuned or hosting price was citable.
    for name in ("training_per_million", "finetuned_input_per_million", "hosting_per_hour"):
        assert getattr(bedrock, name) is None


SONNET_55 = [
    (date(2026, 9, 28), None),
    (date(2026, 9, 29), (2, 0.20, 10)),
    (date(2026, 10, 6), (2, 0.20, 10)),
    (date(2026, 10, 7), (2, 0.10, 10)),
    (TODAY, (2, 0.10, 10)),
]


@pytest.mark.parametrize(("day", "expected"), SONNET_55, ids=[str(day) for day, _ in SONNET_55])
def test_sonnet_55_cache_reads_were_cut_on_2026_10_07(day, expected):
    prices = prices_on(record("Anthropic", "Claude Sonnet 5.5"), day)
    if expected is None:
        assert prices is None
        return
    assert prices is not None
    assert (prices.input_per_million, prices.cached_input_per_million, prices.output_per_million) == expected


# gpt-4o as OpenAI announced it: launch (2024-05-13), gpt-4o-2024-08-06, fine-tuning
# (2024-08-20), prompt caching (2024-10-01): input, cached input, output, training.
GPT_4O = [
    (date(2024, 5, 12), None),
    (date(2024, 5, 13), (5, None, 15, None)),
    (date(2024, 8, 5), (5, None, 15, None)),
    (date(2024, 8, 6), (2.5, None, 10, None)),
    (date(2024, 8, 20), (2.5, None, 10, 25)),
    (date(2024, 10, 1), (2.5, 1.25, 10, 25)),
]


@pytest.mark.parametrize(("day", "expected"), GPT_4O, ids=[str(day) for day, _ in GPT_4O])
def test_gpt_4o_prices_on_each_day(day, expected):
    fields = ("input", "cached_input", "output", "training")
    assert prices_of("gpt-4o", day, *(f"{field}_per_million" for field in fields)) == expected


def test_gemini_tuning_leaves_unknown_prices_unknown():
    gemini = record("Google Vertex AI", "Gemini 2.5 Flash, supervised tuning")
    assert (gemini.input_per_million, gemini.cached_input_per_million, gemini.output_per_million) == (
        0.3,
        0.03,
        2.5,
    )
    # The training price was not citable; Google serves a tuned model at its base prices, so
    # the fine-tuned prices are those (empty would read as unknown); the tuned cached price is not documented.
    assert gemini.training_per_million is None
    assert (gemini.finetuned_input_per_million, gemini.finetuned_output_per_million) == (0.3, 2.5)
    assert gemini.finetuned_cached_input_per_million is None
    assert "base model's token prices" in gemini.note
    assert "base model's token prices" in gemini.availability


def test_mistral_monthly_storage_fee_is_the_hosting_fee_per_hour():
    mistral = record("Mistral AI", "fine-tuned model storage (La Plateforme)")
    assert mistral.hosting_per_hour * 8760 / 12 == pytest.approx(2.0, abs=1e-6)  # $2 a month
    assert "per-month cost" in mistral.note
    assert mistral.training_per_million is None
    assert "deprecated" in mistral.availability
