"""Session state, declared once: every key a page keeps between reruns, and its default.

The one source of truth is a validated `Scenario` under `SCENARIO`. Widgets only
mirror it: each widget is seeded from the scenario on every run and writes its
value back into the scenario when the user changes it (ui/inputs.py). Streamlit
forgets the values of widgets it did not draw, so no value may live only in a widget.
A session's first run, on whichever page it opens, seeds the scenario from the
URL (a share link) when it holds one; every page writes the scenario back there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from costmodel import Scenario, load_presets
from costmodel.decision import DecisionRecord
from costmodel.guide import GuideAnswers
from costmodel.sharing import scenario_from_query, share_query, shared_record_from_query
from costmodel.training_file import TrainingDataFigures

SCENARIO = "scenario"
# The example the scenario was started from, or CUSTOM_PRESET once anything changed.
PRESET = "preset"
CUSTOM_PRESET = "custom"
# Values typed into the what-if inputs that the model refused together with the rest
# of the scenario (field -> value, nested groups as dicts), and the reasons. They stay
# in their widgets until the user fixes them, so nothing typed is lost.
PENDING_INPUTS = "pending_inputs"
INPUT_PROBLEMS = "input_problems"
# How the hosting fee is entered: "$ per day" or "$ per hour" (the scenario keeps per day).
HOSTING_UNIT = "hosting_unit"
# The catalog prices last sent to the what-if page (a pricing.apply.PricesApplied).
PRICES_APPLIED = "prices_applied"
GUIDE = "guide_answers"
# Price records imported from a LiteLLM file on the prices page (this session only).
IMPORTED_PRICES = "imported_prices"
# Why the share link this session opened with could not be read (shown once).
LINK_PROBLEMS = "link_problems"
# The saved scenario the current one was loaded from or saved as (a SavedRef), if any.
SAVED = "saved"
# The decision record that goes with the current scenario when it is not saved
# (opened from a scenario file); a saved scenario's record lives in the store.
DECISION = "decision_record"
# The Monte Carlo ranges table (ui/uncertainty.py): the one the editor starts from, the
# last edited one, and the scenario they were made for (a new scenario starts them again).
RANGES_BASE, RANGES_LAST, RANGES_MADE_FOR = "ranges_base", "ranges_last", "ranges_made_for"
# The version of each stored scenario (by id) the Scenarios page last showed: rename and
# delete act on what the user saw, so a save made since is not renamed or deleted unseen.
SHOWN_VERSIONS = "saved_shown_versions"
# How many characters of the decision's rationale the link this session opened with left out.
LINK_RATIONALE_LEFT_OUT = "link_rationale_left_out"
# Set once a run of this session has gone through app.py's st.navigation (ui/page.py).
SEEN_APP_NAVIGATION = "seen_app_navigation"
# Widget values the session keeps, by widget key, as the user last set them (see `seed_kept`):
# the switches that show a part of a page, the months the reverse questions ask about.
KEPT_WIDGETS = "kept_widgets"
# The training file last read this session (a costmodel.training_file.TrainingDataFigures):
# the decision guide's step 4 answers from it and the decision record names its figures.
TRAINING_DATA = "training_data"

DEFAULT_PRESET = "article-break-even"
PER_DAY, PER_HOUR = "$ per day", "$ per hour"

# Every key above and its default, made fresh for each session (some are mutable).
DEFAULTS: dict[str, Callable[[], Any]] = {
    SCENARIO: lambda: load_presets()[DEFAULT_PRESET].scenario,
    PRESET: lambda: DEFAULT_PRESET,
    PENDING_INPUTS: dict,
    INPUT_PROBLEMS: list,
    HOSTING_UNIT: lambda: PER_DAY,
    PRICES_APPLIED: lambda: None,
    GUIDE: GuideAnswers,
    IMPORTED_PRICES: list,
    LINK_PROBLEMS: list,
    LINK_RATIONALE_LEFT_OUT: lambda: 0,
    SAVED: lambda: None,
    DECISION: lambda: None,
    RANGES_BASE: lambda: None,
    RANGES_LAST: lambda: None,
    RANGES_MADE_FOR: lambda: None,
    SHOWN_VERSIONS: dict,
    SEEN_APP_NAVIGATION: lambda: False,
    KEPT_WIDGETS: dict,
    TRAINING_DATA: lambda: None,
}


@dataclass(frozen=True)
class SavedRef:
    """Which stored scenario is open, and the version it was when opened."""

    id: int
    name: str
    version: int


def init_state() -> None:
    """Give every key its default; on a session's first run, read the share link first: the
    scenario, and the decision record and the guide's answers that travel with it."""
    if SCENARIO not in st.session_state:
        params = st.query_params.to_dict()
        from_link, problems = scenario_from_query(params)
        shared, record_problems = shared_record_from_query(params)
        problems = problems + record_problems
        st.session_state[LINK_PROBLEMS] = problems
        if from_link is not None and not problems:
            st.session_state[SCENARIO] = from_link
            st.session_state[PRESET] = CUSTOM_PRESET
            st.session_state[DECISION] = shared.decision
            st.session_state[LINK_RATIONALE_LEFT_OUT] = shared.rationale_left_out
            if shared.answers is not None:
                st.session_state[GUIDE] = shared.answers
    for key, default in DEFAULTS.items():
        st.session_state.setdefault(key, default())


def current_scenario() -> Scenario:
    scenario: Scenario = st.session_state[SCENARIO]
    return scenario


def store_scenario(scenario: Scenario) -> None:
    st.session_state[SCENARIO] = scenario


def replace_scenario(scenario: Scenario) -> None:
    """Store a scenario made outside the what-if sidebar; edits still refused there are dropped."""
    store_scenario(scenario)
    st.session_state[PRESET] = CUSTOM_PRESET
    st.session_state[PENDING_INPUTS] = {}
    st.session_state[INPUT_PROBLEMS] = []


def without_example_name(scenario: Scenario) -> Scenario:
    """An example's name belongs to the example's numbers: once they differ, the scenario
    is the user's own and carries no name (in the address bar or the save box) until saved."""
    if saved_ref() is not None:
        return scenario
    for preset in load_presets().values():
        if scenario.name == preset.scenario.name and scenario != preset.scenario:
            return scenario.model_copy(update={"name": None})
    return scenario


def change_numbers(scenario: Scenario) -> None:
    """Store the scenario with numbers the user changed (the sidebar, the token counter,
    Calibrate): an example's name does not stay on numbers that are no longer the example's."""
    replace_scenario(without_example_name(scenario))


def guide_answers() -> GuideAnswers:
    answers: GuideAnswers = st.session_state[GUIDE]
    return answers


def store_guide_answers(answers: GuideAnswers) -> None:
    """Keep the answers, and put them in the share link (the page wrote it before they changed)."""
    st.session_state[GUIDE] = answers
    write_share_link()


def training_data() -> TrainingDataFigures | None:
    figures: TrainingDataFigures | None = st.session_state[TRAINING_DATA]
    return figures


def saved_ref() -> SavedRef | None:
    ref: SavedRef | None = st.session_state[SAVED]
    return ref


def session_decision() -> DecisionRecord | None:
    record: DecisionRecord | None = st.session_state[DECISION]
    return record


def share_link_query() -> tuple[dict[str, str], int]:
    """The share link's parameters: the scenario, its decision record and the guide's answers;
    and how many characters of the rationale it has no room for."""
    return share_query(current_scenario(), session_decision(), guide_answers())


def write_share_link() -> None:
    """Put the scenario and what goes with it in the address bar, so the URL itself is the share link."""
    query, _ = share_link_query()
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def seed_kept(key: str, default: Any) -> None:
    """Show the value the user last set in the widget `key`, or `default`: Streamlit forgets a
    widget's value when the widget is not drawn, the session keeps it. The widget passes
    `on_change=keep, args=(key,)`."""
    st.session_state[key] = st.session_state[KEPT_WIDGETS].get(key, default)


def keep(key: str) -> None:
    st.session_state[KEPT_WIDGETS][key] = st.session_state[key]


def kept_toggle(label: str, key: str, default: bool = False, help: str | None = None) -> bool:
    """A switch that shows a part of a page, as the user last set it."""
    seed_kept(key, default)
    return st.toggle(label, key=key, help=help, on_change=keep, args=(key,))
