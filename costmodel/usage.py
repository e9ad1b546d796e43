"""Usage files in, daily totals out: what actually happened, read from four documented formats.

- ``openai``: pages of OpenAI's organization Usage API for completions
  (``{"object": "page", "data": [buckets], ...}``, one page or a list of pages, or the
  plain list of buckets the OpenAI cookbook's ``get_data`` helper returns);
- ``anthropic``: Anthropic's Admin usage report for messages (``data`` buckets with
  ``starting_at`` / ``ending_at``), which has token counts but no request count, or the
  newer Usage and Cost Analytics report (``/v1/organizations/analytics/usage_report``,
  the same buckets with ``requests`` and ``data_refreshed_at``);
- ``litellm``: LiteLLM spend logs, a JSON list or a CSV export, one row per request
  (``startTime``, ``model``, ``prompt_tokens``, ``completion_tokens``; rows whose
  ``status`` is not ``success`` or whose ``call_type`` is no completion are not calls);
- ``requests``: any per-request CSV, JSON Lines or Parquet file with ``timestamp``,
  ``model``, ``prompt_tokens``, ``completion_tokens`` and optional ``cached_tokens``.

Per-request files are aggregated by day and model inside DuckDB, where they lie: only
the small daily table comes back to Python. Usage API pages are small JSON documents and
are read through `costmodel.bounded`. Every read is bounded: bytes (counted as they are
read, so a pipe or /dev/zero ends), rows, day-and-model groups, buckets, seconds and
memory. Every check happens before anything is returned: the files are read whole or
refused with a `BadUsageFileError` that says what is wrong where (nothing half read).
Days are UTC days; input tokens always include cached ones (``prompt_tokens`` does).
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import re
import stat
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np

from costmodel.bounded import OneLineError, UnreadableInputError, load_json, one_line, why_unreadable
from costmodel.model import SECONDS_PER_DAY

Format = Literal["openai", "anthropic", "litellm", "requests"]
FORMATS: tuple[Format, ...] = ("openai", "anthropic", "litellm", "requests")
PAGE_FORMATS: tuple[Format, ...] = ("openai", "anthropic")
# Each format as the Calibrate page lists it: what the file is and what it must hold.
FORMAT_DESCRIPTIONS: dict[Format, str] = {
    "openai": "JSON pages, one or a list, of buckets with input, output and cached tokens and "
    "the number of requests.",
    "anthropic": "JSON buckets with token counts; there is no request count, so the page asks for "
    "the calls per day.",
    "litellm": "a JSON list or a CSV export, one row per request: startTime, model, prompt_tokens, "
    "completion_tokens.",
    "requests": "one row per call with timestamp, model, prompt_tokens, completion_tokens and "
    "optional cached_tokens (the sample file below is one).",
}

# Usage API pages hold at most 31 daily, 168 hourly or 1,440 minute buckets: a page of a
# thousand groups a day is about 10 MB. Parsed, JSON takes up to 12 times its size.
MAX_JSON_BYTES = 10_000_000
# A per-request file: 20 million requests of CSV is about 800 MB.
MAX_REQUEST_FILE_BYTES = 1_000_000_000
# Rows of a per-request file: 10 million take about 2 s; a file of more (a small Parquet
# file can hold hundreds of millions of identical rows) is refused after this many.
MAX_ROWS = 20_000_000
# Day-and-model groups of all the files together (ten years of 27 models a day).
MAX_GROUPS = 100_000
# Buckets and results of all the usage pages together.
MAX_ENTRIES = 500_000
# A read that takes longer than this is stopped and refused.
MAX_READ_SECONDS = 60.0
# Usage data from before the APIs existed, or centuries ahead, is a slip or an attack.
EARLIEST_DAY = date(2015, 1, 1)
LATEST_DAY = date(2199, 12, 31)
UNIX_DAY = date(1970, 1, 1)
# Ten years of days; a longer span would be a dense table of mostly nothing.
MAX_DAYS = 3_660
# More models than this in one file is not a workload but noise (or an attack on memory).
MAX_MODELS = 10_000
# A single count above this (tokens or requests in one row or bucket) is not real usage.
MAX_COUNT = 10**15
HEAD_BYTES = 65_536
CHUNK_BYTES = 1 << 20
PARQUET_MAGIC = b"PAR1"
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
# DuckDB's own limit: reading any file stays under it (10M rows need about 140 MB), and a
# hostile file fails with "out of memory" instead of taking the machine.
DUCKDB_MEMORY_LIMIT = "256MB"
# What OpenAI's completions usage results say they are; other endpoints say otherwise.
OPENAI_COMPLETIONS_RESULT = "organization.usage.completions.result"
# LiteLLM's call types that are completions (chat, text, Responses API, Anthropic messages).
COMPLETION_CALL_TYPES = r"completion|responses|messages"
# A first or last day covered for less than this many hours is said to be partial.
PARTIAL_DAY_HOURS = 23.0


# How the command line's messages say to pick the format; the page names its drop-down instead.
FORMAT_OPTION_HINT = "--format names it"
TWICE = "a page given twice?"


class BadUsageFileError(OneLineError, ValueError):
    """A usage file that cannot be read whole; the message is one line naming the file.

    When the fix is to name the format, the message ends with how to: the command line's
    words by default, `worded_for` gives it in the words of where it is shown.
    """

    def __init__(self, reason: str, *, names_format: bool = False) -> None:
        self.reason = reason
        self.names_format = names_format
        super().__init__(self.worded_for(FORMAT_OPTION_HINT))

    def worded_for(self, format_hint: str) -> str:
        """The message, saying how to name the format in `format_hint`'s words."""
        return one_line(f"{self.reason}; {format_hint}" if self.names_format else self.reason)


@dataclass(frozen=True, slots=True)
class ModelDay:
    """One model's traffic on one UTC day; `calls` is None where the format has no request count."""

    day: date
    model: str | None
    calls: int | None
    input_tokens: int
    cached_tokens: int | None
    output_tokens: int


@dataclass(frozen=True)
class DailyUsage:
    """Traffic per day over every day from the first to the last (days without records hold 0).

    `calls` is None for formats without a request count (Anthropic); `cached_tokens` is
    None when the files do not say how much input was cached. `notes` say what was left
    out or is partial (failed requests, a first day covered from noon).
    """

    first_day: date
    calls: np.ndarray | None
    input_tokens: np.ndarray
    cached_tokens: np.ndarray | None
    output_tokens: np.ndarray
    format: Format
    models: tuple[str, ...]
    days_without_records: int
    model: str | None = None  # the one model whose traffic was kept; None: every model's
    notes: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return len(self.input_tokens)

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)


def _first_line(text: str) -> str:
    return " ".join(text.strip().splitlines()[:1])[:300]


def _header_columns(text: str) -> set[str]:
    """The column names of a CSV's first line, whatever its line ends (CR alone, as old Excel writes)."""
    lines = text.splitlines()
    if not lines:
        return set()
    try:
        header = next(csv.reader([lines[0]]), [])
    except csv.Error:  # a NUL byte or a stray quote: no header this reads
        return set()
    return {column.strip() for column in header}


def detect_format(head: bytes, name: str) -> Format:
    """The format of a file from its first bytes (a Parquet file or a text head).

    >>> detect_format(b'{"object": "page", "data": []}', "a.json")
    'openai'
    >>> detect_format(b"timestamp,model,prompt_tokens,completion_tokens\\r", "a.csv")
    'requests'
    """
    if head.startswith(PARQUET_MAGIC):
        return "requests"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text:
        raise BadUsageFileError(f"{name}: the file is empty")
    if text[0] in "{[":
        if '"starting_at"' in text or '"uncached_input_tokens"' in text:
            return "anthropic"
        if re.search(r'"object"\s*:\s*"(page|bucket)"', text) or '"num_model_requests"' in text:
            return "openai"
        if '"startTime"' in text:
            return "litellm"
        if '"timestamp"' in text:
            return "requests"
    else:
        columns = _header_columns(text)
        if "startTime" in columns:
            return "litellm"
        if "timestamp" in columns:
            return "requests"
    raise BadUsageFileError(
        f"{name}: not a usage file this reads (OpenAI or Anthropic usage pages, LiteLLM spend logs, "
        "or per-request CSV / JSON Lines / Parquet with timestamp, model, prompt_tokens, "
        "completion_tokens)",
        names_format=True,
    )


def _count(value: Any, where: str) -> int:
    """A token or request count: a whole number from 0 to 10¹⁵."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadUsageFileError(f"{where} is not a number: {str(value)[:40]!r}")
    if not math.isfinite(value) or value != int(value):
        raise BadUsageFileError(f"{where} is not a whole number: {value!r}")
    if value < 0:
        raise BadUsageFileError(f"{where} is negative: {value!r}")
    if value > MAX_COUNT:
        raise BadUsageFileError(f"{where} is {float(value):.3g}, more than any real usage")
    return int(value)


EARLIEST_SECONDS = (EARLIEST_DAY - UNIX_DAY).days * SECONDS_PER_DAY
END_SECONDS = (LATEST_DAY - UNIX_DAY + timedelta(days=1)).days * SECONDS_PER_DAY
OUTSIDE = f"outside {EARLIEST_DAY}..{LATEST_DAY}"


def _day_of_seconds(seconds: float) -> date:
    return UNIX_DAY + timedelta(days=math.floor(seconds / SECONDS_PER_DAY))


def _unix_seconds(value: Any, where: str) -> float:
    """A moment given in Unix seconds, within the days this reads."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadUsageFileError(f"{where} is not a Unix time in seconds: {str(value)[:40]!r}")
    if not EARLIEST_SECONDS <= value < END_SECONDS:
        raise BadUsageFileError(f"{where}: {value!r} is not a date this reads ({OUTSIDE})")
    return float(value)


def _iso_seconds(text: Any, where: str) -> float:
    """An ISO 8601 moment in Unix seconds; one without a zone is UTC, as every day here is."""
    if not isinstance(text, str):
        raise BadUsageFileError(f"{where} is not an ISO 8601 date and time: {str(text)[:40]!r}")
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = moment.timestamp()
    except ValueError:
        raise BadUsageFileError(f"{where} is not an ISO 8601 date and time: {text[:40]!r}") from None
    except OverflowError:  # year 9999 with an offset lies past what a date holds
        raise BadUsageFileError(f"{where}: {text[:40]!r} is {OUTSIDE}") from None
    if not EARLIEST_SECONDS <= seconds < END_SECONDS:
        raise BadUsageFileError(f"{where}: {text[:40]!r} is {OUTSIDE}")
    return seconds


def _pages(content: bytes, name: str) -> list[dict[str, Any]]:
    """The pages of a usage report file: one page, a list of pages, or a plain list of buckets."""
    try:
        document = load_json(content)
    except UnreadableInputError as error:
        raise BadUsageFileError(f"{name}: {_first_line(str(error))}") from None
    if (
        isinstance(document, list)
        and document
        and all(isinstance(item, dict) and "data" not in item and "results" in item for item in document)
    ):
        document = {"data": document}  # the OpenAI cookbook's get_data: every page's buckets in one list
    pages = document if isinstance(document, list) else [document]
    for position, page in enumerate(pages, start=1):
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            raise BadUsageFileError(f"{name}: page {position} has no list of buckets under 'data'")
    return pages


def _dimensions(result: dict[str, Any]) -> tuple[tuple[str, str | bool], ...]:
    """What a result is grouped by: every field holding text or a yes/no, whichever the API adds
    (model, project, workspace, API key, service tier, inference geo, speed, account ...)."""
    return tuple(
        sorted(
            (key, value) for key, value in result.items() if key != "object" and isinstance(value, str | bool)
        )
    )


def _grouping_words(grouping: frozenset[str]) -> str:
    return f"grouped by {', '.join(sorted(grouping))}" if grouping else "ungrouped"


@dataclass
class _Ledger:
    """What the pages read so far covered: each bucket's time and grouping, and each group once.

    The same traffic must not count twice: not a page given twice, not a grouped and an
    ungrouped export of one bucket, not hourly buckets inside a daily one.
    """

    seen: set[Any] = field(default_factory=set)
    groupings: dict[tuple[float, float], frozenset[str]] = field(default_factory=dict)
    entries: int = 0

    def count_entries(self, count: int, where: str) -> None:
        self.entries += count
        if self.entries > MAX_ENTRIES:
            raise BadUsageFileError(
                f"{where}: more than {MAX_ENTRIES:,} buckets and results, more than usage pages hold"
            )

    def bucket(self, where: str, interval: tuple[float, float], grouping: frozenset[str] | None) -> None:
        start, end = interval
        if not 0 < end - start <= SECONDS_PER_DAY:
            raise BadUsageFileError(
                f"{where}: buckets longer than a day (or ending before they start) cannot be split into days"
            )
        if grouping is None:
            self.groupings.setdefault(interval, frozenset())
            return
        earlier = self.groupings.setdefault(interval, grouping)
        if earlier != grouping and self._had_results(interval):
            raise BadUsageFileError(
                f"{where}: this bucket came already in an export {_grouping_words(earlier)}, and this one is "
                f"{_grouping_words(grouping)}: the same traffic would count twice (give one export)"
            )
        self.groupings[interval] = grouping
        self.seen.add(("results", interval))

    def _had_results(self, interval: tuple[float, float]) -> bool:
        return ("results", interval) in self.seen

    def result(self, where: str, interval: tuple[float, float], result: dict[str, Any]) -> None:
        # A hash keeps the memory small; two groups alike in it are one in 10^13 at the bound.
        key = hash((interval, _dimensions(result)))
        if key in self.seen:
            raise BadUsageFileError(f"{where}: this bucket and group came already ({TWICE})")
        self.seen.add(key)

    def check_no_overlap(self) -> None:
        """Buckets of different times must not overlap (a 1-day and a 1-hour export of the same day)."""
        previous: tuple[float, float] | None = None
        for interval in sorted(self.groupings):
            if previous is not None and interval[0] < previous[1]:
                raise BadUsageFileError(
                    f"a bucket from {_moment_words(interval[0])} to {_moment_words(interval[1])} overlaps "
                    f"one from {_moment_words(previous[0])} to {_moment_words(previous[1])}: the same "
                    "traffic would count twice (daily and hourly buckets of the same time? give one export)"
                )
            if previous is None or interval[1] > previous[1]:
                previous = interval

    def covered_hours(self) -> dict[date, float]:
        """Hours of each day the buckets cover (a bucket counts on the day it starts)."""
        hours: dict[date, float] = defaultdict(float)
        for start, end in self.groupings:
            hours[_day_of_seconds(start)] += (end - start) / 3_600
        return hours


def _moment_words(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _buckets(
    page: dict[str, Any], page_number: int, name: str, ledger: _Ledger
) -> Iterator[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
    """Each bucket of a page with its results, every entry counted against the ledger's bound."""
    for bucket_number, bucket in enumerate(page["data"], start=1):
        where = f"{name}: page {page_number}, bucket {bucket_number}"
        if not isinstance(bucket, dict) or not isinstance(bucket.get("results"), list):
            raise BadUsageFileError(f"{where} has no list of 'results'")
        results = bucket["results"]
        ledger.count_entries(1 + len(results), where)
        for number, result in enumerate(results, start=1):
            if not isinstance(result, dict):
                raise BadUsageFileError(f"{where}, result {number} is not an object")
        yield where, bucket, results


def _page_grouping(page: dict[str, Any]) -> frozenset[str]:
    """What one page is grouped by: the union of its results' grouping fields."""
    return frozenset(
        key
        for bucket in page["data"]
        if isinstance(bucket, dict) and isinstance(bucket.get("results"), list)
        for result in bucket["results"]
        if isinstance(result, dict)
        for key, _ in _dimensions(result)
    )


def _model(value: Any, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise BadUsageFileError(f"{where}: model is not text: {str(value)[:40]!r}")


class _Sums:
    """Traffic summed by day and model, within the bound on groups."""

    def __init__(self) -> None:
        self.groups: dict[tuple[date, str | None], list[int | None]] = {}

    def add(
        self, where: str, day: date, model: str | None, counts: tuple[int | None, int, int | None, int]
    ) -> None:
        sums = self.groups.get((day, model))
        if sums is None:
            if len(self.groups) >= MAX_GROUPS:
                raise BadUsageFileError(
                    f"{where}: more than {MAX_GROUPS:,} day-and-model groups, more than a workload has"
                )
            self.groups[(day, model)] = list(counts)
            return
        for index, value in enumerate(counts):
            held = sums[index]
            sums[index] = None if held is None or value is None else held + value

    def rows(self) -> list[ModelDay]:
        return [ModelDay(day, model, *sums) for (day, model), sums in self.groups.items()]  # type: ignore[arg-type]


def read_openai(content: bytes, name: str, ledger: _Ledger) -> list[ModelDay]:
    """Completions usage buckets (1m, 1h or 1d wide) as model-days; `ledger` catches traffic counted twice."""
    sums = _Sums()
    for page_number, page in enumerate(_pages(content, name), start=1):
        grouping = _page_grouping(page)
        for where, bucket, results in _buckets(page, page_number, name, ledger):
            start = _unix_seconds(bucket.get("start_time"), f"{where}: start_time")
            end = _unix_seconds(bucket.get("end_time"), f"{where}: end_time")
            interval = (start, end)
            ledger.bucket(where, interval, grouping if results else None)
            day = _day_of_seconds(start)
            for number, result in enumerate(results, start=1):
                result_where = f"{where}, result {number}"
                kind = result.get("object")
                if kind is not None and kind != OPENAI_COMPLETIONS_RESULT:
                    raise BadUsageFileError(
                        f"{result_where}: a usage page of {str(kind)[:60]!r}, not completions: export "
                        "/v1/organization/usage/completions (only completions are calls this counts)"
                    )
                ledger.result(result_where, interval, result)
                input_tokens = _count(result.get("input_tokens"), f"{result_where}: input_tokens")
                cached = _count(result.get("input_cached_tokens"), f"{result_where}: input_cached_tokens")
                if cached > input_tokens:
                    raise BadUsageFileError(f"{result_where}: more cached input tokens than input tokens")
                calls = _count(result.get("num_model_requests"), f"{result_where}: num_model_requests")
                output = _count(result.get("output_tokens"), f"{result_where}: output_tokens")
                sums.add(
                    result_where,
                    day,
                    _model(result.get("model"), result_where),
                    (calls, input_tokens, cached, output),
                )
            if not results:  # an empty bucket is a day the export covers with no traffic
                sums.add(where, day, None, (0, 0, 0, 0))
    return sums.rows()


def read_anthropic(content: bytes, name: str, ledger: _Ledger) -> tuple[list[ModelDay], tuple[str, ...]]:
    """Usage report buckets as model-days, and notes: input = uncached + cache reads + cache writes.

    The messages report (legacy) has no request count; the Usage and Cost Analytics report
    (/v1/organizations/analytics/usage_report) counts `requests` and says until when its
    data is complete (`data_refreshed_at`).
    """
    sums = _Sums()
    notes = []
    for page_number, page in enumerate(_pages(content, name), start=1):
        grouping = _page_grouping(page)
        if "rbac_group_id" in grouping:
            raise BadUsageFileError(
                f"{name}: page {page_number} is grouped by rbac_group_id, whose rows overlap (a user in "
                "several groups counts in each): export it without that grouping"
            )
        counts_requests = "data_refreshed_at" in page
        refreshed = page.get("data_refreshed_at")
        refreshed_at = None if refreshed is None else _iso_seconds(refreshed, f"{name}: data_refreshed_at")
        for where, bucket, results in _buckets(page, page_number, name, ledger):
            # Parsed, so that Z and +00:00 are the same moment.
            start = _iso_seconds(bucket.get("starting_at"), f"{where}: starting_at")
            end = _iso_seconds(bucket.get("ending_at"), f"{where}: ending_at")
            interval = (start, end)
            ledger.bucket(where, interval, grouping if results else None)
            day = _day_of_seconds(start)
            for number, result in enumerate(results, start=1):
                result_where = f"{where}, result {number}"
                ledger.result(result_where, interval, result)
                creation = result.get("cache_creation") or {}
                if not isinstance(creation, dict):
                    raise BadUsageFileError(f"{result_where}: cache_creation is not an object")
                cache_read = _count(
                    result.get("cache_read_input_tokens"), f"{result_where}: cache_read_input_tokens"
                )
                input_tokens = (
                    _count(result.get("uncached_input_tokens"), f"{result_where}: uncached_input_tokens")
                    + cache_read
                    + sum(
                        _count(creation.get(kind), f"{result_where}: cache_creation.{kind}")
                        for kind in ("ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens")
                    )
                )
                output = _count(result.get("output_tokens"), f"{result_where}: output_tokens")
                requests = result.get("requests")
                calls = None if requests is None else _count(requests, f"{result_where}: requests")
                sums.add(
                    result_where,
                    day,
                    _model(result.get("model"), result_where),
                    (calls, input_tokens, cache_read, output),
                )
            if not results:
                sums.add(where, day, None, (0 if counts_requests else None, 0, 0, 0))
            if refreshed_at is not None and end > refreshed_at:
                notes.append(
                    f"{name}: its data was refreshed at {_moment_words(refreshed_at)}; the buckets after "
                    "that are not complete yet, so their days read low."
                )
        if refreshed_at is None and counts_requests:
            notes.append(f"{name}: no export covers these days yet (data_refreshed_at is null).")
    return sums.rows(), tuple(dict.fromkeys(notes))  # each said once


def _duckdb_message(error: Exception) -> str:
    """DuckDB's message in one line: its first line and the line saying what could not be converted."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    picked = lines[:1] + [line for line in lines[1:] if line.startswith(("Error when converting", "Could"))]
    return " ".join(picked)[:300]


TOKEN_COLUMNS = ("prompt_tokens", "completion_tokens", "cached_tokens")
LITELLM_COLUMNS = ("status", "call_type")
NUMERIC_TYPE = re.compile(r"U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL\(\d+,\s*\d+\)")
JSON_NUMBER = "('BIGINT', 'UBIGINT', 'DOUBLE')"


def _not_whole(value: str) -> str:
    return f"({value} IS NOT NULL AND (isnan({value}) OR isinf({value}) OR {value} != floor({value})))"


@dataclass(frozen=True)
class _Source:
    """How DuckDB reads one per-request file: its relation and each column as SQL."""

    relation: str
    parameters: dict[str, Any]
    timestamp: str
    model: str
    model_bad: str
    tokens: dict[str, str]
    tokens_not_numbers: str
    counted: str
    failed: str


def _source(connection: Any, path: Path, name: str, head: bytes, timestamp_column: str) -> _Source:
    """The relation for the file's kind, every column checked and typed as the sums need it."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    parameters: dict[str, Any] = {"path": str(path)}
    quoted = {
        column: f'"{column}"' for column in (timestamp_column, "model", *TOKEN_COLUMNS, *LITELLM_COLUMNS)
    }
    if not head.startswith(PARQUET_MAGIC) and text.startswith(("[", "{")):
        # JSON keeps each value's own type, so true or "10" is refused instead of counted as 1 or 10.
        layout = "array" if text.startswith("[") else "newline_delimited"
        parameters["columns"] = {
            timestamp_column: "VARCHAR",
            "model": "JSON",
            "status": "VARCHAR",
            "call_type": "VARCHAR",
        } | dict.fromkeys(TOKEN_COLUMNS, "JSON")
        relation = f"read_json($path, format='{layout}', columns=$columns)"
        tokens = {
            column: f"CASE WHEN json_type({quoted[column]}) IN {JSON_NUMBER} "
            f"THEN CAST({quoted[column]} AS DOUBLE) END"
            for column in TOKEN_COLUMNS
        }
        tokens_not_numbers = " OR ".join(
            f"json_type({quoted[column]}) NOT IN {JSON_NUMBER} AND json_type({quoted[column]}) != 'NULL'"
            for column in TOKEN_COLUMNS
        )
        model = "CASE WHEN json_type(model) = 'VARCHAR' THEN model->>'$' END"
        model_bad = "coalesce(json_type(model) NOT IN ('VARCHAR', 'NULL'), false)"
        timestamp_type = "VARCHAR"
        present = set(parameters["columns"])
    else:
        relation = "read_parquet($path)" if head.startswith(PARQUET_MAGIC) else "read_csv($path)"
        if relation == "read_parquet($path)":
            # Parquet says how many rows it holds: a file past the bound is refused unread.
            [(rows,)] = connection.execute(
                "SELECT sum(num_rows) FROM parquet_file_metadata($path)", parameters
            ).fetchall()
            if rows is not None and rows > MAX_ROWS:
                raise BadUsageFileError(
                    f"{name}: {rows:,} rows, more than the {MAX_ROWS:,} requests this reads"
                )
        # Every piece of SQL here is this module's own text; file names and values go in as parameters.
        described = connection.execute(f"DESCRIBE SELECT * FROM {relation}", parameters).fetchall()  # noqa: S608
        types = {row[0]: str(row[1]) for row in described}
        present = set(types)
        if relation == "read_csv($path)":
            # Token columns as numbers, fractions kept, so 0.4 is refused instead of rounded; a
            # stray word fails on its line instead of the sniffer reading the column as text.
            relation = "read_csv($path, types=$types)"
            wanted = dict.fromkeys(TOKEN_COLUMNS, "DOUBLE") | {
                "model": "VARCHAR",
                "status": "VARCHAR",
                "call_type": "VARCHAR",
            }
            parameters["types"] = {column: kind for column, kind in wanted.items() if column in types}
        else:
            for column in TOKEN_COLUMNS:
                if column in types and not NUMERIC_TYPE.fullmatch(types[column]):
                    raise BadUsageFileError(
                        f"{name}: the {column} column holds {types[column][:40]}, not numbers"
                    )
            if "model" in types and types["model"] != "VARCHAR":
                raise BadUsageFileError(f"{name}: the model column holds {types['model'][:40]}, not text")
        tokens = {column: f"CAST({quoted[column]} AS DOUBLE)" for column in TOKEN_COLUMNS}
        tokens_not_numbers = "false"
        model = "model"
        model_bad = "false"
        timestamp_type = types.get(timestamp_column, "")
    missing = [
        column
        for column in (timestamp_column, "model", "prompt_tokens", "completion_tokens")
        if column not in present
    ]
    if missing:
        raise BadUsageFileError(f"{name}: no column {', '.join(missing)}")
    if "cached_tokens" not in present:
        tokens["cached_tokens"] = "NULL::DOUBLE"
    stamp = quoted[timestamp_column]
    if NUMERIC_TYPE.fullmatch(timestamp_type):
        timestamp = f"to_timestamp({stamp})"  # Unix seconds
    else:
        timestamp = f"CAST({stamp} AS TIMESTAMPTZ)"
    # LiteLLM logs failed requests and embeddings too: neither is a completion call.
    failed = "coalesce(lower(status) NOT IN ('success', ''), false)" if "status" in present else "false"
    other = (
        f"coalesce(NOT regexp_matches(call_type, '{COMPLETION_CALL_TYPES}'), false)"
        if "call_type" in present
        else "false"
    )
    counted = f"NOT ({failed}) AND NOT ({other})"
    return _Source(
        relation, parameters, timestamp, model, model_bad, tokens, tokens_not_numbers, counted, failed
    )


@dataclass(frozen=True)
class FileUsage:
    """What one file holds: its model-days, the time its records or buckets cover, and notes."""

    format: Format
    rows: list[ModelDay]
    first_moment: float | None = None  # per-request files: the first and the last record
    last_moment: float | None = None
    notes: tuple[str, ...] = ()


def _stop_at_deadline(connection: Any, finished: threading.Event) -> None:
    """Interrupt the connection's query once MAX_READ_SECONDS have passed, and again every 50 ms
    (an interrupt between two queries is lost) until the read is over."""
    if finished.wait(MAX_READ_SECONDS):
        return
    while not finished.is_set():
        connection.interrupt()
        finished.wait(0.05)


def read_requests(path: Path, name: str, timestamp_column: str, head: bytes) -> FileUsage:
    """A per-request file (CSV, JSON list, JSON Lines or Parquet) aggregated by UTC day and model in DuckDB.

    Only one row per day and model comes back; bad rows are counted in the same pass,
    and any bad row refuses the whole file. At most MAX_ROWS rows and MAX_GROUPS groups
    are read, and a read longer than MAX_READ_SECONDS is stopped.
    """
    import duckdb

    connection = duckdb.connect(
        config={
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "memory_limit": DUCKDB_MEMORY_LIMIT,
            "preserve_insertion_order": False,
            "temp_directory": "",  # nothing spilled to disk: over the limit is a refusal
        }
    )
    finished = threading.Event()
    threading.Thread(target=_stop_at_deadline, args=(connection, finished), daemon=True).start()
    try:
        connection.execute("SET TimeZone = 'UTC'")  # days are UTC days
        connection.execute("SET enable_progress_bar = false")
        source = _source(connection, path, name, head, timestamp_column)
        tokens = source.tokens
        requests = f"""
            WITH source AS (SELECT * FROM {source.relation} LIMIT {MAX_ROWS + 1}),
            typed AS (
                SELECT epoch({source.timestamp}) AS moment, {source.model} AS model,
                       {source.model_bad} AS model_bad, {source.tokens_not_numbers} AS not_numbers,
                       {tokens["prompt_tokens"]} AS input, {tokens["completion_tokens"]} AS output,
                       {tokens["cached_tokens"]} AS cached, {source.counted} AS counted,
                       {source.failed} AS failed
                FROM source
            ),
            requests AS (SELECT *, floor(moment / {SECONDS_PER_DAY}) AS day FROM typed)
        """  # noqa: S608
        bad_tokens = (
            f"input IS NULL OR output IS NULL OR least(input, output, cached) < 0 OR cached > input "
            f"OR {_not_whole('input')} OR {_not_whole('output')} OR {_not_whole('cached')}"
        )
        # One pass: sums per day and model, and in the same pass whether any row is bad.
        sums = f"""{requests}
            SELECT day, model, count(*), count(*) FILTER (WHERE counted),
                   sum(input) FILTER (WHERE counted), sum(cached) FILTER (WHERE counted),
                   sum(output) FILTER (WHERE counted), count(cached) FILTER (WHERE counted),
                   count(*) FILTER (WHERE failed), count(*) FILTER (WHERE NOT counted AND NOT failed),
                   min(moment), max(moment),
                   bool_or(day IS NULL OR model_bad OR coalesce(not_numbers, false)
                           OR (counted AND coalesce({bad_tokens}, false)))
            FROM requests GROUP BY ALL LIMIT {MAX_GROUPS + 1}
        """  # noqa: S608
        groups = connection.execute(sums, source.parameters).fetchall()
        if sum(group[2] for group in groups) > MAX_ROWS:
            raise BadUsageFileError(
                f"{name}: more than {MAX_ROWS:,} rows; at most that many requests are read"
            )
        if len(groups) > MAX_GROUPS:
            raise BadUsageFileError(
                f"{name}: more than {MAX_GROUPS:,} day-and-model groups, more than a workload has"
            )
        # Only a bad file pays for a second pass, to count its bad rows.
        if any(group[-1] for group in groups):
            bad_rows = f"""{requests}
                SELECT count(*) FILTER (WHERE day IS NULL),
                       count(*) FILTER (WHERE model_bad),
                       count(*) FILTER (WHERE coalesce(not_numbers, false)),
                       count(*) FILTER (WHERE counted AND (input IS NULL OR output IS NULL)),
                       count(*) FILTER (WHERE counted AND ({_not_whole("input")} OR {_not_whole("output")}
                                                         OR {_not_whole("cached")})),
                       count(*) FILTER (WHERE counted AND least(input, output, cached) < 0),
                       count(*) FILTER (WHERE counted AND cached > input)
                FROM requests
            """  # noqa: S608
            [counts] = connection.execute(bad_rows, source.parameters).fetchall()
            _refuse_bad_rows(counts, name)
    except duckdb.InterruptException:
        raise BadUsageFileError(
            f"{name}: still reading after {MAX_READ_SECONDS:g} s, so it was stopped; "
            "a usage file reads in seconds"
        ) from None
    except duckdb.Error as error:
        raise BadUsageFileError(f"{name}: {_duckdb_message(error)}") from None
    finally:
        finished.set()
        connection.close()
    return _request_groups(groups, name)


def _refuse_bad_rows(counts: tuple[int, ...], name: str) -> None:
    problems = (
        "have no timestamp",
        "have a model that is not text",
        "have a token count that is not a number (true, or a number in quotes)",
        "have no prompt_tokens or completion_tokens",
        "have a token count that is not a whole number",
        "have a negative token count",
        "have more cached_tokens than prompt_tokens",
    )
    for count, problem in zip(counts, problems, strict=True):
        if count:
            raise BadUsageFileError(f"{name}: {count:,} rows {problem}")


EARLIEST_DAY_NUMBER = (EARLIEST_DAY - UNIX_DAY).days
LATEST_DAY_NUMBER = (LATEST_DAY - UNIX_DAY).days


def _request_groups(groups: list[tuple[Any, ...]], name: str) -> FileUsage:
    if not groups:
        raise BadUsageFileError(f"{name}: no requests in the file")
    rows = []
    cached_known = any(group[7] for group in groups)
    failed = sum(group[8] for group in groups)
    other = sum(group[9] for group in groups)
    for day_number, model, _, calls, input_tokens, cached, output_tokens, *_ in groups:
        # Checked as a number first: a BC date or the year 30000 is no date Python holds.
        if not EARLIEST_DAY_NUMBER <= day_number <= LATEST_DAY_NUMBER:
            raise BadUsageFileError(f"{name}: a timestamp is {OUTSIDE}")
        day = UNIX_DAY + timedelta(days=int(day_number))
        for value, what in ((input_tokens, "prompt_tokens"), (output_tokens, "completion_tokens")):
            if (value or 0) > MAX_COUNT:
                raise BadUsageFileError(f"{name}: {what} add up to more than any real usage on {day}")
        rows.append(
            ModelDay(
                day=day,
                model=model,
                calls=int(calls),
                input_tokens=int(input_tokens or 0),
                cached_tokens=int(cached or 0) if cached_known else None,
                output_tokens=int(output_tokens or 0),
            )
        )
    notes = []
    if failed:
        notes.append(f"{failed:,} failed requests (status) in {name} are not counted as calls.")
    if other:
        notes.append(
            f"{other:,} requests in {name} that are no completion (call_type: embeddings and others) "
            "are not counted as calls."
        )
    if not any(row.calls for row in rows) and (failed or other):
        raise BadUsageFileError(
            f"{name}: no completion requests that succeeded "
            f"({failed:,} failed, {other:,} of other call types)"
        )
    return FileUsage(
        format="requests",
        rows=rows,
        first_moment=min(group[10] for group in groups),
        last_moment=max(group[11] for group in groups),
        notes=tuple(notes),
    )


def _too_large(name: str, limit: int) -> BadUsageFileError:
    return BadUsageFileError(f"{name}: more than the {limit:,} bytes this reads from one usage file")


def _read_all(file: IO[bytes], head: bytes, name: str, limit: int) -> bytes:
    """The whole content, counting the bytes as they come: a pipe or /dev/zero ends at the limit."""
    content = head + file.read(max(0, limit + 1 - len(head)))
    if len(content) > limit:
        raise _too_large(name, limit)
    return content


def _local_file(file: IO[bytes], path: Path, head: bytes, name: str, folder: Path) -> tuple[Path, str]:
    """A path DuckDB reads literally (no `*` or `[1]` read as a pattern) and the content's digest.

    A regular file is linked under a plain name; a pipe or a device is copied, at most
    MAX_REQUEST_FILE_BYTES of it. Either way the bytes are counted as they are read.
    """
    local = folder / f"usage-{len(list(folder.iterdir()))}"
    digest = hashlib.sha256(head)
    read = len(head)
    regular = stat.S_ISREG(os.fstat(file.fileno()).st_mode)
    with ExitStack() as stack:
        copy = None if regular else stack.enter_context(local.open("wb"))
        if copy is not None:
            copy.write(head)
        while chunk := file.read(CHUNK_BYTES):
            read += len(chunk)
            if read > MAX_REQUEST_FILE_BYTES:
                raise _too_large(name, MAX_REQUEST_FILE_BYTES)
            digest.update(chunk)
            if copy is not None:
                copy.write(chunk)
    if regular:
        local.symlink_to(path.resolve())
    return local, digest.hexdigest()


@dataclass
class _Reading:
    """State shared by the files of one read: the pages' ledger, the digests seen, a folder for DuckDB."""

    folder: Path
    ledger: _Ledger = field(default_factory=_Ledger)
    digests: dict[str, str] = field(default_factory=dict)

    def once(self, digest: str, name: str) -> None:
        first = self.digests.get(digest)
        if first is not None:
            raise BadUsageFileError(f"{name}: the same content as {first} (a file given twice?)")
        self.digests[digest] = name


def read_file(path: Path, name: str, format: Format | None, reading: _Reading) -> FileUsage:
    """One file's model-days and its format (detected unless given), or BadUsageFileError."""
    try:
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
            if not head.strip():
                raise BadUsageFileError(f"{name}: the file is empty")
            if head.startswith(GZIP_MAGIC):
                raise BadUsageFileError(f"{name}: a gzip-compressed file; decompress it first (gunzip)")
            if head.startswith(ZIP_MAGIC):
                raise BadUsageFileError(
                    f"{name}: a ZIP archive (an Excel workbook?); export or unpack it as CSV"
                )
            chosen = format or detect_format(head, name)
            if chosen in PAGE_FORMATS:
                content = _read_all(file, head, name, MAX_JSON_BYTES)
                reading.once(hashlib.sha256(content).hexdigest(), name)
            else:
                local, digest = _local_file(file, path, head, name, reading.folder)
                reading.once(digest, name)
    except (OSError, ValueError) as error:
        if isinstance(error, BadUsageFileError):
            raise
        raise BadUsageFileError(why_unreadable(name, error)) from None
    if chosen == "openai":
        usage = FileUsage("openai", read_openai(content, name, reading.ledger))
    elif chosen == "anthropic":
        rows, notes = read_anthropic(content, name, reading.ledger)
        usage = FileUsage("anthropic", rows, notes=notes)
    else:
        usage = replace(
            read_requests(local, name, "startTime" if chosen == "litellm" else "timestamp", head),
            format=chosen,
        )
    if not usage.rows:
        raise BadUsageFileError(f"{name}: no usage in the file")
    return usage


def read_usage(
    paths: Sequence[Path],
    names: Sequence[str] | None = None,
    format: Format | None = None,
    model: str | None = None,
) -> DailyUsage:
    """Several files of one export combined into daily totals, optionally one model's only.

    `names` are what messages call the files (the page's uploads live in temporary files).
    """
    if not paths:
        raise BadUsageFileError("no usage file given")
    names = list(names) if names is not None else [str(path) for path in paths]
    files: list[tuple[str, FileUsage]] = []
    with tempfile.TemporaryDirectory(prefix="usage-") as folder:
        reading = _Reading(Path(folder))
        for path, name in zip(paths, names, strict=True):
            files.append((name, read_file(path, name, format, reading)))
    kinds = {usage.format for _, usage in files}
    if len(kinds) > 1:
        listed = ", ".join(f"{name}: {usage.format}" for name, usage in files)
        raise BadUsageFileError(f"the files hold different formats ({listed}): give one export at a time")
    kind = kinds.pop()
    reading.ledger.check_no_overlap()
    combined = _Sums()
    for name, usage in files:
        for row in usage.rows:
            combined.add(
                name, row.day, row.model, (row.calls, row.input_tokens, row.cached_tokens, row.output_tokens)
            )
    rows = combined.rows()
    models = sorted({row.model for row in rows if row.model is not None})
    if len(models) > MAX_MODELS:
        raise BadUsageFileError(f"{len(models):,} different models: more than a workload has")
    if model is not None:
        if not models:
            raise BadUsageFileError(
                f"--model {model}: these files are not grouped by model (export them grouped by model)"
            )
        if model not in models:
            held = ", ".join(models)[:200]
            raise BadUsageFileError(f"--model {model}: no traffic for it; the files hold {held}")
    # The files cover their days whichever model is kept: a model's quiet days count as days.
    first, last = min(row.day for row in rows), max(row.day for row in rows)
    notes = [note for _, usage in files for note in usage.notes]
    notes += _partial_days([usage for _, usage in files], reading.ledger, first, last)
    if model is not None:
        rows = [row for row in rows if row.model == model]
    return replace(_daily(rows, first, last, kind, tuple(models)), model=model, notes=tuple(notes))


def _hours_words(hours: float) -> str:
    return f"{hours:.4g} of its 24 hours"


def _partial_days(files: list[FileUsage], ledger: _Ledger, first: date, last: date) -> list[str]:
    """Say where the first or last day is only partly covered: it counts as a whole day with fewer calls."""
    notes = []
    starts = [usage.first_moment for usage in files if usage.first_moment is not None]
    ends = [usage.last_moment for usage in files if usage.last_moment is not None]
    if starts and ends:
        start, end = min(starts), max(ends)
        hours_before = (start - (first - UNIX_DAY).days * SECONDS_PER_DAY) / 3_600
        hours_after = ((last - UNIX_DAY).days * SECONDS_PER_DAY + SECONDS_PER_DAY - end) / 3_600
        if hours_before > 24 - PARTIAL_DAY_HOURS:
            notes.append(
                f"The records begin at {_moment_words(start)}: if the export starts within {first}, that day "
                "counts as a whole day with fewer calls."
            )
        if hours_after > 24 - PARTIAL_DAY_HOURS:
            notes.append(
                f"The records end at {_moment_words(end)}: if the export ends within {last}, that day counts "
                "as a whole day with fewer calls."
            )
        return notes
    covered = ledger.covered_hours()
    for which, day in (("first", first), ("last", last)):
        if which == "last" and last == first:
            break
        hours = covered.get(day, 24.0)
        if hours < PARTIAL_DAY_HOURS:
            notes.append(
                f"The {which} day, {day}, has buckets for {_hours_words(hours)} only, yet counts as a whole "
                "day: its calls read low, and so do calls per day."
            )
    return notes


def _daily(
    rows: list[ModelDay], first: date, last: date, kind: Format, models: tuple[str, ...]
) -> DailyUsage:
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise BadUsageFileError(
            f"the files span {days:,} days, from {first} to {last}; at most {MAX_DAYS:,} are read"
        )
    totals: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(days))
    recorded = np.zeros(days, dtype=bool)
    calls_known = all(row.calls is not None for row in rows)
    cached_known = all(row.cached_tokens is not None for row in rows)
    for row in rows:
        index = (row.day - first).days
        recorded[index] = True
        totals["input"][index] += row.input_tokens
        totals["output"][index] += row.output_tokens
        totals["calls"][index] += row.calls or 0
        totals["cached"][index] += row.cached_tokens or 0
    return DailyUsage(
        first_day=first,
        calls=totals["calls"] if calls_known else None,
        input_tokens=totals["input"],
        cached_tokens=totals["cached"] if cached_known else None,
        output_tokens=totals["output"],
        format=kind,
        models=models,
        days_without_records=int((~recorded).sum()),
    )


# The sample file's workload: four weeks from a Monday, quieter weekends, a little growth.
SAMPLE_FIRST_DAY = date(2026, 1, 5)
SAMPLE_DAYS = 28
SAMPLE_WEEKDAY_CALLS = 40
SAMPLE_WEEKEND_CALLS = 12
SAMPLE_GROWTH_PERCENT_PER_MONTH = 3.0


def sample_requests_csv() -> str:
    """A per-request CSV in the ``requests`` format, made here (nothing is fetched): 28 days,
    one row per call, 1,000 input tokens of which 600 cached, 120 output tokens.

    >>> lines = sample_requests_csv().splitlines()
    >>> lines[0]
    'timestamp,model,prompt_tokens,completion_tokens,cached_tokens'
    >>> lines[1]
    '2026-01-05T08:00:00Z,gpt-4o-mini,1000,120,600'
    """
    lines = ["timestamp,model,prompt_tokens,completion_tokens,cached_tokens"]
    for offset in range(SAMPLE_DAYS):
        day = SAMPLE_FIRST_DAY + timedelta(days=offset)
        base = SAMPLE_WEEKEND_CALLS if day.weekday() >= 5 else SAMPLE_WEEKDAY_CALLS
        calls = round(base * (1 + SAMPLE_GROWTH_PERCENT_PER_MONTH / 100) ** (offset / 30.4375))
        for call in range(calls):
            stamp = datetime(day.year, day.month, day.day, 8 + call % 12, call % 60, tzinfo=UTC)
            lines.append(f"{stamp:%Y-%m-%dT%H:%M:%SZ},gpt-4o-mini,1000,120,600")
    return "\n".join(lines) + "\n"
