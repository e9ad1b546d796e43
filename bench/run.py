"""Benchmarks: each figure printed as `name: value unit` and written to bench/RESULTS.md.

Run: .venv/bin/python -m bench.run [group ...]   (not part of the test command; naming
groups, e.g. `pages browser`, runs only those and rewrites only their rows of RESULTS.md).
Machines here are shared and noisy: a ratio is measured side by side in one run, its two
pages taking turns, and single figures are the best (or the median, where a page or a
browser is involved) of several runs.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from unittest.mock import patch

import numpy as np
from playwright.sync_api import Page, sync_playwright
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test

from bench.training_file import training_file_figures
from costmodel import evaluate
from costmodel.frontier import frontier_grid
from costmodel.montecarlo import MonteCarloRun, default_ranges, run_monte_carlo
from costmodel.tokens import count_tokens
from store import ScenarioStore
from tests import examples
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, app_server

ROOT = Path(__file__).resolve().parents[1]
BARE_APP = "bench/bare_app.py"
RESULTS = ROOT / "bench" / "RESULTS.md"
ARTICLE = examples.ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 1_000})
FIVE_YEARS = ARTICLE.model_copy(update={"horizon_days": 1_825, "calls_growth_percent_per_month": 2})


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str
    limit: float | None = None  # the value must stay at or below this, where a target applies

    def line(self) -> str:
        return f"{self.name}: {self.value:,.3g} {self.unit}"

    @property
    def verdict(self) -> str:
        """Met or missed where a target applies; else what the row is, a yardstick or a report."""
        if self.limit is None:
            return "yardstick" if self.target.startswith("(yardstick") else "reported"
        return "met" if self.value <= self.limit else "missed"


# What profiling found where a target can be missed, written beside a missed figure.
CAUSES = {
    "page_rerun_ratio": (
        "Profiled with cProfile on AppTest reruns (calls per day by turns about 2,000 and 200,000, "
        "never the same twice, so no cache answers). Done so far: the reverse questions take 14 runs "
        "of the model instead of 24 and are cached without the input they search over; only drawn "
        "widgets have a session key; the chart skips plotly's validation and template; and, on "
        "2026-11-26, what managers ask next is drawn only when switched on, the month-by-month "
        "table only when opened, a closed one-off builder is no fragment: 8.4x, then 5.0x, now "
        "2.7x, each against the bare page in one run. What remains is Streamlit's own work for each "
        "widget, about 0.5 ms (the sidebar is three fifths of the rerun), and 20 widgets are drawn "
        "against the bare page's one. A page of the app's fixed parts, measured in one run with the "
        "bare page and this one (2026-11-26: bare 7.5, fixed parts 11.7, what-if 20.4 CPU ms): the "
        "navigation of nine pages, the share link and the crossing chart, with the five inputs each "
        "an exact entry plus a slider, takes 1.55x. The other ten widgets (the example picker, "
        "prompt tokens after fine-tuning, launch day, the retraining switch, the horizon, the "
        "section picker, the three switches below the chart) cost the rest: meeting 2x would mean "
        "moving most of them off the page."
    ),
    "page_rerun_what_if": "See page_rerun_ratio.",
    "browser_input_latency_what_if": "See browser_input_latency_ratio.",
    "browser_input_latency_ratio": (
        "Traced in chromium (CPU profile, devtools timeline and each WebSocket message timed in "
        "the page): the time goes to React re-rendering every element the rerun sends (some 45 "
        "messages against 7), plotly redrawing the chart (about 100 ms against 75), and the "
        "elements received after the chart, which delay its drawing most. Layout is a small part. "
        "On 2026-11-26 what managers ask next went behind a switch (its two dozen elements and "
        "data grid), metrics went into one wrapping row instead of a block per column, and the "
        "chart is sent after the light parts drawn below it: the code before, this code and the "
        "bare page measured in one run of 20 and of 30 changes: 1.83x to 1.48x and 2.11x to 1.77x "
        "(load averages 3.2 and 2.9 on the two shared cores); across runs this figure moves by "
        "about 0.2. A page of only the app's fixed parts, measured with the bare page in one run "
        "of 20 changes, takes 1.37x: the navigation of nine pages, the share link written to the "
        "address bar at each change and the crossing chart (break-even marked, legend, unified "
        "hover); with the five inputs each an exact entry plus a slider, 1.43x. The 1.3x target "
        "is below what the parts the page must have cost in Streamlit 1.67. Tried and dropped: "
        "drawing the sidebar after the chart (a rerun interrupted before the sidebar lost its "
        "widgets' state)."
    ),
    "monte_carlo_10000_x_1825": (
        "Every draw runs the one daily model (costmodel.model.cumulative_costs), the same code "
        "as evaluate: about a dozen passes over 18 million cells, two of them running sums "
        "(np.cumsum along days), which are bound by the latency of adding one day to the next "
        "and take half the time. Growth's powers come from two small tables of exponentials "
        "instead of one per cell, and one-off costs are added on their own days. Measured in one "
        "run against the old separate copy (which summed one running total per distinct price "
        "factor): 393-403 ms against 343-346 ms, 1.15x, at a load of 2 on this shared 2-core "
        "machine; the second thread gains little here. Meeting 150 ms would take the old copy's "
        "shortcut back into the one model (one running sum shared by paths whose prices move "
        "alike)."
    ),
    "cold_start_to_first_chart_what_if": (
        "The app imports pydantic models, the catalog and the store modules the yardstick "
        "does not; pandas is now imported only where a table is made (a third of a second)."
    ),
    "calibrate_memory_10m_over_1m_rows": (
        "The 1M-row file (41 MB) is read in fewer of DuckDB's 32 MB reading buffers than the "
        "two threads keep in flight for a longer file. Past that the figure grows far slower "
        "than the file (5M to 10M rows: the next row), and DuckDB's 256 MB memory limit, set by "
        "the reader, caps it for a file of any size: nothing of the file is held in Python."
    ),
    "calibrate_csv_10m_rows": (
        "DuckDB's CPU time for the file is the better guide on a shared machine (the next row): "
        "the two cores were shared with other test runs (load average in the row's target), so "
        "wall time waits for the cores rather than the work."
    ),
}


def best_seconds(action: Callable[[], object], repeat: int, number: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            action()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def peak_megabytes(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def rerun_seconds(pages: dict[str, tuple[str, str]], values: list[int]) -> dict[str, tuple[float, float]]:
    """Median time of an AppTest rerun after a number input changes, for each page
    (name: script, key of the number input): the CPU time this process spent on it, which
    other work on a shared machine hardly changes, and the wall-clock time. The pages take
    turns, change by change, so that such work slows each of them alike.

    Streamlit's server compiles each page once and keeps its code; AppTest starts a new
    ScriptCache, and so compiles every page again, on each run: pages/what_if.py alone took
    8 ms, which no rerun in the server spends. Here the runs share one cache, as the server's do.
    """
    shared = ScriptCache()
    with patch.object(app_test, "ScriptCache", lambda: shared):
        return _rerun_seconds(pages, values)


def _rerun_seconds(pages: dict[str, tuple[str, str]], values: list[int]) -> dict[str, tuple[float, float]]:
    apps = {
        name: AppTest.from_file(str(ROOT / script), default_timeout=60) for name, (script, _) in pages.items()
    }
    cpu: dict[str, list[float]] = {name: [] for name in pages}
    wall: dict[str, list[float]] = {name: [] for name in pages}
    for at in apps.values():
        at.run()
    for value in values:
        for name, at in apps.items():
            at.number_input(key=pages[name][1]).set_value(value)
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start)
    return {name: (statistics.median(cpu[name]), statistics.median(wall[name])) for name in pages}


def first_chart_seconds(page: Page, url: str, started: float) -> float:
    """From starting the server to the first chart drawn in the browser."""
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    return time.perf_counter() - started


# What the chart shows: its y-axis tick labels and every trace's path. An autoscaled chart
# redrawn for another order of magnitude changes both; metrics alone would stop the clock
# before the chart is drawn.
CHART_DRAWING = """plot => [...plot.querySelectorAll('.ytick text, .scatterlayer path')]
    .map(part => part.textContent || part.getAttribute('d')).join('|')"""


def alternating_calls(change: int) -> int:
    """Calls per day for the n-th change: by turns about 2,000 and 200,000, so that every change
    redraws an autoscaled chart, and never the same twice, so that no cache holds the answer."""
    return (2_000, 200_000)[change % 2] + change


def input_latency_seconds(page: Page, label: str, value: int) -> float:
    """Seconds from pressing Enter on a new value in a sidebar number to the page's chart redrawn."""
    field = page.get_by_role("spinbutton", name=label, exact=True)
    chart = page.locator(".js-plotly-plot").first
    before = chart.evaluate(CHART_DRAWING)
    field.fill(str(value))
    start = time.perf_counter()
    field.press("Enter")
    page.wait_for_function(
        f"([plot, old]) => ({CHART_DRAWING})(plot) !== old",
        arg=[chart.element_handle(), before],
        timeout=30_000,
    )
    return time.perf_counter() - start


def against_the_bare_page(
    name: str, bare: float, what_if: float, unit: str, most: float, ratio_note: str = ""
) -> list[Figure]:
    """The yardstick, the what-if page (times in seconds, shown in milli-`unit`) and their ratio,
    whose target is `most`."""
    bare_ms, what_if_ms = bare * 1e3, what_if * 1e3
    return [
        Figure(f"{name}_bare_page", bare_ms, unit, "(yardstick)"),
        Figure(
            f"{name}_what_if",
            what_if_ms,
            unit,
            f"<= {most:g}x the bare page ({bare_ms * most:,.3g} {unit})",
            bare_ms * most,
        ),
        Figure(f"{name}_ratio", what_if / bare, "x", f"<= {most:g}{ratio_note}", most),
    ]


def browser_figures(samples: int = 20) -> list[Figure]:
    """Both pages open side by side; each change is made on one, then on the other, so that
    other work on a shared machine slows each of them alike."""
    with sync_playwright() as playwright, ExitStack() as servers:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        pages: dict[str, Page] = {}
        cold: dict[str, float] = {}
        latency: dict[str, list[float]] = {}
        for name, script in (("bare", BARE_APP), ("what_if", "app.py")):
            started = time.perf_counter()
            url = servers.enter_context(app_server(Path(tempfile.mkdtemp()), script=script))
            pages[name] = browser.new_page(viewport={"width": 1400, "height": 1000})
            cold[name] = first_chart_seconds(pages[name], url, started)
            latency[name] = []
        # The first change (from the page's own value) is not counted.
        for change in range(samples + 1):
            for name, page in pages.items():
                seconds = input_latency_seconds(page, "Calls per day", alternating_calls(change))
                if change > 0:
                    latency[name].append(seconds)
        browser.close()
    bare_latency, what_if_latency = (statistics.median(latency[name]) for name in ("bare", "what_if"))
    return [
        *against_the_bare_page("browser_input_latency", bare_latency, what_if_latency, "ms", 1.3),
        Figure("cold_start_to_first_chart_bare_page", cold["bare"], "s", "(yardstick)"),
        Figure(
            "cold_start_to_first_chart_what_if",
            cold["what_if"],
            "s",
            f"<= {cold['bare'] + 1:.1f} s",
            cold["bare"] + 1,
        ),
    ]


def store_figures(count: int = 500) -> list[Figure]:
    folder = Path(tempfile.mkdtemp())
    store = ScenarioStore(f"sqlite:///{folder / 'bench.sqlite3'}")
    start = time.perf_counter()
    ids = [
        store.create(f"scenario {n}", ARTICLE.model_copy(update={"calls_per_day": n})).id
        for n in range(count)
    ]
    saved = time.perf_counter() - start
    start = time.perf_counter()
    for scenario_id in ids:
        store.load(scenario_id)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    store.list()
    listed = time.perf_counter() - start
    store.close()
    return [
        Figure("store_sqlite_saves_per_second", count / saved, "saves/s", "(reported)"),
        Figure("store_sqlite_loads_per_second", count / loaded, "loads/s", "(reported)"),
        Figure(f"store_sqlite_list_{count}", listed * 1e3, "ms", "(reported)"),
    ]


def model_figures() -> list[Figure]:
    evaluate(ARTICLE)
    figures = [
        Figure("evaluate_730_days", best_seconds(lambda: evaluate(ARTICLE), 7, 200) * 1e3, "ms", "< 2 ms", 2)
    ]
    run = MonteCarloRun(ranges=default_ranges(FIVE_YEARS), draws=10_000)

    def monte_carlo() -> object:
        return run_monte_carlo(FIVE_YEARS, run)

    monte_carlo()
    figures.append(
        Figure("monte_carlo_10000_x_1825", best_seconds(monte_carlo, 5) * 1e3, "ms", "< 150 ms", 150)
    )
    figures.append(
        Figure("monte_carlo_10000_x_1825_peak_memory", peak_megabytes(monte_carlo), "MB", "< 400 MB", 400)
    )
    frontier_grid(ARTICLE)
    figures.append(
        Figure(
            "frontier_100_x_100", best_seconds(lambda: frontier_grid(ARTICLE), 7) * 1e3, "ms", "< 200 ms", 200
        )
    )
    return figures


def page_figures() -> list[Figure]:
    values = [alternating_calls(change) for change in range(20)]
    medians = rerun_seconds(
        {"bare": (BARE_APP, "calls"), "what_if": ("app.py", "input.calls_per_day")}, values
    )
    (bare, bare_wall), (what_if, what_if_wall) = medians["bare"], medians["what_if"]
    return [
        *against_the_bare_page("page_rerun", bare, what_if, "CPU ms", 2, " (of CPU time)"),
        Figure(
            "page_rerun_ratio_wall_clock",
            what_if_wall / bare_wall,
            "x",
            f"(reported: {what_if_wall * 1e3:,.3g} against {bare_wall * 1e3:,.3g} ms, "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)",
        ),
    ]


def token_figures() -> list[Figure]:
    """count_tokens (both encodings) on 1 MB of the texts the pure-Python counter took minutes on."""
    letters = random.Random(7)
    hard_texts = {
        "repeated_letters": "a" * 1_000_000,
        "random_dna": "".join(letters.choice("ACGT") for _ in range(1_000_000)),
    }
    count_tokens("warm up: load both encodings" + "a" * 1_000)
    figures = []
    for name, text in hard_texts.items():
        seconds = best_seconds(partial(count_tokens, text), 3)
        figures.append(Figure(f"count_tokens_1mb_{name}", seconds, "s", "< 1 s", 1))
    return figures


# One run of the calibrate reader in a fresh process: wall and CPU seconds, and peak memory.
CALIBRATE_PROBE = """
import json, os, resource, sys, time
from pathlib import Path
from costmodel.usage import read_usage
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
tiny = Path(sys.argv[1]).with_name("tiny.csv")
tiny.write_text("timestamp,model,prompt_tokens,completion_tokens\\n2026-01-01T00:00:00Z,m,1,1\\n")
read_usage([tiny])  # DuckDB loaded and started: what remains is what reading the file adds
resident = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
best = (float("inf"), 0.0)
for _ in range(3):
    start, start_cpu = time.perf_counter(), cpu()
    daily = read_usage([Path(sys.argv[1])])
    best = min(best, (time.perf_counter() - start, cpu() - start_cpu))
assert daily.calls is not None and daily.calls.sum() == int(sys.argv[2])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": best[0], "cpu_seconds": best[1], "peak_mb": peak / 1e6,
                  "base_mb": resident / 1e6}))
"""


def write_requests_csv(path: Path, rows: int) -> None:
    """A per-request CSV of `rows` requests over 90 days, two models, cached tokens on some."""
    import duckdb

    duckdb.execute(
        f"""COPY (
            SELECT strftime(TIMESTAMP '2026-01-01' + to_seconds(i * 7776 // {rows} * 1000),
                            '%Y-%m-%dT%H:%M:%SZ') AS timestamp,
                   CASE WHEN i % 3 = 0 THEN 'gpt-4o-mini' ELSE 'gpt-4o' END AS model,
                   500 + i % 700 AS prompt_tokens, 50 + i % 200 AS completion_tokens,
                   (i % 5) * 100 AS cached_tokens
            FROM range({rows}) AS requests(i)
        ) TO '{path}' (HEADER)"""  # noqa: S608 (the bench's own numbers and temporary path)
    )


def calibrate_figures() -> list[Figure]:
    """The calibrate reader on per-request CSVs of 1M, 5M and 10M rows, each in a fresh process."""
    measured = {}
    with tempfile.TemporaryDirectory() as folder:
        for rows in (1_000_000, 5_000_000, 10_000_000):
            path = Path(folder) / f"requests-{rows}.csv"
            write_requests_csv(path, rows)
            probe = subprocess.run(
                [sys.executable, "-c", CALIBRATE_PROBE, str(path), str(rows)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            measured[rows] = json.loads(probe.stdout)
            path.unlink()
    added = {rows: figures["peak_mb"] - figures["base_mb"] for rows, figures in measured.items()}
    large = measured[10_000_000]
    load = os.getloadavg()[0]
    return [
        Figure(
            "calibrate_csv_10m_rows",
            large["seconds"],
            "s",
            f"< 3 s (load average {load:.1f} on {os.cpu_count()} cores)",
            3,
        ),
        Figure("calibrate_csv_10m_rows_cpu", large["cpu_seconds"], "CPU s", "(reported: both cores' work)"),
        Figure("calibrate_csv_1m_rows", measured[1_000_000]["seconds"], "s", "(reported)"),
        *(
            Figure(f"calibrate_memory_added_{rows // 1_000_000}m_rows", added[rows], "MB", "(reported)")
            for rows in (1_000_000, 5_000_000)
        ),
        Figure("calibrate_memory_added_10m_rows", added[10_000_000], "MB", "< 256 MB (DuckDB's limit)", 256),
        Figure(
            "calibrate_memory_10m_over_1m_rows",
            added[10_000_000] / added[1_000_000],
            "x",
            "<= 1.5 (memory does not grow with the file)",
            1.5,
        ),
        Figure(
            "calibrate_memory_10m_over_5m_rows",
            added[10_000_000] / added[5_000_000],
            "x",
            "<= 1.5 (memory does not grow with the file)",
            1.5,
        ),
    ]


def record(figures: list[Figure]) -> None:
    """Write these figures' rows into bench/RESULTS.md, leaving every other row as it is."""
    lines = RESULTS.read_text().splitlines()
    for figure in figures:
        row = f"| {figure.name} | {figure.value:,.3g} {figure.unit} | {figure.target} | {figure.verdict} |"
        at = next((n for n, line in enumerate(lines) if line.startswith(f"| {figure.name} |")), None)
        if at is None:
            at = max(n for n, line in enumerate(lines) if line.startswith("|")) + 1
            lines.insert(at, row)
        else:
            lines[at] = row
    # A cause stays only while its figure is missed.
    lines = [line for line in lines if not any(line.startswith(f"- **{f.name}**:") for f in figures)]
    missed = [f for f in figures if f.verdict == "missed"]
    for figure in missed:
        cause = f"- **{figure.name}**: {CAUSES.get(figure.name, 'not yet explained.')}"
        if cause not in lines:
            if "## Where a target is missed" not in lines:
                lines += ["", "## Where a target is missed", ""]
            lines.append(cause)
    RESULTS.write_text("\n".join(lines) + "\n")


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "?",
    )
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"{int(memory) / 1e6:.0f} GB memory, Python {platform.python_version()}, numpy {np.__version__}"
    )


GROUPS = {
    "model": model_figures,
    "tokens": token_figures,
    "calibrate": calibrate_figures,
    "readers": lambda: __import__("bench.readers", fromlist=["figures"]).figures(),  # imports this module
    "store": store_figures,
    "pages": page_figures,
    "browser": browser_figures,
    "training_file": training_file_figures,
}


def main() -> None:
    """Every group, written to RESULTS.md; or only the groups named on the command line, whose
    rows are updated in RESULTS.md and the rest left as they are."""
    chosen = sys.argv[1:] or list(GROUPS)
    figures: list[Figure] = []
    for name in chosen:
        for figure in GROUPS[name]():
            print(figure.line(), flush=True)
            figures.append(figure)
    if sys.argv[1:]:
        record(figures)
        return
    rows = "\n".join(f"| {f.name} | {f.value:,.3g} {f.unit} | {f.target} | {f.verdict} |" for f in figures)
    missed = [f for f in figures if f.verdict == "missed"]
    causes = "".join(f"\n- **{f.name}**: {CAUSES.get(f.name, 'not yet explained.')}" for f in missed)
    RESULTS.write_text(
        f"# Benchmark results\n\nMade by `.venv/bin/python -m bench.run` on {time.strftime('%Y-%m-%d')}.\n\n"
        f"Machine: {machine()}.\n\n| figure | value | target | |\n|---|---|---|---|\n{rows}\n"
        + (f"\n## Where a target is missed\n{causes}\n" if missed else "")
    )
    print(f"written: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
