"""Hypothesis strategies for scenarios a user could plausibly enter."""

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


# Characters that steer tiktoken's split patterns down every branch: letters of both
# cases, a combining mark, digits (ASCII and not), spaces, tabs and line breaks, an
# apostrophe for contractions, slashes and punctuation, CJK, emoji (4 UTF-8 bytes)
# and a zero-width joiner. Texts are runs of them, as long runs are what the counter
# cuts out and merges in windows.
TRICKY_CHARACTERS = "aAbZsdt' \t\r\n/!?.,0123٣½é\u0301漢字😀👍\u200d"
tricky_texts = st.lists(
    st.tuples(st.sampled_from(TRICKY_CHARACTERS), st.integers(min_value=1, max_value=6)), max_size=60
).map(lambda runs: "".join(character * length for character, length in runs))
