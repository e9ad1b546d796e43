"""Scenario files: one JSON scenario object, or a list of them (docs/MODEL.md §1 fields plus `name`)."""

from __future__ import annotations

import json

from pydantic import ValidationError

from costmodel.scenario import Scenario, describe_errors


class BadScenarioFileError(ValueError):
    """A file that holds no valid scenario; the message names the place and the field."""


def _reject_constant(token: str) -> float:
    # json.loads accepts NaN and Infinity, which are not JSON; say so plainly.
    raise ValueError(f"{token} is not a number JSON allows")


def parse_scenarios(text: str | bytes, source: str) -> list[Scenario]:
    """The scenarios a file holds, in order, or BadScenarioFileError saying what is wrong where.

    >>> parse_scenarios('{"calls_per_day": 1, "prompt_tokens": 1, "price_per_million": 1, '
    ...                 '"training_cost": 0}', "a.json")[0].calls_per_day
    1.0
    """
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as error:
        raise BadScenarioFileError(f"{source}: not valid JSON ({error})") from None

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
