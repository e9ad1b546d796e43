"""Layout pieces the pages share."""

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def metric_row() -> DeltaGenerator:
    """A row for metrics that wraps onto a new line where the page is too narrow for them all.

    `st.columns` keeps every metric in its fixed share of the row and cuts what does not fit
    ("$3,65…" at 1000 px with the sidebar open); it also sends the browser a block per column.
    """
    return st.container(horizontal=True, gap="medium")
