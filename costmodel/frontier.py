"""The break-even frontier: at what volume, prompt saving or training cost fine-tuning pays.

For the model without growth, price trends, events or self-hosting, the cumulative
saving on day d is  s * d - T' - R * floor(d / N)  with  s = calls * u - h  (u the
saving per call, h the daily hosting fee), T' the training cost less the prompt
path's set-up and R the retraining cost every N days. Within retraining cycle k
(floor(d / N) = k) it pays from day  (T' + R k) / s  on, so the break-even day is a
closed form over the few cycles, for a whole grid at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from costmodel.model import TOKENS_PER_MILLION, batch_factor
from costmodel.scenario import Scenario

# Same tie rule as the day-by-day model: a quotient a hair above a whole day is that day.
TIE = 1e-9


def frontier_scenario(scenario: Scenario) -> Scenario:
    """The scenario the closed form covers: growth, trends, events and self-hosting left out."""
    return scenario.model_copy(
        update={
            "calls_growth_percent_per_month": 0,
            "prompt_price_change_percent_per_year": 0,
            "finetune_price_change_percent_per_year": 0,
            "events": (),
            "self_hosting": None,
        }
    )


def saving_per_call(scenario: Scenario, prompt_tokens_saved: np.ndarray | float) -> np.ndarray:
    """$ saved per call when the fine-tuned prompt is `prompt_tokens_saved` shorter."""
    s = scenario
    prompt_tokens = s.finetuned_prompt_tokens + np.asarray(prompt_tokens_saved, dtype=float)
    prompt = (
        (prompt_tokens + s.input_tokens) * s.price_per_million + s.output_tokens * s.output_price_per_million
    ) / TOKENS_PER_MILLION
    finetune = (
        (s.finetuned_prompt_tokens + s.input_tokens) * s.effective_finetuned_price_per_million
        + s.output_tokens * s.effective_finetuned_output_price_per_million
    ) / TOKENS_PER_MILLION
    errors = (s.prompt_error_percent - s.finetune_error_percent) / 100 * s.cost_per_error
    return (
        prompt * batch_factor(s.prompt_batch_percent, s.batch_discount_percent)
        - finetune * batch_factor(s.finetune_batch_percent, s.batch_discount_percent)
        + errors
    )


def break_even_days(
    scenario: Scenario,
    calls: np.ndarray,
    per_call: np.ndarray,
    training_cost: np.ndarray | float | None = None,
) -> np.ndarray:
    """Break-even day for every combination (broadcast), NaN where not within the horizon.

    Examples
    --------
    >>> article = Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...                    finetuned_prompt_tokens=200, training_cost=3_000)
    >>> break_even_days(article, np.array([10_000.0]), saving_per_call(article, 600.0))
    array([100.])
    """
    s = scenario
    horizon = s.horizon_days
    training = s.training_cost if training_cost is None else np.asarray(training_cost, dtype=float)
    one_off = training - s.prompt_setup_cost
    retrain = s.effective_retrain_cost if training_cost is None or s.retrain_cost is not None else training
    daily = np.asarray(calls, dtype=float) * per_call - s.hosting_cost_per_day
    cycle = s.retrain_every_days or horizon + 1
    cycles = np.arange(horizon // cycle + 1)
    shape = np.broadcast(daily, one_off).shape
    daily_k = np.broadcast_to(daily, shape)[..., None]
    needed = np.broadcast_to(one_off, shape)[..., None] + (
        retrain * cycles if s.retrain_every_days else 0 * cycles
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.ceil(needed / daily_k * (1 - TIE))
    first = np.where(needed <= 0, 0, np.where(daily_k > 0, first, np.inf))
    start, stop = cycles * cycle, np.minimum((cycles + 1) * cycle - 1, horizon)
    day = np.maximum(first, start)
    day = np.where(day <= stop, day, np.inf)
    best = day.min(axis=-1)
    return np.where(np.isfinite(best), best, np.nan)


def minimum_calls_per_day(scenario: Scenario) -> float | None:
    """Fewest calls a day with which fine-tuning pays back within the horizon (None: no volume does).

    Paying by day d in cycle k needs calls >= (T' + R k + h d) / (u d), smallest on the
    cycle's last day; the answer is the smallest of those over the cycles.
    """
    s = scenario
    per_call = float(saving_per_call(s, s.prompt_tokens - s.finetuned_prompt_tokens))
    one_off = s.training_cost - s.prompt_setup_cost
    if one_off <= 0 and s.hosting_cost_per_day == 0:
        return 0.0
    if per_call <= 0:
        return None
    cycle = s.retrain_every_days or s.horizon_days + 1
    cycles = np.arange(s.horizon_days // cycle + 1)
    last_day = np.minimum((cycles + 1) * cycle - 1, s.horizon_days).astype(float)
    retraining = s.effective_retrain_cost * cycles if s.retrain_every_days else 0 * cycles
    needed = (one_off + retraining + s.hosting_cost_per_day * last_day) / (per_call * last_day)
    valid = last_day >= np.maximum(cycles * cycle, 1)
    return float(np.min(needed[valid])) if valid.any() else None


@dataclass(frozen=True)
class Frontier:
    calls: np.ndarray
    other: np.ndarray
    break_even: np.ndarray  # other x calls
    other_label: str


def frontier_grid(scenario: Scenario, by: str = "prompt_tokens_saved", size: int = 100) -> Frontier:
    """Break-even days over calls per day (log scale) x prompt tokens saved or training cost."""
    s = frontier_scenario(scenario)
    top_calls = max(s.calls_per_day * 10, 10_000)
    calls = np.geomspace(max(top_calls / 1_000, 1), top_calls, size)
    if by == "training_cost":
        other = np.linspace(0, max(s.training_cost * 3, 1_000), size)
        per_call = saving_per_call(s, s.prompt_tokens - s.finetuned_prompt_tokens)
        grid = break_even_days(s, calls[None, :], per_call, other[:, None])
        return Frontier(calls, other, grid, "training cost ($)")
    other = np.linspace(0, max((s.prompt_tokens - s.finetuned_prompt_tokens) * 3, 1_000), size)
    grid = break_even_days(s, calls[None, :], saving_per_call(s, other)[:, None])
    return Frontier(calls, other, grid, "prompt tokens saved per call")
