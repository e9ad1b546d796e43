"""Monte Carlo: how sure is "day 100"? Uncertain inputs drawn many times, all days at once.

Each draw is the full day-by-day model of `costmodel.model` (`cumulative_costs`) with
the uncertain inputs replaced by arrays of draws; draws are processed in blocks so that
10,000 draws over 1,825 days stay well under 400 MB, and every block is one set of numpy
operations over days x draws (no loop per day or per draw).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from costmodel.model import Inputs, cumulative_costs, day_or_never
from costmodel.scenario import FIELD_LABELS, Scenario

UNCERTAIN_INPUTS = (
    "calls_per_day",
    "prompt_tokens",
    "finetuned_prompt_tokens",
    "input_tokens",
    "output_tokens",
    "price_per_million",
    "finetuned_price_per_million",
    "training_cost",
    "retrain_cost",
    "calls_growth_percent_per_month",
    # An eval's error rates come with their Wilson intervals (the Evals page sets these ranges).
    "prompt_error_percent",
    "finetune_error_percent",
)
FAN_PERCENTILES = (10, 25, 50, 75, 90)
BLOCK_DRAWS = 250
FAN_POINTS = 200
WORKERS = min(4, os.cpu_count() or 1)


class Range(BaseModel):
    """One uncertain input: low, likely and high values, and the shape between them."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    field: Literal[UNCERTAIN_INPUTS]  # type: ignore[valid-type]
    low: float
    likely: float
    high: float
    shape: Literal["triangular", "pert"] = "pert"

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if not self.low <= self.likely <= self.high:
            raise ValueError(f"{FIELD_LABELS[self.field]}: low <= likely <= high is needed")
        if self.low < 0 and self.field != "calls_growth_percent_per_month":
            raise ValueError(f"{FIELD_LABELS[self.field]}: values must be 0 or more")
        if self.field == "calls_growth_percent_per_month" and self.low <= -100:
            raise ValueError("call volume growth must stay above -100%")
        return self

    def draw(self, rng: np.random.Generator, count: int) -> np.ndarray:
        """`count` values: triangular, or PERT (a beta shaped by the likely value, with lighter tails)."""
        if self.high == self.low:
            return np.full(count, self.low)
        if self.shape == "triangular":
            return rng.triangular(self.low, self.likely, self.high, count)
        width = self.high - self.low
        alpha = 1 + 4 * (self.likely - self.low) / width
        beta = 1 + 4 * (self.high - self.likely) / width
        return self.low + rng.beta(alpha, beta, count) * width


class MonteCarloRun(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ranges: tuple[Range, ...] = ()
    draws: int = Field(default=10_000, ge=1, le=100_000)
    seed: int = 2026


@dataclass(frozen=True)
class MonteCarloResult:
    """Per draw: break-even day (NEVER when none within the horizon), whether fine-tuning pays
    back (ahead on the last day) and savings; and the fan of cumulative savings."""

    break_even_days: np.ndarray
    pays_back: np.ndarray
    savings: np.ndarray
    fan_days: np.ndarray
    fan: dict[int, np.ndarray]  # percentile -> cumulative savings on fan_days
    horizon_days: int

    @property
    def payback_probability(self) -> float:
        """Share of draws in which fine-tuning pays back within the horizon."""
        return float(np.mean(self.pays_back))

    def break_even_percentile(self, percentile: float) -> int | None:
        """The break-even day at a percentile; None when that draw never breaks even in time."""
        return day_or_never(float(np.percentile(self.break_even_days, percentile, method="higher")))

    def savings_percentile(self, percentile: float) -> float:
        return float(np.percentile(self.savings, percentile))


Block = TypeVar("Block")


def in_blocks(count: int, cost_block: Callable[[int, int], Block]) -> list[Block]:
    """`cost_block(start, stop)` for each block of BLOCK_DRAWS of `count` draws, in order.

    numpy releases the GIL inside its loops, so blocks on WORKERS threads use every core,
    and no block holds more than BLOCK_DRAWS columns of days x draws in memory.
    """
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(
            pool.map(
                lambda start: cost_block(start, min(start + BLOCK_DRAWS, count)), range(0, count, BLOCK_DRAWS)
            )
        )


def _block(
    scenario: Scenario, draws: dict[str, np.ndarray], count: int, fan_step: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Break-even days, paying back, savings and the fan's cumulative savings for one block of
    draws: the daily model of `costmodel.model`, days x draws at once."""
    costs = cumulative_costs(Inputs(scenario, draws))
    fan = (costs.prompt_cumulative[::fan_step] - costs.finetune_cumulative[::fan_step]).T
    return (
        np.broadcast_to(costs.break_even_days, count),
        np.broadcast_to(costs.pays_back, count),
        np.broadcast_to(costs.savings, count),
        np.broadcast_to(fan, (count, fan.shape[1])),
    )


def run_monte_carlo(scenario: Scenario, run: MonteCarloRun) -> MonteCarloResult:
    """Draw the uncertain inputs `run.draws` times (fixed seed: repeatable) and cost every draw.

    Inputs without a range keep the scenario's value. With every range of zero
    width, each draw is the deterministic model.
    """
    rng = np.random.default_rng(run.seed)
    sampled = {r.field: r.draw(rng, run.draws) for r in run.ranges}
    fan_step = max(1, -(-scenario.horizon_days // FAN_POINTS))
    fan_days = np.arange(0, scenario.horizon_days + 1, fan_step)

    def cost_block(start: int, stop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        block = {field: values[start:stop] for field, values in sampled.items()}
        return _block(scenario, block, stop - start, fan_step)

    blocks = in_blocks(run.draws, cost_block)
    break_even, pays_back, savings, fan_rows = zip(*blocks, strict=True)
    # Days as rows, draws contiguous: one partition per day for all percentiles at once.
    by_day = np.ascontiguousarray(np.concatenate(fan_rows).T)
    fan = np.percentile(by_day, FAN_PERCENTILES, axis=1)
    return MonteCarloResult(
        break_even_days=np.concatenate(break_even),
        pays_back=np.concatenate(pays_back),
        savings=np.concatenate(savings),
        fan_days=fan_days,
        fan=dict(zip(FAN_PERCENTILES, fan, strict=True)),
        horizon_days=scenario.horizon_days,
    )


def default_ranges(scenario: Scenario, spread: float = 0.3) -> tuple[Range, ...]:
    """A starting point: the main inputs at -30% / likely / +30%, growth +-2 points.

    Valid for every scenario: a fall faster than -96% a month is widened downwards
    only half-way to -100%.

    >>> [(r.low, r.high) for r in default_ranges(Scenario(calls_per_day=1, prompt_tokens=1,
    ...     price_per_million=1, training_cost=1, calls_growth_percent_per_month=-99))][-1]
    (-99.5, -97.0)
    """
    fields = ("calls_per_day", "prompt_tokens", "price_per_million", "training_cost")
    ranges = [
        Range(
            field=f,
            low=getattr(scenario, f) * (1 - spread),
            likely=getattr(scenario, f),
            high=getattr(scenario, f) * (1 + spread),
        )
        for f in fields
    ]
    growth = scenario.calls_growth_percent_per_month
    # Two points either way, but never down to -100% (no calls at all): at most half-way there.
    low = max(growth - 2, (growth - 100) / 2)
    ranges.append(Range(field="calls_growth_percent_per_month", low=low, likely=growth, high=growth + 2))
    return tuple(ranges)
