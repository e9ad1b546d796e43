"""A real app server and Debian's headless chromium, for what only a browser shows."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

from render.one_page import QUIET_CHROMIUM_FLAGS
from ui.navigation import PAGES, WHAT_IF, PageEntry

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = list(QUIET_CHROMIUM_FLAGS)


# How long any wait on a condition may take. A cold page on a busy 2-core machine (load
# average 40 while other suites run) takes over 30 s; a condition met sooner ends the
# wait sooner, so only a failing test pays for the margin.
WAIT_MS = 120_000
expect.set_options(timeout=WAIT_MS)

# A heading each page of the navigation shows once drawn, by its sidebar title (Present is
# titled with the scenario's name: "Decision" heads its decision record).
HEADINGS = {
    "What-if": "Prompt engineering or fine-tuning?",
    "Scenarios": "Scenarios",
    "Compare": "Compare scenarios",
    "Present": "Decision",
    "How sure?": "How sure is the answer?",
    "Token counter": "Token counter",
    "Calibrate": "Calibrate from real usage",
    "Evals": "Quality from eval runs",
    "Prices": "Prices",
    "Decision guide": "Decision guide",
}
PAGE_BY_TITLE = {entry.title: entry for entry in PAGES}


def url_path(entry: PageEntry) -> str:
    """The page's path in the address bar, as Streamlit names it after its file ("" for the landing page)."""
    return "" if entry is WHAT_IF else Path(entry.path).stem


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], seconds: float = WAIT_MS / 1000) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app server exited with code {server.returncode}")
        connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=2)
        try:
            connection.request("GET", "/_stcore/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise TimeoutError(f"the app server at {url} did not answer within {seconds} s")


@contextmanager
def app_server(folder: Path, store_url: str | None = None, script: str = "app.py") -> Iterator[str]:
    """A fresh `streamlit run script` on a free loopback port; yields its URL once it answers.

    Its scenarios go to a SQLite file in `folder`, or to `store_url` when given.
    """
    port = free_port()
    log = (folder / f"streamlit-{port}.log").open("w")
    settings = {"PYTHONUNBUFFERED": "1", "SCENARIO_STORE_PATH": str(folder / "scenarios.sqlite3")}
    if store_url:
        settings["SCENARIO_STORE_URL"] = store_url
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=os.environ | settings,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with app_server(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: ./test.sh installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        open_context = browser.new_context

        def new_context(**options: Any) -> BrowserContext:
            context = open_context(**options)
            context.set_default_timeout(WAIT_MS)  # clicks, typing and page loads wait as long
            return context

        browser.new_context = new_context  # type: ignore[method-assign]
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, app_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new browser session with What-if drawn; blank for a test marked `opens_its_own_address`,
    which goes to an address of its own first (What-if drawn before it was a page load wasted)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    if request.node.get_closest_marker("opens_its_own_address") is None:
        page.goto(app_url)
        page.wait_for_selector(".js-plotly-plot")
    yield page
    context.close()


def metric_value(page: Page, label: str) -> Locator:
    """The value of the metric whose label holds `label`."""
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def wait_for_the_run_to_end(page: Page) -> None:
    """Wait until the app's script has finished its run (Streamlit marks the app root)."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached()


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option by typing it, as a keyboard user does: a click on an option can find it
    detached when a rerun redraws the list under it (a busy machine, a run still under way)."""
    wait_for_the_run_to_end(page)
    select = page.get_by_role("combobox", name=label, exact=True)
    select.press_sequentially(option)
    select.press("Enter")
