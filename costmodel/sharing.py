"""A scenario as URL query parameters, for share links, and back again.

Reading is the edge of the app: any text may arrive, so every value is checked
and every problem is a sentence; nothing here raises for bad input.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

from pydantic import ValidationError

from costmodel.bounded import UnreadableInputError, load_json
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
        number = float(text)
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
