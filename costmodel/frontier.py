"""The break-even frontier: at what volume, prompt saving or training cost fine-tuning pays.

Each cell of the grid is one draw of the daily model (`costmodel.model.cumulative_costs`):
calls per day and the prompt tokens saved (or the training cost) are replaced by arrays,
and everything else is the scenario's own, growth, price trends, events, launch day and
self-hosting included. There is no second break-even formula: a cell is exactly what
`evaluate` says for that point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from costmodel.model import Inputs, cumulative_costs
from costmodel.montecarlo import in_blocks
from costmodel.scenario import Scenario

# The frontier's other axis: a key of AXIS_LABELS.
FrontierAxis = str
AXIS_LABELS: dict[str, str] = {
    "prompt_tokens_saved": "prompt tokens saved per call",
    "training_cost": "training cost ($)",
}


@dataclass(frozen=True)
class Frontier:
    calls: np.ndarray
    other: np.ndarray
    break_even: np.ndarray  # other x calls; NEVER where not within the horizon
    other_label: str


def current_other(scenario: Scenario, by: FrontierAxis) -> float:
    """Where the scenario itself sits on the frontier's other axis."""
    if by == "training_cost":
        return scenario.training_cost
    return scenario.prompt_tokens - scenario.finetuned_prompt_tokens


def break_even_grid(scenario: Scenario, calls: np.ndarray, other: np.ndarray, by: FrontierAxis) -> np.ndarray:
    """Break-even day (NEVER for none) for every pair of `other` (rows) and `calls` (columns).

    Examples
    --------
    >>> article = Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...                    finetuned_prompt_tokens=200, training_cost=3_000)
    >>> break_even_grid(article, np.array([10_000.0, 20_000.0]), np.array([600.0]), "prompt_tokens_saved")
    array([[100.,  50.]])
    """
    other_values = np.repeat(np.asarray(other, dtype=float), len(calls))
    drawn = {
        "calls_per_day": np.tile(np.asarray(calls, dtype=float), len(other)),
        **(
            {"training_cost": other_values}
            if by == "training_cost"
            else {"prompt_tokens": scenario.finetuned_prompt_tokens + other_values}
        ),
    }

    def block(start: int, stop: int) -> np.ndarray:
        part = {field: values[start:stop] for field, values in drawn.items()}
        days: np.ndarray = np.broadcast_to(
            cumulative_costs(Inputs(scenario, part)).break_even_days, stop - start
        )
        return days

    return np.concatenate(in_blocks(other_values.size, block)).reshape(len(other), len(calls))


def frontier_grid(scenario: Scenario, by: FrontierAxis = "prompt_tokens_saved", size: int = 100) -> Frontier:
    """Break-even days over calls per day (log scale) x prompt tokens saved or training cost."""
    top_calls = max(scenario.calls_per_day * 10, 10_000)
    calls = np.geomspace(max(top_calls / 1_000, 1), top_calls, size)
    other = np.linspace(0, max(current_other(scenario, by) * 3, 1_000), size)
    return Frontier(calls, other, break_even_grid(scenario, calls, other, by), AXIS_LABELS[by])
