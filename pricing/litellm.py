"""Import LiteLLM's community price file (`model_prices_and_context_window.json`, MIT).

LiteLLM stores dollars per token; the catalog stores dollars per 1M tokens. An
`ft:<base>` entry holds a fine-tuned model's inference prices and is merged into
its base model's record. Bad entries are refused one by one with a message naming
them; good entries still import. A missing or zero price is "unknown", never
"free": it is flagged and stays out of any scenario.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from pricing.records import ABSURD_PRICE, PriceRecord

LITELLM_SOURCE = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json"
FINETUNED_PREFIX = "ft:"
# LiteLLM's first entry documents the format; it is not a model.
SPEC_ENTRY = "sample_spec"
TEXT_MODES = {"chat", "completion", "responses"}

# Record field <- LiteLLM field, for a base entry and for an ft: entry.
BASE_PRICES = {
    "input_per_million": "input_cost_per_token",
    "cached_input_per_million": "cache_read_input_token_cost",
    "output_per_million": "output_cost_per_token",
}
FINETUNED_PRICES = {
    "finetuned_input_per_million": "input_cost_per_token",
    "finetuned_cached_input_per_million": "cache_read_input_token_cost",
    "finetuned_output_per_million": "output_cost_per_token",
}
READABLE = {
    "input_cost_per_token": "input price",
    "cache_read_input_token_cost": "cached input price",
    "output_cost_per_token": "output price",
}


class BadPriceError(ValueError):
    """A price value that is not a usable number; the whole entry is refused."""


@dataclass
class LiteLLMImport:
    """What came in, what was refused and why, and what is unknown or doubtful."""

    records: list[PriceRecord] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    skipped_other_modes: int = 0


def _per_million(entry_name: str, litellm_field: str, value: Any) -> float | None:
    """Dollars per 1M tokens, None when unknown (missing or zero), BadPriceError when unusable."""
    what = f"{entry_name}: {READABLE[litellm_field]} ({litellm_field})"
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadPriceError(f"{what} is not a number: {value!r}")
    if not math.isfinite(value):
        raise BadPriceError(f"{what} is not a finite number: {value!r}")
    if value < 0:
        raise BadPriceError(f"{what} is negative: {value!r}")
    # Per-token floats carry binary noise (2.5e-6 * 1e6 = 2.5000000000000004).
    per_million = float(f"{value * 1e6:.10g}")
    if per_million > ABSURD_PRICE:
        raise BadPriceError(
            f"{what} is ${per_million:,.0f} per 1M tokens, above the ${ABSURD_PRICE:,.0f} "
            "that any real model charges"
        )
    return per_million if per_million > 0 else None


def _prices(name: str, entry: dict[str, Any], mapping: dict[str, str]) -> dict[str, float | None]:
    return {
        record_field: _per_million(name, litellm_field, entry.get(litellm_field))
        for record_field, litellm_field in mapping.items()
    }


def _check_prices(name: str, prices: dict[str, float | None], report: LiteLLMImport) -> None:
    """Flag unknown prices and LiteLLM's known slip: a cache-write price stored as cached."""
    # Both mappings list input, cached input, output, in that order.
    input_field, cached_field, output_field = prices
    for record_field in (input_field, output_field):
        if prices[record_field] is None:
            label = "input" if record_field == input_field else "output"
            report.flagged.append(f"{name}: {label} price missing or zero, treated as unknown (not free)")
    cached, full = prices[cached_field], prices[input_field]
    if cached is not None and full is not None and cached > full:
        report.flagged.append(
            f"{name}: cached input price ${cached:g} is above the input price ${full:g} per 1M "
            "(probably a cache-write price); left out"
        )
        prices[cached_field] = None


def import_litellm(data: Any, read_on: date, file_name: str = "LiteLLM price file") -> LiteLLMImport:
    """Price records from a parsed LiteLLM price file; never raises for bad entries."""
    report = LiteLLMImport()
    if not isinstance(data, dict):
        report.refused.append(f"{file_name}: expected an object of model entries, not {type(data).__name__}")
        return report

    base: dict[str, dict[str, float | None]] = {}
    finetuned: dict[str, dict[str, float | None]] = {}
    providers: dict[str, str] = {}
    for name, entry in data.items():
        if name == SPEC_ENTRY:
            continue
        if not isinstance(entry, dict):
            report.refused.append(f"{name}: malformed entry (expected an object of fields)")
            continue
        mode = entry.get("mode")
        if mode is not None and not isinstance(mode, str):
            report.refused.append(f"{name}: mode is not text: {mode!r}")
            continue
        if mode is not None and mode not in TEXT_MODES:
            report.skipped_other_modes += 1
            continue
        is_finetuned = name.startswith(FINETUNED_PREFIX)
        try:
            prices = _prices(name, entry, FINETUNED_PRICES if is_finetuned else BASE_PRICES)
        except BadPriceError as error:
            report.refused.append(str(error))
            continue
        _check_prices(name, prices, report)
        model = name.removeprefix(FINETUNED_PREFIX)
        provider = entry.get("litellm_provider")
        if isinstance(provider, str) and provider and (model not in providers or not is_finetuned):
            providers[model] = provider
        (finetuned if is_finetuned else base)[model] = prices

    for model, prices in finetuned.items():
        base.setdefault(model, {}).update(prices)

    for model, fields in base.items():
        try:
            record = PriceRecord(
                provider=providers.get(model, "unknown"),
                model=model,
                read_on=read_on,
                source=LITELLM_SOURCE,
                note=f"Imported from {file_name}; LiteLLM's community prices, check before relying on them.",
                **{key: value for key, value in fields.items() if value is not None},
            )
        except ValidationError as error:
            report.refused.append(f"{model!r}: {error.errors()[0]['msg']}")
            continue
        report.records.append(record)
    return report


def read_litellm_file(text: str | bytes, read_on: date, file_name: str) -> LiteLLMImport:
    """Parse and import a LiteLLM price file; unreadable JSON is one refusal, not an error."""
    try:
        data = json.loads(text, parse_constant=lambda token: float(token))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return LiteLLMImport(refused=[f"{file_name}: not valid JSON ({error})"])
    return import_litellm(data, read_on=read_on, file_name=file_name)
