"""SPEC §3: the source article's numbers, reproduced by `evaluate`."""

import pytest

from costmodel import Scenario, evaluate
from tests.examples import ARTICLE, PITCHES, WIKI_QA


def with_(scenario: Scenario, **changes: object) -> Scenario:
    """The example with some inputs changed, validated again."""
    return Scenario.model_validate(scenario.model_dump() | changes)


@pytest.mark.parametrize(
    ("scenario", "tokens_per_day", "cost_per_day", "cost_per_year"),
    [
        (ARTICLE, 8_000_000, 40, 14_600),
        (WIKI_QA, 120_000, 0.60, 219),
        (PITCHES, 20_000_000, 100, 36_500),
    ],
    ids=["overhead example", "A: wiki Q&A", "B: pitch classification"],
)
def test_prompt_overhead(scenario, tokens_per_day, cost_per_day, cost_per_year):
    result = evaluate(scenario)
    assert result.prompt_overhead_tokens_per_day == tokens_per_day
    assert result.prompt_overhead_cost_per_day == pytest.approx(cost_per_day)
    assert result.prompt_overhead_cost_per_year == pytest.approx(cost_per_year)


@pytest.mark.parametrize(
    ("scenario", "horizon_days", "daily_saving", "simple_days", "break_even_day"),
    [
        (ARTICLE, 730, 30, 100, 100),
        (WIKI_QA, 730, 0.60, 833.3333, None),
        (WIKI_QA, 1_000, 0.60, 833.3333, 834),
        (PITCHES, 730, 100, 20, 20),
        (with_(PITCHES, training_cost=5_000), 730, 100, 50, 50),
    ],
    ids=["break-even example", "A within two years", "A within 1000 days", "B $2,000", "B $5,000"],
)
def test_break_even(scenario, horizon_days, daily_saving, simple_days, break_even_day):
    result = evaluate(with_(scenario, horizon_days=horizon_days))
    assert result.daily_saving == pytest.approx(daily_saving)
    assert result.simple_break_even_days == pytest.approx(simple_days, rel=1e-5)
    assert result.break_even_day == break_even_day
