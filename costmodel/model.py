"""The cost model of SPEC §2: daily and cumulative cost of both paths, and what they mean.

Every series covers days 0..H at once with numpy; day 0 is the day of training,
before any call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from costmodel.scenario import Scenario

# Cumulative costs are sums of many floats; exact cases (SPEC §3: $3,000 repaid at
# $30 a day) must land on their day despite rounding in the last bits.
BREAK_EVEN_RELATIVE_TOLERANCE = 1e-9

TOKENS_PER_MILLION = 1e6
DAYS_PER_YEAR = 365


def prompt_cost_per_call(scenario: Scenario) -> float:
    """$ per call on the prompt path.

    Notes
    -----
    (prompt_tokens + input_tokens) * price_per_million / 1e6
    + output_tokens * output_price_per_million / 1e6
    """
    return (
        (scenario.prompt_tokens + scenario.input_tokens) * scenario.price_per_million
        + scenario.output_tokens * scenario.output_price_per_million
    ) / TOKENS_PER_MILLION


def finetune_cost_per_call(scenario: Scenario) -> float:
    """$ per call on the fine-tuned path, at the fine-tuned model's prices.

    Notes
    -----
    (finetuned_prompt_tokens + input_tokens) * finetuned_price_per_million / 1e6
    + output_tokens * finetuned_output_price_per_million / 1e6
    """
    return (
        (scenario.finetuned_prompt_tokens + scenario.input_tokens)
        * scenario.effective_finetuned_price_per_million
        + scenario.output_tokens * scenario.effective_finetuned_output_price_per_million
    ) / TOKENS_PER_MILLION


def calls_by_day(scenario: Scenario) -> np.ndarray:
    """Calls on each day 0..H (none on day 0, the day of training)."""
    calls = np.full(scenario.horizon_days + 1, float(scenario.calls_per_day))
    calls[0] = 0.0
    return calls


def prompt_daily(scenario: Scenario) -> np.ndarray:
    """$ spent on the prompt path on each day 0..H."""
    return calls_by_day(scenario) * prompt_cost_per_call(scenario)


def finetune_daily(scenario: Scenario) -> np.ndarray:
    """$ of running cost on the fine-tuned path on each day 0..H: calls plus hosting."""
    daily = calls_by_day(scenario) * finetune_cost_per_call(scenario)
    daily[1:] += scenario.hosting_cost_per_day
    return daily


def finetune_one_off(scenario: Scenario) -> np.ndarray:
    """One-off $ on each day 0..H: training on day 0, a retraining run on days N, 2N, ..."""
    one_off = np.zeros(scenario.horizon_days + 1)
    one_off[0] = scenario.training_cost
    if scenario.retrain_every_days is not None:
        one_off[scenario.retrain_every_days :: scenario.retrain_every_days] = (
            scenario.effective_retrain_cost
        )
    return one_off


def finetune_is_ahead(
    prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray
) -> np.ndarray:
    """Per day: has the fine-tuned path cost no more than the prompt path so far?

    Compared with a tiny relative tolerance so that exact ties count as ties.
    """
    scale = np.maximum(np.abs(prompt_cumulative), np.abs(finetune_cumulative))
    return finetune_cumulative <= prompt_cumulative + BREAK_EVEN_RELATIVE_TOLERANCE * scale


def break_even_day(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> int | None:
    """First day d with finetune_cumulative[d] <= prompt_cumulative[d]; None if never.

    Examples
    --------
    >>> import numpy as np
    >>> break_even_day(np.array([0., 40, 80]), np.array([50., 60, 70]))
    2
    >>> break_even_day(np.array([0., 1]), np.array([5., 6])) is None
    True
    """
    ahead = finetune_is_ahead(prompt_cumulative, finetune_cumulative)
    if not ahead.any():
        return None
    return int(np.argmax(ahead))


def lead_changes(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> list[int]:
    """Days on which the cheaper path so far switches (retraining can hand the lead back)."""
    ahead = finetune_is_ahead(prompt_cumulative, finetune_cumulative)
    return [int(day) for day in np.flatnonzero(ahead[1:] != ahead[:-1]) + 1]


@dataclass(frozen=True)
class CostResult:
    """Everything `evaluate` knows about a scenario; series are indexed by day 0..H."""

    scenario: Scenario
    days: np.ndarray
    prompt_daily: np.ndarray
    finetune_daily: np.ndarray
    finetune_one_off: np.ndarray
    prompt_cumulative: np.ndarray
    finetune_cumulative: np.ndarray
    break_even_day: int | None
    lead_changes: list[int]
    simple_break_even_days: float | None
    daily_saving: float
    prompt_overhead_tokens_per_day: float
    prompt_overhead_cost_per_day: float
    prompt_overhead_cost_per_year: float
    prompt_total: float
    finetune_total: float
    savings: float

    def finetune_is_ahead_on(self, day: int) -> bool:
        """Has fine-tuning cost no more than prompting by the end of this day?"""
        return bool(
            finetune_is_ahead(self.prompt_cumulative[day], self.finetune_cumulative[day])
        )

    @property
    def finetune_leads_at_end(self) -> bool:
        """Is fine-tuning the cheaper path (or level) on the last day of the horizon?"""
        return self.finetune_is_ahead_on(self.scenario.horizon_days)

    def summary(self) -> dict[str, Any]:
        """The scalar results, JSON-ready (None where SPEC says null)."""
        return {
            "break_even_day": self.break_even_day,
            "lead_changes": list(self.lead_changes),
            "simple_break_even_days": self.simple_break_even_days,
            "daily_saving": self.daily_saving,
            "prompt_overhead_tokens_per_day": self.prompt_overhead_tokens_per_day,
            "prompt_overhead_cost_per_day": self.prompt_overhead_cost_per_day,
            "prompt_overhead_cost_per_year": self.prompt_overhead_cost_per_year,
            "prompt_total": self.prompt_total,
            "finetune_total": self.finetune_total,
            "savings": self.savings,
        }

    def to_frame(self) -> pd.DataFrame:
        """The daily series as a table, one row per day 0..H."""
        return pd.DataFrame(
            {
                "day": self.days,
                "prompt_daily": self.prompt_daily,
                "finetune_daily": self.finetune_daily,
                "finetune_one_off": self.finetune_one_off,
                "prompt_cumulative": self.prompt_cumulative,
                "finetune_cumulative": self.finetune_cumulative,
                "cumulative_saving": self.prompt_cumulative - self.finetune_cumulative,
            }
        )


def evaluate(scenario: Scenario) -> CostResult:
    """Cost both paths of a scenario over its horizon.

    Notes
    -----
    prompt_cum(d)   = sum of prompt_daily over days 1..d
    finetune_cum(d) = training_cost + sum of finetune_daily over days 1..d
                      + retrain_cost * floor(d / retrain_every_days)
    simple_break_even_days = training_cost / (prompt_daily - finetune_daily) on day 1

    Examples
    --------
    >>> result = evaluate(Scenario(calls_per_day=10_000, prompt_tokens=800,
    ...     price_per_million=5, finetuned_prompt_tokens=200, training_cost=3_000))
    >>> result.break_even_day, result.daily_saving, result.prompt_overhead_cost_per_year
    (100, 30.0, 14600.0)
    """
    prompt_by_day = prompt_daily(scenario)
    finetune_by_day = finetune_daily(scenario)
    one_off = finetune_one_off(scenario)
    prompt_cumulative = np.cumsum(prompt_by_day)
    finetune_cumulative = np.cumsum(finetune_by_day + one_off)

    daily_saving = float(prompt_by_day[1] - finetune_by_day[1])
    overhead_tokens = scenario.calls_per_day * scenario.prompt_tokens
    overhead_cost = overhead_tokens * scenario.price_per_million / TOKENS_PER_MILLION
    prompt_total = float(prompt_cumulative[-1])
    finetune_total = float(finetune_cumulative[-1])
    return CostResult(
        scenario=scenario,
        days=np.arange(scenario.horizon_days + 1),
        prompt_daily=prompt_by_day,
        finetune_daily=finetune_by_day,
        finetune_one_off=one_off,
        prompt_cumulative=prompt_cumulative,
        finetune_cumulative=finetune_cumulative,
        break_even_day=break_even_day(prompt_cumulative, finetune_cumulative),
        lead_changes=lead_changes(prompt_cumulative, finetune_cumulative),
        simple_break_even_days=scenario.training_cost / daily_saving if daily_saving > 0 else None,
        daily_saving=daily_saving,
        prompt_overhead_tokens_per_day=overhead_tokens,
        prompt_overhead_cost_per_day=overhead_cost,
        prompt_overhead_cost_per_year=DAYS_PER_YEAR * overhead_cost,
        prompt_total=prompt_total,
        finetune_total=finetune_total,
        savings=prompt_total - finetune_total,
    )
