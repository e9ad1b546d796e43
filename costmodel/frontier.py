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

from costmodel.model import (
    BREAK_EVEN_RELATIVE_TOLERANCE,
    NEVER,
    Inputs,
    batch_factor,
    error_cost_per_call,
    finetune_cost_per_call,
    prompt_cost_per_call,
)
from costmodel.scenario import Scenario


def frontier_scenario(scenario: Scenario) -> Scenario:
    """The scenario the closed form covers: no growth, trends, events, self-hosting or late launch."""
    return scenario.model_copy(
        update={
            "calls_growth_percent_per_month": 0,
            "prompt_price_change_percent_per_year": 0,
            "finetune_price_change_percent_per_year": 0,
            "events": (),
            "self_hosting": None,
            "finetune_launch_day": 1,
        }
    )


def saving_per_call(scenario: Scenario, prompt_tokens_saved: np.ndarray | float) -> np.ndarray:
    """$ saved per call when the fine-tuned prompt is `prompt_tokens_saved` shorter (day 1,
    batch and errors included): the daily model's per-call costs, prompt length drawn.

    Notes
    -----
    u = prompt_cost_per_call * batch + prompt errors - (finetune_cost_per_call * batch + errors)
    """
    saved = np.asarray(prompt_tokens_saved, dtype=float)
    inputs = Inputs(scenario, {"prompt_tokens": scenario.finetuned_prompt_tokens + saved})
    prompt = prompt_cost_per_call(inputs) * batch_factor(inputs, "prompt") + error_cost_per_call(
        inputs, "prompt"
    )
    finetune = finetune_cost_per_call(inputs) * batch_factor(inputs, "finetune") + error_cost_per_call(
        inputs, "finetune"
    )
    return np.asarray(prompt - finetune)


def break_even_days(
    scenario: Scenario,
    calls: np.ndarray,
    per_call: np.ndarray,
    training_cost: np.ndarray | float | None = None,
) -> np.ndarray:
    """Break-even day (the day it pays back) for every combination (broadcast), NEVER where it does
    not pay back within the horizon.

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
        # The daily model's tie rule: a quotient a hair above a whole day is that day.
        first = np.ceil(needed / daily_k * (1 - BREAK_EVEN_RELATIVE_TOLERANCE))
    first = np.where(needed <= 0, 0, np.where(daily_k > 0, first, NEVER))
    start, stop = cycles * cycle, np.minimum((cycles + 1) * cycle - 1, horizon)
    day = np.maximum(first, start)
    day = np.where(day <= stop, day, NEVER)
    # The break-even day is the day it pays back for good (docs/MODEL.md §4): the crossing in the
    # last cycle that starts behind (a later retraining must not hand the lead back), day 0 if none.
    starts_behind = day > start
    last = starts_behind.shape[-1] - 1 - starts_behind[..., ::-1].argmax(axis=-1)
    crossing = np.take_along_axis(day, last[..., None], axis=-1)[..., 0]
    best: np.ndarray = np.where(starts_behind.any(axis=-1), crossing, 0.0)
    return best


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
