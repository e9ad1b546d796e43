"""`python -m costmodel training-file`: check a fine-tuning training file and estimate its bill.

    python -m costmodel training-file FILE [--model NAME] [--epochs N] [--price-per-million P] [--json]

The training price comes from the catalog's record for `--model` (pricing/catalog.json)
unless `--price-per-million` is typed. A file that cannot be read is one line on stderr
and exit code 2; a file with format errors gets its report (costmodel/training_file.py).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from costmodel.bounded import OneLineArgumentParser, one_line, why_unreadable
from costmodel.training_file import (
    FORMAT_ERRORS,
    BadTrainingFileError,
    TrainingDataFigures,
    bill_sentence,
    describe_file,
    encoding_for,
    read_training_file,
    training_data_figures,
)

EXIT_BAD_INPUT = 2


def _price(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a price of 0 or more")
    return value


def _epochs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 1 and 100 epochs")
    return value


def figures_table(figures: TrainingDataFigures) -> str:
    """The report as a person reads it in a terminal."""
    training = figures.training

    def number(value: float | None) -> str:
        return "none valid" if value is None else f"{value:,g}"

    rows = [
        ("examples", f"{training.examples:,}"),
        ("valid examples", f"{training.valid_examples:,}"),
        ("exact duplicates", f"{training.duplicate_examples:,}"),
        *(
            (f"error: {FORMAT_ERRORS[kind]}", f"{count:,}")
            for kind, count in training.format_errors.items()
            if count
        ),
        (
            "tokens per example (min / median / max)",
            " / ".join(
                number(value)
                for value in (
                    training.tokens_per_example_min,
                    training.tokens_per_example_median,
                    training.tokens_per_example_max,
                )
            ),
        ),
        (
            "examples over the model's limit",
            "no limit recorded"
            if figures.examples_over_limit is None
            else f"{figures.examples_over_limit:,} (limit {figures.example_token_limit:,} tokens)",
        ),
        ("epochs", f"{figures.epochs}" + (" (OpenAI's default)" if figures.epochs_from == "default" else "")),
        ("billed training tokens", f"{figures.billed_tokens:,}"),
        ("training cost", "unknown" if figures.training_cost is None else f"${figures.training_cost:,.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineArgumentParser(
        prog="python -m costmodel training-file",
        description="Check a fine-tuning training file (JSON Lines) and estimate what training on it bills.",
    )
    parser.add_argument(
        "file", type=Path, metavar="FILE", help="OpenAI chat (or prompt/completion) JSON Lines"
    )
    parser.add_argument("--model", metavar="NAME", help="the model to train: its encoding, limit and price")
    parser.add_argument("--epochs", type=_epochs, metavar="N", help="epochs (default: OpenAI's for the size)")
    parser.add_argument(
        "--price-per-million",
        type=_price,
        metavar="P",
        help="training price per 1M tokens (default: the catalog's)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    arguments = parser.parse_args(argv)

    price = arguments.price_per_million
    notes = []
    if price is None and arguments.model is not None:
        from pricing.records import training_price_record  # pricing builds on costmodel: imported here

        record = training_price_record(arguments.model)
        if record is None:
            notes.append(f"the catalog has no training price for {arguments.model}: give --price-per-million")
        else:
            price = record.training_per_million
    try:
        with arguments.file.open("rb") as stream:
            read = read_training_file(stream, str(arguments.file), encoding_for(arguments.model))
    except BadTrainingFileError as error:
        print(one_line(f"error: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, ValueError) as error:
        print(one_line(f"error: {why_unreadable(str(arguments.file), error)}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    figures = training_data_figures(
        read, model=arguments.model, epochs=arguments.epochs, price_per_million=price
    )
    if arguments.json:
        print(json.dumps(figures.cli_json(), indent=2))
        for note in notes:
            print(one_line(f"note: {note}"), file=sys.stderr)
        return 0
    print(figures_table(figures))
    print(one_line(bill_sentence(figures)))
    for line in describe_file(figures.training)[1:]:
        print(one_line(f"- {line}"))
    for note in notes:
        print(one_line(f"Note: {note}"))
    return 0
