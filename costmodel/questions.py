"""The reverse questions a manager asks, answered by the daily model (docs/MODEL.md §4).

"How many calls a day do we need?", "How much may training cost?", "How much more may
the fine-tuned model charge per token?": each is the edge where the scenario stops (or
starts) paying back. Paying back moves one way as each of these inputs grows, so the
edge is found by narrowing a range of whole steps (calls, cents, tenths of a percent),
costing 64 candidates at once as 64 draws of the one model; no formula is restated.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from costmodel.model import DAYS_PER_MONTH, Inputs, cumulative_costs
from costmodel.scenario import MAX_AMOUNT, Scenario

CANDIDATES_PER_ROUND = 64


def first_paying_step(pays_back: Callable[[np.ndarray], np.ndarray], low: int, high: int) -> int | None:
    """The smallest whole step in low..high at which `pays_back` holds, for a predicate that,
    once true, stays true for every larger step; None when it fails even at `high`.

    >>> first_paying_step(lambda steps: steps >= 1_234, 0, 10**12)
    1234
    """
    # Each round costs both ends with the steps between them, so the first round also asks
    # whether `high` pays back at all and whether `low` already does.
    while True:
        steps = np.concatenate(([low], _candidates(low, high), [high]))
        paying = pays_back(steps)
        if not paying[-1]:
            return None
        first = int(np.argmax(paying))
        if first == 0:
            return low
        # From here on `low` does not pay back and `high` does.
        low, high = int(steps[first - 1]), int(steps[first])
        if high - low <= 1:
            return high


def _candidates(low: int, high: int) -> np.ndarray:
    """The whole steps strictly between `low` and `high` costed in one round: half of them evenly
    spread, half spaced ever closer towards either end. The ranges are vast (10¹⁴ cents) and an
    answer usually lies near one end (a few thousand calls out of 10¹²), where the close ones
    find it in half the rounds that even spacing alone takes.

    >>> _candidates(0, 10).tolist()
    [1, 2, 3, 4, 5, 6, 7, 8, 9]
    """
    width = high - low
    if width < 2:
        return np.array([], dtype=np.int64)
    towards_ends = np.geomspace(1, width, CANDIDATES_PER_ROUND // 4 + 1)
    candidates = np.concatenate(
        [np.linspace(low, high, CANDIDATES_PER_ROUND // 2 + 2), low + towards_ends, high - towards_ends]
    )
    steps = np.unique(candidates.round().astype(np.int64))
    return steps[(steps > low) & (steps < high)]


def _pays_back_with(
    scenario: Scenario, draws: Callable[[np.ndarray], dict[str, np.ndarray]]
) -> Callable[[np.ndarray], np.ndarray]:
    def pays_back(steps: np.ndarray) -> np.ndarray:
        result: np.ndarray = cumulative_costs(Inputs(scenario, draws(steps.astype(float)))).pays_back
        return result

    return pays_back


def within(scenario: Scenario, months: float | None) -> Scenario:
    """The scenario with its horizon cut to `months` (whole days), when given."""
    if months is None:
        return scenario
    days = max(1, min(scenario.horizon_days, round(months * DAYS_PER_MONTH)))
    return scenario.model_copy(update={"horizon_days": days})


def minimum_calls_per_day(scenario: Scenario, months: float | None = None) -> int | None:
    """Fewest whole calls on day 1 with which fine-tuning pays back within the horizon (or
    `months`); None when no volume up to 10¹² does, or with self-hosting, whose GPU count
    does not follow volume in a straight line.

    >>> minimum_calls_per_day(Scenario(calls_per_day=10_000, prompt_tokens=800,
    ...     price_per_million=5, finetuned_prompt_tokens=200, training_cost=3_000))
    1370
    """
    if scenario.self_hosting is not None:
        return None
    pays_back = _pays_back_with(within(scenario, months), lambda calls: {"calls_per_day": calls})
    return first_paying_step(pays_back, 0, int(MAX_AMOUNT))


def largest_training_cost(scenario: Scenario, months: float | None = None) -> float | None:
    """The most training may cost, to the cent, for fine-tuning to pay back within the horizon
    (or `months`); retraining that costs what training costs moves with it. None when even
    free training does not pay back.

    >>> largest_training_cost(Scenario(calls_per_day=10_000, prompt_tokens=800,
    ...     price_per_million=5, finetuned_prompt_tokens=200, training_cost=3_000))
    21900.0
    """
    top = int(MAX_AMOUNT * 100)
    pays_back = _pays_back_with(
        within(scenario, months), lambda cents: {"training_cost": (top - cents) / 100}
    )
    # More training never pays back sooner: count cents down from the top, so paying grows with the step.
    step = first_paying_step(pays_back, 0, top)
    return None if step is None else (top - step) / 100


def largest_finetuned_premium_percent(scenario: Scenario, months: float | None = None) -> float | None:
    """The most the fine-tuned model may charge over the base model's input and output prices,
    in % (to a tenth), for fine-tuning to pay back within the horizon (or `months`).
    Negative when it must be cheaper than the base model; None when even a free fine-tuned
    model does not pay back, or with self-hosting (no token prices).

    >>> largest_finetuned_premium_percent(Scenario(calls_per_day=10_000, prompt_tokens=800,
    ...     price_per_million=5, finetuned_prompt_tokens=200, training_cost=3_000))
    258.9
    """
    if scenario.self_hosting is not None:
        return None
    # Steps of a tenth of a percent, counted down from +100,000% (step 0) to -100%: paying
    # back grows with the step.
    top = 1_000_000

    def priced(tenths: np.ndarray) -> dict[str, np.ndarray]:
        factor = 1 + (top - tenths) / 1_000
        return {
            "finetuned_price_per_million": scenario.price_per_million * factor,
            "finetuned_output_price_per_million": scenario.output_price_per_million * factor,
        }

    step = first_paying_step(_pays_back_with(within(scenario, months), priced), 0, top + 1_000)
    return None if step is None else (top - step) / 10


# Each question searches over its own inputs, so its answer does not depend on the values
# the scenario gives them: with these in their place it is the same (a cache of answers
# keyed without them still holds it when only those inputs move).
SEARCHED_INPUTS: dict[str, dict[str, float | None]] = {
    "minimum_calls_per_day": {"calls_per_day": 0},
    "largest_training_cost": {"training_cost": 0},
    "largest_finetuned_premium_percent": {
        "finetuned_price_per_million": None,
        "finetuned_output_price_per_million": None,
    },
}
