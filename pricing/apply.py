"""Sending a catalog model's prices into a scenario, saying what was and was not known."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from costmodel import FIELD_LABELS, Scenario, format_money
from costmodel.explain import format_price, format_small_money
from costmodel.model import HOURS_PER_DAY
from costmodel.scenario import MAX_RECORD_LENGTH, MAX_SOURCE_LENGTH, SAME_AS_BASE, PriceSource
from pricing.litellm import LITELLM_SOURCE
from pricing.records import PriceRecord

# Scenario field <- record field, both in $ per 1M tokens.
TOKEN_PRICES = {
    "price_per_million": "input_per_million",
    "output_price_per_million": "output_per_million",
    "finetuned_price_per_million": "finetuned_input_per_million",
    "finetuned_output_price_per_million": "finetuned_output_per_million",
}


@dataclass(frozen=True)
class PricesApplied:
    """The scenario with the record's prices, and plain sentences about what changed."""

    scenario: Scenario
    record_key: str
    applied: list[str]
    unknown: list[str]
    freshness: str
    stale: bool


def apply_prices(
    scenario: Scenario, record: PriceRecord, today: date, finetuned_record: PriceRecord | None = None
) -> PricesApplied:
    """Put every price the records know into the scenario; keep (and name) the rest.

    The prompt path takes `record`'s base prices; the fine-tuned path takes
    `finetuned_record`'s fine-tuned prices (fine-tune a cheaper model, prompt a bigger
    one), or `record`'s own. An unknown price never enters a scenario as $0: the
    scenario keeps its own value and the field is listed in `unknown`.
    """
    finetuned_record = finetuned_record or record
    updates: dict[str, float] = {}
    applied, unknown = [], []
    sources: list[PriceSource] = []
    explained: set[str] = set()
    for field, record_field in TOKEN_PRICES.items():
        source = finetuned_record if field.startswith("finetuned") else record
        price = getattr(source, record_field)
        label = FIELD_LABELS[field]
        if price is None:
            kept = _kept_price(scenario, field, updates, record)
            unknown.append(f"{label}: {_not_known(source, explained)}, kept {kept}")
        else:
            updates[field] = price
            sources.append(price_source(field, price, source))
            applied.append(f"{label}: {format_price(price)} ({source.model})")
    _cache_prices(scenario, record, updates, applied, unknown, explained)
    # The fine-tuned path's one-off and daily costs come from the fine-tuning record too.
    if finetuned_record.hosting_per_hour is not None:
        updates["hosting_cost_per_day"] = finetuned_record.hosting_per_hour * HOURS_PER_DAY
        applied.append(
            f"{FIELD_LABELS['hosting_cost_per_day']}: "
            f"{format_small_money(updates['hosting_cost_per_day'])}/day "
            f"({format_small_money(finetuned_record.hosting_per_hour)}/hour × {HOURS_PER_DAY}, "
            f"{finetuned_record.model})"
        )
    else:
        unknown.append(
            f"{FIELD_LABELS['hosting_cost_per_day']}: {_not_known(finetuned_record, explained)}, "
            f"kept {format_small_money(scenario.hosting_cost_per_day)}/day"
        )
    # The catalog gives training as a rate; the scenario's training cost is a total, so it stays.
    rates = [
        f"{format_money(rate)} {unit}"
        for rate, unit in (
            (finetuned_record.training_per_million, "per 1M training tokens"),
            (finetuned_record.training_per_gpu_hour, "per GPU-hour"),
        )
        if rate is not None
    ]
    training_known = (
        f"the catalog gives {' and '.join(rates)} for {finetuned_record.key}, not a total"
        if rates
        else _not_known(finetuned_record, explained)
    )
    for field in ("training_cost", "retrain_cost"):
        kept = getattr(scenario, field)
        if kept is not None:  # a retraining cost of None follows the training cost
            unknown.append(f"{FIELD_LABELS[field]}: {training_known}, kept {format_money(kept)}")
    used = [record] if finetuned_record is record else [record, finetuned_record]
    return PricesApplied(
        scenario=Scenario.model_validate(
            scenario.model_dump() | updates | {"price_sources": _kept_sources(scenario, sources)}
        ),
        record_key=" and ".join(r.key for r in used),
        applied=applied,
        unknown=unknown,
        freshness="; ".join(
            f"{r.model} {r.freshness(today)}" if len(used) > 1 else r.freshness(today) for r in used
        ),
        stale=any(r.is_stale(today) for r in used),
    )


def price_source(field: str, price: float, record: PriceRecord) -> PriceSource:
    """Where a price sent to the scenario came from: the record, its read date and its address.

    A record name past the link's cap is shortened with an ellipsis (it is a label; the price
    itself is whole), and an address that is not plain ASCII of the capped length is left out."""
    name = record.key if len(record.key) <= MAX_RECORD_LENGTH else record.key[: MAX_RECORD_LENGTH - 1] + "…"
    address = record.source if len(record.source) <= MAX_SOURCE_LENGTH and record.source.isascii() else ""
    return PriceSource(
        field=field,
        price=price,
        origin="litellm" if record.source == LITELLM_SOURCE else "catalog",
        record=name,
        read_on=record.read_on,
        source=address,
    )


def _kept_sources(scenario: Scenario, sent: list[PriceSource]) -> list[PriceSource]:
    """The sources of the prices just sent, and of the scenario's other prices that still hold."""
    fields = {source.field for source in sent}
    kept = [source for source in scenario.price_sources if source.field not in fields]
    return [*kept, *sent]


def _cache_prices(
    scenario: Scenario,
    record: PriceRecord,
    updates: dict[str, float],
    applied: list[str],
    unknown: list[str],
    explained: set[str],
) -> None:
    """The prompt path's cache read price from the record's cached input; the catalog has no cache
    write price. With caching on, a cache price kept is named: another model's caching terms
    would otherwise stay without a word. With caching off it counts for nothing."""
    read = record.cached_input_per_million
    if read is not None:
        updates["cache_read_price_per_million"] = read
        applied.append(
            f"{FIELD_LABELS['cache_read_price_per_million']}: {format_price(read)} ({record.model})"
        )
    if scenario.cached_prompt_percent == 0:
        return
    for field in ("cache_read_price_per_million", "cache_write_price_per_million"):
        if field not in updates:
            kept = _kept_price(scenario, field, updates, record)
            unknown.append(f"{FIELD_LABELS[field]}: {_not_known(record, explained)}, kept {kept}")


def _not_known(record: PriceRecord, explained: set[str]) -> str:
    """Not in the catalog for the record, with why the first time (`explained` remembers)."""
    why = f" ({record.unknown_because})" if record.unknown_because and record.key not in explained else ""
    explained.add(record.key)
    return f"not in the catalog for {record.key}{why}"


def _kept_price(scenario: Scenario, field: str, updates: dict[str, float], record: PriceRecord) -> str:
    """The scenario's own price, or, where it follows its base price, which base and whose."""
    kept = getattr(scenario, field)
    if kept is not None:
        return format_price(kept)
    base = SAME_AS_BASE[field]
    whose = f" ({record.model}'s, not a price of this record)" if base in updates else ""
    base_price = updates.get(base, getattr(scenario, base))
    return f"as the {FIELD_LABELS[base].split(' (')[0]}, now {format_price(base_price)}{whose}"
