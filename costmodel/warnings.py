"""What the simple rule hides (docs/MODEL.md §4), as warnings the pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from costmodel.explain import money_for
from costmodel.model import (
    CostResult,
    Inputs,
    calls_by_day,
    evaluate,
    finetune_cost_per_call,
    finetuned_tokens_by_day,
    gpu_cost_per_day,
    gpu_tokens_per_day,
    gpus_by_day,
    prompt_cost_per_call,
    volume_by_day,
)
from costmodel.scenario import Scenario

# Calls growing (or shrinking) more than tenfold over the horizon: a fitted or typed rate that
# compounds into a business the data never showed, and the answer then rests on it.
EXTREME_GROWTH_MULTIPLE = 10.0

TRAINING_EFFORT_REMINDER = (
    "Training compute is often the smallest part of the training cost: curating 200–500 "
    "good examples and building an evaluation set usually cost more. Count them in."
)


@dataclass(frozen=True)
class CostWarning:
    kind: Literal[
        "premium",
        "retraining_trap",
        "lead_handed_back",
        "hosting",
        "training_effort",
        "caching",
        "events",
        "self_hosting",
        "growth",
    ]
    level: Literal["warning", "info"]
    message: str


def finetuned_premium_per_day(result: CostResult) -> float:
    """$ a day the fine-tuned model's higher token prices add, on every token it reads and writes.

    Notes
    -----
    calls * (fine-tuned cost per call - the same tokens at the base model's prices), day 1
    """
    scenario = result.scenario
    at_base_prices = scenario.model_copy(
        update={"finetuned_price_per_million": None, "finetuned_output_price_per_million": None}
    )
    premium_per_call = finetune_cost_per_call(Inputs(scenario)) - finetune_cost_per_call(
        Inputs(at_base_prices)
    )
    return float(scenario.calls_per_day * premium_per_call)


def shorter_prompt_saving_per_day(result: CostResult) -> float:
    """$ a day the shorter prompt saves at the base model's prices (day 1).

    Notes
    -----
    calls * (prompt cost per call - the same call with the prompt kept after fine-tuning)
    """
    scenario = result.scenario
    shorter = scenario.model_copy(update={"prompt_tokens": scenario.finetuned_prompt_tokens})
    saving_per_call = prompt_cost_per_call(Inputs(scenario)) - prompt_cost_per_call(Inputs(shorter))
    return float(scenario.calls_per_day * saving_per_call)


def growth_multiple(scenario: Scenario) -> float:
    """How many times day 1's calls the horizon's last day has, at the scenario's growth.

    Notes
    -----
    (1 + growth / 100) ** ((H - 1) / 30.4375), the model's volume on day H

    >>> round(growth_multiple(Scenario(calls_per_day=1, prompt_tokens=1, price_per_million=1,
    ...     training_cost=0, calls_growth_percent_per_month=35.4)))
    1420
    """
    return float(volume_by_day(Inputs(scenario))[-1, 0])


def multiple_words(multiple: float) -> str:
    """A multiple as the growth sentences write it.

    >>> multiple_words(1450.6), multiple_words(3.27), multiple_words(0.123)
    ('x1,451', 'x3.3', 'x0.12')
    """
    if multiple >= 100:
        return f"x{multiple:,.0f}"
    return f"x{multiple:,.2g}" if multiple < 1 else f"x{multiple:,.1f}".removesuffix(".0")


def growth_words(scenario: Scenario) -> str | None:
    """What the growth rate comes to by the horizon's end, or None when calls do not grow.

    >>> growth_words(Scenario(calls_per_day=10_000, prompt_tokens=1, price_per_million=1,
    ...     training_cost=0, calls_growth_percent_per_month=35.4))
    '+35.4% a month compounds to x1,420 the calls by day 730: 14,202,396 calls a day instead of 10,000.'
    """
    rate = scenario.calls_growth_percent_per_month
    if rate == 0:
        return None
    multiple = growth_multiple(scenario)
    rate_words = f"{rate:+,.1f}".removesuffix(".0")
    return (
        f"{rate_words}% a month compounds to {multiple_words(multiple)} the calls by day "
        f"{scenario.horizon_days:,}: {scenario.calls_per_day * multiple:,.0f} calls a day instead of "
        f"{scenario.calls_per_day:,.0f}."
    )


def growth_warning(scenario: Scenario) -> CostWarning | None:
    """The growth's multiple at the horizon's end; a warning beyond tenfold either way."""
    words = growth_words(scenario)
    if words is None:
        return None
    multiple = growth_multiple(scenario)
    if 1 / EXTREME_GROWTH_MULTIPLE < multiple < EXTREME_GROWTH_MULTIPLE:
        return CostWarning("growth", "info", f"Call volume growth: {words}")
    return CostWarning(
        "growth",
        "warning",
        f"Call volume growth: {words} The answer rests on that volume: check the rate is one the "
        "business can keep up for the whole horizon.",
    )


def cost_warnings(result: CostResult) -> list[CostWarning]:
    """Every warning that applies to this result, most serious first."""
    scenario = result.scenario
    money = money_for(scenario)
    warnings: list[CostWarning] = []
    horizon = scenario.horizon_days

    simple_day = result.simple_break_even_days
    simple_rule_met = simple_day is not None and simple_day <= horizon
    if scenario.retrain_every_days is not None and simple_rule_met and result.break_even_day is None:
        warnings.append(
            CostWarning(
                "retraining_trap",
                "warning",
                f"The retraining trap: the simple rule says fine-tuning pays back on day "
                f"{simple_day:,.0f}, but with retraining every {scenario.retrain_every_days} days "
                f"at {money(scenario.effective_retrain_cost)} the curves never meet "
                f"within {horizon:,} days.",
            )
        )
    if len(result.lead_changes) > 1:
        days = ", ".join(f"{day:,}" for day in result.lead_changes)
        warnings.append(
            CostWarning(
                "lead_handed_back",
                "warning",
                f"The lead changes hands {len(result.lead_changes)} times (days {days}): retraining "
                "hands it back to prompting. Every change is marked on the chart.",
            )
        )

    premium = finetuned_premium_per_day(result)
    saving = shorter_prompt_saving_per_day(result)
    if premium > 0:
        if saving > 0:
            share = premium / saving
            eaten = "more than all" if share > 1 else f"{share:.0%}"
            warnings.append(
                CostWarning(
                    "premium",
                    "warning",
                    f"The fine-tuned model's higher prices cost {money(premium)} a day on "
                    f"every input and output token, not only the prompt: that eats {eaten} of the "
                    f"{money(saving)} a day the shorter prompt saves.",
                )
            )
        else:
            warnings.append(
                CostWarning(
                    "premium",
                    "warning",
                    f"The fine-tuned model's higher prices cost {money(premium)} a day and "
                    "the prompt is no shorter, so nothing pays for them.",
                )
            )

    if scenario.hosting_cost_per_day > 0:
        saving_before_hosting = result.daily_saving + scenario.hosting_cost_per_day
        if scenario.hosting_cost_per_day >= saving_before_hosting:
            warnings.append(
                CostWarning(
                    "hosting",
                    "warning",
                    f"Hosting the fine-tuned model ({money(scenario.hosting_cost_per_day)} a "
                    f"day) costs more than the {money(max(saving_before_hosting, 0))} a day "
                    "the fine-tuned calls save.",
                )
            )

    if scenario.caching_on and scenario.prompt_tokens < scenario.cache_min_prompt_tokens:
        warnings.append(
            CostWarning(
                "caching",
                "warning",
                f"The prompt ({scenario.prompt_tokens:,.0f} tokens) is shorter than the "
                f"{scenario.cache_min_prompt_tokens:,.0f} tokens the provider caches: "
                "caching saves nothing here.",
            )
        )
    elif result.caching_recovery is not None:
        caching_saves = money(result.prompt_total - (result.prompt_cached_total or 0))
        if result.caching_recovery >= 1:
            sentence = (
                f"Caching alone saves more than fine-tuning would over {horizon:,} days: "
                f"{caching_saves} against {money(result.savings)}, with no training at all."
            )
        else:
            sentence = (
                f"Caching alone recovers {result.caching_recovery:.0%} of what fine-tuning would save "
                f"over {horizon:,} days ({caching_saves} of {money(result.savings)}), "
                "with no training at all."
            )
        warnings.append(
            CostWarning("caching", "warning" if result.caching_recovery >= 0.5 else "info", sentence)
        )
    elif result.prompt_cached_total is not None:
        warnings.append(
            CostWarning(
                "caching",
                "info",
                f"With caching the prompt path costs {money(result.prompt_cached_total)} over {horizon:,} "
                f"days instead of {money(result.prompt_total)}.",
            )
        )

    if scenario.events:
        without = evaluate(scenario.model_copy(update={"events": ()}))
        warnings.append(
            CostWarning(
                "events",
                "warning" if result.savings < without.savings else "info",
                f"The dated events change what fine-tuning saves over {horizon:,} days from "
                f"{money(without.savings)} to {money(result.savings)}. Each is marked on the chart.",
            )
        )

    if scenario.self_hosting is not None:
        hosting = scenario.self_hosting
        inputs = Inputs(scenario)
        calls = calls_by_day(inputs)
        gpus = float(gpus_by_day(inputs, calls)[1, 0])
        busy = finetuned_tokens_by_day(inputs, calls)[1, 0] / (gpus * gpu_tokens_per_day(hosting))
        sentence = (
            f"Self-hosting runs {gpus:,.0f} GPU{'s' if gpus != 1 else ''} on day 1 "
            f"({money(float(gpu_cost_per_day(hosting, gpus)))} a day), busy {busy:.0%} of the time."
        )
        utilisation = result.self_hosting_break_even_utilisation_percent
        if utilisation is not None:
            sentence += (
                f" Rented GPUs beat the API's fine-tuned token prices only when at least "
                f"{utilisation:,.0f}% busy"
                + (": more than a GPU can be, so the API is cheaper." if utilisation > 100 else ".")
            )
        warnings.append(CostWarning("self_hosting", "info", sentence))

    growth = growth_warning(scenario)
    if growth is not None:
        warnings.append(growth)
    warnings.append(CostWarning("training_effort", "info", TRAINING_EFFORT_REMINDER))
    return warnings
