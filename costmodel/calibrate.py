"""Calibration: the scenario's workload inputs derived from real usage, and a decision checked against it.

`calibrate` turns daily totals (`costmodel.usage.DailyUsage`) into the inputs the model
takes; `use_calibration` writes them into a scenario; `check_against_actuals` recomputes
a scenario's break-even with the actual values through `evaluate`, the one daily model.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from costmodel.bounded import OneLineError
from costmodel.explain import break_even_words, format_tokens
from costmodel.model import DAYS_PER_MONTH, CostResult, evaluate
from costmodel.scenario import Scenario
from costmodel.usage import DailyUsage

# With fewer days the weekday effects and the trend cannot be told apart.
MIN_DAYS_FOR_GROWTH = 14
WEEKDAYS = tuple(calendar.day_name)  # Monday .. Sunday
FIT_ITERATIONS = 100


class CalibrationError(OneLineError, ValueError):
    """Usage that yields no inputs (no calls, or Anthropic data without a call count)."""


@dataclass(frozen=True)
class Calibration:
    """What the usage says, in the names of the scenario's inputs where they match one.

    `daily_calls` and `fitted_calls` hold one value per day from `first_day` to
    `last_day`; `fitted_calls` is the fitted growth with the weekly pattern averaged out
    (None with too few days to fit). `model` is the one model whose traffic was counted
    (None: every model's).
    """

    calls_per_day: float
    input_tokens_per_call: float
    output_tokens_per_call: float
    cached_share: float | None
    calls_growth_percent_per_month: float | None
    first_day: date
    last_day: date
    days: int
    weekday_pattern: dict[str, float | None]
    calls_per_day_p10: float
    calls_per_day_p90: float
    daily_calls: np.ndarray
    fitted_calls: np.ndarray | None
    notes: tuple[str, ...]
    model: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The derived values as `python -m costmodel calibrate --json` prints them."""
        return {
            "calls_per_day": self.calls_per_day,
            "input_tokens_per_call": self.input_tokens_per_call,
            "output_tokens_per_call": self.output_tokens_per_call,
            "cached_share": self.cached_share,
            "calls_growth_percent_per_month": self.calls_growth_percent_per_month,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "days": self.days,
            "weekday_pattern": self.weekday_pattern,
            "calls_per_day_p10": self.calls_per_day_p10,
            "calls_per_day_p90": self.calls_per_day_p90,
        }

    @property
    def dates(self) -> list[date]:
        return [self.first_day + timedelta(days=offset) for offset in range(self.days)]


def fit_growth(daily_calls: np.ndarray, first_day: date) -> tuple[float, np.ndarray] | None:
    """Monthly growth of daily calls, fitted so that a weekly pattern does not bias it.

    A Poisson regression (log link) of each day's calls on the day and one dummy per
    weekday: log E[calls(d)] = a + b * d / 30.4375 + weekday(d). It is the regression of
    log daily calls on the day with weekday dummies, and days with no calls still count.
    Returns the growth in % per month, exp(b) - 1 (compounded as docs/MODEL.md §2 grows
    calls), and the fitted trend with the weekday effects averaged out; None when there
    are fewer than two weeks or no calls.

    >>> days = np.arange(28)
    >>> weekly = np.where((days + 5) % 7 < 2, 0.2, 1.0)  # 2026-01-03 is a Saturday
    >>> calls = 1_000 * 1.05 ** (days / 30.4375) * weekly
    >>> round(fit_growth(calls, date(2026, 1, 3))[0], 6)
    5.0
    """
    calls = np.asarray(daily_calls, dtype=float)
    if len(calls) < MIN_DAYS_FOR_GROWTH or calls.sum() <= 0:
        return None
    scale = calls.mean()
    observed = calls / scale  # the fit is the same at any scale; this keeps the weights near 1
    months = np.arange(len(calls)) / DAYS_PER_MONTH
    weekday = (first_day.weekday() + np.arange(len(calls))) % 7
    design = np.column_stack([months, *(weekday == day for day in range(7))]).astype(float)
    mean = np.full(len(calls), observed.mean())
    coefficients = np.zeros(design.shape[1])
    for _ in range(FIT_ITERATIONS):  # iteratively reweighted least squares
        linear = np.log(mean)
        working = linear + (observed - mean) / mean
        weights = np.sqrt(mean)
        updated = np.linalg.lstsq(design * weights[:, None], working * weights, rcond=None)[0]
        # A weekday with no calls at all drifts to minus infinity; cap it, it weighs nothing.
        mean = np.exp(np.clip(design @ updated, -50, 50))
        converged = abs(updated[0] - coefficients[0]) < 1e-12
        coefficients = updated
        if converged:
            break
    slope = coefficients[0]
    growth = math.expm1(slope) * 100
    weekday_average = np.exp(coefficients[1:]).mean()
    trend = scale * weekday_average * np.exp(slope * months)
    return growth, trend


def _weekday_pattern(calls: np.ndarray, first_day: date) -> dict[str, float | None]:
    """Each weekday's mean calls relative to the mean of all days (1.0 = an average day)."""
    weekday = (first_day.weekday() + np.arange(len(calls))) % 7
    overall = calls.mean()
    return {
        name: float(calls[weekday == day].mean() / overall) if (weekday == day).any() and overall else None
        for day, name in enumerate(WEEKDAYS)
    }


def calibrate(usage: DailyUsage, calls_per_day: float | None = None) -> Calibration:
    """The workload inputs the usage implies.

    `calls_per_day` is needed when the format has no request count (Anthropic's report);
    each day's calls are then taken in proportion to that day's input tokens, so the
    spread, the weekly pattern and the growth come from the token series.

    Notes
    -----
    calls_per_day = mean of daily calls over every day from the first to the last
    input_tokens_per_call = all input tokens (cached included) / all calls; output alike
    cached_share = cached input tokens / input tokens
    """
    notes = list(usage.notes)  # what the files left out or cover only in part
    if usage.calls is None:
        if calls_per_day is None:
            raise CalibrationError(
                f"{usage.format} usage reports have no request count: give the calls per day "
                "(--calls-per-day N) from another source"
            )
        if usage.input_tokens.sum() <= 0:
            raise CalibrationError("the files hold no input tokens to spread the calls per day over")
        daily_calls = calls_per_day * usage.input_tokens / usage.input_tokens.mean()
        notes.append(
            f"{usage.format} reports have no request count: {calls_per_day:,.6g} calls per day as given, "
            "spread over the days in proportion to their input tokens."
        )
    else:
        if calls_per_day is not None:
            raise CalibrationError("these files count requests themselves: leave out the calls per day")
        daily_calls = usage.calls
    total_calls = daily_calls.sum()
    if total_calls <= 0:
        raise CalibrationError("the files hold no calls")
    if usage.days_without_records:
        notes.append(
            f"{usage.days_without_records} of the {usage.days} days have no records and count as days "
            "without calls."
        )
    if usage.cached_tokens is None:
        notes.append("The files do not say how much input was cached.")
    fit = fit_growth(daily_calls, usage.first_day)
    if fit is None:
        notes.append(f"Growth needs at least {MIN_DAYS_FOR_GROWTH} days of data; it is left out.")
    total_input = usage.input_tokens.sum()
    p10, p90 = np.percentile(daily_calls, [10, 90])
    return Calibration(
        calls_per_day=float(daily_calls.mean()),
        input_tokens_per_call=float(total_input / total_calls),
        output_tokens_per_call=float(usage.output_tokens.sum() / total_calls),
        cached_share=(
            float(usage.cached_tokens.sum() / total_input)
            if usage.cached_tokens is not None and total_input > 0
            else None
        ),
        calls_growth_percent_per_month=None if fit is None else fit[0],
        first_day=usage.first_day,
        last_day=usage.last_day,
        days=usage.days,
        weekday_pattern=_weekday_pattern(daily_calls, usage.first_day),
        calls_per_day_p10=float(p10),
        calls_per_day_p90=float(p90),
        daily_calls=np.asarray(daily_calls, dtype=float),
        fitted_calls=None if fit is None else fit[1],
        notes=tuple(notes),
        model=usage.model,
    )


def split_input_tokens(input_tokens_per_call: float, prompt_share: float) -> tuple[float, float]:
    """Each call's input tokens split into the fixed prompt's and the user's: share * input and
    (1 - share) * input, neither below zero.

    >>> split_input_tokens(500, 0.6), split_input_tokens(0.3, 1.0)
    ((300.0, 200.0), (0.3, 0.0))
    """
    if not 0 <= prompt_share <= 1:
        raise ValueError("the prompt's share of input tokens is between 0 and 1")
    return prompt_share * input_tokens_per_call, (1 - prompt_share) * input_tokens_per_call


def use_calibration(
    scenario: Scenario, calibration: Calibration, prompt_share: float, use_growth: bool = False
) -> Scenario:
    """The scenario with the workload the usage shows.

    Usage data cannot tell the fixed prompt from the user's input, so the share of each
    call's input that is the fixed prompt is given: prompt_tokens = share * input tokens
    per call, input_tokens = the rest. The fitted growth goes in only with `use_growth`
    (a few weeks' trend compounded over the horizon can decide the answer on its own), and
    only when it could be fitted. Raises pydantic's ValidationError when a value is out of
    the model's bounds.
    """
    prompt_tokens, input_tokens = split_input_tokens(calibration.input_tokens_per_call, prompt_share)
    update: dict[str, Any] = {
        "calls_per_day": calibration.calls_per_day,
        "prompt_tokens": prompt_tokens,
        "input_tokens": input_tokens,
        "output_tokens": calibration.output_tokens_per_call,
    }
    if use_growth and calibration.calls_growth_percent_per_month is not None:
        update["calls_growth_percent_per_month"] = calibration.calls_growth_percent_per_month
    return Scenario.model_validate(scenario.model_dump() | update)


def amount_words(value: float) -> str:
    """A count as the check writes it: one decimal, none when it is whole (0.8, 150, 4,213.6).

    >>> amount_words(0.84), amount_words(150.0), amount_words(10_000)
    ('0.8', '150', '10,000')
    """
    return f"{value:,.1f}".removesuffix(".0")


@dataclass(frozen=True)
class AssumptionCheck:
    """One assumption beside what the usage shows."""

    assumption: str
    assumed: float
    actual: float | None
    unit: str

    def describe(self, value: float | None) -> str:
        """One value of the row in words; None is growth the usage had too few days to fit.

        >>> AssumptionCheck("calls per day", 10_000, 4_213.64, "calls").describe(4_213.64)
        '4,213.6 calls'
        >>> AssumptionCheck("call volume growth", 0, None, "% per month").describe(None)
        'not fitted'
        """
        if value is None:
            return "not fitted"
        if self.unit == "% per month":
            return f"{value:+,.1f}% per month"
        return f"{amount_words(value)} {self.unit}"


@dataclass(frozen=True)
class RealityCheck:
    """A scenario's assumptions beside the actuals, and the break-even with each."""

    rows: tuple[AssumptionCheck, ...]
    assumed: CostResult
    actual: CostResult
    notes: tuple[str, ...]

    def sentence(self, calibration: Calibration) -> str:
        """The check in one sentence a manager repeats, its numbers as the table's rows give them,
        naming the model when only its traffic was counted."""
        calls = next(row for row in self.rows if row.assumption == "calls per day")
        counted = "" if calibration.model is None else f" (only {calibration.model}'s calls counted)"
        move = describe_break_even_move(self.assumed, self.actual)
        return (
            f"We decided assuming {amount_words(calls.assumed)} calls/day; the {calibration.days} days "
            f"from {calibration.first_day} to {calibration.last_day} averaged "
            f"{amount_words(calls.actual or 0)}{counted}: {move}."
        )


def describe_break_even_move(assumed: CostResult, actual: CostResult) -> str:
    """ "break-even moves from day 100 to day 260", or "stays on day 100"."""
    before, after = break_even_words(assumed), break_even_words(actual)
    if before == after:
        return (
            f"break-even stays on {before}" if before.startswith("day") else f"break-even is still {before}"
        )
    return f"break-even moves from {before} to {after}"


def check_against_actuals(scenario: Scenario, calibration: Calibration) -> RealityCheck:
    """The scenario's workload assumptions beside the usage, and break-even recomputed with the actuals.

    The actual scenario keeps the fixed prompt (prompt_tokens): what the usage says
    about input beyond it becomes the user input per call. Every cost comes from `evaluate`.
    """
    notes = []
    actual_input = calibration.input_tokens_per_call
    user_input = actual_input - scenario.prompt_tokens
    if user_input < 0:
        notes.append(
            f"The calls averaged {format_tokens(actual_input)} input tokens, fewer than the "
            f"{format_tokens(scenario.prompt_tokens)} of the prompt alone: the recomputed break-even "
            "keeps the prompt and counts no user input."
        )
        user_input = 0.0
    update: dict[str, Any] = {
        "calls_per_day": calibration.calls_per_day,
        "input_tokens": user_input,
        "output_tokens": calibration.output_tokens_per_call,
    }
    if calibration.calls_growth_percent_per_month is not None:
        update["calls_growth_percent_per_month"] = calibration.calls_growth_percent_per_month
    else:
        notes.append("Too few days to fit growth: the recomputed break-even keeps the assumed growth.")
    actual = Scenario.model_validate(scenario.model_dump() | update)
    rows = (
        AssumptionCheck("calls per day", scenario.calls_per_day, calibration.calls_per_day, "calls"),
        AssumptionCheck(
            "input tokens per call (prompt + user input)",
            scenario.prompt_tokens + scenario.input_tokens,
            actual_input,
            "tokens",
        ),
        AssumptionCheck(
            "output tokens per call", scenario.output_tokens, calibration.output_tokens_per_call, "tokens"
        ),
        AssumptionCheck(
            "call volume growth",
            scenario.calls_growth_percent_per_month,
            calibration.calls_growth_percent_per_month,
            "% per month",
        ),
    )
    return RealityCheck(rows=rows, assumed=evaluate(scenario), actual=evaluate(actual), notes=tuple(notes))
