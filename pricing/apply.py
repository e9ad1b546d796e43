"""Sending a catalog model's prices into a scenario, saying what was and was not known."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from costmodel import FIELD_LABELS, Scenario, format_money
from pricing.records import PriceRecord

HOURS_PER_DAY = 24

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
    for field, record_field in TOKEN_PRICES.items():
        source = finetuned_record if field.startswith("finetuned") else record
        price = getattr(source, record_field)
        label = FIELD_LABELS[field]
        if price is None:
            kept = getattr(scenario, field)
            kept_text = "the base price" if kept is None else format_money(kept)
            unknown.append(f"{label}: not in the catalog for {source.key}, kept {kept_text}")
        else:
            updates[field] = price
            applied.append(f"{label}: {format_money(price)} ({source.model})")
    if finetuned_record.hosting_per_hour is not None:
        updates["hosting_cost_per_day"] = finetuned_record.hosting_per_hour * HOURS_PER_DAY
        applied.append(
            f"{FIELD_LABELS['hosting_cost_per_day']}: "
            f"{format_money(finetuned_record.hosting_per_hour)}/hour = "
            f"{format_money(updates['hosting_cost_per_day'])}/day"
        )
    used = [record] if finetuned_record is record else [record, finetuned_record]
    return PricesApplied(
        scenario=Scenario.model_validate(scenario.model_dump() | updates),
        record_key=" and ".join(r.key for r in used),
        applied=applied,
        unknown=unknown,
        freshness="; ".join(
            f"{r.model} {r.freshness(today)}" if len(used) > 1 else r.freshness(today) for r in used
        ),
        stale=any(r.is_stale(today) for r in used),
    )
