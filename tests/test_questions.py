"""The reverse questions: each answer pays back by the daily model, one step past it does not."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from costmodel import evaluate, headline, questions
from costmodel.model import cumulative_costs
from costmodel.questions import (
    first_paying_step,
    largest_finetuned_premium_percent,
    largest_training_cost,
    minimum_calls_per_day,
    within,
)
from tests.examples import ARTICLE
from tests.strategies import scenarios


def pays_back(scenario, **changes) -> bool:
    return evaluate(scenario.model_copy(update=changes)).pays_back


def test_article_answers_by_hand():
    # $3,000 / (730 days x 600 tokens x $5/M) = 1,369.9 calls a day: 1,370 whole calls.
    assert minimum_calls_per_day(ARTICLE) == 1_370
    # 730 days x $30 a day saved = $21,900 of training at most.
    assert largest_training_cost(ARTICLE) == 21_900
    # 10,000 calls x 730 days x (800 - 200 f) x $5/M >= $3,000 gives f <= 3.589: +258.9%.
    assert largest_finetuned_premium_percent(ARTICLE) == 258.9


def test_within_months_cuts_the_horizon():
    # Six months (183 days) x $30 a day = $5,490 of training at most.
    assert within(ARTICLE, 6).horizon_days == 183
    assert largest_training_cost(ARTICLE, months=6) == 5_490


@settings(max_examples=60, deadline=None)
@given(scenarios(every_field=True))
def test_minimum_calls_pays_back_and_one_less_does_not(scenario):
    minimum = minimum_calls_per_day(scenario)
    if minimum is None:
        assert scenario.self_hosting is not None or not pays_back(scenario, calls_per_day=1e12)
        return
    at_minimum = evaluate(scenario.model_copy(update={"calls_per_day": minimum}))
    assert at_minimum.pays_back
    assert headline(at_minimum).startswith(("Fine-tuning pays for itself", "Fine-tuning is cheaper"))
    if minimum > 0:
        assert not pays_back(scenario, calls_per_day=minimum - 1)


@settings(max_examples=60, deadline=None)
@given(scenarios(every_field=True))
def test_largest_training_cost_pays_back_and_a_cent_more_does_not(scenario):
    largest = largest_training_cost(scenario)
    if largest is None:
        assert not pays_back(scenario, training_cost=0)
        return
    assert pays_back(scenario, training_cost=largest)
    if largest < 1e12:
        assert not pays_back(scenario, training_cost=largest + 0.01)


@settings(max_examples=60, deadline=None)
@given(scenarios(every_field=True))
def test_largest_premium_pays_back_and_a_tenth_more_does_not(scenario):
    premium = largest_finetuned_premium_percent(scenario)
    if premium is None:
        return
    assert scenario.self_hosting is None

    def priced(percent):
        factor = 1 + percent / 100
        return {
            "finetuned_price_per_million": scenario.price_per_million * factor,
            "finetuned_output_price_per_million": scenario.output_price_per_million * factor,
        }

    assert pays_back(scenario, **priced(premium))
    if premium < 100_000:
        assert not pays_back(scenario, **priced(premium + 0.1)) or (
            scenario.price_per_million == scenario.output_price_per_million == 0
        )


def test_nothing_pays_back_when_fine_tuning_saves_nothing_per_call():
    costly = ARTICLE.model_copy(update={"finetuned_price_per_million": 50})
    assert minimum_calls_per_day(costly) is None
    assert largest_training_cost(costly) is None


@pytest.mark.parametrize("question", [minimum_calls_per_day, largest_finetuned_premium_percent])
def test_self_hosting_has_no_straight_line_answer(question):
    from costmodel.scenario import SelfHosting

    hosted = ARTICLE.model_copy(
        update={"self_hosting": SelfHosting(tokens_per_second_per_gpu=500, gpu_hour_price=2)}
    )
    assert question(hosted) is None


@given(
    low=st.integers(0, 10**14),
    width=st.one_of(st.integers(0, 3), st.integers(0, 10**14)),
    first_paying=st.integers(-2, 2 * 10**14 + 2),
)
def test_the_search_finds_the_first_paying_step_or_none(low, width, first_paying):
    high = low + width
    expected = None if first_paying > high else max(low, first_paying)
    assert first_paying_step(lambda steps: steps >= first_paying, low, high) == expected


def test_the_article_s_three_answers_take_at_most_sixteen_runs_of_the_model(monkeypatch):
    # Each is a run of 66 candidate days-by-candidates; the What-if page waits for all three.
    runs = []
    monkeypatch.setattr(
        questions, "cumulative_costs", lambda inputs: runs.append(1) or cumulative_costs(inputs)
    )
    minimum_calls_per_day(ARTICLE)
    largest_training_cost(ARTICLE)
    largest_finetuned_premium_percent(ARTICLE)
    assert len(runs) <= 16


@settings(max_examples=30, deadline=None)
@given(scenarios(every_field=True))
def test_no_answer_depends_on_the_inputs_its_question_searches_over(scenario):
    # The What-if page caches each answer without them (moving the calls keeps the fewest calls).
    for question in (minimum_calls_per_day, largest_training_cost, largest_finetuned_premium_percent):
        stand_ins = questions.SEARCHED_INPUTS[question.__name__]
        assert question(scenario.model_copy(update=stand_ins), 6) == question(scenario, 6)
