"""Saved scenarios behind one small interface: SQLite by default, PostgreSQL by URL."""

from store.scenario_store import (
    NameTakenError,
    ScenarioNotFoundError,
    ScenarioStore,
    StoredScenario,
    StoreError,
    VersionConflictError,
    store_url_from_settings,
)

__all__ = [
    "NameTakenError",
    "ScenarioNotFoundError",
    "ScenarioStore",
    "StoreError",
    "StoredScenario",
    "VersionConflictError",
    "store_url_from_settings",
]
