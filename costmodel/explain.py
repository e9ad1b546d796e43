"""Results in plain words: money, days, and the one sentence a manager repeats."""

from __future__ import annotations

import math

from costmodel.model import DAYS_PER_YEAR, CostResult


def format_money(dollars: float) -> str:
    """Dollars as a person writes them: cents only where they matter.

    >>> format_money(0.6), format_money(40), format_money(14_600), format_money(-2_500.4)
    ('$0.60', '$40.00', '$14,600', '-$2,500')
    """
    sign = "-" if dollars < 0 and round(abs(dollars), 2) > 0 else ""
    amount = abs(dollars)
    if amount < 100:
        return f"{sign}${amount:,.2f}"
    return f"{sign}${amount:,.0f}"


def format_tokens(tokens: float) -> str:
    """Token counts in short form.

    >>> format_tokens(8_000_000), format_tokens(120_000), format_tokens(950)
    ('8M', '120k', '950')
    """
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(tokens) >= size:
            return f"{tokens / size:,.3g}{suffix}"
    return f"{tokens:,.0f}"


def describe_horizon(days: int) -> str:
    """A horizon in the words people use for it.

    >>> describe_horizon(730), describe_horizon(365), describe_horizon(90)
    ('2 years', '1 year', '90 days')
    """
    if days % DAYS_PER_YEAR == 0:
        years = days // DAYS_PER_YEAR
        return "1 year" if years == 1 else f"{years} years"
    return f"{days} days"


def _retraining(result: CostResult) -> str:
    scenario = result.scenario
    return (
        f"retraining ({format_money(scenario.effective_retrain_cost)} every "
        f"{scenario.retrain_every_days} days)"
    )


def headline(result: CostResult) -> str:
    """The answer in one sentence, including why fine-tuning never pays when it doesn't."""
    scenario = result.scenario
    horizon = describe_horizon(scenario.horizon_days)
    saved = format_money(abs(result.savings))

    if result.break_even_day is not None and result.finetune_leads_at_end:
        if result.break_even_day == 0:
            sentence = f"Fine-tuning is cheaper from the start and saves {saved} over {horizon}."
        else:
            sentence = (
                f"Fine-tuning pays for itself on day {result.break_even_day} "
                f"and saves {saved} over {horizon}."
            )
        if len(result.lead_changes) > 1:
            sentence += (
                f" It leads for good only from day {result.lead_changes[-1]}: "
                f"{_retraining(result)} hands the lead back in between."
            )
        return sentence

    if result.break_even_day is not None:
        handed_back = [day for day in result.lead_changes if day > result.break_even_day]
        return (
            f"Fine-tuning pulls ahead on day {result.break_even_day}, but {_retraining(result)} "
            f"hands the lead back on day {handed_back[0]}; over {horizon} prompting is "
            f"{saved} cheaper."
        )

    if result.daily_saving <= 0:
        return (
            f"Fine-tuning never pays for itself: it saves nothing per day "
            f"({format_money(-result.daily_saving)} a day more than prompting), so "
            f"{format_money(scenario.training_cost)} of training is never recovered; "
            f"over {horizon} prompting is {saved} cheaper."
        )

    simple_day = math.ceil(result.simple_break_even_days or 0)
    per_day = format_money(result.daily_saving)
    if scenario.retrain_every_days is not None:
        cycle_saving = result.daily_saving * scenario.retrain_every_days
        if scenario.effective_retrain_cost >= cycle_saving:
            return (
                f"Fine-tuning never catches up: each retraining costs "
                f"{format_money(scenario.effective_retrain_cost)}, more than the "
                f"{format_money(cycle_saving)} that {scenario.retrain_every_days} days save, "
                f"although the simple rule says day {simple_day}."
            )
        return (
            f"Fine-tuning does not pay for itself within {horizon} once {_retraining(result)} "
            f"is counted, although the simple rule says day {simple_day}; "
            f"prompting is {saved} cheaper over that time."
        )
    return (
        f"Fine-tuning does not pay for itself within {horizon}: at {per_day} a day saved, "
        f"{format_money(scenario.training_cost)} of training takes {simple_day} days to recover."
    )
