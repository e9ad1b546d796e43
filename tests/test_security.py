"""Security: no network at run time, no user text as HTML, bound SQL only, bounded uploads."""

import socket
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from costmodel import load_presets
from costmodel.brief import build_brief
from costmodel.tokens import count_tokens
from pricing import load_catalog
from render.report import make_report_html
from tests.examples import ARTICLE
from ui.navigation import PAGES
from ui.presentation import PRINT_CSS

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


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
        at.switch_page(page.path).run()
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


# Names that break out of a quoted SQL string, or end the statement, if pasted into it.
INJECTIONS = ["x'); DROP TABLE scenarios; --", 'a" OR "1"="1', "'; DELETE FROM scenarios WHERE '1'='1"]


def test_user_text_reaches_the_database_only_as_bound_parameters(store):
    statements: list[str] = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda _conn, _cursor, statement, *_: statements.append(statement),
    )
    saved = [store.create(name, ARTICLE) for name in INJECTIONS]
    renamed = store.rename(saved[0].id, INJECTIONS[0] + " again", saved[0].version)
    store.duplicate(saved[1].id, "copy " + INJECTIONS[1])

    assert sorted(stored.name for stored in store.list()) == sorted(
        [renamed.name, *INJECTIONS[1:], "copy " + INJECTIONS[1]]
    )
    assert statements
    assert [statement for statement in statements if any(name in statement for name in INJECTIONS)] == []


def test_uploads_are_bounded_and_errors_show_no_details(monkeypatch):
    monkeypatch.chdir(ROOT)  # Streamlit reads ./.streamlit/config.toml, as `streamlit run` does here
    streamlit_config.get_config_options(force_reparse=True)
    try:
        assert streamlit_config.get_option("server.maxUploadSize") == 20
        assert streamlit_config.get_option("client.showErrorDetails") == "none"
    finally:
        monkeypatch.undo()
        streamlit_config.get_config_options(force_reparse=True)
