"""One daily model: `evaluate`, Monte Carlo and the oracle agree on every field a scenario has,
and every result is a finite number or an explicit "never"."""

import math
import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from pydantic import ValidationError

from costmodel import Scenario, describe_errors, evaluate, headline
from costmodel.cli import main as cli_main
from costmodel.montecarlo import UNCERTAIN_INPUTS, MonteCarloRun, Range, run_monte_carlo
from costmodel.scenario import Event
from tests.examples import ARTICLE
from tests.oracle import oracle
from tests.strategies import scenarios


def near_tie(prompt: float, finetune: float) -> bool:
    """Sums in another order may fall either side of a tie by a few ulps."""
    return abs(prompt - finetune) <= 1e-7 * max(abs(prompt), abs(finetune), 1.0)


@settings(max_examples=300, deadline=None)
@given(scenarios(every_field=True))
def test_evaluate_equals_the_day_by_day_oracle_on_every_field(scenario):
    result = evaluate(scenario)
    expected = oracle(scenario)
    np.testing.assert_allclose(result.prompt_cumulative, expected.prompt_cumulative, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(result.finetune_cumulative, expected.finetune_cumulative, rtol=1e-9, atol=1e-6)
    if scenario.caching_on:
        np.testing.assert_allclose(
            result.prompt_cached_cumulative, expected.prompt_cached_cumulative, rtol=1e-9, atol=1e-6
        )
    for day_of in ("break_even_day", "first_ahead_day"):
        days = (getattr(result, day_of), getattr(expected, day_of))
        if days[0] != days[1]:  # only where sums in another order fall the other side of a tie
            first = min(d for d in days if d is not None)
            last = scenario.horizon_days if None in days else max(d for d in days if d is not None)
            assert any(
                near_tie(expected.prompt_cumulative[day], expected.finetune_cumulative[day])
                for day in range(max(first - 1, 0), last + 1)
            ), day_of
    if result.pays_back != expected.pays_back:
        assert near_tie(expected.prompt_cumulative[-1], expected.finetune_cumulative[-1])


def zero_width(scenario: Scenario, draws: int = 3) -> MonteCarloRun:
    ranges = tuple(
        Range(field=field, low=value, likely=value, high=value)
        for field in UNCERTAIN_INPUTS
        if (value := getattr(scenario, field)) is not None
    )
    return MonteCarloRun(ranges=ranges, draws=draws)


@settings(max_examples=200, deadline=None)
@given(scenarios(every_field=True))
def test_zero_width_monte_carlo_equals_evaluate_on_every_field(scenario):
    outcome = run_monte_carlo(scenario, zero_width(scenario))
    result = evaluate(scenario)
    assert {outcome.break_even_percentile(p) for p in (0, 100)} == {result.break_even_day}
    assert outcome.payback_probability == (1.0 if result.pays_back else 0.0)
    np.testing.assert_allclose(outcome.savings, result.savings, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(
        outcome.fan[50],
        (result.prompt_cumulative - result.finetune_cumulative)[outcome.fan_days],
        rtol=1e-9,
        atol=1e-6,
    )


def finite(value: object) -> bool:
    if isinstance(value, list):
        return all(finite(item) for item in value)
    return value is None or isinstance(value, bool) or math.isfinite(value)


@settings(max_examples=200, deadline=None)
@given(scenarios(every_field=True))
@example(  # found by a random seed (issue 19): $40.80 of hosting over 2.2e-308 calls per 1,000 calls
    Scenario(
        calls_per_day=2.2250738585072014e-308,
        horizon_days=1,
        hosting_cost_per_day=40.8,
        prompt_tokens=0,
        price_per_million=0,
        training_cost=0,
    )
)
def test_every_result_is_finite_or_never(scenario):
    result = evaluate(scenario)
    assert all(finite(value) for value in result.summary().values()), result.summary()
    for series in (
        result.prompt_cumulative,
        result.finetune_cumulative,
        result.prompt_daily,
        result.finetune_daily,
    ):
        assert np.isfinite(series).all()
    text = headline(result)
    assert "inf" not in text
    assert "nan" not in text.lower()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {
                "events": tuple(
                    Event(kind="prompt_price_change", day=d + 1, price_factor=1e12) for d in range(40)
                )
            },
            "events",
        ),
        ({"start_date": "0001-01-01"}, "start_date"),
        ({"start_date": "9999-12-31"}, "start_date"),
    ],
    ids=["40 price changes x1e12", "year 1", "year 9999"],
)
def test_a_scenario_that_would_overflow_is_refused_naming_the_field(changes, field):
    with pytest.raises(ValidationError) as refused:
        Scenario.model_validate(ARTICLE.model_dump() | changes)
    assert any(f"({field})" in sentence for sentence in describe_errors(refused.value))


def test_a_vanishing_call_volume_gives_no_simple_rule_rather_than_infinity():
    result = evaluate(ARTICLE.model_copy(update={"calls_per_day": 2.2e-308}))
    assert result.simple_break_even_days is None
    assert "inf" not in headline(result)


def test_the_cli_prints_no_infinite_or_null_totals_for_a_huge_scenario(tmp_path, capsys):
    huge = ARTICLE.model_copy(
        update={"calls_per_day": 1e12, "prompt_tokens": 1e12, "price_per_million": 1e12, "horizon_days": 3650}
    )
    path = tmp_path / "huge.json"
    path.write_text(huge.model_dump_json())
    assert cli_main([str(path), "--json"]) == 0
    printed = capsys.readouterr().out
    assert "Infinity" not in printed
    assert '"prompt_total": null' not in printed
    assert cli_main([str(path)]) == 0
    assert "inf" not in capsys.readouterr().out


@settings(max_examples=300, deadline=None)
@given(scenarios(every_field=True))
def test_the_headline_agrees_with_the_metrics_in_every_case(scenario):
    result = evaluate(scenario)
    text = headline(result)
    claims_payback = text.startswith(("Fine-tuning pays for itself", "Fine-tuning is cheaper from the start"))
    assert claims_payback is result.pays_back, text
    if result.break_even_day is not None:
        assert f"day {result.break_even_day}" in text or result.break_even_day == 0, text
    recovery = re.search(r"takes ([\d,]+) days to recover", text)
    if recovery:
        assert int(recovery.group(1).replace(",", "")) > scenario.horizon_days, text
    simple = re.search(r"the simple rule says day ([\d,]+)", text)
    if simple:
        assert result.simple_break_even_days is not None
        assert int(simple.group(1).replace(",", "")) == math.ceil(result.simple_break_even_days)
