"""Nothing leaves the machine: every request of every page and export, and the PNG export's
own chromium seen through its net-log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from choreographer.browsers.chromium import Chromium
from playwright.sync_api import Browser, expect

from costmodel import evaluate
from render.export import cost_chart_png
from tests.browser.conftest import HEADINGS, wait_for_the_run_to_end
from tests.examples import ARTICLE

pytestmark = pytest.mark.browser

# Every page by its sidebar title; Present comes last: it folds the sidebar away.
PAGES = sorted(HEADINGS, key=lambda title: title == "Present")
EXPORTS = ("Daily series (CSV)", "Scenario (JSON)", "Report (HTML, offline)", "Chart (PNG)")
PNG_START = b"\x89PNG\r\n\x1a\n"


def test_every_page_and_every_export_asks_only_the_apps_own_server(
    browser: Browser, app_url: str, tmp_path: Path
):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(app_url)
    for title in PAGES:
        heading = HEADINGS[title]
        page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=30_000)
        if title == "Scenarios":
            for label in EXPORTS:
                wait_for_the_run_to_end(page)  # a click during a run can lose its file
                with page.expect_download(timeout=60_000) as download:
                    page.get_by_role("button", name=label).click()
                download.value.save_as(tmp_path / download.value.suggested_filename)
    page.wait_for_load_state("networkidle")
    icon = page.locator("link[rel~='icon']").first.get_attribute("href") or ""
    report = next(tmp_path.glob("*-report.html")).as_uri()
    context.close()

    assert next(tmp_path.glob("*.png")).read_bytes().startswith(PNG_START)
    assert icon.startswith("data:image/svg+xml"), icon  # the icon shipped with the app
    # The sidebar's Material Symbols come from Streamlit's own static files.
    assert any("/static/media/MaterialSymbols" in url and url.startswith(app_url) for url in requested)
    outside = [url for url in requested if not url.startswith((app_url, "data:", "blob:"))]
    assert outside == []

    offline = browser.new_context(offline=True)
    report_requests: list[str] = []
    offline.on("request", lambda request: report_requests.append(request.url))
    report_page = offline.new_page()
    report_page.goto(report)
    expect(report_page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=30_000)
    offline.close()
    assert [url for url in report_requests if not url.startswith(("file:", "data:", "blob:"))] == []


def net_log_events(path: Path) -> list[tuple[str, int, dict]]:
    """(event type, source id, parameters) of each event in chromium's --log-net-log file."""
    text = path.read_text()
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # chromium ended before closing the event list
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    return [(names[e["type"]], e["source"]["id"], e.get("params", {})) for e in log["events"]]


def is_outside(params: dict) -> bool:
    """Does the event name an address beyond this machine's loopback?"""
    return "address" in params and not params["address"].startswith(("127.", "[::1]"))


def test_the_png_export_looks_nothing_up_and_sends_nothing_out(tmp_path: Path, monkeypatch):
    """Kaleido's chromium, recording its own network activity, draws the PNG download."""
    log = tmp_path / "netlog.json"
    command_line = Chromium.get_cli
    monkeypatch.setattr(Chromium, "get_cli", lambda self: [*command_line(self), f"--log-net-log={log}"])
    event = {"kind": "prompt_price_change", "day": 90, "price_factor": 0.5, "note": "price cut"}
    png = cost_chart_png(evaluate(ARTICLE.model_validate(ARTICLE.model_dump() | {"events": [event]})))
    assert png.startswith(PNG_START)

    events = net_log_events(log)
    # What the page kaleido draws in asked for (MathJax from a CDN, say); chromium's own
    # background requests say "not an origin".
    page_requests = [
        params["url"]
        for kind, _, params in events
        if kind == "URL_REQUEST_START_JOB"
        and params.get("initiator") != "not an origin"
        and not params.get("url", "file:").startswith(("file:", "data:"))
    ]
    assert page_requests == []
    assert [params.get("host") for kind, _, params in events if kind == "HOST_RESOLVER_MANAGER_JOB"] == []
    assert [
        params["address"]
        for kind, _, params in events
        if kind == "TCP_CONNECT_ATTEMPT" and is_outside(params)
    ] == []
    # A UDP connect() only picks a route (chromium's IPv6 probe does one and sends
    # nothing); a datagram sent on a socket aimed outside would leave.
    udp_outside = {source for kind, source, params in events if kind == "UDP_CONNECT" and is_outside(params)}
    assert [source for kind, source, _ in events if kind == "UDP_BYTES_SENT" and source in udp_outside] == []
