"""Share links: a scenario in the URL's query string, and hostile URLs read safely."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from costmodel import Scenario
from costmodel.sharing import scenario_from_query, scenario_to_query
from tests.strategies import scenarios


@given(scenarios(), st.text(max_size=50) | st.none())
def test_every_scenario_round_trips_through_a_link(scenario, name):
    scenario = scenario.model_copy(update={"name": name})
    restored, problems = scenario_from_query(scenario_to_query(scenario))
    assert problems == []
    assert restored == scenario


def test_link_is_short_and_readable():
    query = scenario_to_query(
        Scenario(
            calls_per_day=10_000,
            prompt_tokens=800,
            price_per_million=2.5,
            training_cost=3_000,
            retrain_every_days=90,
        )
    )
    assert query == {
        "calls_per_day": "10000",
        "prompt_tokens": "800",
        "price_per_million": "2.5",
        "training_cost": "3000",
        "retrain_every_days": "90",
    }


def test_unrelated_parameters_are_ignored():
    assert scenario_from_query({"utm_source": "mail"}) == (None, [])
    restored, _ = scenario_from_query(
        {
            "calls_per_day": "1",
            "prompt_tokens": "1",
            "price_per_million": "1",
            "training_cost": "1",
            "utm_source": "mail",
        }
    )
    assert restored is not None


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"calls_per_day": "lots"}, "calls per day (calls_per_day) must be a number, not 'lots'"),
        ({"calls_per_day": "nan"}, "must be a finite number"),
        ({"horizon_days": "1e999"}, "must be a finite number"),
        ({"horizon_days": "12.5"}, "horizon (days) (horizon_days) must be a whole number"),
        (
            {"calls_per_day": "-5", "prompt_tokens": "1", "price_per_million": "1", "training_cost": "1"},
            "calls per day (calls_per_day) must be 0 or more",
        ),
        ({"calls_per_day": "5"}, "prompt tokens per call (prompt_tokens) is required"),
        ({"name": "x" * 30_000}, "longer than 20,000 characters"),
        ({"calls_per_day": "<script>alert(1)</script>"}, "must be a number"),
        ({"calls_per_day": "1; DROP TABLE scenarios"}, "must be a number"),
        # No float holds 1e-400: read silently, it became 0 calls (issue 20).
        (
            {"calls_per_day": "1e-400"},
            "calls per day (calls_per_day): the number 1e-400 is too small to hold",
        ),
        (
            {"self_hosting": '{"tokens_per_second_per_gpu": 100, "gpu_hour_price": 1e-400}'},
            "self-hosting (self_hosting) is not readable: the number 1e-400 is too small to hold",
        ),
        (
            {
                "calls_per_day": "1",
                "prompt_tokens": "1",
                "price_per_million": "1",
                "training_cost": "1",
                "self_hosting": '{"tokens_per_second_per_gpu": 1e-300, "gpu_hour_price": 1e12}',
            },
            "self_hosting.tokens_per_second_per_gpu) must be 0.001 or more, not 1e-300",
        ),
    ],
)
def test_broken_or_hostile_links_give_reasons_and_no_scenario(params, problem):
    restored, problems = scenario_from_query(params)
    assert restored is None
    assert any(problem in line for line in problems), problems


@given(
    st.dictionaries(
        st.sampled_from(
            ["calls_per_day", "horizon_days", "name", "retrain_every_days", "prompt_tokens", "junk"]
        ),
        st.text(max_size=30),
    )
)
def test_no_query_string_raises(params):
    restored, problems = scenario_from_query(params)
    assert restored is None or problems == []
