"""Saved scenarios behind one small interface: SQLite by default, PostgreSQL by URL."""

from store.scenario_store import (
    NameTaken,
    ScenarioNotFound,
    ScenarioStore,
    StoreError,
    StoredScenario,
    VersionConflict,
    store_url_from_settings,
)

__all__ = [
    "NameTaken",
    "ScenarioNotFound",
    "ScenarioStore",
    "StoreError",
    "StoredScenario",
    "VersionConflict",
    "store_url_from_settings",
]
