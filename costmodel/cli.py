"""`python -m costmodel`: the cost model for scripts.

    python -m costmodel FILE... [--json]
    python -m costmodel --preset NAME [--json]

A FILE holds one scenario object or a list of them (the fields of docs/MODEL.md §1 plus `name`).
Bad input is one line on stderr naming the file and the field, and exit code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from costmodel.bounded import (
    OneLineArgumentParser,
    OneLineError,
    one_line,
    read_capped,
    why_unreadable,
)
from costmodel.explain import format_money
from costmodel.files import (
    MAX_SCENARIO_FILE_BYTES,
    BadScenarioFileError,
    ScenarioFileEntry,
    parse_scenario_entries,
)
from costmodel.finance import finance_summary
from costmodel.latency import latency_summary
from costmodel.model import evaluate
from costmodel.presets import load_presets
from costmodel.scenario import Scenario

EXIT_BAD_INPUT = 2


class BadInputError(OneLineError):
    """Input the CLI refuses; its message is the one line the user sees."""


def read_scenario_entries(path: Path) -> list[ScenarioFileEntry]:
    """The scenarios in one file with their decision records, unnamed ones named after the
    file, or BadInputError."""
    try:
        text = read_capped(path, MAX_SCENARIO_FILE_BYTES)
    except (OSError, ValueError) as error:
        raise BadInputError(why_unreadable(str(path), error)) from None
    try:
        entries = parse_scenario_entries(text, str(path))
    except BadScenarioFileError as error:
        raise BadInputError(str(error)) from None
    return [
        entry
        if entry.scenario.name
        else replace(entry, scenario=entry.scenario.model_copy(update={"name": f"{path.stem} {position}"}))
        for position, entry in enumerate(entries, start=1)
    ]


def read_scenarios(path: Path) -> list[Scenario]:
    """The scenarios in one file, unnamed ones named after the file, or BadInputError."""
    return [entry.scenario for entry in read_scenario_entries(path)]


def result_record(scenario: Scenario) -> dict[str, Any]:
    """One scenario's name and every scalar result, as the --json array holds it."""
    result = evaluate(scenario)
    return (
        {"name": scenario.name, "horizon_days": scenario.horizon_days}
        | result.summary()
        | finance_summary(result)
        | latency_summary(scenario)
    )


def _day_or_never(day: float | None, horizon_days: int | None = None) -> str:
    if day is None:
        return "never" if horizon_days is None else f"not within {horizon_days}"
    return f"{day:,.1f}" if not float(day).is_integer() else f"{int(day):,}"


def results_table(records: list[dict[str, Any]]) -> str:
    """A table a person reads in a terminal, money as money and days as days."""
    rows = [
        {
            "scenario": record["name"],
            "break-even day": _day_or_never(record["break_even_day"], record["horizon_days"]),
            "pays back": "yes" if record["pays_back"] else "no",
            "simple rule (days)": _day_or_never(record["simple_break_even_days"]),
            "saving/day": format_money(record["daily_saving"]),
            "overhead tokens/day": f"{record['prompt_overhead_tokens_per_day']:,.0f}",
            "overhead/day": format_money(record["prompt_overhead_cost_per_day"]),
            "overhead/year": format_money(record["prompt_overhead_cost_per_year"]),
            "prompt total": format_money(record["prompt_total"]),
            "fine-tune total": format_money(record["finetune_total"]),
            "savings": format_money(record["savings"]),
        }
        for record in records
    ]
    return pd.DataFrame(rows).to_string(index=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineArgumentParser(
        prog="python -m costmodel",
        description="Prompt engineering or fine-tuning: break-even day and costs per scenario.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="JSON file with one scenario object or a list of them",
    )
    parser.add_argument(
        "--preset",
        action="append",
        default=[],
        metavar="NAME",
        help=f"a built-in scenario: {', '.join(load_presets())}",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    arguments = parser.parse_args(argv)
    if not arguments.files and not arguments.preset:
        parser.error("give at least one FILE or --preset NAME")

    try:
        scenarios = [scenario for path in arguments.files for scenario in read_scenarios(path)]
        presets = load_presets()
        for key in arguments.preset:
            if key not in presets:
                raise BadInputError(f"--preset {key}: no such preset; choose from {', '.join(presets)}")
            scenarios.append(presets[key].scenario)
    except BadInputError as error:
        print(one_line(f"error: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT

    records = [result_record(scenario) for scenario in scenarios]
    if arguments.json:
        print(json.dumps(records, indent=2))
    else:
        print(results_table(records))
    return 0
