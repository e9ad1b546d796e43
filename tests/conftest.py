"""Fixtures shared by every test module."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from store import ScenarioStore
from tests.app_helpers import start_app
from tests.postgres import PostgresUnavailableError, postgres_server

# CI must give the same verdict on every run of the same commit, however busy the
# machine: the same examples each time, no per-example deadline and no "too slow"
# health check (a loaded 2-core runner failed it once). A failure prints the blob
# that replays it. Local runs keep hypothesis's random exploration.
CI_PROFILE = "ci"
settings.register_profile(
    CI_PROFILE,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def hypothesis_profile(environment: Mapping[str, str]) -> str:
    """The CI profile when CI=true (as GitHub Actions and most CI services set it), else the default."""
    return CI_PROFILE if environment.get("CI", "").strip().lower() in ("true", "1") else "default"


settings.load_profile(hypothesis_profile(os.environ))


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
