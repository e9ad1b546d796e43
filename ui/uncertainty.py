"""The Monte Carlo ranges editor: one row per uncertain input, kept across page visits."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from costmodel import FIELD_LABELS, Scenario
from costmodel.montecarlo import UNCERTAIN_INPUTS, MonteCarloRun, Range, default_ranges
from ui import state

EDITOR = "uncertainty.ranges"
# Kept by the session for the scenario they were made for (a new scenario starts them again): the
# table the editor starts from (its edits are kept by Streamlit against it while it is drawn) and
# the last edited table, which the editor starts from when it is drawn again.
BASE, LAST = f"{EDITOR}.base", f"{EDITOR}.last"
LABEL_TO_FIELD = {FIELD_LABELS[field]: field for field in UNCERTAIN_INPUTS}


def _default_table(scenario: Scenario) -> pd.DataFrame:
    ranges = {r.field: r for r in default_ranges(scenario)}
    rows = []
    for field in UNCERTAIN_INPUTS:
        value = getattr(scenario, field)
        if value is None:  # follows the base value; left certain unless chosen
            value = scenario.price_per_million if "price" in field else scenario.training_cost
        chosen = ranges.get(field)
        rows.append(
            {
                "input": FIELD_LABELS[field],
                "uncertain": chosen is not None,
                "low": chosen.low if chosen else float(value),
                "likely": float(value),
                "high": chosen.high if chosen else float(value),
                "shape": chosen.shape if chosen else "pert",
            }
        )
    return pd.DataFrame(rows)


def reset_ranges() -> None:
    state.forget(BASE)
    state.forget(LAST)
    st.session_state.pop(EDITOR, None)


# Rows taller than 4rem let long input names wrap onto a second line (Streamlit's rule).
TWO_LINE_ROW_HEIGHT = 66
HEADER_HEIGHT = 38  # the header row and the frame's borders


def last_ranges_table(scenario: Scenario) -> pd.DataFrame | None:
    """The ranges table as last edited for `scenario`, if it was."""
    table: pd.DataFrame | None = state.kept(LAST, None, made_for=scenario)
    return table


def ranges_editor(scenario: Scenario) -> tuple[Range, ...] | None:
    """Edit low / likely / high per input; None (with the reasons shown) when a row is invalid."""
    base = state.kept(BASE, None, made_for=scenario)
    if base is None or EDITOR not in st.session_state:
        # Drawn again, or for another scenario: its edits start from the last table made for it.
        st.session_state.pop(EDITOR, None)
        last = last_ranges_table(scenario)
        base = _default_table(scenario) if last is None else last
        state.keep_value(BASE, base, made_for=scenario)
    edited = st.data_editor(
        base,
        key=EDITOR,
        hide_index=True,
        width="stretch",
        disabled=["input"],
        row_height=TWO_LINE_ROW_HEIGHT,
        # Every row in view: the taller rows would otherwise scroll inside a box of Streamlit's height.
        height=len(base) * TWO_LINE_ROW_HEIGHT + HEADER_HEIGHT,
        # Widths that fit the narrowest main column (about 540 px at 1000 px with the sidebar
        # open): Streamlit's own widths hid high and shape behind a sideways scroll.
        column_config={
            "input": st.column_config.TextColumn("input", width=170),
            "uncertain": st.column_config.CheckboxColumn(
                "vary", width=50, help="Ticked: the input is drawn from its range; else it stays at likely."
            ),
            "shape": st.column_config.SelectboxColumn(
                "shape",
                options=["pert", "triangular"],
                required=True,
                width=85,
                help="How the draws spread between low and high. pert: most draws near the likely "
                "value, few at the ends (a smoothed triangle). triangular: draws fall off in straight "
                "lines from the likely value, so the ends come up more often.",
            ),
            **{
                c: st.column_config.NumberColumn(c, format="%.4g", width=60)
                for c in ("low", "likely", "high")
            },
        },
    )
    state.keep_value(LAST, edited, made_for=scenario)
    ranges, problems = [], []
    for row in edited.itertuples():
        if not row.uncertain:
            continue
        try:
            ranges.append(
                Range(
                    field=LABEL_TO_FIELD[row.input],
                    low=row.low,
                    likely=row.likely,
                    high=row.high,
                    shape=row.shape,
                )
            )
        except (ValidationError, TypeError) as error:
            problems.append(
                f"{row.input}: "
                + (
                    "; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())
                    if isinstance(error, ValidationError)
                    else str(error)
                )
            )
    if problems:
        st.error("These ranges cannot be used:\n" + "\n".join(f"- {p}" for p in problems))
        return None
    return tuple(ranges)


DRAWS_HELP = "How many random scenarios are drawn from the ranges: more draws, steadier figures."


def run_settings() -> tuple[int, int]:
    draws_column, seed_column = st.columns(2)
    draws = draws_column.select_slider(
        "Draws", options=[1_000, 2_000, 5_000, 10_000], value=10_000, key="uncertainty.draws", help=DRAWS_HELP
    )
    seed = seed_column.number_input(
        "Seed (same seed, same answer)",
        0,
        2**31 - 1,
        MonteCarloRun().seed,
        key="uncertainty.seed",
        help="The starting number of the random draws. The same seed draws the same scenarios, so the "
        "answer can be checked and repeated; another seed draws others.",
    )
    return draws, seed


def set_range(scenario: Scenario, field: str, low: float, high: float) -> None:
    """Mark one input uncertain from low to high (likely = the scenario's value) for the next Monte Carlo run.

    The table is stored as the editor's last state, made for `scenario`, so the How sure?
    page opens with it as long as the scenario stays the same.
    """
    set_ranges(scenario, {field: (low, high)})


def set_ranges(scenario: Scenario, ranges: dict[str, tuple[float, float]]) -> None:
    """`set_range` for several inputs at once (each from low to high)."""
    table = _default_table(scenario)
    for field, (low, high) in ranges.items():
        row = table["input"] == FIELD_LABELS[field]
        table.loc[row, ["uncertain", "low", "high"]] = [True, float(low), float(high)]
    reset_ranges()
    state.keep_value(LAST, table, made_for=scenario)
