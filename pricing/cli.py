"""`python -m pricing`: the catalog and LiteLLM imports from the command line.

python -m pricing list [--json]
python -m pricing import-litellm FILE [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from pricing.litellm import read_litellm_file
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pricing", description="LLM price catalog.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="print the shipped catalog")
    listing.add_argument("--json", action="store_true")
    importing = commands.add_parser("import-litellm", help="read a LiteLLM price file")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--json", action="store_true", help="print the imported records as JSON")
    arguments = parser.parse_args(argv)
    today = date.today()

    if arguments.command == "list":
        _print_records(load_catalog(), arguments.json, today)
        if not arguments.json and (earlier := history_lines(load_catalog())):
            print("\nEarlier prices (from inclusive, to exclusive):\n" + "\n".join(earlier))
        return 0

    try:
        text = arguments.file.read_bytes()
    except OSError as error:
        print(f"error: {arguments.file}: cannot read it ({error.strerror})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError:  # a path no file system accepts, e.g. with a NUL byte
        print(f"error: {str(arguments.file)!r}: not a usable file name", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = read_litellm_file(text, read_on=today, file_name=arguments.file.name)
    for problem in report.refused:
        print(f"refused: {problem}", file=sys.stderr)
    for doubt in report.flagged:
        print(f"flagged: {doubt}", file=sys.stderr)
    print(
        f"{arguments.file}: {len(report.records)} imported, {len(report.refused)} refused, "
        f"{len(report.flagged)} flagged, {report.skipped_other_modes} non-text models skipped",
        file=sys.stderr,
    )
    _print_records(report.records, arguments.json, today)
    return 0 if report.records else EXIT_BAD_INPUT
