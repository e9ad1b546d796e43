"""Validation at the edge: what a Scenario accepts, and errors that name the field."""

import pytest
from pydantic import ValidationError

from costmodel import FIELD_LABELS, Scenario, describe_errors

REQUIRED = {"calls_per_day": 100, "prompt_tokens": 500, "price_per_million": 5, "training_cost": 1_000}


def errors_for(**changes):
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(REQUIRED | changes)
    return describe_errors(caught.value)


def test_defaults_follow_spec_section_2():
    scenario = Scenario(**REQUIRED)
    assert scenario.horizon_days == 730
    assert (scenario.input_tokens, scenario.output_tokens, scenario.output_price_per_million) == (0, 0, 0)
    assert scenario.finetuned_prompt_tokens == 0
    assert scenario.retrain_every_days is None
    assert scenario.hosting_cost_per_day == 0
    assert scenario.effective_finetuned_price_per_million == 5
    assert scenario.effective_finetuned_output_price_per_million == 0
    assert scenario.effective_retrain_cost == 1_000


def test_explicit_finetuned_prices_and_retrain_cost_win_over_defaults():
    scenario = Scenario(
        **REQUIRED, finetuned_price_per_million=7.5, finetuned_output_price_per_million=15, retrain_cost=250
    )
    assert scenario.effective_finetuned_price_per_million == 7.5
    assert scenario.effective_finetuned_output_price_per_million == 15
    assert scenario.effective_retrain_cost == 250


def test_name_and_notes_are_optional_text():
    scenario = Scenario(**REQUIRED, name="Support bot", notes="from the Q3 logs")
    assert (scenario.name, scenario.notes) == ("Support bot", "from the Q3 logs")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"calls_per_day": -1}, "calls per day (calls_per_day) must be 0 or more, not -1"),
        (
            {"price_per_million": float("nan")},
            "input price ($ per 1M tokens) (price_per_million) must be a finite number",
        ),
        ({"training_cost": float("inf")}, "training cost ($) (training_cost) must be a finite number"),
        ({"prompt_tokens": "800"}, "prompt tokens per call (prompt_tokens) must be a number"),
        ({"calls_per_day": True}, "calls per day (calls_per_day) must be a number"),
        ({"horizon_days": 0}, "horizon (days) (horizon_days) must be 1 or more"),
        ({"horizon_days": 3651}, "horizon (days) (horizon_days) must be 3,650 or less"),
        ({"retrain_every_days": 0}, "retrain every (days) (retrain_every_days) must be 1 or more"),
        ({"retrain_every_days": 30.5}, "retrain every (days) (retrain_every_days) must be a whole number"),
        ({"discount": 0.1}, "'discount' is not a scenario field"),
    ],
)
def test_bad_values_are_refused_with_the_field_in_words(changes, expected):
    assert any(message.startswith(expected) for message in errors_for(**changes)), errors_for(**changes)


def test_missing_required_field_is_named():
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate({"prompt_tokens": 1, "price_per_million": 1, "training_cost": 1})
    assert describe_errors(caught.value) == ["calls per day (calls_per_day) is required"]


def test_edge_values_are_accepted():
    scenario = Scenario(**REQUIRED | {"calls_per_day": 0, "horizon_days": 3650, "retrain_every_days": 1})
    assert scenario.horizon_days == 3650


def test_every_scenario_field_has_a_label():
    # A field without one is dropped from share links (costmodel/sharing.py reads FIELD_LABELS).
    assert set(FIELD_LABELS) == set(Scenario.model_fields)


@pytest.mark.parametrize(
    ("hosting", "problem"),
    [
        (
            {"tokens_per_second_per_gpu": 1e-300, "gpu_hour_price": 1e12},
            "self-hosting (self_hosting.tokens_per_second_per_gpu) must be 0.001 or more, not 1e-300",
        ),
        (
            {"tokens_per_second_per_gpu": 100, "gpu_hour_price": 1e12, "utilisation_percent": 1e-300},
            "self-hosting (self_hosting.utilisation_percent) must be 0.01 or more, not 1e-300",
        ),
    ],
)
def test_self_hosting_that_would_need_more_gpus_than_a_number_holds_is_refused(hosting, problem):
    # Once an OverflowError on What-if and "$inf" on Present (issue 20).
    with pytest.raises(ValidationError) as refused:
        Scenario(calls_per_day=1, prompt_tokens=1, price_per_million=1, training_cost=1, self_hosting=hosting)
    assert describe_errors(refused.value) == [problem]
