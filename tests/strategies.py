"""Hypothesis strategies: scenarios a user could enter (every field at once too), and what attackers send."""

import json
from datetime import date, timedelta

from hypothesis import strategies as st

from costmodel import Scenario
from costmodel.scenario import SOURCED_PRICES, Currency, Event, PriceSource, SelfHosting

amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
token_counts = st.integers(min_value=0, max_value=20_000)
prices = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
percents = st.sampled_from([0.0, 50.0, 100.0]) | st.floats(min_value=0, max_value=100)
changes = st.sampled_from([0.0, -20.0, 5.0]) | st.floats(min_value=-99, max_value=50)


@st.composite
def events(draw: st.DrawFn, horizon_days: int, start_date: date | None) -> tuple[Event, ...]:
    """A few dated events of every kind: on a day, or on a date when day 1 has one."""
    made = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(
            st.sampled_from(
                ["prompt_price_change", "finetune_price_change", "forced_retraining", "finetune_ends"]
            )
        )
        day = draw(st.integers(1, horizon_days + 30))
        when: dict[str, object] = {"day": day}
        if start_date is not None and draw(st.booleans()):
            when = {"on_date": start_date + timedelta(days=day - 1)}
        made.append(
            Event(
                kind=kind,
                price_factor=draw(st.floats(0, 3)) if kind.endswith("price_change") else None,
                cost=draw(st.none() | amounts) if kind == "forced_retraining" else None,
                note=draw(st.text(max_size=20)),
                **when,
            )
        )
    return tuple(made)


@st.composite
def scenarios(draw: st.DrawFn, every_field: bool = False) -> Scenario:
    """Any valid scenario; optional fields are sometimes left to their defaults.

    With `every_field`, every input of the truer model is drawn too: caching, batch,
    growth, trends, events, one-off costs, self-hosting, quality and currency.
    """
    optional = {
        "finetuned_price_per_million": st.none() | prices,
        "finetuned_output_price_per_million": st.none() | prices,
        "retrain_every_days": st.none() | st.integers(min_value=1, max_value=400),
        "retrain_cost": st.none() | amounts,
    }
    horizon_days = draw(st.integers(min_value=1, max_value=1_200))
    fields = {
        "calls_per_day": draw(st.integers(min_value=0, max_value=2_000_000) | st.floats(0, 2e6)),
        "horizon_days": horizon_days,
        "prompt_tokens": draw(token_counts),
        "price_per_million": draw(prices),
        "input_tokens": draw(token_counts),
        "output_tokens": draw(token_counts),
        "output_price_per_million": draw(prices),
        "finetuned_prompt_tokens": draw(token_counts),
        "training_cost": draw(amounts),
        "hosting_cost_per_day": draw(st.sampled_from([0.0, 40.8]) | amounts),
        **{field: draw(strategy) for field, strategy in optional.items()},
    }
    if not every_field:
        return Scenario(**fields)
    start_date = draw(st.none() | st.dates(date(2020, 1, 1), date(2040, 12, 31)))
    fields |= {
        "prompt_setup_cost": draw(st.sampled_from([0.0]) | amounts),
        "cached_prompt_percent": draw(percents),
        "cache_read_price_per_million": draw(st.none() | prices),
        "cache_write_price_per_million": draw(st.none() | prices),
        "cache_lifetime_minutes": draw(st.none() | st.floats(0.1, 120)),
        "cache_min_prompt_tokens": draw(st.sampled_from([0, 1_024]) | token_counts),
        "prompt_batch_percent": draw(percents),
        "finetune_batch_percent": draw(percents),
        "batch_discount_percent": draw(percents),
        "calls_growth_percent_per_month": draw(changes),
        "prompt_price_change_percent_per_year": draw(changes),
        "finetune_price_change_percent_per_year": draw(changes),
        "start_date": start_date,
        "finetune_launch_day": draw(st.sampled_from([1, 1, 30]) | st.integers(1, horizon_days + 10)),
        "events": draw(events(horizon_days, start_date)),
        "self_hosting": draw(
            st.none()
            | st.builds(
                SelfHosting,
                tokens_per_second_per_gpu=st.floats(10, 100_000),
                gpu_hour_price=st.floats(0, 20),
                utilisation_percent=st.floats(1, 100),
            )
        ),
        "prompt_error_percent": draw(percents),
        "finetune_error_percent": draw(percents),
        "cost_per_error": draw(st.sampled_from([0.0]) | st.floats(0, 50)),
        "currency": draw(st.none() | st.just(Currency(code="EUR", symbol="€", per_usd=0.92))),
        "discount_rate_percent_per_year": draw(st.sampled_from([0.0, 8.0]) | percents),
        "prefill_ms_per_thousand_tokens": draw(st.sampled_from([0.0]) | st.floats(0, 500)),
        **{
            f"{path}_latency_ms_{q}": draw(st.none() | st.floats(0, 60_000))
            for path in ("prompt", "finetune")
            for q in ("p50", "p95")
        },
    }
    fields["price_sources"] = draw(price_sources(fields))
    return Scenario(**fields)


@st.composite
def price_sources(draw: st.DrawFn, fields: dict[str, object]) -> tuple[PriceSource, ...]:
    """Where some prices came from: a record that gave the price now set, or another (typed over)."""
    made = []
    for field in draw(st.lists(st.sampled_from(SOURCED_PRICES), unique=True, max_size=len(SOURCED_PRICES))):
        value = fields.get(field)
        price = value if isinstance(value, float) and draw(st.booleans()) else draw(prices)
        made.append(
            PriceSource(
                field=field,
                price=price,
                origin=draw(st.sampled_from(["catalog", "litellm"])),
                record=draw(st.sampled_from(["OpenAI · gpt-4o", "Anthropic · Claude Opus 4.8"])),
                read_on=draw(st.none() | st.dates(date(2024, 1, 1), date(2026, 12, 31))),
                source=draw(st.sampled_from(["", "https://openai.com/api/pricing/"])),
            )
        )
    return tuple(made)


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


# Characters that steer tiktoken's split patterns down every branch: letters of both
# cases, a combining mark, digits (ASCII and not), spaces, tabs and line breaks, an
# apostrophe for contractions, slashes and punctuation, CJK, emoji (4 UTF-8 bytes)
# and a zero-width joiner. Texts are runs of them, as long runs are what the counter
# cuts out and merges in windows.
TRICKY_CHARACTERS = "aAbZsdt' \t\r\n/!?.,0123٣½é\u0301漢字😀👍\u200d"
tricky_texts = st.lists(
    st.tuples(st.sampled_from(TRICKY_CHARACTERS), st.integers(min_value=1, max_value=6)), max_size=60
).map(lambda runs: "".join(character * length for character, length in runs))
