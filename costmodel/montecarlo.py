"""Monte Carlo: how sure is "day 100"? Uncertain inputs drawn many times, all days at once.

Each draw is the full day-by-day model of `costmodel.model` with the uncertain
inputs replaced; draws are processed in blocks so that 10,000 draws over 1,825
days stay well under 400 MB, and every block is one set of numpy operations over
draws x days (no loop per day or per draw).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from costmodel.model import (
    BREAK_EVEN_RELATIVE_TOLERANCE,
    DAYS_PER_MONTH,
    HOURS_PER_DAY,
    SECONDS_PER_DAY,
    TOKENS_PER_MILLION,
    batch_factor,
    finetune_end_day,
    price_factor_by_day,
)
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
    """Per draw: break-even day (-1 = not within the horizon) and savings; and the fan."""

    break_even_days: np.ndarray
    savings: np.ndarray
    fan_days: np.ndarray
    fan: dict[int, np.ndarray]  # percentile -> cumulative savings on fan_days
    horizon_days: int

    @property
    def payback_probability(self) -> float:
        """Share of draws in which fine-tuning pays back within the horizon."""
        return float(np.mean(self.break_even_days >= 0))

    def break_even_percentile(self, percentile: float) -> int | None:
        """The break-even day at a percentile; None when that draw never pays back in time."""
        days = np.where(self.break_even_days >= 0, self.break_even_days, np.inf)
        value = np.percentile(days, percentile, method="higher")
        return None if np.isinf(value) else int(value)

    def savings_percentile(self, percentile: float) -> float:
        return float(np.percentile(self.savings, percentile))


def _value(draws: dict[str, np.ndarray], scenario: Scenario, field: str, count: int) -> np.ndarray:
    if field in draws:
        return draws[field]
    fallbacks = {
        "finetuned_price_per_million": lambda: (
            _value(draws, scenario, "price_per_million", count)
            if scenario.finetuned_price_per_million is None
            else None
        ),
        "retrain_cost": lambda: (
            _value(draws, scenario, "training_cost", count) if scenario.retrain_cost is None else None
        ),
    }
    if field in fallbacks and (value := fallbacks[field]()) is not None:
        return value
    return np.full(count, float(getattr(scenario, field)))


def _block(
    scenario: Scenario, draws: dict[str, np.ndarray], count: int, fan_step: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Break-even day, savings and the fan's cumulative savings for one block of draws.

    Arrays are days x draws, so running sums and products over days are vector
    operations across draws. The model is linear in each draw's calls: running costs
    are per-draw rates times cumulative sums of the volume shape (growth x price
    factor), one cumulative sum per distinct shape.
    """
    s = scenario
    horizon = s.horizon_days
    days = np.arange(horizon + 1)[:, None]
    v = {field: _value(draws, s, field, count)[None, :] for field in UNCERTAIN_INPUTS}

    # Volume shape: calls on day d over calls on day 1 (0 on day 0); one column if growth
    # is certain. Day d is the daily growth factor to the power d - 1, as a running product.
    daily_growth = (1 + v["calls_growth_percent_per_month"] / 100) ** (1 / DAYS_PER_MONTH)
    if "calls_growth_percent_per_month" not in draws:
        daily_growth = daily_growth[:, :1]
    shape = np.empty((horizon + 1, daily_growth.shape[1]))
    shape[0] = 0.0
    if horizon >= 1:
        shape[1] = 1.0
        shape[2:] = daily_growth
        np.cumprod(shape[1:], axis=0, out=shape[1:])
    shape_sums: dict[bytes, np.ndarray] = {}

    def cumulative(factor: np.ndarray) -> np.ndarray:
        """Cumulative sum over days of shape x factor, computed once per distinct factor."""
        key = factor.tobytes()
        if key not in shape_sums:
            shape_sums[key] = np.cumsum(shape if (factor == 1).all() else shape * factor[:, None], axis=0)
        return shape_sums[key]

    ones = np.ones(horizon + 1)
    calls = v["calls_per_day"]
    prompt_rate = (
        calls
        * (
            (v["prompt_tokens"] + v["input_tokens"]) * v["price_per_million"]
            + v["output_tokens"] * s.output_price_per_million
        )
        / TOKENS_PER_MILLION
        * batch_factor(s.prompt_batch_percent, s.batch_discount_percent)
    )
    prompt_cumulative = prompt_rate * cumulative(
        price_factor_by_day(s, s.prompt_price_change_percent_per_year, "prompt_price_change")
    )
    if s.prompt_error_percent and s.cost_per_error:
        prompt_cumulative += calls * (s.prompt_error_percent / 100 * s.cost_per_error) * cumulative(ones)

    if s.self_hosting is not None:
        hosting = s.self_hosting
        capacity = hosting.tokens_per_second_per_gpu * SECONDS_PER_DAY * hosting.utilisation_percent / 100
        tokens = calls * shape * (v["finetuned_prompt_tokens"] + v["input_tokens"] + v["output_tokens"])
        gpus = np.maximum(1.0, np.ceil(tokens / capacity))
        gpus[0] = 0.0
        finetune_cumulative = np.cumsum(gpus * (HOURS_PER_DAY * hosting.gpu_hour_price), axis=0)
        del tokens, gpus
    else:
        finetune_rate = (
            calls
            * (
                (v["finetuned_prompt_tokens"] + v["input_tokens"]) * v["finetuned_price_per_million"]
                + v["output_tokens"] * s.effective_finetuned_output_price_per_million
            )
            / TOKENS_PER_MILLION
            * batch_factor(s.finetune_batch_percent, s.batch_discount_percent)
        )
        finetune_cumulative = finetune_rate * cumulative(
            price_factor_by_day(s, s.finetune_price_change_percent_per_year, "finetune_price_change")
        )
    if s.finetune_error_percent and s.cost_per_error:
        finetune_cumulative += calls * (s.finetune_error_percent / 100 * s.cost_per_error) * cumulative(ones)
    if s.hosting_cost_per_day:
        finetune_cumulative += s.hosting_cost_per_day * days

    end = finetune_end_day(s)
    if end is not None:
        # From the end on, the fine-tuned path costs what prompting costs.
        finetune_cumulative[end:] = (
            finetune_cumulative[end - 1] + prompt_cumulative[end:] - prompt_cumulative[end - 1]
        )
    if s.prompt_setup_cost:
        prompt_cumulative += s.prompt_setup_cost
    finetune_cumulative += v["training_cost"]
    if s.retrain_every_days is not None:
        runs = days[:, 0] // s.retrain_every_days
        if end is not None:
            runs = np.minimum(runs, (end - 1) // s.retrain_every_days)
        for run_number in range(1, int(runs.max()) + 1):
            finetune_cumulative[np.argmax(runs >= run_number) :] += v["retrain_cost"][0]
    for event in s.events:
        day = s.event_day(event)
        if event.kind == "forced_retraining" and day <= horizon and (end is None or day < end):
            finetune_cumulative[day:] += v["retrain_cost"][0] if event.cost is None else event.cost

    # Costs are never negative, so the model's tie rule (within a relative 1e-9 of the
    # larger total) is: fine-tuned total x (1 - 1e-9) <= prompt total.
    ahead = finetune_cumulative * (1 - BREAK_EVEN_RELATIVE_TOLERANCE) <= prompt_cumulative
    break_even = np.where(ahead.any(axis=0), ahead.argmax(axis=0), -1)
    fan = (prompt_cumulative[::fan_step] - finetune_cumulative[::fan_step]).T
    return break_even, prompt_cumulative[-1] - finetune_cumulative[-1], fan


def run_monte_carlo(scenario: Scenario, run: MonteCarloRun) -> MonteCarloResult:
    """Draw the uncertain inputs `run.draws` times (fixed seed: repeatable) and cost every draw.

    Inputs without a range keep the scenario's value. With every range of zero
    width, each draw is the deterministic model.
    """
    rng = np.random.default_rng(run.seed)
    sampled = {r.field: r.draw(rng, run.draws) for r in run.ranges}
    fan_step = max(1, -(-scenario.horizon_days // FAN_POINTS))
    fan_days = np.arange(0, scenario.horizon_days + 1, fan_step)

    def cost_block(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        stop = min(start + BLOCK_DRAWS, run.draws)
        block = {field: values[start:stop] for field, values in sampled.items()}
        return _block(scenario, block, stop - start, fan_step)

    # numpy releases the GIL inside its loops, so blocks on two threads use both cores.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        blocks = list(pool.map(cost_block, range(0, run.draws, BLOCK_DRAWS)))
    break_even, savings, fan_rows = zip(*blocks, strict=True)
    # Days as rows, draws contiguous: one partition per day for all percentiles at once.
    by_day = np.ascontiguousarray(np.concatenate(fan_rows).T)
    fan = np.percentile(by_day, FAN_PERCENTILES, axis=1)
    return MonteCarloResult(
        break_even_days=np.concatenate(break_even),
        savings=np.concatenate(savings),
        fan_days=fan_days,
        fan=dict(zip(FAN_PERCENTILES, fan, strict=True)),
        horizon_days=scenario.horizon_days,
    )


def default_ranges(scenario: Scenario, spread: float = 0.3) -> tuple[Range, ...]:
    """A starting point: the main inputs at -30% / likely / +30%, growth +-2 points."""
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
    ranges.append(
        Range(
            field="calls_growth_percent_per_month", low=max(growth - 2, -50), likely=growth, high=growth + 2
        )
    )
    return tuple(ranges)
