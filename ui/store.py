"""The scenario store for the pages: one per server, chosen by setting."""

from __future__ import annotations

import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from store import ScenarioStore, store_url_from_settings
from store.scenario_store import PATH_SETTING, URL_SETTING


def _settings() -> dict[str, str]:
    """Environment variables, overridden by Streamlit secrets of the same names (lower case)."""
    settings = {key: value for key in (URL_SETTING, PATH_SETTING) if (value := os.environ.get(key))}
    try:
        for key in (URL_SETTING, PATH_SETTING):
            if key.lower() in st.secrets:
                settings[key] = str(st.secrets[key.lower()])
    except StreamlitSecretNotFoundError:
        pass  # no secrets file: environment variables and defaults decide
    return settings


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> ScenarioStore:
    return ScenarioStore(url)


def get_store() -> ScenarioStore:
    return _store_for(store_url_from_settings(_settings()))
