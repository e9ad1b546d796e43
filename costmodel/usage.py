"""Usage files in, daily totals out: what actually happened, read from four documented formats.

- ``openai``: pages of OpenAI's organization Usage API for completions
  (``{"object": "page", "data": [buckets], ...}``, one page or a list of pages);
- ``anthropic``: Anthropic's Admin usage report for messages (``data`` buckets with
  ``starting_at`` / ``ending_at``); it has token counts but no request count;
- ``litellm``: LiteLLM spend logs, a JSON list or a CSV export, one row per request
  (``startTime``, ``model``, ``prompt_tokens``, ``completion_tokens``);
- ``requests``: any per-request CSV, JSON Lines or Parquet file with ``timestamp``,
  ``model``, ``prompt_tokens``, ``completion_tokens`` and optional ``cached_tokens``.

Per-request files are aggregated by day and model inside DuckDB, where they lie: only
the small daily table comes back to Python, so memory does not grow with the file.
Usage API pages are small JSON documents and are read with the standard library under a
size cap. Every check happens before anything is returned: a file is read whole or
refused with a `BadUsageFileError` that says what is wrong where (nothing half read).
Days are UTC days; input tokens always include cached ones (``prompt_tokens`` does).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import numpy as np

from costmodel.bounded import why_unreadable

Format = Literal["openai", "anthropic", "litellm", "requests"]
FORMATS: tuple[Format, ...] = ("openai", "anthropic", "litellm", "requests")
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

# Usage API pages are kilobytes each; a JSON document far larger than this is not one.
MAX_JSON_BYTES = 50_000_000
# Usage data from before the APIs existed, or centuries ahead, is a slip or an attack.
EARLIEST_DAY = date(2015, 1, 1)
LATEST_DAY = date(2199, 12, 31)
# Ten years of days; a longer span would be a dense table of mostly nothing.
MAX_DAYS = 3_660
# More models than this in one file is not a workload but noise (or an attack on memory).
MAX_MODELS = 10_000
# A single count above this (tokens or requests in one row or bucket) is not real usage.
MAX_COUNT = 10**15
HEAD_BYTES = 65_536
PARQUET_MAGIC = b"PAR1"
SECONDS_PER_DAY = 86_400
# DuckDB's own limit: reading any file stays under it (10M rows need about 140 MB), and a
# hostile file fails with "out of memory" instead of taking the machine.
DUCKDB_MEMORY_LIMIT = "256MB"


# How the command line's messages say to pick the format; the page names its drop-down instead.
FORMAT_OPTION_HINT = "--format names it"


class BadUsageFileError(ValueError):
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
        return f"{self.reason}; {format_hint}" if self.names_format else self.reason


@dataclass(frozen=True)
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
    None when the files do not say how much input was cached.
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

    @property
    def days(self) -> int:
        return len(self.input_tokens)

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)


def _first_line(text: str) -> str:
    return " ".join(text.strip().splitlines()[:1])[:300]


def detect_format(head: bytes, name: str) -> Format:
    """The format of a file from its first bytes (a Parquet file or a text head).

    >>> detect_format(b'{"object": "page", "data": []}', "a.json")
    'openai'
    >>> detect_format(b"timestamp,model,prompt_tokens,completion_tokens\\n", "a.csv")
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
        if re.search(r'"object"\s*:\s*"page"', text) or '"num_model_requests"' in text:
            return "openai"
        if '"startTime"' in text:
            return "litellm"
        if '"timestamp"' in text:
            return "requests"
    else:
        header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
        columns = {column.strip() for column in header}
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
        raise BadUsageFileError(f"{where} is {value:.3g}, more than any real usage")
    return int(value)


def _checked_day(day: date, where: str) -> date:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise BadUsageFileError(f"{where}: the date {day} is outside {EARLIEST_DAY}..{LATEST_DAY}")
    return day


def _day_of_unix(seconds: Any, where: str) -> date:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds):
        raise BadUsageFileError(f"{where} is not a Unix time in seconds: {str(seconds)[:40]!r}")
    if not 0 <= seconds < 8e9:
        raise BadUsageFileError(f"{where}: {seconds!r} is not a date this reads")
    return _checked_day(datetime.fromtimestamp(seconds, UTC).date(), where)


def _day_of_iso(text: Any, where: str) -> date:
    if not isinstance(text, str):
        raise BadUsageFileError(f"{where} is not an ISO 8601 date and time: {str(text)[:40]!r}")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadUsageFileError(f"{where} is not an ISO 8601 date and time: {text[:40]!r}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return _checked_day(moment.date(), where)


def _pages(path: Path, name: str, size: int) -> list[dict[str, Any]]:
    if size > MAX_JSON_BYTES:
        raise BadUsageFileError(
            f"{name}: {size:,} bytes is more than the {MAX_JSON_BYTES:,} a usage report page holds"
        )
    try:
        document = json.loads(path.read_bytes(), parse_constant=_refuse_constant)
    except RecursionError:
        raise BadUsageFileError(f"{name}: nested too deeply to be a usage report") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise BadUsageFileError(f"{name}: not valid JSON ({_first_line(str(error))})") from None
    pages = document if isinstance(document, list) else [document]
    for position, page in enumerate(pages, start=1):
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            raise BadUsageFileError(f"{name}: page {position} has no list of buckets under 'data'")
    return pages


def _refuse_constant(token: str) -> float:
    raise ValueError(f"{token} is not a number JSON allows")


def _buckets(pages: list[dict[str, Any]], name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for page_number, page in enumerate(pages, start=1):
        for bucket_number, bucket in enumerate(page["data"], start=1):
            where = f"{name}: page {page_number}, bucket {bucket_number}"
            if not isinstance(bucket, dict) or not isinstance(bucket.get("results"), list):
                raise BadUsageFileError(f"{where} has no list of 'results'")
            yield where, bucket


def _result_dicts(where: str, bucket: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, result in enumerate(bucket["results"], start=1):
        if not isinstance(result, dict):
            raise BadUsageFileError(f"{where}, result {number} is not an object")
        yield f"{where}, result {number}", result


def _model(value: Any, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise BadUsageFileError(f"{where}: model is not text: {str(value)[:40]!r}")


# What identifies one result of a grouped bucket: the same key twice means a page was given twice.
OPENAI_GROUPS = ("model", "project_id", "user_id", "api_key_id", "batch", "service_tier")
TWICE = "a page given twice?"
ANTHROPIC_GROUPS = ("model", "workspace_id", "api_key_id", "service_tier", "context_window")


def _check_width(where: str, width_seconds: float) -> None:
    if not 0 < width_seconds <= SECONDS_PER_DAY:
        raise BadUsageFileError(f"{where}: buckets longer than a day cannot be split into days")


def read_openai(path: Path, name: str, size: int, seen: set[tuple[Any, ...]]) -> list[ModelDay]:
    """Completions usage buckets (1m, 1h or 1d wide) as model-days; `seen` catches a page given twice."""
    rows = []
    for where, bucket in _buckets(_pages(path, name, size), name):
        start: Any = bucket.get("start_time")
        end: Any = bucket.get("end_time")
        day = _day_of_unix(start, f"{where}: start_time")
        _day_of_unix(end, f"{where}: end_time")
        _check_width(where, end - start)
        for result_where, result in _result_dicts(where, bucket):
            key = (start, *(str(result.get(group)) for group in OPENAI_GROUPS))
            if key in seen:
                raise BadUsageFileError(f"{result_where}: this bucket and group came already ({TWICE})")
            seen.add(key)
            input_tokens = _count(result.get("input_tokens"), f"{result_where}: input_tokens")
            cached = _count(result.get("input_cached_tokens"), f"{result_where}: input_cached_tokens")
            if cached > input_tokens:
                raise BadUsageFileError(f"{result_where}: more cached input tokens than input tokens")
            rows.append(
                ModelDay(
                    day=day,
                    model=_model(result.get("model"), result_where),
                    calls=_count(result.get("num_model_requests"), f"{result_where}: num_model_requests"),
                    input_tokens=input_tokens,
                    cached_tokens=cached,
                    output_tokens=_count(result.get("output_tokens"), f"{result_where}: output_tokens"),
                )
            )
        if not bucket["results"]:  # an empty bucket is a day the export covers with no traffic
            rows.append(ModelDay(day, None, 0, 0, 0, 0))
    return rows


def read_anthropic(path: Path, name: str, size: int, seen: set[tuple[Any, ...]]) -> list[ModelDay]:
    """Messages usage report buckets as model-days: input = uncached + cache reads + cache writes."""
    rows = []
    for where, bucket in _buckets(_pages(path, name, size), name):
        starting_at = bucket.get("starting_at")
        day = _day_of_iso(starting_at, f"{where}: starting_at")
        _day_of_iso(bucket.get("ending_at"), f"{where}: ending_at")
        start = datetime.fromisoformat(str(starting_at))
        end = datetime.fromisoformat(str(bucket.get("ending_at")))
        _check_width(where, (end - start).total_seconds())
        for result_where, result in _result_dicts(where, bucket):
            key = (starting_at, *(str(result.get(group)) for group in ANTHROPIC_GROUPS))
            if key in seen:
                raise BadUsageFileError(f"{result_where}: this bucket and group came already ({TWICE})")
            seen.add(key)
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
            rows.append(
                ModelDay(
                    day=day,
                    model=_model(result.get("model"), result_where),
                    calls=None,
                    input_tokens=input_tokens,
                    cached_tokens=cache_read,
                    output_tokens=_count(result.get("output_tokens"), f"{result_where}: output_tokens"),
                )
            )
        if not bucket["results"]:
            rows.append(ModelDay(day, None, None, 0, 0, 0))
    return rows


def _duckdb_message(error: Exception) -> str:
    """DuckDB's message in one line: its first line and the line saying what could not be converted."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    picked = lines[:1] + [line for line in lines[1:] if line.startswith(("Error when converting", "Could"))]
    return " ".join(picked)[:300]


def read_requests(path: Path, name: str, timestamp_column: str) -> list[ModelDay]:
    """A per-request file (CSV, JSON list, JSON Lines or Parquet) aggregated by UTC day and model in DuckDB.

    Only one row per day and model comes back; bad rows are counted in the same pass,
    and any bad row refuses the whole file.
    """
    import duckdb

    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith(PARQUET_MAGIC):
        relation = "read_parquet($path)"
    elif text.startswith("["):
        relation = "read_json($path, format='array', columns=$columns)"
    elif text.startswith("{"):
        relation = "read_json($path, format='newline_delimited', columns=$columns)"
    else:
        relation = "read_csv($path)"
    token_columns = ("prompt_tokens", "completion_tokens", "cached_tokens")
    json_columns = {timestamp_column: "VARCHAR", "model": "VARCHAR"} | dict.fromkeys(token_columns, "BIGINT")
    connection = duckdb.connect(
        config={
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "memory_limit": DUCKDB_MEMORY_LIMIT,
            "preserve_insertion_order": False,
            "temp_directory": "",  # nothing spilled to disk: over the limit is a refusal
        }
    )
    try:
        connection.execute("SET TimeZone = 'UTC'")  # days are UTC days
        connection.execute("SET enable_progress_bar = false")
        parameters: dict[str, Any] = {"path": str(path)}
        if "$columns" in relation:
            parameters["columns"] = json_columns
        # Every piece of SQL here is this module's own text; file names and values go in as parameters.
        described = connection.execute(f"DESCRIBE SELECT * FROM {relation}", parameters).fetchall()  # noqa: S608
        types = {row[0]: str(row[1]) for row in described}
        if relation == "read_csv($path)":
            # Token columns as whole numbers, so a stray word fails on its line instead of
            # the sniffer quietly reading the whole column as text.
            relation = "read_csv($path, types=$types)"
            parameters["types"] = {column: "BIGINT" for column in token_columns if column in types}
        required = (timestamp_column, "model", "prompt_tokens", "completion_tokens")
        missing = [column for column in required if column not in types]
        if missing:
            raise BadUsageFileError(f"{name}: no column {', '.join(missing)}")
        cached = "cached_tokens" if "cached_tokens" in types else "NULL::BIGINT"
        timestamp = f'"{timestamp_column}"'
        if types[timestamp_column] in {"BIGINT", "INTEGER", "DOUBLE", "HUGEINT", "UBIGINT", "FLOAT"}:
            moment = f"to_timestamp({timestamp})"  # Unix seconds
        else:
            moment = f"CAST({timestamp} AS TIMESTAMPTZ)"
        requests = f"""
            WITH requests AS (
                SELECT floor(epoch({moment}) / {SECONDS_PER_DAY}) AS day, model,
                       prompt_tokens AS input, completion_tokens AS output, {cached} AS cached
                FROM {relation}
            )
        """  # noqa: S608
        # One pass: sums per day and model, and in the same pass whether any row is bad.
        sums = f"""{requests}
            SELECT day, model, count(*), sum(input), sum(cached), sum(output), count(cached),
                   count(*) * 2 - count(input) - count(output) > 0
                   OR least(min(input), min(output), min(cached)) < 0
                   OR max(cached - input) > 0
            FROM requests GROUP BY ALL
        """  # noqa: S608
        groups = connection.execute(sums, parameters).fetchall()
        # Only a bad file pays for a second pass, to count its bad rows.
        if any(group[-1] or group[0] is None for group in groups):
            bad_rows = f"""{requests}
                SELECT count(*) FILTER (WHERE day IS NULL),
                       count(*) FILTER (WHERE input IS NULL OR output IS NULL),
                       count(*) FILTER (WHERE input < 0 OR output < 0 OR cached < 0),
                       count(*) FILTER (WHERE cached > input)
                FROM requests
            """  # noqa: S608
            [counts] = connection.execute(bad_rows, parameters).fetchall()
            _refuse_bad_rows(counts, name)
    except duckdb.Error as error:
        raise BadUsageFileError(f"{name}: {_duckdb_message(error)}") from None
    finally:
        connection.close()
    return _request_groups(groups, name)


def _refuse_bad_rows(counts: tuple[int, ...], name: str) -> None:
    problems = (
        "have no timestamp",
        "have no prompt_tokens or completion_tokens",
        "have a negative token count",
        "have more cached_tokens than prompt_tokens",
    )
    for count, problem in zip(counts, problems, strict=True):
        if count:
            raise BadUsageFileError(f"{name}: {count:,} rows {problem}")


def _request_groups(groups: list[tuple[Any, ...]], name: str) -> list[ModelDay]:
    if not groups:
        raise BadUsageFileError(f"{name}: no requests in the file")
    if len(groups) > MAX_DAYS * MAX_MODELS:
        raise BadUsageFileError(f"{name}: more day-and-model groups than a workload has")
    rows = []
    cached_known = any(group[6] for group in groups)
    for day_number, model, calls, input_tokens, cached, output_tokens, *_ in groups:
        if not -1e6 < day_number < 1e6:
            raise BadUsageFileError(f"{name}: a timestamp is outside {EARLIEST_DAY}..{LATEST_DAY}")
        day = _checked_day(date(1970, 1, 1) + timedelta(days=int(day_number)), name)
        for value, what in ((input_tokens, "prompt_tokens"), (output_tokens, "completion_tokens")):
            if value > MAX_COUNT:
                raise BadUsageFileError(f"{name}: {what} add up to more than any real usage on {day}")
        rows.append(
            ModelDay(
                day=day,
                model=model,
                calls=int(calls),
                input_tokens=int(input_tokens),
                cached_tokens=int(cached or 0) if cached_known else None,
                output_tokens=int(output_tokens),
            )
        )
    return rows


def read_file(
    path: Path, name: str, format: Format | None, seen: set[tuple[Any, ...]]
) -> tuple[Format, list[ModelDay]]:
    """One file's model-days and its format (detected unless given), or BadUsageFileError."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except (OSError, ValueError) as error:
        raise BadUsageFileError(why_unreadable(name, error)) from None
    if not head.strip():
        raise BadUsageFileError(f"{name}: the file is empty")
    chosen = format or detect_format(head, name)
    if chosen == "openai":
        rows = read_openai(path, name, size, seen)
    elif chosen == "anthropic":
        rows = read_anthropic(path, name, size, seen)
    else:
        rows = read_requests(path, name, "startTime" if chosen == "litellm" else "timestamp")
    if not rows:
        raise BadUsageFileError(f"{name}: no usage in the file")
    return chosen, rows


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
    seen: set[tuple[Any, ...]] = set()
    formats: dict[str, Format] = {}
    rows: list[ModelDay] = []
    for path, name in zip(paths, names, strict=True):
        formats[name], file_rows = read_file(path, name, format, seen)
        rows.extend(file_rows)
    if len(set(formats.values())) > 1:
        listed = ", ".join(f"{name}: {kind}" for name, kind in formats.items())
        raise BadUsageFileError(f"the files hold different formats ({listed}): give one export at a time")
    kind = next(iter(formats.values()))
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
    if model is not None:
        rows = [row for row in rows if row.model == model]
    return replace(_daily(rows, first, last, kind, tuple(models)), model=model)


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
