"""`python -m costmodel deck`: the command line's face for the slides. It sits above the
renderers (render/) like a page does; the pure domain (costmodel/) imports neither."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from costmodel.brief import build_brief
from render.deck import CHECK_TITLE, make_deck, slide_count


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m costmodel deck SCENARIO.json -o decision.pptx [--usage FILE...]`: the slides from
    the command line, with the decision record the scenario file carries (the app's JSON export
    writes it), checked against the usage files when given."""
    from pydantic import ValidationError

    from costmodel.bounded import OneLineArgumentParser, one_line
    from costmodel.calibrate import CalibrationError
    from costmodel.calibrate_cli import add_usage_options, read_calibration
    from costmodel.cli import EXIT_BAD_INPUT, BadInputError, read_scenario_entries
    from costmodel.scenario import describe_errors
    from costmodel.usage import BadUsageFileError

    parser = OneLineArgumentParser(prog="python -m costmodel deck", description="The decision as slides.")
    parser.add_argument("file", type=Path, metavar="SCENARIO.json", help="a file with one scenario")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DECK.pptx", help="where to write"
    )
    parser.add_argument(
        "--usage",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=f"usage files from after the decision (as calibrate reads them): adds the slide {CHECK_TITLE!r}",
    )
    add_usage_options(parser)
    arguments = parser.parse_args(argv)
    if arguments.usage is None and (arguments.format or arguments.model or arguments.calls_per_day):
        parser.error("--format, --model and --calls-per-day say how to read --usage files; give them")
    try:
        entries = read_scenario_entries(arguments.file)
        if len(entries) != 1:
            raise BadInputError(f"{arguments.file}: holds {len(entries)} scenarios; a deck is made of one")
        actuals = None if arguments.usage is None else read_calibration(arguments.usage, arguments)
        brief = build_brief(entries[0].scenario, date.today(), decision=entries[0].decision, actuals=actuals)
        slides = make_deck(brief)
        arguments.output.write_bytes(slides)
    except (BadInputError, BadUsageFileError, CalibrationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValidationError as error:
        problems = "; ".join(describe_errors(error))
        print(f"error: the usage gives values the model does not take: {problems}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(one_line(f"error: {arguments.output}: cannot write it ({error.strerror})"), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"wrote {arguments.output} ({len(slides):,} bytes, {slide_count(slides)} slides)")
    return 0
