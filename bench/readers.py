"""The usage readers' bounds (costmodel.usage): the largest file each reader takes, and what a
hostile file past a bound costs before it is refused, each read in a fresh process.

Run: .venv/bin/python -m bench.run readers   (about a minute; rows in bench/RESULTS.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from bench.run import ROOT, Figure
from costmodel import usage

FIXTURES = ROOT / "tests" / "fixtures" / "usage"
# Peak memory a read may add to the process: DuckDB's own limit, which Python must keep to as well.
MEMORY_LIMIT_MB = 256
SECONDS_LIMIT = 10

# One read in a fresh process: wall and CPU seconds, peak memory added, and what came of it.
PROBE = """
import json, os, resource, sys, time
from pathlib import Path
from costmodel.usage import BadUsageFileError, read_usage
def cpu():
    times = resource.getrusage(resource.RUSAGE_SELF)
    return times.ru_utime + times.ru_stime
tiny = Path(sys.argv[3])
tiny.write_text("timestamp,model,prompt_tokens,completion_tokens\\n2026-01-01T00:00:00Z,m,1,1\\n")
read_usage([tiny])  # DuckDB loaded and started: what remains is what reading the file adds
def peak_kb():  # VmHWM is this process's own peak; ru_maxrss would carry the parent's over exec
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM"))
    return int(line.split()[1])
resident = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from what is resident now
start, start_cpu = time.perf_counter(), cpu()
try:
    daily = read_usage([Path(sys.argv[1])], format=sys.argv[2] or None)
    outcome = f"read: {daily.days} days"
except BadUsageFileError as error:
    outcome = f"refused: {error}"
seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
peak = peak_kb() * 1024
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "added_mb": (peak - resident) / 1e6,
                  "outcome": outcome}))
"""


def _openai_page(results_per_bucket: int, buckets: int, result: dict[str, Any]) -> str:
    """A page of daily buckets, each with results told apart by user_id."""
    return json.dumps(
        {
            "object": "page",
            "data": [
                {
                    "object": "bucket",
                    "start_time": 1_767_225_600 + day * 86_400,
                    "end_time": 1_767_225_600 + (day + 1) * 86_400,
                    "results": [result | {"user_id": f"{day:02}{n:07}"} for n in range(results_per_bucket)],
                }
                for day in range(buckets)
            ],
        }
    )


def _anthropic_page(results_per_bucket: int, buckets: int) -> str:
    return json.dumps(
        {
            "data": [
                {
                    "starting_at": f"{date(2026, 1, 1) + timedelta(days=day)}T00:00:00Z",
                    "ending_at": f"{date(2026, 1, 1) + timedelta(days=day + 1)}T00:00:00Z",
                    "results": [
                        {
                            "uncached_input_tokens": 12_345,
                            "cache_read_input_tokens": 1_000,
                            "cache_creation": {
                                "ephemeral_5m_input_tokens": 10,
                                "ephemeral_1h_input_tokens": 0,
                            },
                            "output_tokens": 456,
                            "model": "claude-sonnet-4-5",
                            "api_key_id": f"apikey-{day:02}{n:07}",
                            "workspace_id": None,
                            "service_tier": "standard",
                            "context_window": "0-200k",
                        }
                        for n in range(results_per_bucket)
                    ],
                }
                for day in range(buckets)
            ]
        }
    )


def _largest_fitting(make: Callable[[int], str], limit: int) -> str:
    """The page of most results per bucket that still fits the byte bound (its size grows
    by the same bytes with each result, so two small pages tell how many fit)."""
    small, large = len(make(100)), len(make(200))
    count = int(100 + (limit - small) * 100 / (large - small))
    while len(page := make(count)) > limit:
        count -= max(1, count // 1_000)
    return page


def _inputs(folder: Path) -> dict[str, tuple[Path, str, str]]:
    """name: (file, format, what it is) for each figure."""
    openai_result = {
        "object": "organization.usage.completions.result",
        "input_tokens": 123_456,
        "output_tokens": 2_345,
        "input_cached_tokens": 0,
        "num_model_requests": 12,
        "project_id": None,
        "api_key_id": None,
        "model": "gpt-4o-2024-08-06",
        "batch": None,
    }
    pages = {
        "openai_page_largest": _largest_fitting(
            lambda n: _openai_page(n, 31, openai_result), usage.MAX_JSON_BYTES
        ),
        # The most results a page can hold: each as small as a result can be.
        "openai_page_tiny_results": _largest_fitting(
            lambda n: _openai_page(n, 1, {}).replace('"user_id": "user-0-', '"user_id": "'),
            usage.MAX_JSON_BYTES,
        ),
        "anthropic_page_largest": _largest_fitting(lambda n: _anthropic_page(n, 31), usage.MAX_JSON_BYTES),
        "openai_page_over_the_byte_bound": _openai_page(45_000, 1, openai_result),
    }
    inputs = {}
    for name, text in pages.items():
        path = folder / f"{name}.json"
        path.write_text(text)
        inputs[name] = (path, "", f"{len(text) / 1e6:.1f} MB")
    models = folder / "distinct_models.csv"
    import duckdb

    duckdb.execute(
        f"""COPY (SELECT '2026-01-05T10:00:00Z' AS timestamp, 'model-' || i AS model, 1 AS prompt_tokens,
                  1 AS completion_tokens FROM range(1_000_000) AS models(i)) TO '{models}' (HEADER)"""  # noqa: S608
    )
    inputs |= {
        "requests_parquet_at_the_row_bound": (
            FIXTURES / "constant_20m_rows.parquet",
            "",
            "20M identical rows, 1 KB",
        ),
        "requests_parquet_200m_constant_rows": (
            FIXTURES / "constant_200m_rows.parquet",
            "",
            "200M identical rows, 8 KB",
        ),
        "requests_csv_1m_distinct_models": (models, "", f"{models.stat().st_size / 1e6:.0f} MB"),
        "dev_zero_as_openai": (Path("/dev/zero"), "openai", "endless"),
    }
    return inputs


def _probe(path: Path, format: str, folder: Path) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), format, str(folder / "tiny.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    return cast(dict[str, Any], json.loads(run.stdout))


def figures() -> list[Figure]:
    """Each reader at its largest file and past its bounds: seconds, CPU seconds and memory added."""
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for figure, (path, format, what) in _inputs(folder).items():
            measured = _probe(path, format, folder)
            outcome = measured["outcome"].replace(str(folder) + "/", "").replace(str(ROOT) + "/", "")
            outcome = outcome.replace("|", "/")[:110]
            rows += [
                Figure(
                    f"readers_{figure}",
                    measured["cpu_seconds"],
                    "CPU s",
                    f"< {SECONDS_LIMIT} CPU s ({what}; {outcome}; {measured['seconds']:.2f} s wall, load "
                    f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)",
                    SECONDS_LIMIT,
                ),
                Figure(
                    f"readers_{figure}_memory",
                    measured["added_mb"],
                    "MB",
                    f"< {MEMORY_LIMIT_MB} MB added",
                    MEMORY_LIMIT_MB,
                ),
            ]
    return rows
