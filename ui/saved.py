"""Saving, opening and managing stored scenarios, and the exports, for the Scenarios page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from costmodel import CostResult, Scenario, evaluate
from costmodel.brief import Brief, build_brief
from costmodel.decision import DecisionRecord
from costmodel.explain import break_even_words, money_for
from costmodel.files import (
    MAX_SCENARIO_FILE_BYTES,
    BadScenarioFileError,
    parse_scenario_entries,
    scenario_file_json,
)
from costmodel.scenario import MAX_NAME_LENGTH, MAX_NOTES_LENGTH
from render.deck import make_deck
from render.export import cost_chart_png
from render.one_page import chromium_path, make_one_page_pdf
from render.report import make_report_html
from render.text import markdown_safe
from store import ScenarioStore, StoredScenario, StoreError
from store.scenario_store import free_name, normalise_name
from ui import state

# The save form's name box, and the name it last suggested.
NAME_BOX, SUGGESTED_NAME = "saved.name", "saved.name.suggested"


def remember(saved: StoredScenario) -> None:
    st.session_state[state.SAVED] = state.SavedRef(saved.id, saved.name, saved.version)


def open_saved(saved: StoredScenario) -> None:
    """Make a stored scenario the current one, on every page."""
    state.replace_scenario(saved.scenario)
    st.session_state[state.PRICES_APPLIED] = None
    st.session_state[state.DECISION] = saved.decision
    remember(saved)


def save_form(store: ScenarioStore, scenario: Scenario, decision: DecisionRecord | None) -> None:
    """Save as new, or save changes to the open stored scenario (refused if someone saved since).

    A new save keeps the current decision record (from the open scenario or its file).
    The name box suggests a name no saved scenario has, so *Save as new* works as it
    stands; *Save changes* keeps the open scenario's name unless another one is typed.
    """
    ref = state.saved_ref()
    current_name = ref.name if ref else (scenario.name or "")
    try:
        suggested = free_name(current_name, [entry.name for entry in store.list()])
    except StoreError:  # no usable name yet (blank, or only invisible characters): the user types one
        suggested = current_name
    # The box shows the suggestion whenever it changes (a save took the name): a browser keeps
    # what its box showed unless the session sets a new value, so deleting the key was not enough
    # and a second save under the box's name was refused as a duplicate.
    if st.session_state.get(SUGGESTED_NAME) != suggested or NAME_BOX not in st.session_state:
        st.session_state[NAME_BOX] = suggested
        st.session_state[SUGGESTED_NAME] = suggested
    with st.form("save"):
        name = st.text_input("Name", max_chars=MAX_NAME_LENGTH, key=NAME_BOX)
        notes = st.text_area(
            "Notes", value=scenario.notes or "", max_chars=MAX_NOTES_LENGTH, key="saved.notes"
        )
        as_new = st.form_submit_button("Save as a new scenario", type="primary", key="saved.save_as_new")
        overwrite = ref is not None and st.form_submit_button(
            "Save changes to the open scenario", key="saved.overwrite"
        )
    if not (as_new or overwrite):
        return
    with_notes = scenario.model_copy(update={"notes": notes or None})
    try:
        if as_new:
            saved = store.create(name, with_notes, decision)
        else:
            assert ref is not None
            saved = store.update(ref.id, with_notes, expected_version=ref.version)
            if normalise_name(name) not in (saved.name, suggested):
                saved = store.rename(saved.id, name, expected_version=saved.version)
    except StoreError as error:
        st.error(markdown_safe(str(error)), icon=":material/block:")
        return
    remember(saved)
    state.store_scenario(saved.scenario)
    st.toast(f"Saved as version {saved.version}.", icon=":material/check:")
    st.rerun()  # redraw the page with the scenario now open


def saved_table(saved: list[StoredScenario]) -> pd.DataFrame:
    rows = []
    for entry in saved:
        result = evaluate(entry.scenario)
        rows.append(
            {
                "name": entry.name,
                "break-even day": break_even_words(result),
                "saved by fine-tuning": money_for(entry.scenario)(result.savings),
                "decision": entry.decision.decision if entry.decision else "",
                "updated": entry.updated_at.strftime("%Y-%m-%d %H:%M"),
                "version": entry.version,
            }
        )
    return pd.DataFrame(rows)


def manage(store: ScenarioStore, saved: list[StoredScenario]) -> None:
    """Open, rename, duplicate or delete one stored scenario."""
    by_id = {entry.id: entry for entry in saved}
    chosen_id = st.selectbox("Scenario", list(by_id), format_func=lambda i: by_id[i].name, key="saved.choice")
    chosen = by_id[chosen_id]
    # A click reruns the page, which reads the store again: act on the version shown before it.
    seen_version = st.session_state[state.SHOWN_VERSIONS].get(chosen.id, chosen.version)
    st.session_state[state.SHOWN_VERSIONS] = {entry.id: entry.version for entry in saved}
    open_column, rename_column, copy_column, delete_column = st.columns(4)
    try:
        if open_column.button("Open", key="saved.open", type="primary"):
            open_saved(store.load(chosen.id))
            st.switch_page("pages/what_if.py")
        new_name = rename_column.text_input("New name", key="saved.rename_to", max_chars=MAX_NAME_LENGTH)
        if rename_column.button("Rename", key="saved.rename", disabled=not new_name):
            renamed = store.rename(chosen.id, new_name, expected_version=seen_version)
            if (ref := state.saved_ref()) and ref.id == renamed.id:
                remember(renamed)
            st.rerun()
        copy_name = copy_column.text_input("Copy's name", key="saved.copy_to", max_chars=MAX_NAME_LENGTH)
        if copy_column.button("Duplicate", key="saved.duplicate", disabled=not copy_name):
            store.duplicate(chosen.id, copy_name)
            st.rerun()
        sure = delete_column.checkbox("Yes, delete it", key="saved.sure")
        if delete_column.button("Delete", key="saved.delete", disabled=not sure):
            store.delete(chosen.id, expected_version=seen_version)
            del st.session_state["saved.sure"]  # the next scenario's delete must be confirmed again
            if (ref := state.saved_ref()) and ref.id == chosen.id:
                st.session_state[state.SAVED] = None
            st.rerun()
    except StoreError as error:
        st.error(markdown_safe(str(error)), icon=":material/block:")
    deck_button(
        brief_of(chosen.scenario, chosen.decision, open_scenario=False),
        chosen.scenario,
        key=f"saved.deck.{chosen.id}",
        label="Slides of this saved scenario (PPTX)",
    )


def upload_scenario() -> None:
    """Open a scenario JSON file (as the JSON download writes it), with its decision record."""
    upload = st.file_uploader(
        "Open a scenario file (JSON)",
        type=["json"],
        key="saved.upload",
        # The widget's own note ("Limit … per file") shows this, in whole megabytes.
        max_upload_size=max(1, MAX_SCENARIO_FILE_BYTES // 1_000_000),
        help=f"A scenario file as *Scenario (JSON)* writes it, at most {MAX_SCENARIO_FILE_BYTES:,} bytes.",
    )
    if upload is None:
        return
    if upload.size > MAX_SCENARIO_FILE_BYTES:
        st.error(
            f"That file is {upload.size:,} bytes; a scenario file is at most {MAX_SCENARIO_FILE_BYTES:,}."
        )
        return
    try:
        entries = parse_scenario_entries(upload.getvalue(), upload.name)
    except BadScenarioFileError as error:
        st.error(markdown_safe(str(error)), icon=":material/block:")
        return
    if len(entries) != 1:
        st.error(markdown_safe(f"{upload.name} holds {len(entries)} scenarios: open one at a time."))
        return
    if st.button("Use this scenario", key="saved.use_upload", type="primary"):
        state.replace_scenario(entries[0].scenario)
        st.session_state[state.SAVED] = None
        st.session_state[state.DECISION] = entries[0].decision
        if entries[0].answers is not None:
            state.store_guide_answers(entries[0].answers)
        st.switch_page("pages/what_if.py")


def share_link() -> None:
    """The what-if page's URL with the scenario, its decision record and the guide's answers in
    its query string; and a note when the rationale is longer than a link holds."""
    scheme, netloc, path, _, _ = urlsplit(st.context.url or "http://localhost:8501/")
    app_root = path.rsplit("/", 1)[0] + "/"
    query, left_out = state.share_link_query()
    st.write("Anyone who opens this link sees the same inputs, the same numbers and the decision record:")
    st.code(urlunsplit((scheme, netloc, app_root, urlencode(query), "")), language=None, wrap_lines=True)
    if left_out:
        st.caption(
            f"The link carries the start of the rationale: {left_out:,} characters do not fit in a link. "
            "The scenario file below carries it whole."
        )


def _file_stem(scenario: Scenario) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in (scenario.name or "scenario"))
    return cleaned.strip("-")[:60] or "scenario"


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def deck_button(
    make_brief: Callable[[], Brief],
    stem_of: Scenario,
    key: str,
    label: str = "Download slides (PPTX)",
    with_check: bool = False,
) -> None:
    """*Download slides*: the deck of `make_brief()`'s brief, made when clicked (the chart and the
    ranges take seconds). A deck that cannot be made says why instead of doing nothing."""
    st.download_button(
        label,
        lambda: make_deck(make_brief()),
        f"{_file_stem(stem_of)}-decision.pptx",
        PPTX,
        key=key,
        on_click="ignore",
        icon=":material/slideshow:",
        help="The answer and its number, break-even on the chart, the verdict, the decision record"
        + (", the check against what happened" if with_check else "")
        + ", the inputs it rests on, what it hangs on, ranges and where the prices came from.",
    )


def one_page_pdf_button(brief: Brief, key: str) -> None:
    """*Download PDF*: the brief on one page (as Present shows it), printed when clicked."""
    if chromium_path() is None:
        st.caption("Download PDF needs Chromium, which is not installed here: print this page instead.")
        return
    st.download_button(
        "Download PDF (one page)",
        lambda: make_one_page_pdf(brief),
        f"{_file_stem(brief.result.scenario)}-decision.pdf",
        "application/pdf",
        key=key,
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help="The answer, the chart, the inputs it rests on, what it hangs on, the verdict and the "
        "decision record, on one A4 page.",
    )


def brief_of(
    scenario: Scenario, decision: DecisionRecord | None, open_scenario: bool = True
) -> Callable[[], Brief]:
    """A maker of the scenario's brief for a deferred download: the guide's answers belong to the
    open scenario and are read now, because the deferred maker runs outside the session."""
    answers = state.guide_answers() if open_scenario else None
    return partial(build_brief, scenario, date.today(), answers, decision)


def export_buttons(result: CostResult, decision: DecisionRecord | None) -> None:
    """Downloads; the report, the PNG and the slides are made only when clicked. The scenario
    file, the report and the slides carry the decision record. No download reruns the page: it
    changes nothing there, and a rerun under way could swallow the next click's file."""
    scenario = result.scenario
    stem = _file_stem(scenario)
    make_brief = brief_of(scenario, decision)
    csv, json_file, html, png = st.columns(4)
    csv.download_button(
        "Daily series (CSV)",
        result.to_frame().to_csv(index=False),
        f"{stem}-daily.csv",
        "text/csv",
        key="export.csv",
        on_click="ignore",
        icon=":material/table:",
    )
    json_file.download_button(
        "Scenario (JSON)",
        scenario_file_json(scenario, decision, state.guide_answers()),
        f"{stem}.json",
        "application/json",
        key="export.json",
        on_click="ignore",
        icon=":material/data_object:",
    )
    html.download_button(
        "Report (HTML, offline)",
        lambda: make_report_html(make_brief()),
        f"{stem}-report.html",
        "text/html",
        key="export.html",
        on_click="ignore",
        icon=":material/description:",
    )
    png.download_button(
        "Chart (PNG)",
        lambda: cost_chart_png(result),
        f"{stem}-chart.png",
        "image/png",
        key="export.png",
        on_click="ignore",
        icon=":material/image:",
    )
    deck_button(make_brief, scenario, key="export.deck")
