"""Hypothesis strategies: scenarios a user could plausibly enter, and input an attacker would send."""

import json

from hypothesis import strategies as st

from costmodel import Scenario

amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
token_counts = st.integers(min_value=0, max_value=20_000)
prices = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Any valid scenario; optional fields are sometimes left to their defaults."""
    optional = {
        "finetuned_price_per_million": st.none() | prices,
        "finetuned_output_price_per_million": st.none() | prices,
        "retrain_every_days": st.none() | st.integers(min_value=1, max_value=400),
        "retrain_cost": st.none() | amounts,
    }
    return Scenario(
        calls_per_day=draw(st.integers(min_value=0, max_value=2_000_000)),
        horizon_days=draw(st.integers(min_value=1, max_value=1_200)),
        prompt_tokens=draw(token_counts),
        price_per_million=draw(prices),
        input_tokens=draw(token_counts),
        output_tokens=draw(token_counts),
        output_price_per_million=draw(prices),
        finetuned_prompt_tokens=draw(token_counts),
        training_cost=draw(amounts),
        hosting_cost_per_day=draw(st.sampled_from([0.0, 40.8]) | amounts),
        **{field: draw(strategy) for field, strategy in optional.items()},
    )


# Integers no float holds (1 followed by 400 zeros is the example).
huge_integers = st.integers(min_value=10**308, max_value=10**400) | st.just(10**400)
# Dates as JSON carries them, the ends of the calendar included.
extreme_dates = st.dates().map(lambda day: day.isoformat()) | st.sampled_from(["0001-01-01", "9999-12-31"])
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | huge_integers
    | st.floats()
    | st.text(max_size=20)
    | extreme_dates,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def _nested(depth: int, opening: str, inner: str, closing: str) -> str:
    return opening * depth + inner + closing * depth


# JSON text nested from a little to far past any recursion limit, closed or left open.
deeply_nested_texts = st.builds(
    _nested,
    st.integers(min_value=1, max_value=100_000),
    st.sampled_from(["[", '{"a":']),
    st.sampled_from(["1", "", '"x"']),
    st.sampled_from(["]", "}", ""]),
)
# Any JSON text a file, an upload or a link could carry: values, deep nesting and raw bytes.
hostile_json_texts = (
    json_values.map(json.dumps) | deeply_nested_texts | huge_integers.map(str) | st.text(max_size=60)
)
