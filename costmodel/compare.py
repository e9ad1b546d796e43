"""Scenarios side by side: every input and result in one table, differences marked."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from costmodel.explain import describe_input, money_for
from costmodel.model import CostResult
from costmodel.scenario import FIELD_LABELS

COMPARED_INPUTS = tuple(field for field in FIELD_LABELS if field not in ("name", "notes"))


def comparison_table(named_results: Sequence[tuple[str, CostResult]]) -> pd.DataFrame:
    """Rows are inputs then results (in the user's words), one column per scenario."""
    rows: dict[str, list[str]] = {}
    for field in COMPARED_INPUTS:
        rows[FIELD_LABELS[field]] = [describe_input(result.scenario, field) for _, result in named_results]
    rows["break-even day"] = [
        "none" if r.break_even_day is None else f"day {r.break_even_day:,}" for _, r in named_results
    ]
    money_rows = {
        "saving per day": "daily_saving",
        "prompt overhead per year": "prompt_overhead_cost_per_year",
        "prompt path total": "prompt_total",
        "fine-tuned path total": "finetune_total",
        "saved by fine-tuning": "savings",
    }
    for label, attribute in money_rows.items():
        rows[label] = [money_for(r.scenario)(getattr(r, attribute)) for _, r in named_results]
    return pd.DataFrame.from_dict(rows, orient="index", columns=[name for name, _ in named_results])


def differing_rows(table: pd.DataFrame) -> list[str]:
    """Row labels whose values are not all the same."""
    return [str(label) for label, row in table.iterrows() if row.nunique() > 1]
