"""Scenario files: one JSON scenario object, or a list of them (docs/MODEL.md §1 fields plus `name`)."""

from __future__ import annotations

from pydantic import ValidationError

from costmodel.bounded import UnreadableInputError, load_json
from costmodel.scenario import Scenario, describe_errors

# A scenario file is a few kB; a thousand scenarios still fit in this.
MAX_SCENARIO_FILE_BYTES = 1_000_000


class BadScenarioFileError(ValueError):
    """A file that holds no valid scenario; the message names the place and the field."""


def parse_scenarios(text: str | bytes, source: str) -> list[Scenario]:
    """The scenarios a file holds, in order, or BadScenarioFileError saying what is wrong where.

    >>> parse_scenarios('{"calls_per_day": 1, "prompt_tokens": 1, "price_per_million": 1, '
    ...                 '"training_cost": 0}', "a.json")[0].calls_per_day
    1.0
    """
    if len(text) > MAX_SCENARIO_FILE_BYTES:
        raise BadScenarioFileError(
            f"{source}: larger than the {MAX_SCENARIO_FILE_BYTES:,} bytes a scenario file may hold"
        )
    try:
        data = load_json(text)
    except UnreadableInputError as error:
        raise BadScenarioFileError(f"{source}: {error}") from None

    records = data if isinstance(data, list) else [data]
    if not records:
        raise BadScenarioFileError(f"{source}: the list holds no scenario")
    scenarios = []
    for position, record in enumerate(records, start=1):
        where = f"{source}: scenario {position}" if isinstance(data, list) else source
        if not isinstance(record, dict):
            raise BadScenarioFileError(f"{where}: expected a scenario object with named fields")
        try:
            scenarios.append(Scenario.model_validate(record))
        except ValidationError as error:
            name = record.get("name")
            named = f" ({name!r})" if isinstance(name, str) else ""
            raise BadScenarioFileError(f"{where}{named}: {'; '.join(describe_errors(error))}") from None
    return scenarios
