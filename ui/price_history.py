"""Price history in the app: how a catalog model's prices moved (Prices page), and the
yearly price trends its past prices suggest (what-if sidebar, applied only on a click)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from pricing import PriceRecord, load_catalog
from pricing.records import history_frame
from pricing.trends import PriceTrend, suggested_trends
from render.charts import make_price_history
from render.text import bullets, markdown_safe
from ui import state

HISTORY_MODEL = "prices.history_model"
TREND_MODEL = "input.trend_model"
TREND_USE = "input.trend_use"


def show_price_history(records: Sequence[PriceRecord], today: date) -> None:
    """A chosen model's prices as steps over time, and every dated span in a table."""
    moved = {record.key: record for record in records if record.history}
    if not moved:
        return
    st.subheader("How prices moved")
    st.caption(
        "A price holds from its first day until the day the next took over; the last row is today's "
        "(its 'to' reads —). A price the source does not give reads —."
    )
    choice = st.selectbox("Model to chart", list(moved), key=HISTORY_MODEL)
    st.plotly_chart(make_price_history(moved[choice], today), width="stretch", key="prices.history_chart")
    history = history_frame(list(moved.values()))
    price_column = st.column_config.NumberColumn(format="$%.3f")
    st.dataframe(
        history,
        hide_index=True,
        width="stretch",
        key="prices.history",
        placeholder="—",
        column_config={
            **{name: price_column for name in history.columns if history[name].dtype.kind == "f"},
            "from": st.column_config.DateColumn("from", format="YYYY-MM-DD"),
            "to": st.column_config.DateColumn("to", format="YYYY-MM-DD"),
            "source": st.column_config.LinkColumn("source"),
        },
    )


PATH_NAMES = {
    "prompt_price_change_percent_per_year": "Prompt path",
    "finetune_price_change_percent_per_year": "Fine-tuned path",
}


def _catalog_trends(today: date) -> dict[str, dict[str, PriceTrend]]:
    """Catalog model -> the trends its history suggests, for models whose history suggests any."""
    return {record.key: trends for record in load_catalog() if (trends := suggested_trends(record, today))}


def _use_trends(edit: Callable[[dict[str, Any]], None], model: str) -> None:
    before = state.current_scenario()
    trends = _catalog_trends(date.today())[model]
    # One decimal is what the boxes show; the message gives the value set.
    changes = {field: round(trend.percent_per_year, 1) for field, trend in trends.items()}
    edit(changes)
    after = state.current_scenario()
    # A value the trend leaves as it was is not news ("0 → 0 % per year").
    lines = [
        f"{PATH_NAMES[field]} price change: {getattr(before, field):g} → {value:g} % per year"
        for field, value in changes.items()
        if getattr(before, field) != value
    ]
    changed = all(getattr(after, f) == v for f, v in changes.items())
    state.say_once(TREND_USE, model, changed, lines)


def suggest_trends_from_history(edit: Callable[[dict[str, Any]], None]) -> None:
    """Offer the yearly price changes a catalog model's past prices suggest; `edit` applies them on a click.

    The model whose prices were last sent from the Prices page comes first when it has a
    history; when it has none, that is said and no other model is chosen for it.
    """
    by_model = _catalog_trends(date.today())
    if not by_model:
        return
    models = list(by_model)
    applied = st.session_state[state.PRICES_APPLIED]
    sent = applied.record_key.split(" and ") if applied is not None else []
    with_history = [model for model in models if model in sent]
    # The user's choice is kept for the send it was made after: a new send chooses afresh.
    state.seed_kept(TREND_MODEL, with_history[0] if with_history else (None if sent else models[0]), sent)
    st.markdown("**Suggested from price history**")
    if sent and not with_history:
        st.info(
            markdown_safe(
                f"{' and '.join(sent)}, "
                + (
                    "the models sent from the Prices page, have no price history"
                    if len(sent) > 1
                    else "the model sent from the Prices page, has no price history"
                )
                + ": no yearly trend to suggest from it. Pick another model below only if its trend fits."
            ),
            icon=":material/info:",
        )
    model = st.selectbox(
        "Catalog model with a price history",
        models,
        index=None,  # the choice is set in session state above
        key=TREND_MODEL,
        on_change=state.keep,
        args=(TREND_MODEL, sent),
        placeholder="Choose a model",
        help="A suggestion from past price cuts, not a forecast: past cuts need not repeat.",
    )
    if model is None:
        return
    st.caption(
        "The compound yearly change of each path's input price, from its first dated price to today:\n"
        + bullets([f"{PATH_NAMES[field]}: {trend.describe()}" for field, trend in by_model[model].items()])
    )
    st.button(
        "Use the suggested trends",
        key=TREND_USE,
        on_click=_use_trends,
        args=(edit, model),
        help="Sets the yearly price changes above to these suggestions; you can change them again.",
        width="stretch",
    )
    used = state.said(TREND_USE)
    if used is not None:
        source, changed, lines = used
        if not lines:
            st.info(markdown_safe(f"Nothing changed: the scenario already has {source}'s suggested trends."))
        elif changed:
            st.success(
                markdown_safe(f"Changed from {source}'s price history:") + "\n" + bullets(lines),
                icon=":material/check:",
            )
        else:
            st.warning(
                "Not used yet: the model refuses the scenario with other inputs (see below):\n"
                + bullets(lines)
            )
