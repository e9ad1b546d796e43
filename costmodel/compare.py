"""Scenarios side by side: every input and result in one table, differences marked."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from costmodel.explain import break_even_words, describe_input, money_for
from costmodel.model import CostResult
from costmodel.scenario import FIELD_LABELS

# The first rows of comparison_table: break-even, pays back, savings and the totals.
OUTCOME_ROWS = 7
COMPARED_INPUTS = tuple(field for field in FIELD_LABELS if field not in ("name", "notes"))


def comparison_table(named_results: Sequence[tuple[str, CostResult]]) -> pd.DataFrame:
    """Rows are the outcomes first, then the inputs (in the user's words), one column per scenario."""
    rows: dict[str, list[str]] = {}
    rows["break-even day"] = [break_even_words(r) for _, r in named_results]
    rows["fine-tuning pays back"] = ["yes" if r.pays_back else "no" for _, r in named_results]
    money_rows = {
        "saved by fine-tuning": "savings",
        "prompt path total": "prompt_total",
        "fine-tuned path total": "finetune_total",
        "saving per day": "daily_saving",
        "prompt overhead per year": "prompt_overhead_cost_per_year",
    }
    for label, attribute in money_rows.items():
        rows[label] = [money_for(r.scenario)(getattr(r, attribute)) for _, r in named_results]
    for field in COMPARED_INPUTS:
        rows[FIELD_LABELS[field]] = [describe_input(result.scenario, field) for _, result in named_results]
    return pd.DataFrame.from_dict(rows, orient="index", columns=[name for name, _ in named_results])


def shown_rows(table: pd.DataFrame, only_differences: bool) -> pd.DataFrame:
    """The outcomes always; the inputs all, or only those where the scenarios differ."""
    if not only_differences:
        return table
    outcomes = table.index[:OUTCOME_ROWS]
    return table.loc[[label for label in table.index if label in outcomes or label in differing_rows(table)]]


def differing_rows(table: pd.DataFrame) -> list[str]:
    """Row labels whose values are not all the same."""
    return [str(label) for label, row in table.iterrows() if row.nunique() > 1]
