"""The presentation page's parts: the brief it lays out, its sections and the decision record."""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

from costmodel import Scenario
from costmodel.brief import Brief, Section, build_brief, decision_lines
from costmodel.calibrate import Calibration
from costmodel.decision import DECISIONS, DecisionRecord
from costmodel.guide import GuideAnswers
from render.text import bullets, markdown_safe, plain_text
from store import ScenarioStore, StoreError
from ui import state

# Pixels: fits the centered layout on screen and the width of an A4 or Letter page in
# print, where a chart drawn wider than the paper would be cut off.
CHART_WIDTH = 660
# Pixels: two sections abreast fit the centered layout, three the printed page's 1180.
SECTION_WIDTH = 320

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
  /* The check against usage and what managers ask next stay on screen: the printed page is
     full with the brief (the slides carry the check). */
  .st-key-present-check, .st-key-present-questions { display: none !important; }
  html, body, #root, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  .stMainBlockContainer { height: auto !important; min-height: 0 !important; overflow: visible !important; }
  .stMainBlockContainer { padding: 0 !important; max-width: 1180px !important; zoom: 0.56; }
  [data-testid="stElementContainer"], [data-testid="stHorizontalBlock"] { break-inside: avoid; }
  .st-key-present-sections h3 { font-size: 1.25rem !important; padding-top: 0.25rem !important; }
}
</style>
"""


@st.cache_data(max_entries=32, show_spinner="Working out the ranges…")
def cached_brief(
    scenario: Scenario,
    made_on: date,
    answers: GuideAnswers,
    decision: DecisionRecord | None,
    actuals: Calibration | None,
) -> Brief:
    """The brief, built once per set of inputs (its Monte Carlo ranges take a second)."""
    return build_brief(scenario, made_on, answers, decision, actuals)


def current_brief(
    scenario: Scenario, decision: DecisionRecord | None, actuals: Calibration | None
) -> tuple[Brief, ValidationError | None]:
    """The open scenario's brief with the guide's answers; when the usage gives values the model
    does not take, the brief without the check and why."""
    answers = state.guide_answers()
    try:
        return cached_brief(scenario, date.today(), answers, decision, actuals), None
    except ValidationError as error:
        return cached_brief(scenario, date.today(), answers, decision, None), error


def show_section(section: Section) -> None:
    """One part of the brief: its title, then its facts as a table or its lines as bullets."""
    st.subheader(markdown_safe(section.title))
    if section.facts:
        st.markdown(
            "| | |\n|---|---|\n"
            + "\n".join(
                f"| {markdown_safe(fact.label)} | {markdown_safe(fact.value).replace('|', '&#124;')} |"
                for fact in section.facts
            )
        )
    if section.lines:
        st.markdown(bullets(list(section.lines)))


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


def show_decision(brief: Brief) -> None:
    st.markdown(bullets([plain_text(line) for line in brief.decision]))
    if brief.rationale:
        st.text(plain_text(brief.rationale))


def show_record(record: DecisionRecord | None) -> None:
    """A decision record on its own (Calibrate's check), in the brief's words."""
    st.markdown(bullets(list(decision_lines(record))))
    if record is not None and record.rationale:
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
    new_record = DecisionRecord(
        decision=decision,
        owner=owner,
        decided_on=decided_on,
        rationale=rationale,
        # The training file read this session, else the one the record named before.
        training_data=state.training_data() or current.training_data,
    )
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
