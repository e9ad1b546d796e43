"""`python -m costmodel calibrate`: a scenario's workload inputs from real usage files.

    python -m costmodel calibrate FILE... [--format F] [--model M] [--calls-per-day N] [--json]

The files are pages of one export (OpenAI or Anthropic usage reports), LiteLLM spend
logs, or per-request CSV / JSON Lines / Parquet (`costmodel.usage`). Bad or unrecognised
input is one line on stderr and exit code 2; nothing is printed from a file half read.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from costmodel.bounded import OneLineArgumentParser, one_line
from costmodel.calibrate import Calibration, CalibrationError, calibrate
from costmodel.usage import FORMATS, BadUsageFileError, read_usage

EXIT_BAD_INPUT = 2


def _number(value: float | None, digits: str = ",.1f") -> str:
    return "unknown" if value is None else format(value, digits)


def calibration_table(calibration: Calibration) -> str:
    """The derived inputs as a person reads them in a terminal."""
    growth = calibration.calls_growth_percent_per_month
    share = calibration.cached_share
    rows = [
        ("calls per day (mean)", _number(calibration.calls_per_day)),
        (
            "daily calls, 10th to 90th percentile",
            f"{calibration.calls_per_day_p10:,.1f} to {calibration.calls_per_day_p90:,.1f}",
        ),
        ("input tokens per call (cached included)", _number(calibration.input_tokens_per_call)),
        ("output tokens per call", _number(calibration.output_tokens_per_call)),
        ("cached share of input", "unknown" if share is None else f"{share:.1%}"),
        ("call volume growth (% per month)", "not fitted" if growth is None else f"{growth:+.2f}"),
        ("days", f"{calibration.first_day} to {calibration.last_day} ({calibration.days:,} days)"),
        (
            "weekday pattern (1 = average day)",
            ", ".join(
                f"{day[:3]} {'-' if ratio is None else f'{ratio:.2f}'}"
                for day, ratio in calibration.weekday_pattern.items()
            ),
        ),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number above 0")
    return value


def add_usage_options(parser: argparse.ArgumentParser) -> None:
    """--format, --model and --calls-per-day: how usage files are read (calibrate, and the deck's check)."""
    parser.add_argument("--format", choices=FORMATS, help="the files' format (detected from the content)")
    parser.add_argument("--model", metavar="NAME", help="keep this model's traffic only")
    parser.add_argument(
        "--calls-per-day",
        type=_positive_number,
        metavar="N",
        help="calls per day, for Anthropic reports (they have no request count)",
    )


def read_calibration(files: Sequence[Path], arguments: argparse.Namespace) -> Calibration:
    """The files read with the options of `add_usage_options`.

    Raises BadUsageFileError or CalibrationError with a one-line reason.
    """
    usage = read_usage(files, format=arguments.format, model=arguments.model)
    return calibrate(usage, arguments.calls_per_day)


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineArgumentParser(
        prog="python -m costmodel calibrate",
        description="Calls per day, tokens per call and growth from real usage files.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="usage files of one export")
    add_usage_options(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    arguments = parser.parse_args(argv)
    try:
        calibration = read_calibration(arguments.files, arguments)
    except (BadUsageFileError, CalibrationError) as error:
        print(one_line(f"error: {error}"), file=sys.stderr)  # a file name may hold a line break
        return EXIT_BAD_INPUT
    if arguments.json:
        print(json.dumps(calibration.to_json(), indent=2))
        for note in calibration.notes:
            print(f"note: {note}", file=sys.stderr)
    else:
        print(calibration_table(calibration))
        for note in calibration.notes:
            print(f"Note: {note}")
    return 0
