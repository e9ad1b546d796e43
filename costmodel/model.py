"""The daily cost model (docs/MODEL.md): both paths, day by day, in one place.

Every function here broadcasts. An `Inputs` is a scenario whose numeric inputs may
be replaced by arrays of draws (Monte Carlo, the frontier); series have days 0..H on
the first axis and draws on the last, so a scenario on its own is the one-draw case
and `evaluate` reads column 0. Day 0 is the day of training, before any call. The
truer model's inputs (caching, batch, growth, price trends, events, set-up costs,
self-hosting, quality) change the daily arrays; left at their defaults, each factor
below is exactly 1 or 0 and the plain model remains (docs/MODEL.md §3).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from costmodel.scenario import Scenario, SelfHosting

if TYPE_CHECKING:  # pandas takes a third of a second to import: only tables need it
    import pandas as pd

# Cumulative costs are sums of many floats; exact cases (docs/MODEL.md §5: $3,000 repaid at
# $30 a day) must land on their day despite rounding in the last bits.
BREAK_EVEN_RELATIVE_TOLERANCE = 1e-9
# "Never" (docs/MODEL.md §4): None for one day, infinity in an array of days.
NEVER = math.inf

TOKENS_PER_MILLION = 1e6
DAYS_PER_YEAR = 365
DAYS_PER_MONTH = 365.25 / 12
MINUTES_PER_DAY = 24 * 60
SECONDS_PER_DAY = 24 * 60 * 60
HOURS_PER_DAY = 24

Path = Literal["prompt", "finetune"]
Value = float | np.ndarray  # one value, or one per draw


@dataclass(frozen=True)
class Inputs:
    """A scenario, with some numeric inputs replaced by one value per draw.

    >>> article = Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...                    training_cost=3_000)
    >>> Inputs(article, {"calls_per_day": np.array([1.0, 2.0])}).value("calls_per_day")
    array([1., 2.])
    >>> Inputs(article).value("retrain_cost")  # same as training (docs/MODEL.md §1)
    3000.0
    """

    scenario: Scenario
    draws: Mapping[str, np.ndarray] = field(default_factory=dict)

    def value(self, name: str) -> Value:
        """The drawn values of a field, or the scenario's; a null field follows its base."""
        if name in self.draws:
            return self.draws[name]
        base = self.scenario.follows(name)  # the base's draws, when it is drawn
        return self.value(base) if base else float(getattr(self.scenario, name))

    def draw_count(self) -> int:
        """How many draws the arrays hold (1 for a scenario on its own)."""
        return max((np.size(values) for values in self.draws.values()), default=1)

    def days(self) -> np.ndarray:
        """Days 0..H as a column, to broadcast against draws."""
        return np.arange(self.scenario.horizon_days + 1, dtype=float)[:, None]


def per_million(tokens: Value, price_per_million: Value) -> Value:
    """$ for `tokens` at a price per 1M tokens."""
    return tokens * price_per_million / TOKENS_PER_MILLION


def prompt_cost_per_call(inputs: Inputs) -> Value:
    """$ per call on the prompt path at list prices (day 1, no caching, no batch).

    Notes
    -----
    (prompt_tokens + input_tokens) * price_per_million / 1e6
    + output_tokens * output_price_per_million / 1e6
    """
    v = inputs.value
    return per_million(v("prompt_tokens") + v("input_tokens"), v("price_per_million")) + per_million(
        v("output_tokens"), v("output_price_per_million")
    )


def finetune_cost_per_call(inputs: Inputs) -> Value:
    """$ per call on the fine-tuned path at the fine-tuned model's list prices.

    Notes
    -----
    (finetuned_prompt_tokens + input_tokens) * finetuned_price_per_million / 1e6
    + output_tokens * finetuned_output_price_per_million / 1e6
    """
    v = inputs.value
    return per_million(
        v("finetuned_prompt_tokens") + v("input_tokens"), v("finetuned_price_per_million")
    ) + per_million(v("output_tokens"), v("finetuned_output_price_per_million"))


def cached_prompt_cost_per_call(inputs: Inputs, hit: np.ndarray) -> np.ndarray:
    """$ per call on the prompt path with caching, when a share `hit` of calls finds the cache warm.

    Notes
    -----
    cacheable = prompt_tokens * cached share (none below the provider's minimum prompt);
    (prompt_tokens - cacheable + input_tokens) * input price
    + cacheable * (hit * read price + (1 - hit) * write price) + output as without caching
    """
    v = inputs.value
    prompt_tokens = v("prompt_tokens")
    cacheable = np.where(
        prompt_tokens >= v("cache_min_prompt_tokens"), prompt_tokens * v("cached_prompt_percent") / 100, 0.0
    )
    cache_price = hit * v("cache_read_price_per_million") + (1 - hit) * v("cache_write_price_per_million")
    per_call = (
        prompt_cost_per_call(inputs)
        - per_million(cacheable, v("price_per_million"))
        + per_million(cacheable, cache_price)
    )
    return np.asarray(per_call)


def error_cost_per_call(inputs: Inputs, path: Path) -> Value:
    """$ per call of fixing wrong outputs: error rate * cost per error."""
    return inputs.value(f"{path}_error_percent") / 100 * inputs.value("cost_per_error")


def batch_factor(inputs: Inputs, path: Path) -> Value:
    """What batch sending leaves of a path's token bill: 1 - share sent by batch * discount."""
    return 1 - inputs.value(f"{path}_batch_percent") / 100 * inputs.value("batch_discount_percent") / 100


def volume_by_day(inputs: Inputs, scale: Value = 1.0) -> np.ndarray:
    """Each day's calls relative to day 1's, times `scale`: 0 on day 0, then
    scale * (1 + growth / 100) ** ((d - 1) / 30.4375).

    Raising to a power for every day and draw cost most of a Monte Carlo run, so the
    exponent d - 1 = 64 q + j is split: exp(64 q k) * exp(j k) with k = ln(1 + growth / 100)
    / 30.4375 takes two small tables of exponentials and one product (equal to a few ulps),
    written straight into the result with `scale` taken into the first table.
    """
    horizon = inputs.scenario.horizon_days
    growth = np.atleast_1d(inputs.value("calls_growth_percent_per_month"))
    if not growth.any():
        flat = np.ones((horizon + 1, 1))
        flat[0] = 0.0
        scaled: np.ndarray = flat * scale
        return scaled
    per_day = np.log1p(growth / 100) / DAYS_PER_MONTH
    block = 64
    starts = np.arange(0, horizon, block)
    blocks = np.exp(np.multiply.outer(starts, per_day)) * scale
    within = np.exp(np.multiply.outer(np.arange(block), per_day))
    volume = np.empty((1 + starts.size * block, blocks.shape[1]))
    volume[0] = 0.0
    np.multiply(blocks[:, None], within[None], out=volume[1:].reshape(starts.size, block, -1))
    return volume[: horizon + 1]


def calls_by_day(inputs: Inputs) -> np.ndarray:
    """Calls on each day 0..H: none on day 0, then growing by a % per month, compounded daily.

    Notes
    -----
    calls(d) = calls_per_day * (1 + growth / 100) ** ((d - 1) / 30.4375),  d >= 1
    """
    return volume_by_day(inputs, inputs.value("calls_per_day"))


def price_factor_by_day(inputs: Inputs, path: Path) -> np.ndarray:
    """Each day's token prices on a path relative to day 1's: its yearly trend times its price changes.

    Notes
    -----
    factor(d) = (1 + change / 100) ** ((d - 1) / 365) * product of the price factors of the
    path's price-change events on or before day d
    """
    scenario = inputs.scenario
    days = inputs.days()
    change: float = getattr(scenario, f"{path}_price_change_percent_per_year")
    factor: np.ndarray = (1 + change / 100) ** ((np.maximum(days, 1) - 1) / DAYS_PER_YEAR)
    for event in scenario.events:
        day = scenario.event_day(event)
        if event.kind == f"{path}_price_change" and day <= scenario.horizon_days:
            assert event.price_factor is not None  # validated for price changes
            factor[day:] *= event.price_factor
    return factor


def finetune_end_day(scenario: Scenario) -> int | None:
    """The first day of the earliest 'fine-tuned path ends' event within the horizon."""
    days = [
        scenario.event_day(event)
        for event in scenario.events
        if event.kind == "finetune_ends" and scenario.event_day(event) <= scenario.horizon_days
    ]
    return min(days) if days else None


def is_zero(value: Value) -> bool:
    """A single 0: a term that adds nothing, so no pass over days x draws is spent on it."""
    return np.ndim(value) == 0 and value == 0


def path_daily(inputs: Inputs, calls: np.ndarray, path: Path, per_call: Value) -> np.ndarray:
    """$ a path spends on calls each day, for tokens and for fixing errors.

    Notes
    -----
    calls * (per_call * price factor * batch factor + error rate * cost per error)
    """
    per_call = per_call * batch_factor(inputs, path)
    factor = price_factor_by_day(inputs, path)
    errors = error_cost_per_call(inputs, path)
    # Prices that never move leave a value per draw: one pass over days x draws, not two.
    daily: Value = per_call if (factor == 1).all() else per_call * factor
    if not is_zero(errors):
        daily = daily + errors
    spent: np.ndarray = calls * daily
    return spent


def prompt_daily(inputs: Inputs, calls: np.ndarray | None = None) -> np.ndarray:
    """$ spent on the prompt path on each day 0..H (no caching)."""
    calls = calls_by_day(inputs) if calls is None else calls
    return path_daily(inputs, calls, "prompt", prompt_cost_per_call(inputs))


def cache_hit_share(inputs: Inputs, calls: np.ndarray) -> np.ndarray:
    """Share of calls that find the prompt in the cache.

    Calls arriving at random: one finds the cache cold when no call came within the
    cache lifetime before it, so hit = 1 - exp(-calls per minute * lifetime). With no
    lifetime given the cache is always warm.
    """
    if inputs.scenario.cache_lifetime_minutes is None:
        return np.ones_like(calls)
    hit: np.ndarray = 1 - np.exp(-calls / MINUTES_PER_DAY * inputs.value("cache_lifetime_minutes"))
    return hit


def prompt_cached_daily(inputs: Inputs, calls: np.ndarray | None = None) -> np.ndarray:
    """$ spent on the prompt path with prompt caching, on each day 0..H."""
    calls = calls_by_day(inputs) if calls is None else calls
    return path_daily(
        inputs, calls, "prompt", cached_prompt_cost_per_call(inputs, cache_hit_share(inputs, calls))
    )


def finetuned_tokens_by_day(inputs: Inputs, calls: np.ndarray) -> np.ndarray:
    """Tokens the fine-tuned model reads and writes on each day."""
    v = inputs.value
    tokens: np.ndarray = calls * (v("finetuned_prompt_tokens") + v("input_tokens") + v("output_tokens"))
    return tokens


def gpu_tokens_per_day(hosting: SelfHosting, utilisation_percent: float = 100) -> float:
    """Tokens one GPU serves in a day busy `utilisation_percent` of the time (all day: 100).

    Notes
    -----
    tokens_per_second_per_gpu * 86,400 * utilisation / 100
    """
    return hosting.tokens_per_second_per_gpu * SECONDS_PER_DAY * utilisation_percent / 100


def gpu_cost_per_day(hosting: SelfHosting, gpus: Value) -> Value:
    """$ a day for `gpus` rented GPUs: gpus * 24 * gpu_hour_price."""
    return gpus * (HOURS_PER_DAY * hosting.gpu_hour_price)


def gpus_by_day(inputs: Inputs, calls: np.ndarray) -> np.ndarray:
    """Rented GPUs running each day: enough for the day's tokens at the target utilisation, at least one.

    Notes
    -----
    gpus(d) = max(1, ceil(tokens(d) / (tokens_per_second_per_gpu * 86,400 * utilisation)))
    """
    hosting = inputs.scenario.self_hosting
    assert hosting is not None
    capacity = gpu_tokens_per_day(hosting, hosting.utilisation_percent)
    gpus = np.maximum(1.0, np.ceil(finetuned_tokens_by_day(inputs, calls) / capacity))
    gpus[0] = 0.0
    return gpus


def finetune_daily(
    inputs: Inputs, calls: np.ndarray | None = None, prompt: np.ndarray | None = None
) -> np.ndarray:
    """$ of running cost on the fine-tuned path on each day 0..H.

    Calls at the fine-tuned model's prices (or rented GPUs when self-hosted), plus
    hosting and fixing errors; before the fine-tuned model is live (its launch day) and
    from a 'fine-tuned path ends' event on, the prompt path's cost.
    """
    scenario = inputs.scenario
    calls = calls_by_day(inputs) if calls is None else calls
    daily: np.ndarray
    if scenario.self_hosting is not None:
        rented = gpu_cost_per_day(scenario.self_hosting, gpus_by_day(inputs, calls))
        daily = rented + path_daily(inputs, calls, "finetune", 0.0)
    else:
        daily = path_daily(inputs, calls, "finetune", finetune_cost_per_call(inputs))
    hosting = inputs.value("hosting_cost_per_day")
    if not is_zero(hosting):
        daily = np.broadcast_to(daily, np.broadcast_shapes(daily.shape, np.shape(hosting))).copy()
        daily[1:] += hosting
    end = finetune_end_day(scenario)
    launch = scenario.finetune_launch_day
    if end is not None or launch > 1:
        prompt = prompt_daily(inputs, calls) if prompt is None else prompt
        daily = np.broadcast_to(daily, np.broadcast_shapes(daily.shape, prompt.shape)).copy()
        daily[1:launch] = prompt[1:launch]
        if end is not None:
            daily[end:] = prompt[end:]
    return daily


def finetune_one_off_by_day(inputs: Inputs) -> dict[int, Value]:
    """One-off $ of the fine-tuned path, by day: training on day 0, a retraining run every N days
    the model is live (days N, 2N, ... when it is live from day 1) and on each forced
    retraining's day; none from the day the fine-tuned path ends.

    >>> finetune_one_off_by_day(Inputs(Scenario(calls_per_day=1, prompt_tokens=1, price_per_million=1,
    ...     training_cost=3_000, retrain_every_days=300, retrain_cost=1_000, horizon_days=730)))
    {0: 3000.0, 300: 1000.0, 600: 1000.0}
    """
    scenario = inputs.scenario
    horizon = scenario.horizon_days
    last_day = (finetune_end_day(scenario) or horizon + 1) - 1
    retrain_cost = inputs.value("retrain_cost")
    one_off: dict[int, Value] = {0: inputs.value("training_cost")}
    if scenario.retrain_every_days is not None:
        first = scenario.finetune_launch_day - 1 + scenario.retrain_every_days
        for day in range(first, last_day + 1, scenario.retrain_every_days):
            one_off[day] = retrain_cost
    for event in scenario.events:
        day = scenario.event_day(event)
        if event.kind == "forced_retraining" and day <= last_day:
            one_off[day] = one_off.get(day, 0.0) + (retrain_cost if event.cost is None else event.cost)
    return one_off


def ahead_by_day(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> np.ndarray:
    """Per day 0..H (and draw): is the fine-tuned path ahead, by the tie rule?

    Day 0 comes before any call, so being level or ahead then (no training to recover)
    counts only when the fine-tuned path is still ahead on day 1: a path that loses from
    its first call has not broken even on day 0.

    >>> ahead_by_day(np.array([[0.], [40], [80]]), np.array([[0.], [60], [120]]))[:, 0]
    array([False, False, False])
    """
    ahead = finetune_is_ahead(prompt_cumulative, finetune_cumulative)
    if len(ahead) > 1:
        ahead[0] &= ahead[1]
    return ahead


def finetune_is_ahead(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> np.ndarray:
    """Has the fine-tuned path cost no more than the prompt path so far? (the tie rule)

    Costs are never negative, so "within a relative 1e-9 of the larger total" is
    finetune * (1 - 1e-9) <= prompt: exact ties count as ties despite rounding.
    """
    ahead: np.ndarray = finetune_cumulative * (1 - BREAK_EVEN_RELATIVE_TOLERANCE) <= prompt_cumulative
    return ahead


def first_ahead_days(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> np.ndarray:
    """Per draw (last axis): the first day the fine-tuned path is ahead, even if it falls behind
    again; NEVER if none. Not the break-even day: the headline tells this day's story only.

    Examples
    --------
    >>> first_ahead_days(np.array([[0.], [40], [80]]), np.array([[50.], [30], [90]]))
    array([1.])
    """
    ahead = ahead_by_day(prompt_cumulative, finetune_cumulative)
    return np.where(ahead.any(axis=0), ahead.argmax(axis=0), NEVER)


def break_even_days(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> np.ndarray:
    """Per draw (last axis): the break-even day, the day fine-tuning pays back: the first day from
    which the fine-tuned path is ahead on every day to the horizon's end; NEVER when it is behind
    on the last day (docs/MODEL.md §4: the one meaning of break-even and of "pays back").

    Examples
    --------
    >>> break_even_days(np.array([[0.], [40], [80]]), np.array([[50.], [60], [70]]))
    array([2.])
    >>> break_even_days(np.array([[0.], [40], [80]]), np.array([[50.], [30], [90]]))
    array([inf])
    """
    behind = ~finetune_is_ahead(prompt_cumulative, finetune_cumulative)
    last_day = behind.shape[0] - 1
    last_behind = last_day - behind[::-1].argmax(axis=0)
    day = np.where(behind.any(axis=0), last_behind + 1, 0)
    return np.where(behind[-1], NEVER, day)


def day_or_never(day: float) -> int | None:
    """One day from an array of days: a whole day, or None for NEVER."""
    return None if math.isinf(day) else int(day)


@dataclass(frozen=True)
class Costs:
    """Both paths' costs on each day 0..H (rows), for each draw (columns). The day-by-day
    series are made only when read: Monte Carlo reads the running totals alone."""

    inputs: Inputs
    prompt_cumulative: np.ndarray
    finetune_cumulative: np.ndarray

    @cached_property
    def calls(self) -> np.ndarray:
        return calls_by_day(self.inputs)

    @cached_property
    def prompt_daily(self) -> np.ndarray:
        return prompt_daily(self.inputs, self.calls)

    @cached_property
    def finetune_daily(self) -> np.ndarray:
        return finetune_daily(self.inputs, self.calls, self.prompt_daily)

    @property
    def break_even_days(self) -> np.ndarray:
        return break_even_days(self.prompt_cumulative, self.finetune_cumulative)

    @property
    def first_ahead_days(self) -> np.ndarray:
        return first_ahead_days(self.prompt_cumulative, self.finetune_cumulative)

    @property
    def pays_back(self) -> np.ndarray:
        """Per draw: fine-tuning pays back within the horizon, i.e. is ahead on its last day."""
        return finetune_is_ahead(self.prompt_cumulative[-1], self.finetune_cumulative[-1])

    @property
    def savings(self) -> np.ndarray:
        """Per draw: prompt total - fine-tuned total at the end of the horizon."""
        saved: np.ndarray = self.prompt_cumulative[-1] - self.finetune_cumulative[-1]
        return saved


def geometric_running_total(horizon: int, per_day: Value, scale: Value) -> np.ndarray:
    """scale * the running sum over days 1..d of e^(per_day * (day - 1)), for d = 0..H, a column per
    draw: scale * expm1(d * per_day) / expm1(per_day), and scale * d where per_day is 0.

    Like `volume_by_day`, from two small tables: with d = 64 q + w, expm1(a + b) = expm1(a) +
    expm1(b) * e^a exactly, so each day and draw takes one product and one sum, and no running sum
    along days (which took twenty times a product's time), with no loss where per_day is near 0.
    """
    block = 64
    rate = np.atleast_1d(np.asarray(per_day, dtype=float))
    starts = np.arange(0, horizon + 1, block, dtype=float)[:, None]
    within = np.arange(block, dtype=float)[:, None]
    unit = np.expm1(rate)
    flat = unit == 0
    divide = np.where(flat, 1.0, unit)
    before = np.where(flat, starts, np.expm1(starts * rate) / divide) * scale
    grown = np.where(flat, 1.0, np.exp(starts * rate)) * scale
    inside = np.where(flat, within, np.expm1(within * rate) / divide)
    columns = max(before.shape[1], inside.shape[1])  # 1, or one per draw
    total = np.empty((starts.size * block, columns))
    grid = total.reshape(starts.size, block, columns)
    np.multiply(inside[None], grown[:, None], out=grid)
    grid += before[:, None]
    return total[: horizon + 1]


def running_totals(inputs: Inputs) -> tuple[np.ndarray, np.ndarray] | None:
    """Both paths' running totals of their spending on calls and hosting (one-offs left out), without
    a running sum along days where the days allow; None where a path's days are not of that form.

    Without GPUs, a later launch or an end, a path spends on day d >= 1
    calls_per_day * volume(d) * (cost per call * batch factor * price factor(d) + errors per call)
    + hosting (`path_daily` rearranged). Volume and a yearly price trend are each e^(rate * (d - 1)),
    so their product's running sum has a closed form per draw (`geometric_running_total`); a path
    whose prices also change on dated events sums volume * price factor along the days.
    """
    scenario = inputs.scenario
    if scenario.self_hosting is not None or scenario.finetune_launch_day > 1 or finetune_end_day(scenario):
        return None
    horizon = scenario.horizon_days
    growth = np.log1p(inputs.value("calls_growth_percent_per_month") / 100) / DAYS_PER_MONTH
    calls_per_day = inputs.value("calls_per_day")

    def running(path: Path | None, scale: Value) -> np.ndarray:
        """scale * the running sum of volume times the path's price factor (no path: volume alone)."""
        if path is not None and any(
            event.kind == f"{path}_price_change" and scenario.event_day(event) <= horizon
            for event in scenario.events
        ):
            summed: np.ndarray = np.cumsum(volume_by_day(inputs) * price_factor_by_day(inputs, path), axis=0)
            return summed * scale
        change = 0.0 if path is None else getattr(scenario, f"{path}_price_change_percent_per_year")
        return geometric_running_total(horizon, growth + math.log1p(change / 100) / DAYS_PER_YEAR, scale)

    def total(path: Path, per_call: Value) -> np.ndarray:
        spent = running(path, calls_per_day * per_call * batch_factor(inputs, path))
        errors = error_cost_per_call(inputs, path)
        if not is_zero(errors):
            spent = spent + running(None, calls_per_day * errors)
        return spent

    prompt = total("prompt", prompt_cost_per_call(inputs))
    finetune = total("finetune", finetune_cost_per_call(inputs))
    hosting = inputs.value("hosting_cost_per_day")
    if not is_zero(hosting):
        finetune = finetune + inputs.days() * hosting  # hosting from day 1: d days paid by day d
    return prompt, finetune


def cumulative_costs(inputs: Inputs) -> Costs:
    """Both paths' cumulative costs (docs/MODEL.md §3): what Monte Carlo and `evaluate` share.

    Notes
    -----
    prompt_cum(d)   = prompt_setup_cost + sum of prompt_daily over days 1..d
    finetune_cum(d) = one-offs up to day d + sum of finetune_daily over days 1..d
    """
    totals = running_totals(inputs)
    if totals is None:
        calls = calls_by_day(inputs)
        prompt_by_day = prompt_daily(inputs, calls)
        prompt = np.cumsum(prompt_by_day, axis=0)
        finetune = np.cumsum(finetune_daily(inputs, calls, prompt_by_day), axis=0)
    else:
        prompt, finetune = totals
    setup = inputs.value("prompt_setup_cost")
    if not is_zero(setup):
        prompt = prompt + setup
    # One-off costs fall on a few days: from each such day on, the total so far is added to the
    # days up to the next one (one pass in all, not one per one-off).
    # Any drawn one-off (training, retraining) needs a column per draw.
    draws = np.broadcast_shapes(finetune.shape, (1, inputs.draw_count()))
    finetune = np.broadcast_to(finetune, draws).copy() if finetune.shape != draws else finetune
    one_off = sorted(finetune_one_off_by_day(inputs).items())
    ends = [day for day, _ in one_off[1:]] + [inputs.scenario.horizon_days + 1]
    so_far: Value = 0.0
    for (day, cost), until in zip(one_off, ends, strict=True):
        so_far = so_far + cost
        finetune[day:until] += so_far
    return Costs(inputs, prompt, finetune)


def self_hosting_break_even_utilisation_percent(scenario: Scenario) -> float | None:
    """GPU utilisation in % (as `utilisation_percent`; may exceed 100) at which rented GPUs
    cost what the API's fine-tuned per-token prices would on day 1; None without
    self-hosting or API prices, or where no number holds it.

    Notes
    -----
    GPU cost a day at utilisation u% = tokens / (tokens_per_second * 86,400 * u / 100) * 24 * gpu_hour_price;
    setting it equal to calls * finetune_cost_per_call gives u.
    """
    hosting = scenario.self_hosting
    inputs = Inputs(scenario)
    api_cost = scenario.calls_per_day * float(finetune_cost_per_call(inputs))
    if hosting is None or api_cost <= 0:
        return None
    tokens = float(finetuned_tokens_by_day(inputs, np.array(scenario.calls_per_day)))
    percent = float(gpu_cost_per_day(hosting, tokens / gpu_tokens_per_day(hosting))) / api_cost * 100
    return percent if math.isfinite(percent) else None


@dataclass(frozen=True)
class CostResult:
    """Everything `evaluate` knows about a scenario; series are indexed by day 0..H."""

    scenario: Scenario
    days: np.ndarray
    calls: np.ndarray
    prompt_daily: np.ndarray
    finetune_daily: np.ndarray
    finetune_one_off: np.ndarray
    prompt_cumulative: np.ndarray
    finetune_cumulative: np.ndarray
    break_even_day: int | None  # the day fine-tuning pays back for good (docs/MODEL.md §4)
    first_ahead_day: int | None  # the first day it is ahead, even if it falls behind again
    lead_changes: list[int]
    simple_break_even_days: float | None
    daily_saving: float
    prompt_overhead_tokens_per_day: float
    prompt_overhead_cost_per_day: float
    prompt_overhead_cost_per_year: float
    prompt_total: float
    finetune_total: float
    savings: float
    prompt_cached_cumulative: np.ndarray | None = None
    cached_break_even_day: int | None = None
    self_hosting_break_even_utilisation_percent: float | None = None

    def finetune_is_ahead_on(self, day: int) -> bool:
        """Has fine-tuning cost no more than prompting by the end of this day?"""
        return bool(finetune_is_ahead(self.prompt_cumulative[day], self.finetune_cumulative[day]))

    @property
    def first_live_day(self) -> int:
        """The first day the fine-tuned model serves calls (day 1 unless it launches later)."""
        return min(self.scenario.finetune_launch_day, self.scenario.horizon_days)

    @property
    def pays_back(self) -> bool:
        """Fine-tuning pays back within the horizon: it is the cheaper path (or level) on the last day.

        The one meaning of "pays back" (docs/MODEL.md §4): the headline, the guide, Monte
        Carlo's chance and the minimum calls per day all use it.
        """
        return self.finetune_is_ahead_on(self.scenario.horizon_days)

    @property
    def prompt_cost_per_thousand_calls(self) -> float | None:
        """The prompt path's total (set-up included) per 1,000 calls over the horizon; None without calls."""
        return per_thousand_calls(self.prompt_total, float(self.calls.sum()))

    @property
    def finetune_cost_per_thousand_calls(self) -> float | None:
        """The fine-tuned path's total (training, retraining, hosting included) per 1,000 calls."""
        return per_thousand_calls(self.finetune_total, float(self.calls.sum()))

    @property
    def prompt_cached_total(self) -> float | None:
        return None if self.prompt_cached_cumulative is None else float(self.prompt_cached_cumulative[-1])

    @property
    def caching_recovery(self) -> float | None:
        """Share of what fine-tuning would save that caching alone saves (None without both,
        or when the saving is so small that the share is no number)."""
        if self.prompt_cached_total is None or self.savings <= 0:
            return None
        share = (self.prompt_total - self.prompt_cached_total) / self.savings
        return share if math.isfinite(share) else None

    def summary(self) -> dict[str, Any]:
        """The scalar results, JSON-ready (None for never, or where a feature is off)."""
        return {
            "break_even_day": self.break_even_day,
            "pays_back": self.pays_back,
            "lead_changes": list(self.lead_changes),
            "simple_break_even_days": self.simple_break_even_days,
            "daily_saving": self.daily_saving,
            "prompt_overhead_tokens_per_day": self.prompt_overhead_tokens_per_day,
            "prompt_overhead_cost_per_day": self.prompt_overhead_cost_per_day,
            "prompt_overhead_cost_per_year": self.prompt_overhead_cost_per_year,
            "prompt_total": self.prompt_total,
            "finetune_total": self.finetune_total,
            "savings": self.savings,
            "prompt_cost_per_thousand_calls": self.prompt_cost_per_thousand_calls,
            "finetune_cost_per_thousand_calls": self.finetune_cost_per_thousand_calls,
            "prompt_cached_total": self.prompt_cached_total,
            "cached_break_even_day": self.cached_break_even_day,
            "caching_recovery": self.caching_recovery,
            "self_hosting_break_even_utilisation_percent": self.self_hosting_break_even_utilisation_percent,
        }

    def to_frame(self) -> pd.DataFrame:
        """The daily series as a table, one row per day 0..H."""
        columns = {
            "day": self.days,
            "calls": self.calls,
            "prompt_daily": self.prompt_daily,
            "finetune_daily": self.finetune_daily,
            "finetune_one_off": self.finetune_one_off,
            "prompt_cumulative": self.prompt_cumulative,
            "finetune_cumulative": self.finetune_cumulative,
            "cumulative_saving": self.prompt_cumulative - self.finetune_cumulative,
        }
        if self.prompt_cached_cumulative is not None:
            columns["prompt_cached_cumulative"] = self.prompt_cached_cumulative
        import pandas as pd

        return pd.DataFrame(columns)


def per_thousand_calls(total: float, calls: float) -> float | None:
    """$ per 1,000 calls of a total over `calls` calls; None without calls, or when calls are so
    few that the cost per call is no number (e.g. $40 over 1e-308 calls).

    >>> per_thousand_calls(30.0, 10_000.0), per_thousand_calls(40.8, 2.2250738585072014e-308)
    (3.0, None)
    """
    if calls <= 0:
        return None
    cost = total / calls * 1_000
    return cost if math.isfinite(cost) else None


def lead_changes(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> list[int]:
    """Days on which the cheaper path so far switches (retraining can hand the lead back)."""
    ahead = ahead_by_day(prompt_cumulative, finetune_cumulative)
    return [int(day) for day in np.flatnonzero(ahead[1:] != ahead[:-1]) + 1]


def training_cost_to_recover(scenario: Scenario) -> float:
    """What fine-tuning must earn back: the training cost less the prompt path's set-up, at least 0."""
    return max(scenario.training_cost - scenario.prompt_setup_cost, 0.0)


def simple_break_even_days(scenario: Scenario, daily_saving: float) -> float | None:
    """The seed's rule of thumb: the days before launch + (training cost - prompt set-up) / the
    daily saving once live; None when that saving is not positive (or so small that the
    quotient is not a number of days)."""
    if daily_saving <= 0:
        return None
    waiting = scenario.finetune_launch_day - 1
    days = waiting + training_cost_to_recover(scenario) / daily_saving
    return days if math.isfinite(days) else None


def evaluate(scenario: Scenario) -> CostResult:
    """Cost both paths of a scenario over its horizon: the one-draw case of `cumulative_costs`.

    Examples
    --------
    >>> result = evaluate(Scenario(calls_per_day=10_000, prompt_tokens=800,
    ...     price_per_million=5, finetuned_prompt_tokens=200, training_cost=3_000))
    >>> result.break_even_day, result.daily_saving, result.prompt_overhead_cost_per_year
    (100, 30.0, 14600.0)
    """
    inputs = Inputs(scenario)
    costs = cumulative_costs(inputs)
    prompt_by_day = costs.prompt_daily[:, 0]
    finetune_by_day = costs.finetune_daily[:, 0]
    prompt_cumulative = costs.prompt_cumulative[:, 0]
    finetune_cumulative = costs.finetune_cumulative[:, 0]
    one_off = np.zeros(scenario.horizon_days + 1)
    for day, cost in finetune_one_off_by_day(inputs).items():
        one_off[day] = cost

    cached_cumulative = cached_break_even = None
    if scenario.caching_on:
        cached = np.cumsum(prompt_cached_daily(inputs, costs.calls), axis=0) + inputs.value(
            "prompt_setup_cost"
        )
        cached_cumulative = cached[:, 0]
        cached_break_even = day_or_never(break_even_days(cached, costs.finetune_cumulative)[0])

    # The saving of a day with the fine-tuned model live: day 1, unless it launches later.
    live_day = min(scenario.finetune_launch_day, scenario.horizon_days)
    daily_saving = float(prompt_by_day[live_day] - finetune_by_day[live_day])  # = first_live_day
    overhead_tokens = scenario.calls_per_day * scenario.prompt_tokens
    # The prompt's share of day 1's token bill: day 1's prices, batch discount included.
    overhead_cost = float(
        per_million(overhead_tokens, scenario.price_per_million)
        * price_factor_by_day(inputs, "prompt")[1, 0]
        * batch_factor(inputs, "prompt")
    )
    prompt_total = float(prompt_cumulative[-1])
    finetune_total = float(finetune_cumulative[-1])
    return CostResult(
        scenario=scenario,
        days=np.arange(scenario.horizon_days + 1),
        calls=costs.calls[:, 0],
        prompt_daily=prompt_by_day,
        finetune_daily=finetune_by_day,
        finetune_one_off=one_off,
        prompt_cumulative=prompt_cumulative,
        finetune_cumulative=finetune_cumulative,
        break_even_day=day_or_never(costs.break_even_days[0]),
        first_ahead_day=day_or_never(costs.first_ahead_days[0]),
        lead_changes=lead_changes(prompt_cumulative, finetune_cumulative),
        simple_break_even_days=simple_break_even_days(scenario, daily_saving),
        daily_saving=daily_saving,
        prompt_overhead_tokens_per_day=overhead_tokens,
        prompt_overhead_cost_per_day=overhead_cost,
        prompt_overhead_cost_per_year=DAYS_PER_YEAR * overhead_cost,
        prompt_total=prompt_total,
        finetune_total=finetune_total,
        savings=prompt_total - finetune_total,
        prompt_cached_cumulative=cached_cumulative,
        cached_break_even_day=cached_break_even,
        self_hosting_break_even_utilisation_percent=self_hosting_break_even_utilisation_percent(scenario),
    )
