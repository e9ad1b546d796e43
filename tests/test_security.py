"""Security: no network at run time, no user text as HTML, bound SQL only, bounded uploads."""

import re
import socket
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from costmodel import load_presets
from costmodel.brief import build_brief
from costmodel.tokens import count_tokens
from pricing import load_catalog
from render.report import make_report_html
from ui.presentation import PRINT_CSS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = [
    "pages/what_if.py",
    "pages/scenarios.py",
    "pages/compare.py",
    "pages/present.py",
    "pages/uncertainty.py",
    "pages/tokens.py",
    "pages/prices.py",
    "pages/decision_guide.py",
]


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths stay on the machine
        return True
    host = str(address[0])
    return host in ("localhost", "::1") or host.startswith("127.")


@pytest.fixture
def outside_connections(monkeypatch) -> list[object]:
    """Every attempt to reach beyond loopback, refused and recorded."""
    attempts: list[object] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if not _is_loopback(address):
            attempts.append(address)
            raise OSError("network blocked by the test")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _is_loopback(address):
            attempts.append(address)
            return 111
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in (None, "localhost") and not str(host).startswith(("127.", "::1")):
            attempts.append(host)
            raise socket.gaierror("name lookups blocked by the test")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_model_and_every_page_run_with_the_network_blocked(outside_connections):
    for preset in load_presets().values():
        make_report_html(build_brief(preset.scenario, date(2026, 11, 26)))
    load_catalog()
    count_tokens("You are a careful assistant.")

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
    assert outside_connections == []


def test_no_user_text_is_ever_rendered_as_html():
    sources = [p for folder in ("pages", "ui") for p in (ROOT / folder).glob("*.py")] + [ROOT / "app.py"]
    for path in sources:
        assert "unsafe_allow_html" not in path.read_text(), path
    html_calls = [(p, line) for p in sources for line in p.read_text().splitlines() if "st.html(" in line]
    assert html_calls == [(ROOT / "pages" / "present.py", "st.html(presentation.PRINT_CSS)")]
    # The one HTML the app writes is a fixed style sheet: nothing but the <style> element.
    assert PRINT_CSS.strip().startswith("<style>")
    assert PRINT_CSS.strip().endswith("</style>")
    assert PRINT_CSS.count("<") == 2


def test_sql_is_written_only_through_sqlalchemy_with_bound_parameters():
    store_code = (ROOT / "store" / "scenario_store.py").read_text()
    assert "text(" not in store_code
    assert "exec_driver_sql(f" not in store_code
    assert not re.search(r"execute\(f[\"']", store_code)


def test_uploads_are_bounded():
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert re.search(r"^maxUploadSize = 20$", config, re.MULTILINE)
    assert 'showErrorDetails = "none"' in config
