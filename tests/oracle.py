"""docs/MODEL.md written out as a plain loop over days, independently of costmodel.model.

Slow and obvious on purpose: the differential tests hold `evaluate` to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from costmodel import Scenario


@dataclass
class OracleResult:
    prompt_cumulative: list[float]
    prompt_cached_cumulative: list[float]
    finetune_cumulative: list[float]
    break_even_day: int | None
    first_ahead_day: int | None
    pays_back: bool


def _event_day(scenario: Scenario, event) -> int:
    if event.day is not None:
        return event.day
    return (event.on_date - scenario.start_date).days + 1


def _ahead(prompt: float, finetune: float) -> bool:
    return finetune <= prompt + 1e-9 * max(abs(prompt), abs(finetune))


def oracle(s: Scenario) -> OracleResult:
    horizon = s.horizon_days
    ft_price = s.price_per_million if s.finetuned_price_per_million is None else s.finetuned_price_per_million
    ft_output_price = (
        s.output_price_per_million
        if s.finetuned_output_price_per_million is None
        else s.finetuned_output_price_per_million
    )
    retrain_cost = s.training_cost if s.retrain_cost is None else s.retrain_cost
    read_price = (
        s.price_per_million if s.cache_read_price_per_million is None else s.cache_read_price_per_million
    )
    write_price = (
        s.price_per_million if s.cache_write_price_per_million is None else s.cache_write_price_per_million
    )
    end_days = [
        _event_day(s, e) for e in s.events if e.kind == "finetune_ends" and _event_day(s, e) <= horizon
    ]
    end = min(end_days) if end_days else horizon + 1

    prompt = [s.prompt_setup_cost]
    cached = [s.prompt_setup_cost]
    finetune = [s.training_cost]
    for day in range(1, horizon + 1):
        calls = s.calls_per_day * (1 + s.calls_growth_percent_per_month / 100) ** ((day - 1) / (365.25 / 12))
        prompt_factor = (1 + s.prompt_price_change_percent_per_year / 100) ** ((day - 1) / 365)
        finetune_factor = (1 + s.finetune_price_change_percent_per_year / 100) ** ((day - 1) / 365)
        for event in s.events:
            if _event_day(s, event) <= day:
                if event.kind == "prompt_price_change":
                    prompt_factor *= event.price_factor
                if event.kind == "finetune_price_change":
                    finetune_factor *= event.price_factor
        prompt_batch = 1 - s.prompt_batch_percent / 100 * s.batch_discount_percent / 100
        finetune_batch = 1 - s.finetune_batch_percent / 100 * s.batch_discount_percent / 100
        prompt_errors = calls * s.prompt_error_percent / 100 * s.cost_per_error
        finetune_errors = calls * s.finetune_error_percent / 100 * s.cost_per_error

        per_call = (
            (s.prompt_tokens + s.input_tokens) * s.price_per_million
            + s.output_tokens * s.output_price_per_million
        ) / 1e6
        prompt_today = calls * per_call * prompt_factor * prompt_batch + prompt_errors

        cacheable = s.prompt_tokens * s.cached_prompt_percent / 100
        if s.prompt_tokens < s.cache_min_prompt_tokens:
            cacheable = 0
        if s.cache_lifetime_minutes is None:
            hit = 1.0
        else:
            hit = 1 - math.exp(-calls / 1440 * s.cache_lifetime_minutes)
        cached_per_call = (
            (s.prompt_tokens - cacheable + s.input_tokens) * s.price_per_million
            + cacheable * (hit * read_price + (1 - hit) * write_price)
            + s.output_tokens * s.output_price_per_million
        ) / 1e6
        cached_today = calls * cached_per_call * prompt_factor * prompt_batch + prompt_errors

        if day >= end or day < s.finetune_launch_day:
            finetune_today = prompt_today
        else:
            if s.self_hosting is not None:
                h = s.self_hosting
                tokens = calls * (s.finetuned_prompt_tokens + s.input_tokens + s.output_tokens)
                gpus = max(
                    1,
                    math.ceil(tokens / (h.tokens_per_second_per_gpu * 86_400 * h.utilisation_percent / 100)),
                )
                running = gpus * 24 * h.gpu_hour_price
            else:
                ft_per_call = (
                    (s.finetuned_prompt_tokens + s.input_tokens) * ft_price
                    + s.output_tokens * ft_output_price
                ) / 1e6
                running = calls * ft_per_call * finetune_factor * finetune_batch
            finetune_today = running + finetune_errors + s.hosting_cost_per_day
            live_days = day - (s.finetune_launch_day - 1)
            if s.retrain_every_days is not None and live_days % s.retrain_every_days == 0:
                finetune_today += retrain_cost
        if day < end:
            for event in s.events:
                if event.kind == "forced_retraining" and _event_day(s, event) == day:
                    finetune_today += retrain_cost if event.cost is None else event.cost

        prompt.append(prompt[-1] + prompt_today)
        cached.append(cached[-1] + cached_today)
        finetune.append(finetune[-1] + finetune_today)

    ahead = [_ahead(prompt[day], finetune[day]) for day in range(horizon + 1)]
    ahead_days = [day for day, is_ahead in enumerate(ahead) if is_ahead]
    if ahead_days[:1] == [0] and ahead_days[1:2] != [1]:
        ahead_days = ahead_days[1:]  # level before any call and behind from day 1: not ahead on day 0
    behind_days = [day for day, is_ahead in enumerate(ahead) if not is_ahead]
    # Break-even: the day it pays back for good, ahead on every day from it to the horizon's end.
    pays_back = ahead[-1]
    break_even = (behind_days[-1] + 1 if behind_days else 0) if pays_back else None
    return OracleResult(
        prompt_cumulative=prompt,
        prompt_cached_cumulative=cached,
        finetune_cumulative=finetune,
        break_even_day=break_even,
        first_ahead_day=ahead_days[0] if ahead_days else None,
        pays_back=pays_back,
    )
