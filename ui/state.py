"""Session state, declared once.

The one source of truth is a validated `Scenario` under `SCENARIO`. Widgets only
mirror it: Streamlit forgets a widget's value when its page is not shown, so the
what-if page seeds its widgets from the stored scenario each time it is drawn.
A session's first run seeds the scenario from the URL (a share link) when it holds one.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from costmodel import Scenario, load_presets
from costmodel.guide import GuideAnswers
from costmodel.sharing import scenario_from_query, scenario_to_query

SCENARIO = "scenario"
PRESET = "preset"
CUSTOM_PRESET = "custom"
# The catalog prices last sent to the what-if page (a pricing.apply.PricesApplied).
PRICES_APPLIED = "prices_applied"
GUIDE = "guide_answers"
# Set by a page that changes the scenario elsewhere: the what-if widgets must follow it.
SYNC_WIDGETS = "sync_widgets"
# Price records imported from a LiteLLM file on the prices page (this session only).
IMPORTED_PRICES = "imported_prices"
# Why the share link this session opened with could not be read (shown once).
LINK_PROBLEMS = "link_problems"
# The saved scenario the current one was loaded from or saved as (a SavedRef), if any.
SAVED = "saved"

DEFAULT_PRESET = "article-break-even"


@dataclass(frozen=True)
class SavedRef:
    """Which stored scenario is open, and the version it was when opened."""

    id: int
    name: str
    version: int


def init_state() -> None:
    if SCENARIO not in st.session_state:
        from_link, problems = scenario_from_query(st.query_params.to_dict())
        st.session_state[SCENARIO] = from_link or load_presets()[DEFAULT_PRESET].scenario
        st.session_state[PRESET] = CUSTOM_PRESET if from_link else DEFAULT_PRESET
        st.session_state[LINK_PROBLEMS] = problems
    st.session_state.setdefault(GUIDE, GuideAnswers())
    st.session_state.setdefault(IMPORTED_PRICES, [])


def current_scenario() -> Scenario:
    scenario: Scenario = st.session_state[SCENARIO]
    return scenario


def store_scenario(scenario: Scenario) -> None:
    st.session_state[SCENARIO] = scenario


def replace_scenario(scenario: Scenario) -> None:
    """Store a scenario made outside the what-if sidebar, which then shows it."""
    store_scenario(scenario)
    st.session_state[PRESET] = CUSTOM_PRESET
    st.session_state[SYNC_WIDGETS] = True


def guide_answers() -> GuideAnswers:
    answers: GuideAnswers = st.session_state[GUIDE]
    return answers


def store_guide_answers(answers: GuideAnswers) -> None:
    st.session_state[GUIDE] = answers


def saved_ref() -> SavedRef | None:
    ref: SavedRef | None = st.session_state.get(SAVED)
    return ref


def write_share_link(scenario: Scenario) -> None:
    """Put the scenario in the address bar, so the URL itself is the share link."""
    query = scenario_to_query(scenario)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
