"""Session state, declared once.

The one source of truth is a validated `Scenario` under `SCENARIO`. Widgets only
mirror it: Streamlit forgets a widget's value when its page is not shown, so the
what-if page seeds its widgets from the stored scenario each time it is drawn.
"""

from __future__ import annotations

import streamlit as st

from costmodel import Scenario, load_presets

SCENARIO = "scenario"
PRESET = "preset"
# The catalog prices last sent to the what-if page (a pricing.apply.PricesApplied).
PRICES_APPLIED = "prices_applied"

DEFAULT_PRESET = "article-break-even"


def init_state() -> None:
    st.session_state.setdefault(SCENARIO, load_presets()[DEFAULT_PRESET].scenario)
    st.session_state.setdefault(PRESET, DEFAULT_PRESET)


def current_scenario() -> Scenario:
    scenario: Scenario = st.session_state[SCENARIO]
    return scenario


def store_scenario(scenario: Scenario) -> None:
    st.session_state[SCENARIO] = scenario
