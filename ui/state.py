"""Session state, declared once.

The one source of truth is a validated `Scenario` under `SCENARIO`. Widgets only
mirror it: Streamlit forgets a widget's value when its page is not shown, so the
what-if page seeds its widgets from the stored scenario each time it is drawn.
"""

from __future__ import annotations

import streamlit as st

from costmodel import Scenario, load_presets
from costmodel.guide import GuideAnswers

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

DEFAULT_PRESET = "article-break-even"


def init_state() -> None:
    st.session_state.setdefault(SCENARIO, load_presets()[DEFAULT_PRESET].scenario)
    st.session_state.setdefault(PRESET, DEFAULT_PRESET)
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
