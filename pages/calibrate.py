"""Calibrate: start the scenario from real usage, or check a decision against what happened since."""

import streamlit as st

from render.text import markdown_safe
from store import StoreError
from ui import state
from ui.calibration import (
    calibration_from_uploads,
    check_from_uploads,
    scenario_line,
    show_calibration,
    use_numbers_form,
)
from ui.page import start_page
from ui.presentation import show_record
from ui.store import get_store

start_page()
st.title("Calibrate from real usage")
st.write(
    "Usage exports say what actually happened: calls per day, tokens per call, growth. "
    "Files are read on this server and nothing is sent anywhere."
)
start_tab, check_tab = st.tabs(["Start from usage", "Check a decision against reality"])

with start_tab:
    calibration = calibration_from_uploads("calibrate")
    if calibration is not None:
        show_calibration(calibration)
        use_numbers_form(calibration)

with check_tab:
    scenario = state.current_scenario()
    st.write(
        "Upload usage from after the decision: each assumption of the current scenario beside "
        "what happened, and the break-even day recomputed with the actual numbers."
    )
    st.caption(markdown_safe(f"The current scenario assumes {scenario_line(scenario)}."))
    saved = state.saved_ref()
    if saved is not None:  # a saved scenario: the decision it records is what the check is about
        st.caption(markdown_safe(f"Opened from the saved scenario {saved.name!r}; its decision:"))
        try:
            decision = get_store().load(saved.id).decision
        except StoreError:
            decision = None
        show_record(decision)
    check_from_uploads(scenario, "check")
