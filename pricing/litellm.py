"""Import LiteLLM's community price file (`model_prices_and_context_window.json`, MIT).

LiteLLM stores dollars per token; the catalog stores dollars per 1M tokens. An
`ft:<base>` entry holds a fine-tuned model's inference prices and is merged into
its base model's record (and its undated alias's, when LiteLLM prices the alias
as that snapshot). Bad entries are refused one by one with a message naming
them; good entries still import. A missing or zero price is "unknown", never
"free": it is flagged and stays out of any scenario; an entry with no price at
all is reported apart and not imported. A file that cannot be read as a whole
(too large, not JSON, nested too deep) imports nothing.

The file carries no date: the prices are dated by the as-of date the user gives,
or marked "date unknown" (and so stale) without one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from costmodel.bounded import UnreadableInputError, load_json, one_line
from pricing.records import ABSURD_PRICE, PriceRecord

LITELLM_SOURCE = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json"
FINETUNED_PREFIX = "ft:"
# Top-level keys that are not models: the format's own documentation and routing rules.
NON_MODEL_KEYS = {"sample_spec", "fallback_generalizations"}
# Any of these fields makes an object a model entry; an object with none is metadata.
MODEL_FIELDS = {"litellm_provider", "mode", "max_tokens", "max_input_tokens", "max_output_tokens"}
# A dated snapshot: the undated alias, then -YYYY-MM-DD (gpt-4o-2024-08-06).
DATED_SNAPSHOT = re.compile(r"^(?P<alias>.+)-\d{4}-\d{2}-\d{2}$")
TEXT_MODES = {"chat", "completion", "responses"}
# LiteLLM's file was 1.6 MB in November 2026: room to grow tenfold.
MAX_FILE_BYTES = 20_000_000

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
    # Entries that are models but carry no price at all: not imported, named here.
    without_prices: list[str] = field(default_factory=list)
    # Keys that are not models (sample_spec, routing rules): skipped without a word.
    skipped_metadata: list[str] = field(default_factory=list)
    # Why the file as a whole could not be read; then nothing is imported.
    unreadable: str = ""


def _per_million(entry_name: str, litellm_field: str, value: Any) -> float | None:
    """Dollars per 1M tokens, None when unknown (missing or zero), BadPriceError when unusable."""
    what = f"{entry_name}: {READABLE[litellm_field]} ({litellm_field})"
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadPriceError(f"{what} is not a number: {value!r}")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer no float can hold
        finite = False
    if not finite:
        raise BadPriceError(f"{what} is not a finite number: {str(value)[:20]}...")
    if value < 0:
        raise BadPriceError(f"{what} is negative: {value!r}")
    # Per-token floats carry binary noise (2.5e-6 * 1e6 = 2.5000000000000004).
    per_million = float(f"{value * 1e6:.10g}")
    if per_million >= ABSURD_PRICE:
        raise BadPriceError(
            f"{what} is ${per_million:,.0f} per 1M tokens, at or above the ${ABSURD_PRICE:,.0f} "
            "that no real model charges"
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


def _is_model_entry(entry: dict[str, Any]) -> bool:
    return any(key in MODEL_FIELDS or "cost" in key for key in entry)


def _alias_priced_as(model: str, base: dict[str, dict[str, float | None]]) -> str | None:
    """The undated alias LiteLLM prices exactly as this dated snapshot, if any."""
    match = DATED_SNAPSHOT.match(model)
    if match is None or match["alias"] not in base or model not in base:
        return None
    alias, snapshot = base[match["alias"]], base[model]
    same = all(alias.get(key) == snapshot.get(key) for key in ("input_per_million", "output_per_million"))
    return match["alias"] if same and alias.get("input_per_million") is not None else None


def import_litellm(data: Any, read_on: date | None, file_name: str = "LiteLLM price file") -> LiteLLMImport:
    """Price records from a parsed LiteLLM price file; never raises for bad entries.

    `read_on` is the date the file's prices held (its as-of date); None marks every
    record "date unknown", which is flagged and counts as stale.
    """
    report = LiteLLMImport()
    if not isinstance(data, dict):
        report.unreadable = f"{file_name}: expected an object of model entries, not {type(data).__name__}"
        return report

    base: dict[str, dict[str, float | None]] = {}
    finetuned: dict[str, dict[str, float | None]] = {}
    providers: dict[str, str] = {}
    for name, entry in data.items():
        if name in NON_MODEL_KEYS or (isinstance(entry, dict) and not _is_model_entry(entry)):
            report.skipped_metadata.append(name)
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
        if all(price is None for price in prices.values()):
            report.without_prices.append(name)
            continue
        if mode is None:
            report.flagged.append(
                f"{name}: no mode given, taken for a text model; check it is not an embedding, "
                "image or audio model"
            )
        _check_prices(name, prices, report)
        model = name.removeprefix(FINETUNED_PREFIX)
        provider = entry.get("litellm_provider")
        if isinstance(provider, str) and provider and (model not in providers or not is_finetuned):
            providers[model] = provider
        (finetuned if is_finetuned else base)[model] = prices

    for model, prices in list(finetuned.items()):
        alias = _alias_priced_as(model, base)
        if alias is not None and alias not in finetuned:
            finetuned[alias] = prices
    for model, prices in finetuned.items():
        base.setdefault(model, {}).update(prices)

    date_note = "" if read_on is not None else " The file does not say when its prices held: date unknown."
    for model, fields in base.items():
        try:
            record = PriceRecord(
                provider=providers.get(model, "unknown"),
                model=model,
                read_on=read_on,
                source=LITELLM_SOURCE,
                note=f"Imported from {file_name}; LiteLLM's community prices, check before relying on them."
                + date_note,
                **{key: value for key, value in fields.items() if value is not None},
            )
        except ValidationError as error:
            report.refused.append(f"{model!r}: {error.errors()[0]['msg']}")
            continue
        report.records.append(record)
    if read_on is None and report.records:
        report.flagged.append(
            f"{file_name}: no as-of date given, so all {len(report.records)} imported prices are "
            "dated 'date unknown' and flagged stale; give the date the file was downloaded"
        )
    # Entry names are the file's text: a line break in one must not split its message.
    report.refused = [one_line(message) for message in report.refused]
    report.flagged = [one_line(message) for message in report.flagged]
    return report


def read_litellm_file(text: str | bytes, read_on: date | None, file_name: str) -> LiteLLMImport:
    """Parse and import a LiteLLM price file; an unreadable file imports nothing and says why."""
    if len(text) > MAX_FILE_BYTES:
        return LiteLLMImport(
            unreadable=f"{file_name}: larger than the {MAX_FILE_BYTES:,} bytes a price file may hold"
        )
    try:
        # NaN and Infinity become floats here, so that only their entry is refused.
        data = load_json(text, allow_constants=True)
    except UnreadableInputError as error:
        return LiteLLMImport(unreadable=f"{file_name}: {error}")
    return import_litellm(data, read_on=read_on, file_name=file_name)
