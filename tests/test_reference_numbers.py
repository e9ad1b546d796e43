"""SPEC §3: the source article's numbers, reproduced by `evaluate`."""

import pytest

from costmodel import Scenario, evaluate

ARTICLE = {"calls_per_day": 10_000, "prompt_tokens": 800, "price_per_million": 5}
WIKI_QA = {"calls_per_day": 200, "prompt_tokens": 600, "price_per_million": 5}
PITCHES = {"calls_per_day": 50_000, "prompt_tokens": 400, "price_per_million": 5}


@pytest.mark.parametrize(
    ("inputs", "tokens_per_day", "cost_per_day", "cost_per_year"),
    [
        (ARTICLE, 8_000_000, 40, 14_600),
        (WIKI_QA, 120_000, 0.60, 219),
        (PITCHES, 20_000_000, 100, 36_500),
    ],
    ids=["overhead example", "A: wiki Q&A", "B: pitch classification"],
)
def test_prompt_overhead(inputs, tokens_per_day, cost_per_day, cost_per_year):
    result = evaluate(Scenario(**inputs, training_cost=0))
    assert result.prompt_overhead_tokens_per_day == tokens_per_day
    assert result.prompt_overhead_cost_per_day == pytest.approx(cost_per_day)
    assert result.prompt_overhead_cost_per_year == pytest.approx(cost_per_year)


@pytest.mark.parametrize(
    ("inputs", "horizon_days", "daily_saving", "simple_days", "break_even_day"),
    [
        (ARTICLE | {"finetuned_prompt_tokens": 200, "training_cost": 3_000}, 730, 30, 100, 100),
        (WIKI_QA | {"training_cost": 500}, 730, 0.60, 833.3333, None),
        (WIKI_QA | {"training_cost": 500}, 1_000, 0.60, 833.3333, 834),
        (PITCHES | {"training_cost": 2_000}, 730, 100, 20, 20),
        (PITCHES | {"training_cost": 5_000}, 730, 100, 50, 50),
    ],
    ids=["break-even example", "A within two years", "A within 1000 days", "B $2,000", "B $5,000"],
)
def test_break_even(inputs, horizon_days, daily_saving, simple_days, break_even_day):
    result = evaluate(Scenario(**inputs, horizon_days=horizon_days))
    assert result.daily_saving == pytest.approx(daily_saving)
    assert result.simple_break_even_days == pytest.approx(simple_days, rel=1e-5)
    assert result.break_even_day == break_even_day
