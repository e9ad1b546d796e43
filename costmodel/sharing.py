"""A scenario as URL query parameters, for share links, and back again.

Reading is the edge of the app: any text may arrive, so every value is checked
and every problem is a sentence; nothing here raises for bad input.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from pydantic import BaseModel, ValidationError

from costmodel.bounded import UnreadableInputError, load_json, parse_number
from costmodel.decision import DecisionRecord
from costmodel.files import record_data, record_problems
from costmodel.guide import GuideAnswers
from costmodel.scenario import FIELD_LABELS, Scenario, describe_errors

TEXT_FIELDS = {"name", "notes"}
DATE_FIELDS = {"start_date"}
# Nested values travel as compact JSON in one parameter each.
JSON_FIELDS = {"events", "self_hosting", "currency", "price_sources"}
WHOLE_NUMBER_FIELDS = {"horizon_days", "retrain_every_days", "finetune_launch_day"}
# The app's server (tornado) resets a request line over about 100 kB; the caps on free
# text in `Scenario` keep the longest link the app writes under 50,000 characters (price
# sources included), half of that.
MAX_VALUE_LENGTH = 20_000


def _number_text(value: float) -> str:
    """Whole numbers without a trailing '.0'; other numbers exactly (repr round-trips)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def scenario_to_query(scenario: Scenario) -> dict[str, str]:
    """Query parameters holding every field that is set, defaults left out.

    >>> scenario_to_query(Scenario(calls_per_day=10_000, prompt_tokens=800,
    ...     price_per_million=2.5, training_cost=3_000))
    {'calls_per_day': '10000', 'prompt_tokens': '800', 'price_per_million': '2.5', 'training_cost': '3000'}
    """
    fields = scenario.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    query = {}
    for field, value in fields.items():
        if field in JSON_FIELDS:
            query[field] = json.dumps(value, separators=(",", ":"))
        elif field in TEXT_FIELDS or field in DATE_FIELDS:
            query[field] = value
        else:
            query[field] = _number_text(value)
    return query


def _parse_value(field: str, text: str) -> tuple[object, str | None]:
    label = f"{FIELD_LABELS[field]} ({field})"
    if len(text) > MAX_VALUE_LENGTH:
        return None, f"{label} is longer than {MAX_VALUE_LENGTH:,} characters"
    if field in TEXT_FIELDS or field in DATE_FIELDS:
        return text, None
    if field in JSON_FIELDS:
        try:
            return load_json(text), None
        except UnreadableInputError as error:
            return None, f"{label} is not readable: {error}"
    if text.strip().lower() in ("", "none", "null"):
        return None, None
    try:
        number = parse_number(text)
    except UnreadableInputError as error:
        return None, f"{label}: {error}"
    except ValueError:
        return None, f"{label} must be a number, not {text[:40]!r}"
    if not math.isfinite(number):
        return None, f"{label} must be a finite number, not {text[:40]!r}"
    if field in WHOLE_NUMBER_FIELDS:
        if not number.is_integer():
            return None, f"{label} must be a whole number, not {text[:40]!r}"
        return int(number), None
    return number, None


def scenario_from_query(params: Mapping[str, str | list[str]]) -> tuple[Scenario | None, list[str]]:
    """The scenario a link holds, or None and the reasons it cannot be read.

    Parameters that are not scenario fields (tracking tags and the like) are
    ignored; a link with no scenario field gives (None, []).
    """
    values: dict[str, object] = {}
    problems: list[str] = []
    for field, raw in params.items():
        if field not in FIELD_LABELS:
            continue
        if isinstance(raw, list):
            if not raw:
                continue
            raw = raw[-1]  # a repeated parameter: the last one wins, as in a browser
        text = raw
        if not isinstance(text, str):
            problems.append(f"{FIELD_LABELS[field]} ({field}) is not text")
            continue
        value, problem = _parse_value(field, text)
        if problem:
            problems.append(problem)
        elif value is not None:
            values[field] = value
    if not values and not problems:
        return None, []
    if problems:
        return None, problems
    try:
        return Scenario.model_validate(values), []
    except ValidationError as error:
        return None, describe_errors(error)


# What goes with the scenario: the meeting's decision record and the guide's answers, as
# compact JSON, one parameter each. A rationale may hold 20,000 characters, which a link in
# 4-byte characters cannot carry beside the longest scenario: the link keeps as much of its
# start as fits under MAX_LINK_LENGTH and says in RATIONALE_LEFT_OUT how many characters it
# left out, and whoever opens it is told (the scenario file carries it whole).
DECISION_PARAM = "decision"
GUIDE_PARAM = "guide"
RATIONALE_LEFT_OUT = "rationale_left_out"
RECORD_LABELS = {
    DECISION_PARAM: "The decision record",
    GUIDE_PARAM: "The decision guide's answers",
    RATIONALE_LEFT_OUT: "The rationale's characters left out",
}
# Characters of query string: the longest scenario (about 50,000 characters with its price
# sources) with a decision, an owner and the guide's answers at their caps in 4-byte characters
# still leaves room for part of the rationale, and the whole stays well under the request line
# the app's server accepts (100,000 characters and more were answered, checked 2026-12-01).
MAX_LINK_LENGTH = 60_000


@dataclass(frozen=True)
class SharedRecord:
    """What a link carries beside the scenario; `rationale_left_out` counts the characters of
    the rationale the link had no room for."""

    decision: DecisionRecord | None = None
    answers: GuideAnswers | None = None
    rationale_left_out: int = 0


def _compact(record: BaseModel) -> str:
    return json.dumps(record_data(record), separators=(",", ":"), ensure_ascii=False)


def share_query(
    scenario: Scenario, decision: DecisionRecord | None = None, answers: GuideAnswers | None = None
) -> tuple[dict[str, str], int]:
    """The share link's parameters: the scenario's, then the decision record and the guide's
    answers where there are any; and how many characters of the rationale did not fit.

    >>> query, left_out = share_query(Scenario(calls_per_day=1, prompt_tokens=1,
    ...     price_per_million=1, training_cost=0), DecisionRecord(decision="Fine-tune"))
    >>> query["decision"], left_out
    ('{"decision":"Fine-tune"}', 0)
    """
    query = scenario_to_query(scenario)
    if answers is not None and answers != GuideAnswers():
        query[GUIDE_PARAM] = _compact(answers)
    if decision is None:
        return query, 0
    rationale = decision.rationale

    def with_rationale(kept: int) -> dict[str, str]:
        shortened = decision.model_copy(update={"rationale": rationale[:kept]})
        extra = {DECISION_PARAM: _compact(shortened)}
        if kept < len(rationale):
            extra[RATIONALE_LEFT_OUT] = str(len(rationale) - kept)
        return query | extra

    def fits(kept: int) -> bool:
        return len(urlencode(with_rationale(kept))) <= MAX_LINK_LENGTH

    if fits(len(rationale)):
        return with_rationale(len(rationale)), 0
    low, high = 0, len(rationale)  # fits(low) holds (the scenario and a record without a
    while high - low > 1:  # rationale stay under the bound), fits(high) does not
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return with_rationale(low), len(rationale) - low


def shared_record_from_query(params: Mapping[str, str | list[str]]) -> tuple[SharedRecord, list[str]]:
    """The decision record and the guide's answers a link carries, or the reasons they cannot be read."""
    found: dict[str, object] = {}
    problems: list[str] = []
    for param, model in ((DECISION_PARAM, DecisionRecord), (GUIDE_PARAM, GuideAnswers)):
        raw = params.get(param)
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if raw is None:
            continue
        label = RECORD_LABELS[param]
        if not isinstance(raw, str) or len(raw) > MAX_LINK_LENGTH:
            problems.append(f"{label} ({param}) is not readable text under {MAX_LINK_LENGTH:,} characters")
            continue
        try:
            found[param] = model.model_validate(load_json(raw))
        except UnreadableInputError as error:
            problems.append(f"{label} ({param}) is not readable: {error}")
        except ValidationError as error:
            problems.append(f"{label} ({param}) is not readable ({record_problems(error)})")
    left_out_text = params.get(RATIONALE_LEFT_OUT)
    if isinstance(left_out_text, list):
        left_out_text = left_out_text[-1] if left_out_text else None
    left_out = 0
    if left_out_text is not None:
        if isinstance(left_out_text, str) and left_out_text.isdigit() and len(left_out_text) < 7:
            left_out = int(left_out_text)
        else:
            problems.append(
                f"{RECORD_LABELS[RATIONALE_LEFT_OUT]} ({RATIONALE_LEFT_OUT}) must be a whole number"
            )
    if problems:
        return SharedRecord(), problems
    decision = found.get(DECISION_PARAM)
    answers = found.get(GUIDE_PARAM)
    assert decision is None or isinstance(decision, DecisionRecord)
    assert answers is None or isinstance(answers, GuideAnswers)
    return SharedRecord(decision, answers, left_out if decision is not None else 0), []
