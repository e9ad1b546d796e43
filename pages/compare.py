"""Compare: 2 to 6 saved scenarios on one chart and side by side in one table."""

import streamlit as st

from costmodel import evaluate
from costmodel.compare import comparison_table, differing_rows, shown_rows
from render.charts import make_comparison_chart, make_savings_comparison
from ui.page import start_page
from ui.store import get_store

MIN_COMPARED, MAX_COMPARED = 2, 6
DIFFERENCE_STYLE = "background-color: #fff3bf; font-weight: 600"
NARROWEST_MAIN_PIXELS = 540
CHARACTER_PIXELS = 7.5
MAX_LABEL_PIXELS = 200
MIN_COLUMN_PIXELS = 56
# Rows taller than 4rem (64 px) let Streamlit wrap a cell's text; one line is 35 px.
ONE_LINE_ROW_PIXELS, WRAPPED_ROW_PIXELS, HEADER_PIXELS = 35, 66, 38

start_page()
st.title("Compare scenarios")
saved = {entry.id: entry for entry in get_store().list()}
if len(saved) < MIN_COMPARED:
    st.info(f"Save at least {MIN_COMPARED} scenarios on the Scenarios page to compare them.")
    st.page_link("pages/scenarios.py", label="Go to Scenarios", icon=":material/save:")
    st.stop()

chosen = st.multiselect(
    f"Scenarios to compare ({MIN_COMPARED} to {MAX_COMPARED})",
    list(saved),
    default=list(saved)[:MIN_COMPARED],
    format_func=lambda i: saved[i].name,
    max_selections=MAX_COMPARED,
    key="compare.chosen",
)
if len(chosen) < MIN_COMPARED:
    st.info(f"Pick at least {MIN_COMPARED} scenarios.")
    st.stop()

named_results = [(saved[i].name, evaluate(saved[i].scenario)) for i in chosen]
st.plotly_chart(make_savings_comparison(named_results), width="stretch", key="compare.savings")
st.plotly_chart(make_comparison_chart(named_results), width="stretch", key="compare.chart")

table = comparison_table(named_results)
different = differing_rows(table)
only_differences = st.toggle("Only the differences", value=True, key="compare.only_differences")
shown = shown_rows(table, only_differences)
st.caption(
    f"Outcomes first, then the inputs; highlighted: the {len(different)} rows where the scenarios differ."
)
# Every column fits the narrowest main column (about 540 px at 1000 px wide with the sidebar
# open): row labels as wide as they need up to a cap, the scenarios share the rest, and rows grow
# to two or three lines where a label or a value ("same as training cost") needs them.
label_width = min(int(max(map(len, shown.index)) * CHARACTER_PIXELS) + 24, MAX_LABEL_PIXELS)
column_width = max(MIN_COLUMN_PIXELS, (NARROWEST_MAIN_PIXELS - label_width) // len(shown.columns))
longest_value = max((len(str(value)) for value in shown.to_numpy().ravel()), default=0)
wraps = longest_value * CHARACTER_PIXELS + 16 > column_width or label_width == MAX_LABEL_PIXELS
row_height = WRAPPED_ROW_PIXELS if wraps else ONE_LINE_ROW_PIXELS
st.dataframe(
    shown.style.apply(lambda row: [DIFFERENCE_STYLE if row.name in different else ""] * len(row), axis=1),
    width="stretch",
    height=len(shown) * row_height + HEADER_PIXELS,
    row_height=row_height,
    key="compare.table",
    column_config={
        "_index": st.column_config.Column(width=label_width),
        **{name: st.column_config.Column(width=column_width) for name in shown.columns},
    },
)
