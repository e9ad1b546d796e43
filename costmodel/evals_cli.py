"""`python -m costmodel evals`: each variant's quality, tokens, latency and cost from eval runs.

    python -m costmodel evals FILE... [--json]
    python -m costmodel evals FILE... --prompt-variant NAME --finetuned-variant NAME --scenario FILE [-o OUT]

The files are promptfoo outputs (`-o results.json`, version 3, or `-o results.csv`) or a plain CSV
`variant,case,passed[,prompt_tokens,completion_tokens,latency_ms,cost]` (costmodel/evals.py).
With --scenario the scenario file is written back (to OUT when given) with each path's error
rate, and tokens and latency where the eval has them. Bad input is one line on stderr and exit 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from costmodel.bounded import OneLineArgumentParser, one_line, read_capped, why_unreadable
from costmodel.cli import BadInputError
from costmodel.evals import (
    MAX_EVAL_FILE_BYTES,
    BadEvalFileError,
    VariantResult,
    find_variant,
    read_evals,
    use_evals,
)
from costmodel.files import (
    MAX_SCENARIO_FILE_BYTES,
    BadScenarioFileError,
    parse_scenario_entries,
    scenario_file_json,
)
from costmodel.scenario import describe_errors

EXIT_BAD_INPUT = 2


def _number(value: float | None, digits: str = ",.0f") -> str:
    return "-" if value is None else format(value, digits)


def variants_table(results: Sequence[VariantResult]) -> str:
    """The variants as a person reads them in a terminal."""
    header = (
        "variant",
        "cases",
        "passed",
        "failed",
        "errors",
        "error rate (95% CI)",
        "tokens in/out",
        "p50/p95 ms",
        "$/call",
    )
    rows = [header]
    for result in results:
        interval = result.error_rate_interval_percent
        rate = (
            "-"
            if result.error_rate_percent is None or interval is None
            else f"{result.error_rate_percent:.1f}% ({interval[0]:.1f}-{interval[1]:.1f})"
        )
        rows.append(
            (
                result.name,
                f"{result.cases:,}",
                f"{result.passed:,}",
                f"{result.failed:,}",
                f"{result.errors:,}",
                rate,
                f"{_number(result.prompt_tokens_per_call)}/{_number(result.completion_tokens_per_call)}",
                f"{_number(result.latency_ms_p50)}/{_number(result.latency_ms_p95)}",
                _number(result.cost_per_call, ",.6f"),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows
    )


def _read_files(paths: Sequence[Path]) -> list[VariantResult]:
    files = []
    for path in paths:
        try:
            files.append((str(path), read_capped(path, MAX_EVAL_FILE_BYTES)))
        except (OSError, ValueError) as error:
            raise BadInputError(why_unreadable(one_line(str(path)), error)) from None
    try:
        return read_evals(files)
    except BadEvalFileError as error:
        raise BadInputError(str(error)) from None


def _write_scenario(
    results: Sequence[VariantResult], prompt_name: str, finetuned_name: str, scenario_path: Path, output: Path
) -> list[str]:
    try:
        entries = parse_scenario_entries(
            read_capped(scenario_path, MAX_SCENARIO_FILE_BYTES), str(scenario_path)
        )
    except (OSError, ValueError) as error:  # BadScenarioFileError is a ValueError with its own line
        message = (
            str(error)
            if isinstance(error, BadScenarioFileError)
            else why_unreadable(str(scenario_path), error)
        )
        raise BadInputError(message) from None
    if len(entries) != 1:
        raise BadInputError(
            f"{one_line(str(scenario_path))}: holds {len(entries)} scenarios; give a file with one"
        )
    try:
        prompt, finetuned = find_variant(results, prompt_name), find_variant(results, finetuned_name)
        updated, notes = use_evals(entries[0].scenario, prompt, finetuned)
    except BadEvalFileError as error:
        raise BadInputError(str(error)) from None
    except ValidationError as error:
        raise BadInputError(
            f"the eval gives values the model does not take: {'; '.join(describe_errors(error))}"
        ) from None
    except ValueError as error:
        raise BadInputError(one_line(str(error))) from None
    try:
        output.write_text(scenario_file_json(updated, entries[0].decision) + "\n", encoding="utf-8")
    except OSError as error:
        raise BadInputError(why_unreadable(one_line(str(output)), error)) from None
    return notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineArgumentParser(
        prog="python -m costmodel evals",
        description="Error rate (Wilson 95%), tokens, latency and cost per variant from eval runs.",
    )
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="promptfoo JSON or CSV output, or a plain CSV"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--prompt-variant", metavar="NAME", help="the variant that is the prompt path")
    parser.add_argument("--finetuned-variant", metavar="NAME", help="the variant that is the fine-tuned path")
    parser.add_argument(
        "--scenario", type=Path, metavar="FILE", help="scenario file to write the numbers into"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="write the scenario here instead of back to --scenario",
    )
    arguments = parser.parse_args(argv)
    chosen = [arguments.prompt_variant, arguments.finetuned_variant, arguments.scenario]
    if any(value is not None for value in chosen) and not all(value is not None for value in chosen):
        parser.error("--prompt-variant, --finetuned-variant and --scenario go together")
    if arguments.output is not None and arguments.scenario is None:
        parser.error("-o needs --scenario")
    try:
        results = _read_files(arguments.files)
        notes = (
            _write_scenario(
                results,
                arguments.prompt_variant,
                arguments.finetuned_variant,
                arguments.scenario,
                arguments.output or arguments.scenario,
            )
            if arguments.scenario is not None
            else []
        )
    except BadInputError as error:
        print(one_line(f"error: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    if arguments.json:
        print(json.dumps({"variants": [result.to_json() for result in results]}, indent=2))
    else:
        print(variants_table(results))
    for note in notes:
        print(one_line(f"note: {note}"), file=sys.stderr)
    return 0
