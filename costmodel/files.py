"""Scenario files: one JSON scenario object, or a list of them (docs/MODEL.md §1 fields plus `name`).

An object may also hold the scenario's decision record under `decision` and the decision
guide's answers under `guide`: the app's JSON export writes them, so they travel with the
scenario and come back with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from costmodel.bounded import OneLineError, UnreadableInputError, load_json
from costmodel.decision import DecisionRecord
from costmodel.guide import GuideAnswers
from costmodel.scenario import Scenario, describe_errors

DECISION_KEY = "decision"
GUIDE_KEY = "guide"
# A scenario file is a few kB; a thousand scenarios still fit in this.
MAX_SCENARIO_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class ScenarioFileEntry:
    """One scenario read from a file, with the decision record and the guide's answers saved
    beside it, if any."""

    scenario: Scenario
    decision: DecisionRecord | None = None
    answers: GuideAnswers | None = None


def scenario_file_json(
    scenario: Scenario, decision: DecisionRecord | None = None, answers: GuideAnswers | None = None
) -> str:
    """A scenario file's text: every field, the decision record when there is one and the
    guide's answers when the guide was walked.

    >>> parse_scenario_entries(scenario_file_json(Scenario(calls_per_day=1, prompt_tokens=1,
    ...     price_per_million=1, training_cost=0), DecisionRecord(owner="Dana")), "a.json")[0].decision.owner
    'Dana'
    """
    data = scenario.model_dump(mode="json")
    if decision is not None:
        data[DECISION_KEY] = decision.model_dump(mode="json")
    if answers is not None and answers != GuideAnswers():
        data[GUIDE_KEY] = record_data(answers)
    return json.dumps(data, indent=2, ensure_ascii=False)


class BadScenarioFileError(OneLineError, ValueError):
    """A file that holds no valid scenario; the message names the place and the field."""


def parse_scenarios(text: str | bytes, source: str) -> list[Scenario]:
    """The scenarios a file holds, in order, or BadScenarioFileError saying what is wrong where.

    >>> parse_scenarios('{"calls_per_day": 1, "prompt_tokens": 1, "price_per_million": 1, '
    ...                 '"training_cost": 0}', "a.json")[0].calls_per_day
    1.0
    """
    return [entry.scenario for entry in parse_scenario_entries(text, source)]


def parse_scenario_entries(text: str | bytes, source: str) -> list[ScenarioFileEntry]:
    """The scenarios a file holds with their decision records, or BadScenarioFileError."""
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
    entries = []
    for position, record in enumerate(records, start=1):
        where = f"{source}: scenario {position}" if isinstance(data, list) else source
        if not isinstance(record, dict):
            raise BadScenarioFileError(f"{where}: expected a scenario object with named fields")
        fields = {key: value for key, value in record.items() if key not in (DECISION_KEY, GUIDE_KEY)}
        name = record.get("name")
        named = f" ({name!r})" if isinstance(name, str) else ""
        try:
            scenario = Scenario.model_validate(fields)
        except ValidationError as error:
            raise BadScenarioFileError(f"{where}{named}: {'; '.join(describe_errors(error))}") from None
        try:
            decision = (
                None
                if record.get(DECISION_KEY) is None
                else DecisionRecord.model_validate(record[DECISION_KEY])
            )
        except ValidationError as error:
            raise BadScenarioFileError(
                f"{where}{named}: the decision record is not readable ({record_problems(error)})"
            ) from None
        try:
            guide = record.get(GUIDE_KEY)
            answers = None if guide is None else GuideAnswers.model_validate(guide)
        except ValidationError as error:
            raise BadScenarioFileError(
                f"{where}{named}: the decision guide's answers are not readable ({record_problems(error)})"
            ) from None
        entries.append(ScenarioFileEntry(scenario, decision, answers))
    return entries


def record_data(record: BaseModel) -> dict[str, object]:
    """A decision record's or the guide's answers' fields that differ from their defaults, as
    JSON data; sets sorted, so that the same answers always give the same file and link."""
    data = record.model_dump(mode="json", exclude_defaults=True)
    return {key: sorted(value) if isinstance(value, list) else value for key, value in data.items()}


def record_problems(error: ValidationError) -> str:
    """A record's problems, each with the place it is at."""
    return "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'it'}: {problem['msg']}"
        for problem in error.errors()
    )
