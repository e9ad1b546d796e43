"""`python -m pricing`: the catalog and LiteLLM imports from the command line.

python -m pricing list [--json]
python -m pricing import-litellm FILE [--as-of YYYY-MM-DD] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from costmodel.bounded import (
    OneLineArgumentParser,
    one_line,
    read_capped,
    why_unreadable,
)
from pricing.litellm import MAX_FILE_BYTES, read_litellm_file
from pricing.records import PriceRecord, load_catalog

EXIT_BAD_INPUT = 2


# Every price field of a record, as a column: `list` shows every price a record has.
PRICE_COLUMNS = {
    "input_per_million": "input",
    "cached_input_per_million": "cached",
    "output_per_million": "output",
    "training_per_million": "training",
    "training_per_gpu_hour": "train/GPU-h",
    "finetuned_input_per_million": "ft input",
    "finetuned_cached_input_per_million": "ft cached",
    "finetuned_output_per_million": "ft output",
    "hosting_per_hour": "hosting/h",
}


def _price(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def records_table(records: Sequence[PriceRecord], today: date) -> str:
    """Prices in $ per 1M tokens (hourly fees in $ per hour); '-' where unknown."""
    rows = [
        {
            "provider": r.provider,
            "model": r.model,
            **{label: _price(getattr(r, field)) for field, label in PRICE_COLUMNS.items()},
            "read": r.freshness(today),
        }
        for r in records
    ]
    return pd.DataFrame(rows).to_string(index=False) if rows else "(no records)"


def history_lines(records: Sequence[PriceRecord]) -> list[str]:
    """Each record's earlier prices, one dated span a line, with its source."""
    return [
        f"{r.key}, {span.from_date} to {span.to_date}: "
        + ", ".join(f"{PRICE_COLUMNS[field]} {value:g}" for field, value in span.known().items())
        + f" ({span.source})"
        for r in records
        for span in r.history
    ]


def _print_records(records: Sequence[PriceRecord], as_json: bool, today: date) -> None:
    if as_json:
        print(json.dumps([r.model_dump(mode="json") for r in records], indent=2))
    else:
        print(records_table(records, today))


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a date like 2026-07-01") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineArgumentParser(prog="python -m pricing", description="LLM price catalog.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="print the shipped catalog")
    listing.add_argument("--json", action="store_true")
    importing = commands.add_parser("import-litellm", help="read a LiteLLM price file")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--json", action="store_true", help="print the imported records as JSON")
    importing.add_argument(
        "--as-of",
        type=_as_of,
        metavar="YYYY-MM-DD",
        help="the day the file's prices held (when it was downloaded); without it they are 'date unknown'",
    )
    arguments = parser.parse_args(argv)
    today = date.today()
    if getattr(arguments, "as_of", None) is not None and arguments.as_of > today:
        importing.error(f"--as-of {arguments.as_of} is after today ({today})")

    if arguments.command == "list":
        _print_records(load_catalog(), arguments.json, today)
        if not arguments.json and (earlier := history_lines(load_catalog())):
            print("\nEarlier prices (from inclusive, to exclusive):\n" + "\n".join(earlier))
        return 0

    try:
        text = read_capped(arguments.file, MAX_FILE_BYTES)
    except (OSError, ValueError) as error:
        print(one_line(f"error: {why_unreadable(str(arguments.file), error)}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    report = read_litellm_file(text, read_on=arguments.as_of, file_name=arguments.file.name)
    if report.unreadable:
        print(one_line(f"error: {report.unreadable}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    for problem in report.refused:
        print(one_line(f"refused: {problem}"), file=sys.stderr)
    for doubt in report.flagged:
        print(one_line(f"flagged: {doubt}"), file=sys.stderr)
    for name in report.without_prices:
        print(one_line(f"no price: {name}"), file=sys.stderr)
    print(
        one_line(
            f"{arguments.file}: {len(report.records)} imported, {len(report.refused)} refused, "
            f"{len(report.flagged)} flagged, {len(report.without_prices)} without any price, "
            f"{report.skipped_other_modes} non-text models and {len(report.skipped_metadata)} "
            "non-model keys skipped"
        ),
        file=sys.stderr,
    )
    _print_records(report.records, arguments.json, today)
    return 0 if report.records else EXIT_BAD_INPUT
