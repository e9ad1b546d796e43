"""Fixtures shared by every test module."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import text
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from store import ScenarioStore
from tests.app_helpers import start_app
from tests.postgres import PostgresUnavailableError, postgres_server

# Everyone gets CI's verdict: plain `./test.sh`, with or without CI set, tries the same
# examples on every run, however busy the machine: derandomized, no per-example deadline
# and no "too slow" health check (a loaded 2-core machine failed both). A failure prints
# the blob that replays it.
DETERMINISTIC_PROFILE = "deterministic"
settings.register_profile(
    DETERMINISTIC_PROFILE,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# Exploring is one switch away (`./test.sh --explore`, i.e. pytest's
# `--hypothesis-profile=explore`): a fresh random seed each run and twice the examples
# wherever a test does not fix its count. What it finds is kept as an explicit @example.
EXPLORE_PROFILE = "explore"
settings.register_profile(
    EXPLORE_PROFILE,
    derandomize=False,
    deadline=None,
    max_examples=200,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(DETERMINISTIC_PROFILE)


@pytest.fixture(autouse=True, scope="session")
def _installed_components_scanned_once() -> Iterator[None]:
    """Each AppTest scans every installed package's metadata for Streamlit components (0.27 s,
    most of a first run): the packages do not change during a test run, so scan them once."""
    scanned = functools.cache(manifest_scanner.scan_component_manifests)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", scanned)
        yield


@pytest.fixture(autouse=True, scope="session")
def _scenarios_saved_in_a_throwaway_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes to the project's own data/ folder; tests that need a store of their own set one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCENARIO_STORE_PATH", str(tmp_path_factory.mktemp("store") / "scenarios.sqlite3"))
        yield


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of this test's own, for the app started in it."""
    path = tmp_path / "scenarios.sqlite3"
    monkeypatch.setenv("SCENARIO_STORE_PATH", str(path))
    return path


@pytest.fixture
def app(store_path: Path) -> AppTest:
    """The app on its landing page, as a fresh browser session opens it."""
    return start_app()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server started for this test run; skipped with the reason if none can start."""
    try:
        with postgres_server() as url:
            yield url
    except PostgresUnavailableError as reason:
        pytest.skip(f"no PostgreSQL for these tests: {reason}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty store on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scenarios.sqlite3'}"
        return
    url = request.getfixturevalue("postgres_url")
    store = ScenarioStore(url)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM scenarios"))
    store.close()
    yield url


@pytest.fixture
def store(store_url: str) -> Iterator[ScenarioStore]:
    scenario_store = ScenarioStore(store_url)
    yield scenario_store
    scenario_store.close()
