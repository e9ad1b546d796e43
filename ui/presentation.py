"""The presentation page's parts: key assumptions, the verdict and the decision record."""

from __future__ import annotations

from datetime import date

import streamlit as st

from costmodel import CostResult
from costmodel.decision import DECISIONS, DecisionRecord
from render.deck import verdict_lines
from render.text import markdown_safe
from store import ScenarioStore, StoreError
from ui import state

# Pixels: fits the centered layout on screen and the width of an A4 or Letter page in
# print, where a chart drawn wider than the paper would be cut off.
CHART_WIDTH = 660

# Printing (the browser's print to PDF) keeps the content and drops the app's chrome.
# Printed, the page is one sheet: no app chrome, widgets, buttons or expanders, no
# full-height containers (they made a blank second page), and nothing split across pages.
PRINT_CSS = """
<style>
@page { size: A4; margin: 10mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stExpander"], [data-testid="stDecoration"], [data-testid="stDownloadButton"],
  [data-testid="stNumberInput"], [data-testid="stButton"], [data-testid="stBottom"],
  [data-testid="stStatusWidget"], [data-testid="stTooltipIcon"] { display: none !important; }
  /* The check against usage stays on screen: the printed page is full (the slides carry the check). */
  .st-key-present-check { display: none !important; }
  html, body, #root, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  .stMainBlockContainer { height: auto !important; min-height: 0 !important; overflow: visible !important; }
  .stMainBlockContainer { padding: 0 !important; zoom: 0.66; }
  [data-testid="stElementContainer"], [data-testid="stHorizontalBlock"] { break-inside: avoid; }
}
</style>
"""


def verdict(result: CostResult) -> tuple[str, list[str]]:
    """The decision guide's verdict when it was walked, else the verdict on cost alone: in the
    same words as the slides and the PDF."""
    return verdict_lines(result, state.guide_answers())


def current_decision(store: ScenarioStore) -> DecisionRecord | None:
    """The decision record that goes with the current scenario.

    A saved scenario's record is read from the store (someone may have changed it);
    an unsaved one has the record it was opened with from a scenario file, if any.
    """
    ref = state.saved_ref()
    if ref is None:
        return state.session_decision()
    try:
        return store.load(ref.id).decision
    except StoreError:
        return state.session_decision()


def show_decision(record: DecisionRecord | None) -> None:
    if record is None:
        st.write("No decision recorded yet.")
        return
    when = record.decided_on.isoformat() if record.decided_on else "no date"
    st.markdown(
        f"**{markdown_safe(record.decision)}**, owner {markdown_safe(record.owner or 'not named')}, {when}"
    )
    if record.rationale:
        st.text(record.rationale)


def decision_form(store: ScenarioStore, record: DecisionRecord | None) -> None:
    """Fill in the decision record; it is saved with the open stored scenario."""
    ref = state.saved_ref()
    if ref is None:
        st.info("Save this scenario on the Scenarios page to keep a decision record with it.")
        return
    current = record or DecisionRecord()
    with st.form("decision"):
        decision = st.selectbox(
            "Decision",
            DECISIONS,
            index=DECISIONS.index(current.decision) if current.decision in DECISIONS else len(DECISIONS) - 1,
        )
        owner = st.text_input("Owner", value=current.owner, max_chars=200)
        decided_on = st.date_input("Date", value=current.decided_on or date.today())
        rationale = st.text_area("Rationale", value=current.rationale)
        if not st.form_submit_button("Save the decision record", type="primary"):
            return
    new_record = DecisionRecord(decision=decision, owner=owner, decided_on=decided_on, rationale=rationale)
    try:
        saved = store.update(
            ref.id, state.current_scenario(), expected_version=ref.version, decision=new_record
        )
    except StoreError as error:
        st.error(markdown_safe(str(error)), icon=":material/block:")
        return
    st.session_state[state.SAVED] = state.SavedRef(saved.id, saved.name, saved.version)
    st.session_state[state.DECISION] = new_record
    st.rerun()
