"""Scenarios: save the current one, open and manage saved ones, share and export."""

import streamlit as st

from costmodel import evaluate, headline
from render.text import markdown_safe
from ui import presentation, saved, state
from ui.page import start_page
from ui.store import get_store

start_page()
store = get_store()
scenario = state.current_scenario()
result = evaluate(scenario)
decision = presentation.current_decision(store)

st.title("Scenarios")
ref = state.saved_ref()
st.caption(
    "Open now: "
    + (
        f"saved scenario “{markdown_safe(ref.name)}” (version {ref.version})"
        if ref
        else "an unsaved scenario"
    )
)
st.write(markdown_safe(headline(result)))

st.subheader("Save")
saved.save_form(store, scenario, decision)

st.subheader("Saved scenarios")
all_saved = store.list()
for reason in store.unreadable():
    st.warning(markdown_safe(reason), icon=":material/error:")
if all_saved:
    st.dataframe(saved.saved_table(all_saved), hide_index=True, width="stretch", key="saved.table")
    saved.manage(store, all_saved)
else:
    st.info("Nothing saved yet: name the current scenario above and save it.")

st.subheader("Share")
saved.share_link()

st.subheader("Export")
saved.export_buttons(result, decision)
saved.upload_scenario()
