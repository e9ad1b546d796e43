"""The cost model of SPEC §2: daily and cumulative cost of both paths, and what they mean.

Every series covers days 0..H at once with numpy; day 0 is the day of training,
before any call. The truer model's inputs (caching, batch, growth, price trends,
events, set-up costs, self-hosting, quality) change the daily arrays; left at
their defaults, each factor below is exactly 1 or 0 and the SPEC model remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from costmodel.scenario import Scenario

if TYPE_CHECKING:  # pandas takes a third of a second to import: only tables need it
    import pandas as pd

# Cumulative costs are sums of many floats; exact cases (SPEC §3: $3,000 repaid at
# $30 a day) must land on their day despite rounding in the last bits.
BREAK_EVEN_RELATIVE_TOLERANCE = 1e-9

TOKENS_PER_MILLION = 1e6
DAYS_PER_YEAR = 365
DAYS_PER_MONTH = 365.25 / 12
MINUTES_PER_DAY = 24 * 60
SECONDS_PER_DAY = 24 * 60 * 60
HOURS_PER_DAY = 24


def prompt_cost_per_call(scenario: Scenario) -> float:
    """$ per call on the prompt path, at day-1 prices, without caching or batch.

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
    """$ per call on the fine-tuned path, at the fine-tuned model's day-1 prices.

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
    """Calls on each day 0..H: none on day 0, then growing by a % per month, compounded daily.

    Notes
    -----
    calls(d) = calls_per_day * (1 + growth / 100) ** ((d - 1) / 30.4375),  d >= 1
    """
    days = np.arange(scenario.horizon_days + 1)
    growth = 1 + scenario.calls_growth_percent_per_month / 100
    calls = scenario.calls_per_day * growth ** ((days - 1) / DAYS_PER_MONTH)
    calls[0] = 0.0
    return calls


def price_factor_by_day(scenario: Scenario, change_percent_per_year: float, event_kind: str) -> np.ndarray:
    """Each day's token prices relative to day 1's: a yearly trend times the price-change events."""
    days = np.arange(scenario.horizon_days + 1)
    factor = (1 + change_percent_per_year / 100) ** ((np.maximum(days, 1) - 1) / DAYS_PER_YEAR)
    for event in scenario.events:
        day = scenario.event_day(event)
        if event.kind == event_kind and day <= scenario.horizon_days:
            assert event.price_factor is not None  # validated for price changes
            factor[day:] *= event.price_factor
    return factor


def batch_factor(share_percent: float, discount_percent: float) -> float:
    """What batch sending leaves of the token bill: 1 - share * discount."""
    return 1 - share_percent / 100 * discount_percent / 100


def quality_cost_by_day(scenario: Scenario, calls: np.ndarray, error_percent: float) -> np.ndarray:
    """$ a day of fixing wrong outputs: calls * error rate * cost per error."""
    return calls * error_percent / 100 * scenario.cost_per_error


def finetune_end_day(scenario: Scenario) -> int | None:
    """The first day of the earliest 'fine-tuned path ends' event within the horizon."""
    days = [
        scenario.event_day(event)
        for event in scenario.events
        if event.kind == "finetune_ends" and scenario.event_day(event) <= scenario.horizon_days
    ]
    return min(days) if days else None


def prompt_daily(scenario: Scenario) -> np.ndarray:
    """$ spent on the prompt path on each day 0..H."""
    calls = calls_by_day(scenario)
    token_cost = (
        calls
        * prompt_cost_per_call(scenario)
        * price_factor_by_day(scenario, scenario.prompt_price_change_percent_per_year, "prompt_price_change")
        * batch_factor(scenario.prompt_batch_percent, scenario.batch_discount_percent)
    )
    daily: np.ndarray = token_cost + quality_cost_by_day(scenario, calls, scenario.prompt_error_percent)
    return daily


def cache_hit_share(scenario: Scenario, calls: np.ndarray) -> np.ndarray:
    """Share of calls that find the prompt in the cache.

    Calls arriving at random: one finds the cache cold when no call came within the
    cache lifetime before it, so hit = 1 - exp(-calls per minute * lifetime). With no
    lifetime given the cache is always warm.
    """
    if scenario.cache_lifetime_minutes is None:
        return np.ones_like(calls)
    return 1 - np.exp(-calls / MINUTES_PER_DAY * scenario.cache_lifetime_minutes)


def prompt_cached_daily(scenario: Scenario) -> np.ndarray:
    """$ spent on the prompt path with prompt caching, on each day 0..H.

    Notes
    -----
    cacheable = prompt_tokens * cached share (none below the provider's minimum prompt);
    per call: (prompt - cacheable) * input price + cacheable * (hit * read + (1 - hit) * write)
    """
    calls = calls_by_day(scenario)
    cacheable = (
        scenario.prompt_tokens * scenario.cached_prompt_percent / 100
        if scenario.prompt_tokens >= scenario.cache_min_prompt_tokens
        else 0.0
    )
    price = scenario.price_per_million
    read = price if scenario.cache_read_price_per_million is None else scenario.cache_read_price_per_million
    write = (
        price if scenario.cache_write_price_per_million is None else scenario.cache_write_price_per_million
    )
    hit = cache_hit_share(scenario, calls)
    per_call = (
        (scenario.prompt_tokens - cacheable + scenario.input_tokens) * price
        + cacheable * (hit * read + (1 - hit) * write)
        + scenario.output_tokens * scenario.output_price_per_million
    ) / TOKENS_PER_MILLION
    token_cost = (
        calls
        * per_call
        * price_factor_by_day(scenario, scenario.prompt_price_change_percent_per_year, "prompt_price_change")
        * batch_factor(scenario.prompt_batch_percent, scenario.batch_discount_percent)
    )
    daily: np.ndarray = token_cost + quality_cost_by_day(scenario, calls, scenario.prompt_error_percent)
    return daily


def finetuned_tokens_by_day(scenario: Scenario, calls: np.ndarray) -> np.ndarray:
    """Tokens the fine-tuned model reads and writes on each day."""
    per_call = scenario.finetuned_prompt_tokens + scenario.input_tokens + scenario.output_tokens
    return calls * per_call


def gpus_by_day(scenario: Scenario, calls: np.ndarray) -> np.ndarray:
    """Rented GPUs running each day: enough for the day's tokens at the target utilisation."""
    hosting = scenario.self_hosting
    assert hosting is not None
    capacity = hosting.tokens_per_second_per_gpu * SECONDS_PER_DAY * hosting.utilisation_percent / 100
    gpus = np.maximum(1.0, np.ceil(finetuned_tokens_by_day(scenario, calls) / capacity))
    gpus[0] = 0.0
    return gpus


def finetune_daily(scenario: Scenario) -> np.ndarray:
    """$ of running cost on the fine-tuned path on each day 0..H.

    Calls at the fine-tuned model's prices (or rented GPUs when self-hosted), plus
    hosting and fixing errors; from a 'fine-tuned path ends' event on, the prompt path's cost.
    """
    calls = calls_by_day(scenario)
    if scenario.self_hosting is not None:
        running = gpus_by_day(scenario, calls) * HOURS_PER_DAY * scenario.self_hosting.gpu_hour_price
    else:
        running = (
            calls
            * finetune_cost_per_call(scenario)
            * price_factor_by_day(
                scenario, scenario.finetune_price_change_percent_per_year, "finetune_price_change"
            )
            * batch_factor(scenario.finetune_batch_percent, scenario.batch_discount_percent)
        )
    daily: np.ndarray = running + quality_cost_by_day(scenario, calls, scenario.finetune_error_percent)
    daily[1:] += scenario.hosting_cost_per_day
    end = finetune_end_day(scenario)
    if end is not None:
        daily[end:] = prompt_daily(scenario)[end:]
    return daily


def finetune_one_off(scenario: Scenario) -> np.ndarray:
    """One-off $ on each day 0..H: training on day 0, retraining on days N, 2N, ..., forced
    retraining on its event's day; none from the day the fine-tuned path ends."""
    one_off = np.zeros(scenario.horizon_days + 1)
    one_off[0] = scenario.training_cost
    if scenario.retrain_every_days is not None:
        one_off[scenario.retrain_every_days :: scenario.retrain_every_days] = scenario.effective_retrain_cost
    for event in scenario.events:
        day = scenario.event_day(event)
        if event.kind == "forced_retraining" and day <= scenario.horizon_days:
            one_off[day] += scenario.effective_retrain_cost if event.cost is None else event.cost
    end = finetune_end_day(scenario)
    if end is not None:
        one_off[end:] = 0.0
    return one_off


def prompt_one_off(scenario: Scenario) -> np.ndarray:
    """One-off $ of the prompt path: its own set-up (engineering, evaluation) on day 0."""
    one_off = np.zeros(scenario.horizon_days + 1)
    one_off[0] = scenario.prompt_setup_cost
    return one_off


def finetune_is_ahead(prompt_cumulative: np.ndarray, finetune_cumulative: np.ndarray) -> np.ndarray:
    """Per day: has the fine-tuned path cost no more than the prompt path so far?

    Compared with a tiny relative tolerance so that exact ties count as ties.
    """
    scale = np.maximum(np.abs(prompt_cumulative), np.abs(finetune_cumulative))
    ahead: np.ndarray = finetune_cumulative <= prompt_cumulative + BREAK_EVEN_RELATIVE_TOLERANCE * scale
    return ahead


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


def self_hosting_break_even_utilisation(scenario: Scenario) -> float | None:
    """GPU utilisation (0..1, may exceed 1) at which rented GPUs cost what the API's
    fine-tuned per-token prices would on day 1; None without self-hosting or API prices.

    Notes
    -----
    GPU cost per day at utilisation u = tokens / (tokens_per_second * 86,400 * u) * 24 * gpu_hour_price;
    setting it equal to calls * finetune_cost_per_call gives u.
    """
    hosting = scenario.self_hosting
    api_cost = scenario.calls_per_day * finetune_cost_per_call(scenario)
    if hosting is None or api_cost <= 0:
        return None
    tokens = finetuned_tokens_by_day(scenario, np.array([scenario.calls_per_day]))[0]
    gpu_days = tokens / (hosting.tokens_per_second_per_gpu * SECONDS_PER_DAY)
    return float(gpu_days * HOURS_PER_DAY * hosting.gpu_hour_price / api_cost)


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
    prompt_cached_cumulative: np.ndarray | None = None
    cached_break_even_day: int | None = None
    self_hosting_break_even_utilisation: float | None = None

    def finetune_is_ahead_on(self, day: int) -> bool:
        """Has fine-tuning cost no more than prompting by the end of this day?"""
        return bool(finetune_is_ahead(self.prompt_cumulative[day], self.finetune_cumulative[day]))

    @property
    def finetune_leads_at_end(self) -> bool:
        """Is fine-tuning the cheaper path (or level) on the last day of the horizon?"""
        return self.finetune_is_ahead_on(self.scenario.horizon_days)

    @property
    def prompt_cached_total(self) -> float | None:
        return None if self.prompt_cached_cumulative is None else float(self.prompt_cached_cumulative[-1])

    @property
    def caching_recovery(self) -> float | None:
        """Share of what fine-tuning would save that caching alone saves (None without both)."""
        if self.prompt_cached_total is None or self.savings <= 0:
            return None
        return (self.prompt_total - self.prompt_cached_total) / self.savings

    def summary(self) -> dict[str, Any]:
        """The scalar results, JSON-ready (None where SPEC says null, or a feature is off)."""
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
            "prompt_cached_total": self.prompt_cached_total,
            "cached_break_even_day": self.cached_break_even_day,
            "caching_recovery": self.caching_recovery,
            "self_hosting_break_even_utilisation": self.self_hosting_break_even_utilisation,
        }

    def to_frame(self) -> pd.DataFrame:
        """The daily series as a table, one row per day 0..H."""
        columns = {
            "day": self.days,
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


def evaluate(scenario: Scenario) -> CostResult:
    """Cost both paths of a scenario over its horizon.

    Notes
    -----
    prompt_cum(d)   = prompt set-up + sum of prompt_daily over days 1..d
    finetune_cum(d) = training_cost + sum of finetune_daily over days 1..d
                      + retrain_cost * floor(d / retrain_every_days)
    simple_break_even_days = (training_cost - prompt set-up) / (prompt_daily - finetune_daily) on day 1

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
    prompt_cumulative = np.cumsum(prompt_by_day + prompt_one_off(scenario))
    finetune_cumulative = np.cumsum(finetune_by_day + one_off)

    cached_cumulative = cached_break_even = None
    if scenario.caching_on:
        cached_cumulative = np.cumsum(prompt_cached_daily(scenario) + prompt_one_off(scenario))
        cached_break_even = break_even_day(cached_cumulative, finetune_cumulative)

    daily_saving = float(prompt_by_day[1] - finetune_by_day[1])
    extra_one_off = scenario.training_cost - scenario.prompt_setup_cost
    if daily_saving > 0:
        simple_break_even_days: float | None = max(extra_one_off, 0.0) / daily_saving
    else:
        simple_break_even_days = None
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
        simple_break_even_days=simple_break_even_days,
        daily_saving=daily_saving,
        prompt_overhead_tokens_per_day=overhead_tokens,
        prompt_overhead_cost_per_day=overhead_cost,
        prompt_overhead_cost_per_year=DAYS_PER_YEAR * overhead_cost,
        prompt_total=prompt_total,
        finetune_total=finetune_total,
        savings=prompt_total - finetune_total,
        prompt_cached_cumulative=cached_cumulative,
        cached_break_even_day=cached_break_even,
        self_hosting_break_even_utilisation=self_hosting_break_even_utilisation(scenario),
    )
