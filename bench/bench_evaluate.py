"""Time `evaluate` on one 730-day scenario (target: well under 2 ms).

Prints `name: value unit` lines. Run: .venv/bin/python -m bench.bench_evaluate
"""

from __future__ import annotations

import timeit

from costmodel import Scenario, evaluate

SCENARIO = Scenario(
    calls_per_day=10_000, prompt_tokens=800, price_per_million=5, finetuned_prompt_tokens=200,
    training_cost=3_000, retrain_every_days=90, retrain_cost=1_000, horizon_days=730,
)


def best_of(repeat: int, number: int) -> float:
    """Best per-call time in seconds: the least disturbed run on a shared machine."""
    timer = timeit.Timer(lambda: evaluate(SCENARIO))
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main() -> None:
    evaluate(SCENARIO)
    seconds = best_of(repeat=7, number=500)
    print(f"evaluate_730_days: {seconds * 1e3:.3f} ms (target < 2 ms)")
    frame_seconds = min(timeit.repeat(lambda: evaluate(SCENARIO).to_frame(), repeat=5, number=100)) / 100
    print(f"evaluate_730_days_with_dataframe: {frame_seconds * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
