"""Which inputs the answer hangs on: savings when each input moves up and down."""

from __future__ import annotations

from dataclasses import dataclass

from costmodel.explain import describe_input, money_for
from costmodel.model import CostResult, evaluate
from costmodel.scenario import FIELD_LABELS, Scenario

# Inputs a user estimates (volumes, prices, costs); the horizon is a choice, not an estimate.
ESTIMATED_INPUTS = (
    "calls_per_day",
    "prompt_tokens",
    "price_per_million",
    "input_tokens",
    "output_tokens",
    "output_price_per_million",
    "finetuned_prompt_tokens",
    "finetuned_price_per_million",
    "finetuned_output_price_per_million",
    "training_cost",
    "retrain_every_days",
    "retrain_cost",
    "hosting_cost_per_day",
    "prompt_setup_cost",
    "calls_growth_percent_per_month",
    "cached_prompt_percent",
    "prompt_error_percent",
    "finetune_error_percent",
    "cost_per_error",
)
# Shares cannot pass 100%.
CAPPED_AT_100 = {"cached_prompt_percent", "prompt_error_percent", "finetune_error_percent"}
DEFAULT_CHANGE = 0.2


@dataclass(frozen=True)
class Swing:
    """Savings over the horizon with one input lowered and raised by the same share."""

    field: str
    value: float
    low_value: float
    high_value: float
    savings_low: float
    savings_high: float
    break_even_low: int | None
    break_even_high: int | None

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]

    @property
    def swing(self) -> float:
        return abs(self.savings_high - self.savings_low)


def _moved(scenario: Scenario, field: str, factor: float) -> tuple[float, float, int | None]:
    value = getattr(scenario, field)
    moved = value * factor
    if field == "retrain_every_days":
        moved = max(1, round(moved))
    if field in CAPPED_AT_100:
        moved = min(moved, 100.0)
    result = evaluate(scenario.model_copy(update={field: moved}))
    return moved, result.savings, result.break_even_day


def savings_swings(scenario: Scenario, change: float = DEFAULT_CHANGE) -> list[Swing]:
    """One swing per estimated input that is set and not zero, largest swing first.

    >>> article = Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...                    finetuned_prompt_tokens=200, training_cost=3_000)
    >>> [s.field for s in savings_swings(article)[:3]]
    ['prompt_tokens', 'calls_per_day', 'price_per_million']
    """
    swings = []
    for field in ESTIMATED_INPUTS:
        value = getattr(scenario, field)
        if not value:
            continue
        low_value, savings_low, break_even_low = _moved(scenario, field, 1 - change)
        high_value, savings_high, break_even_high = _moved(scenario, field, 1 + change)
        swings.append(
            Swing(
                field,
                value,
                low_value,
                high_value,
                savings_low,
                savings_high,
                break_even_low,
                break_even_high,
            )
        )
    return sorted(swings, key=lambda s: s.swing, reverse=True)


def key_assumptions(result: CostResult, count: int = 3) -> list[str]:
    """The inputs the savings hang on most, each with how far a ±20% error moves them."""
    money = money_for(result.scenario)
    lines = []
    for swing in savings_swings(result.scenario)[:count]:
        low, high = sorted((swing.savings_low, swing.savings_high))
        lines.append(
            f"{swing.label[0].upper()}{swing.label[1:]}: {describe_input(result.scenario, swing.field)}. "
            f"{DEFAULT_CHANGE:.0%} either way moves the savings between {money(low)} and "
            f"{money(high)}."
        )
    return lines
