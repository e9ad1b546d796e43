"""Benchmarks: each figure printed as `name: value unit (target)`.

Run: .venv/bin/python -m bench.run   (not part of the test command; machines here are
shared and noisy, so each figure is the best of several runs)
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

from costmodel import Scenario, evaluate
from costmodel.frontier import frontier_grid
from costmodel.montecarlo import MonteCarloRun, default_ranges, run_monte_carlo

ARTICLE = Scenario(
    calls_per_day=10_000,
    prompt_tokens=800,
    price_per_million=5,
    finetuned_prompt_tokens=200,
    training_cost=3_000,
    retrain_every_days=90,
    retrain_cost=1_000,
    horizon_days=730,
)
FIVE_YEARS = ARTICLE.model_copy(update={"horizon_days": 1_825, "calls_growth_percent_per_month": 2})


def best_seconds(action: Callable[[], object], repeat: int, number: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            action()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def peak_megabytes(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    evaluate(ARTICLE)
    print(
        f"evaluate_730_days: {best_seconds(lambda: evaluate(ARTICLE), 7, 200) * 1e3:.3f} ms (target < 2 ms)"
    )

    run = MonteCarloRun(ranges=default_ranges(FIVE_YEARS), draws=10_000)
    monte_carlo = lambda: run_monte_carlo(FIVE_YEARS, run)  # noqa: E731
    monte_carlo()
    print(f"monte_carlo_10000_x_1825: {best_seconds(monte_carlo, 5) * 1e3:.0f} ms (target < 300 ms)")
    print(f"monte_carlo_10000_x_1825_peak_memory: {peak_megabytes(monte_carlo):.0f} MB (target < 400 MB)")

    frontier = lambda: frontier_grid(ARTICLE)  # noqa: E731
    frontier()
    print(f"frontier_100_x_100: {best_seconds(frontier, 7) * 1e3:.1f} ms (target < 200 ms)")


if __name__ == "__main__":
    main()
