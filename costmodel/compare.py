"""Scenarios side by side: every input and result in one table, differences marked."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from costmodel.explain import format_money
from costmodel.model import CostResult
from costmodel.scenario import FIELD_LABELS

COMPARED_INPUTS = tuple(field for field in FIELD_LABELS if field not in ("name", "notes"))


def _input_text(result: CostResult, field: str) -> str:
    value = getattr(result.scenario, field)
    if value is None:
        return {"retrain_every_days": "never", "retrain_cost": "same as training"}.get(field, "same as base")
    if "price" in field or "cost" in field:
        return format_money(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def comparison_table(named_results: Sequence[tuple[str, CostResult]]) -> pd.DataFrame:
    """Rows are inputs then results (in the user's words), one column per scenario."""
    rows: dict[str, list[str]] = {}
    for field in COMPARED_INPUTS:
        rows[FIELD_LABELS[field]] = [_input_text(result, field) for _, result in named_results]
    rows["break-even day"] = [
        "none" if r.break_even_day is None else f"day {r.break_even_day:,}" for _, r in named_results
    ]
    rows["saving per day"] = [format_money(r.daily_saving) for _, r in named_results]
    rows["prompt overhead per year"] = [format_money(r.prompt_overhead_cost_per_year) for _, r in named_results]
    rows["prompt path total"] = [format_money(r.prompt_total) for _, r in named_results]
    rows["fine-tuned path total"] = [format_money(r.finetune_total) for _, r in named_results]
    rows["saved by fine-tuning"] = [format_money(r.savings) for _, r in named_results]
    return pd.DataFrame.from_dict(rows, orient="index", columns=[name for name, _ in named_results])


def differing_rows(table: pd.DataFrame) -> list[str]:
    """Row labels whose values are not all the same."""
    return [label for label, row in table.iterrows() if row.nunique() > 1]
