"""The what-if sidebar: each scenario input as an exact entry, with a slider where
moving fast matters, all mirroring the one stored `Scenario`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st
from pydantic import ValidationError

from costmodel import FIELD_LABELS, Scenario, describe_errors, load_presets
from costmodel.scenario import MAX_HORIZON_DAYS
from costmodel.warnings import TRAINING_EFFORT_REMINDER
from ui import state

PRESET_CHOICE = "input.preset"
HOSTING_UNIT = "input.hosting_unit"
PER_HOUR, PER_DAY = "$ per hour", "$ per day"
HOURS_PER_DAY = 24


@dataclass(frozen=True)
class NumberInput:
    """How one scenario field is entered: the exact box's bounds and the slider's range."""

    field: str
    step: float
    maximum: float
    slider_maximum: float | None = None
    minimum: float = 0
    number_format: str | None = None
    help: str | None = None
    group: str | None = None  # the nested model the field belongs to, e.g. "self_hosting"
    label_text: str | None = None

    @property
    def key(self) -> str:
        return f"input.{self.group}.{self.field}" if self.group else f"input.{self.field}"

    @property
    def slider_key(self) -> str:
        return f"{self.key}.slider"

    @property
    def label(self) -> str:
        words = self.label_text or FIELD_LABELS[self.field]
        return words[0].upper() + words[1:]

    def widget_value(self, value: float) -> float:
        """Streamlit refuses to mix int and float in one widget: use the step's type."""
        return int(value) if isinstance(self.step, int) else float(value)

    def slider_value(self, value: float) -> float:
        """The exact value, pinned into the slider's shorter range."""
        assert self.slider_maximum is not None
        return self.widget_value(min(max(value, self.minimum), self.slider_maximum))


@dataclass(frozen=True)
class OptionalGroup:
    """Fields that are null (SPEC default) until the user switches the toggle on."""

    key: str
    label: str
    fields: tuple[str, ...]


MONEY = "%.2f"
PRICE = "%.3f"
CALLS_PER_DAY = NumberInput(
    "calls_per_day",
    step=100,
    maximum=1_000_000_000,
    slider_maximum=1_000_000,
    help="Calls to the model per day. The slider reaches 1,000,000; type more in the box.",
)
PROMPT_TOKENS = NumberInput(
    "prompt_tokens",
    step=50,
    maximum=2_000_000,
    slider_maximum=10_000,
    help="Instruction overhead per call on the prompt path: system prompt, examples, fixed context.",
)
PRICE_PER_MILLION = NumberInput(
    "price_per_million",
    step=0.05,
    maximum=10_000.0,
    slider_maximum=30.0,
    number_format=PRICE,
    help="What the base model charges per 1M input tokens, in US dollars.",
)
FINETUNED_PROMPT_TOKENS = NumberInput(
    "finetuned_prompt_tokens",
    step=50,
    maximum=2_000_000,
    slider_maximum=10_000,
    help="Prompt still sent on each call after fine-tuning (0 = none; more = the hybrid "
    "of fine-tuning for style and prompting for per-call instructions).",
)
TRAINING_COST = NumberInput(
    "training_cost",
    step=100.0,
    maximum=1_000_000_000.0,
    slider_maximum=50_000.0,
    number_format=MONEY,
    help="One-off cost on day 0: " + TRAINING_EFFORT_REMINDER,
)
RETRAIN_EVERY_DAYS = NumberInput(
    "retrain_every_days",
    step=1,
    minimum=1,
    maximum=MAX_HORIZON_DAYS,
    slider_maximum=730,
    help="A retraining run is charged on days N, 2N, 3N...",
)
HORIZON_DAYS = NumberInput(
    "horizon_days",
    step=1,
    minimum=1,
    maximum=MAX_HORIZON_DAYS,
    help="How many days the comparison covers (730 = two years).",
)
INPUT_TOKENS = NumberInput(
    "input_tokens",
    step=50,
    maximum=2_000_000,
    help="The user's own content per call, sent on both paths.",
)
OUTPUT_TOKENS = NumberInput(
    "output_tokens",
    step=50,
    maximum=2_000_000,
    help="Tokens the model writes per call, on both paths.",
)
OUTPUT_PRICE = NumberInput("output_price_per_million", step=0.05, maximum=10_000.0, number_format=PRICE)
FINETUNED_PRICE = NumberInput(
    "finetuned_price_per_million",
    step=0.05,
    maximum=10_000.0,
    number_format=PRICE,
    help="Fine-tuned models often cost more per token than their base, on every token.",
)
FINETUNED_OUTPUT_PRICE = NumberInput(
    "finetuned_output_price_per_million",
    step=0.05,
    maximum=10_000.0,
    number_format=PRICE,
)
RETRAIN_COST = NumberInput("retrain_cost", step=100.0, maximum=1_000_000_000.0, number_format=MONEY)
HOSTING = NumberInput(
    "hosting_cost_per_day",
    step=0.1,
    maximum=1_000_000.0,
    number_format=MONEY,
    help="A fixed fee for the fine-tuned path: an hourly deployment fee or rented GPUs.",
)

PERCENT = "%.1f"
PROMPT_SETUP_COST = NumberInput(
    "prompt_setup_cost",
    step=100.0,
    maximum=1_000_000_000.0,
    number_format=MONEY,
    help="One-off cost of the prompt path on day 0: engineering hours and evaluation.",
)
CACHED_PROMPT = NumberInput(
    "cached_prompt_percent",
    step=5.0,
    maximum=100.0,
    number_format=PERCENT,
    help="The fixed part of the prompt the provider can cache (0 = no caching).",
)
CACHE_READ_PRICE = NumberInput(
    "cache_read_price_per_million", step=0.05, maximum=10_000.0, number_format=PRICE
)
CACHE_WRITE_PRICE = NumberInput(
    "cache_write_price_per_million", step=0.05, maximum=10_000.0, number_format=PRICE
)
CACHE_LIFETIME = NumberInput(
    "cache_lifetime_minutes",
    step=1.0,
    minimum=0.1,
    maximum=100_000.0,
    number_format="%.1f",
    help="A call finds the cache cold when no call came within this time before it.",
)
CACHE_MIN_TOKENS = NumberInput(
    "cache_min_prompt_tokens",
    step=128,
    maximum=1_000_000,
    help="Providers cache only long prompts (OpenAI: 1,024 tokens and more).",
)
PROMPT_BATCH = NumberInput("prompt_batch_percent", step=5.0, maximum=100.0, number_format=PERCENT)
FINETUNE_BATCH = NumberInput("finetune_batch_percent", step=5.0, maximum=100.0, number_format=PERCENT)
BATCH_DISCOUNT = NumberInput(
    "batch_discount_percent",
    step=5.0,
    maximum=100.0,
    number_format=PERCENT,
    help="OpenAI's Batch API: 50% off, answers within 24 hours.",
)
GROWTH = NumberInput(
    "calls_growth_percent_per_month",
    step=1.0,
    minimum=-99.0,
    maximum=1_000.0,
    number_format=PERCENT,
    help="Compounded daily: 5% a month is about 80% a year.",
)
PROMPT_TREND = NumberInput(
    "prompt_price_change_percent_per_year",
    step=5.0,
    minimum=-99.0,
    maximum=1_000.0,
    number_format=PERCENT,
    help="Negative when prices fall, as token prices have year after year.",
)
FINETUNE_TREND = NumberInput(
    "finetune_price_change_percent_per_year",
    step=5.0,
    minimum=-99.0,
    maximum=1_000.0,
    number_format=PERCENT,
)
PROMPT_ERRORS = NumberInput("prompt_error_percent", step=0.5, maximum=100.0, number_format=PERCENT)
FINETUNE_ERRORS = NumberInput("finetune_error_percent", step=0.5, maximum=100.0, number_format=PERCENT)
COST_PER_ERROR = NumberInput(
    "cost_per_error",
    step=0.5,
    maximum=1_000_000.0,
    number_format=MONEY,
    help="What a person fixing one wrong output costs.",
)
SELF_HOSTING_INPUTS = (
    NumberInput(
        "tokens_per_second_per_gpu",
        step=100.0,
        minimum=1.0,
        maximum=10_000_000.0,
        number_format="%.0f",
        group="self_hosting",
        label_text="tokens per second per GPU",
    ),
    NumberInput(
        "gpu_hour_price",
        step=0.1,
        maximum=10_000.0,
        number_format=MONEY,
        group="self_hosting",
        label_text="$ per GPU-hour",
    ),
    NumberInput(
        "utilisation_percent",
        step=5.0,
        minimum=1.0,
        maximum=100.0,
        number_format=PERCENT,
        group="self_hosting",
        label_text="utilisation you plan for (%)",
    ),
)
SELF_HOSTING_DEFAULTS = {
    "tokens_per_second_per_gpu": 2_000.0,
    "gpu_hour_price": 2.5,
    "utilisation_percent": 60.0,
}
CURRENCY_RATE = NumberInput(
    "per_usd",
    step=0.01,
    minimum=0.000001,
    maximum=1_000_000.0,
    number_format="%.4f",
    group="currency",
    label_text="units per US dollar",
)

SCENARIO_INPUTS = (
    CALLS_PER_DAY,
    PROMPT_TOKENS,
    PRICE_PER_MILLION,
    FINETUNED_PROMPT_TOKENS,
    TRAINING_COST,
    RETRAIN_EVERY_DAYS,
    HORIZON_DAYS,
    INPUT_TOKENS,
    OUTPUT_TOKENS,
    OUTPUT_PRICE,
    FINETUNED_PRICE,
    FINETUNED_OUTPUT_PRICE,
    RETRAIN_COST,
    HOSTING,
    PROMPT_SETUP_COST,
    CACHED_PROMPT,
    CACHE_READ_PRICE,
    CACHE_WRITE_PRICE,
    CACHE_LIFETIME,
    CACHE_MIN_TOKENS,
    PROMPT_BATCH,
    FINETUNE_BATCH,
    BATCH_DISCOUNT,
    GROWTH,
    PROMPT_TREND,
    FINETUNE_TREND,
    PROMPT_ERRORS,
    FINETUNE_ERRORS,
    COST_PER_ERROR,
)
RETRAIN = OptionalGroup("input.retrain", "Retrain periodically", ("retrain_every_days",))
OWN_FINETUNED_PRICES = OptionalGroup(
    "input.own_finetuned_prices",
    "Fine-tuned model has its own prices",
    ("finetuned_price_per_million", "finetuned_output_price_per_million"),
)
OWN_RETRAIN_COST = OptionalGroup(
    "input.own_retrain_cost", "Retraining costs differ from training", ("retrain_cost",)
)
OWN_CACHE_PRICES = OptionalGroup(
    "input.own_cache_prices",
    "Cache reads and writes have their own prices",
    ("cache_read_price_per_million", "cache_write_price_per_million"),
)
CACHE_EXPIRES = OptionalGroup("input.cache_expires", "The cache expires", ("cache_lifetime_minutes",))
OPTIONAL_GROUPS = (RETRAIN, OWN_FINETUNED_PRICES, OWN_RETRAIN_COST, OWN_CACHE_PRICES, CACHE_EXPIRES)
SELF_HOSTED = "input.self_hosted"
OWN_CURRENCY = "input.own_currency"
CURRENCY_CODE, CURRENCY_SYMBOL, CURRENCY_DATE = (
    "input.currency.code",
    "input.currency.symbol",
    "input.currency.as_of",
)
DEFAULT_RETRAIN_EVERY_DAYS = 90
DEFAULT_CACHE_LIFETIME_MINUTES = 5.0
# While its toggle is off, a null field shows the input it defaults to (SPEC §2).
FOLLOWS = {
    "finetuned_price_per_million": PRICE_PER_MILLION,
    "finetuned_output_price_per_million": OUTPUT_PRICE,
    "retrain_cost": TRAINING_COST,
    "cache_read_price_per_million": PRICE_PER_MILLION,
    "cache_write_price_per_million": PRICE_PER_MILLION,
}
# Provider caching terms (SPEC §5): read and write prices as multiples of the input price.
CACHING_TERMS = {
    "OpenAI": {"read": 0.5, "write": 1.0, "min_tokens": 1_024, "lifetime": 10.0},
    "Anthropic": {"read": 0.1, "write": 1.25, "min_tokens": 1_024, "lifetime": 5.0},
}


def _shown_value(scenario: Scenario, spec: NumberInput) -> float:
    """The value a widget shows; a null field shows what it stands for."""
    stand_ins = {
        "retrain_every_days": DEFAULT_RETRAIN_EVERY_DAYS,
        "finetuned_price_per_million": scenario.effective_finetuned_price_per_million,
        "finetuned_output_price_per_million": scenario.effective_finetuned_output_price_per_million,
        "retrain_cost": scenario.effective_retrain_cost,
        "cache_read_price_per_million": scenario.price_per_million,
        "cache_write_price_per_million": scenario.price_per_million,
        "cache_lifetime_minutes": DEFAULT_CACHE_LIFETIME_MINUTES,
    }
    value = getattr(scenario, spec.field)
    if value is None:
        return stand_ins[spec.field]
    if spec is HOSTING and st.session_state.get(HOSTING_UNIT) == PER_HOUR:
        return value / HOURS_PER_DAY
    return value


def write_widgets(scenario: Scenario, overwrite: bool) -> None:
    """Show `scenario` in the widgets: all of them, or only those Streamlit forgot."""
    for spec in SCENARIO_INPUTS:
        value = _shown_value(scenario, spec)
        if overwrite or spec.key not in st.session_state:
            st.session_state[spec.key] = spec.widget_value(value)
        if spec.slider_maximum is not None and (overwrite or spec.slider_key not in st.session_state):
            st.session_state[spec.slider_key] = spec.slider_value(value)
    for group in OPTIONAL_GROUPS:
        if overwrite or group.key not in st.session_state:
            st.session_state[group.key] = any(getattr(scenario, f) is not None for f in group.fields)
    nested = {
        spec.key: getattr(scenario.self_hosting, spec.field)
        if scenario.self_hosting
        else SELF_HOSTING_DEFAULTS[spec.field]
        for spec in SELF_HOSTING_INPUTS
    }
    currency = scenario.display_currency
    nested |= {
        SELF_HOSTED: scenario.self_hosting is not None,
        OWN_CURRENCY: scenario.currency is not None,
        CURRENCY_RATE.key: currency.per_usd,
        CURRENCY_CODE: currency.code,
        CURRENCY_SYMBOL: currency.symbol,
        CURRENCY_DATE: currency.as_of or date.today(),
    }
    for key, value in nested.items():
        if overwrite or key not in st.session_state:
            st.session_state[key] = value
    if overwrite or PRESET_CHOICE not in st.session_state:
        st.session_state[PRESET_CHOICE] = st.session_state[state.PRESET]


def _follow_defaults() -> None:
    for group in OPTIONAL_GROUPS:
        if not st.session_state[group.key]:
            for field in group.fields:
                if field in FOLLOWS:
                    st.session_state[f"input.{field}"] = st.session_state[FOLLOWS[field].key]


def _apply_preset() -> None:
    key = st.session_state[PRESET_CHOICE]
    st.session_state[state.PRESET] = key
    if key == state.CUSTOM_PRESET:
        return
    scenario = load_presets()[key].scenario
    state.store_scenario(scenario)
    st.session_state.pop(state.PRICES_APPLIED, None)
    write_widgets(scenario, overwrite=True)


def _mark_custom() -> None:
    st.session_state[state.PRESET] = state.CUSTOM_PRESET
    st.session_state[PRESET_CHOICE] = state.CUSTOM_PRESET


def _copy_slider_to_number(spec: NumberInput) -> None:
    st.session_state[spec.key] = st.session_state[spec.slider_key]
    _mark_custom()


def _copy_number_to_slider(spec: NumberInput) -> None:
    st.session_state[spec.slider_key] = spec.slider_value(st.session_state[spec.key])
    _mark_custom()


def _convert_hosting_unit() -> None:
    factor = 1 / HOURS_PER_DAY if st.session_state[HOSTING_UNIT] == PER_HOUR else HOURS_PER_DAY
    st.session_state[HOSTING.key] = st.session_state[HOSTING.key] * factor


def _number(spec: NumberInput, disabled: bool = False, label: str | None = None) -> None:
    with_slider = spec.slider_maximum is not None
    st.number_input(
        label or spec.label,
        key=spec.key,
        min_value=spec.widget_value(spec.minimum),
        max_value=spec.widget_value(spec.maximum),
        step=spec.step,
        format=spec.number_format,
        help=spec.help,
        disabled=disabled,
        on_change=_copy_number_to_slider if with_slider else _mark_custom,
        args=(spec,) if with_slider else (),
    )
    if with_slider:
        st.slider(
            spec.label,
            key=spec.slider_key,
            label_visibility="collapsed",
            min_value=spec.widget_value(spec.minimum),
            max_value=spec.widget_value(spec.slider_maximum),
            step=spec.step,
            disabled=disabled,
            on_change=_copy_slider_to_number,
            args=(spec,),
        )


def _toggle(group: OptionalGroup) -> bool:
    return st.toggle(group.label, key=group.key, on_change=_mark_custom)


def _tokens_prices_and_hosting() -> None:
    _number(INPUT_TOKENS)
    _number(OUTPUT_TOKENS)
    _number(OUTPUT_PRICE)
    own_prices = _toggle(OWN_FINETUNED_PRICES)
    _number(FINETUNED_PRICE, disabled=not own_prices)
    _number(FINETUNED_OUTPUT_PRICE, disabled=not own_prices)
    own_retrain_cost = _toggle(OWN_RETRAIN_COST)
    _number(RETRAIN_COST, disabled=not own_retrain_cost)
    st.radio(
        "Hosting fee entered",
        [PER_DAY, PER_HOUR],
        key=HOSTING_UNIT,
        horizontal=True,
        on_change=_convert_hosting_unit,
    )
    hosting_label = f"Hosting cost ({st.session_state[HOSTING_UNIT]})"
    _number(HOSTING, label=hosting_label)
    _number(PROMPT_SETUP_COST)


def _use_caching_terms(provider: str) -> None:
    terms = CACHING_TERMS[provider]
    price = st.session_state[PRICE_PER_MILLION.key]
    st.session_state[OWN_CACHE_PRICES.key] = True
    st.session_state[CACHE_READ_PRICE.key] = price * terms["read"]
    st.session_state[CACHE_WRITE_PRICE.key] = price * terms["write"]
    st.session_state[CACHE_MIN_TOKENS.key] = terms["min_tokens"]
    st.session_state[CACHE_EXPIRES.key] = True
    st.session_state[CACHE_LIFETIME.key] = terms["lifetime"]
    if st.session_state[CACHED_PROMPT.key] == 0:
        st.session_state[CACHED_PROMPT.key] = 100.0
    _mark_custom()


def _caching_and_batch() -> None:
    _number(CACHED_PROMPT)
    st.button(
        "Use OpenAI's caching terms",
        key="input.caching.openai",
        on_click=_use_caching_terms,
        args=("OpenAI",),
        help="Cached input 50% off, prompts of 1,024+ tokens.",
        width="stretch",
    )
    st.button(
        "Use Anthropic's caching terms",
        key="input.caching.anthropic",
        on_click=_use_caching_terms,
        args=("Anthropic",),
        help="Reads 0.1x, writes 1.25x the input price; 5-minute cache.",
        width="stretch",
    )
    own_prices = _toggle(OWN_CACHE_PRICES)
    _number(CACHE_READ_PRICE, disabled=not own_prices)
    _number(CACHE_WRITE_PRICE, disabled=not own_prices)
    expires = _toggle(CACHE_EXPIRES)
    _number(CACHE_LIFETIME, disabled=not expires)
    _number(CACHE_MIN_TOKENS)
    _number(PROMPT_BATCH)
    _number(FINETUNE_BATCH)
    _number(BATCH_DISCOUNT)


def _growth_and_trends() -> None:
    _number(GROWTH)
    _number(PROMPT_TREND)
    _number(FINETUNE_TREND)


def _self_hosting() -> None:
    hosted = st.toggle(
        "Self-host on rented GPUs",
        key=SELF_HOSTED,
        on_change=_mark_custom,
        help="Replaces the fine-tuned model's per-token prices with GPU rent.",
    )
    for spec in SELF_HOSTING_INPUTS:
        _number(spec, disabled=not hosted)


def _quality() -> None:
    _number(PROMPT_ERRORS)
    _number(FINETUNE_ERRORS)
    _number(COST_PER_ERROR)


def _currency() -> None:
    own = st.toggle("Show money in another currency", key=OWN_CURRENCY, on_change=_mark_custom)
    code, symbol = st.columns(2)
    code.text_input("Code", key=CURRENCY_CODE, max_chars=3, disabled=not own)
    symbol.text_input("Symbol", key=CURRENCY_SYMBOL, max_chars=4, disabled=not own)
    _number(CURRENCY_RATE, disabled=not own)
    st.date_input("Rate of", key=CURRENCY_DATE, disabled=not own)


# The sidebar shows one of these sections at a time: drawing every widget on every
# rerun made each change slow to show.
MORE_INPUTS: dict[str, Callable[[], None]] = {
    "Tokens, output prices, hosting": _tokens_prices_and_hosting,
    "Prompt caching and batch": _caching_and_batch,
    "Growth and price trends": _growth_and_trends,
    "Self-hosting a fine-tuned open model": _self_hosting,
    "Quality: the cost of errors": _quality,
    "Currency": _currency,
}
MORE_INPUTS_CHOICE = "input.more"
NO_MORE_INPUTS = "none"


def _more_inputs() -> None:
    choice = st.selectbox(
        "More inputs",
        [NO_MORE_INPUTS, *MORE_INPUTS],
        key=MORE_INPUTS_CHOICE,
        format_func=lambda name: "Choose a section..." if name == NO_MORE_INPUTS else name,
        help="Output tokens and prices, the fine-tuned premium, caching, growth, self-hosting, "
        "the cost of errors and the display currency. Each is neutral until you change it.",
    )
    if choice in MORE_INPUTS:
        with st.container(border=True):
            MORE_INPUTS[choice]()


def _values_from_widgets() -> dict[str, Any]:
    values: dict[str, Any] = {spec.field: st.session_state[spec.key] for spec in SCENARIO_INPUTS}
    if st.session_state[HOSTING_UNIT] == PER_HOUR:
        values[HOSTING.field] = st.session_state[HOSTING.key] * HOURS_PER_DAY
    for group in OPTIONAL_GROUPS:
        if not st.session_state[group.key]:
            values.update(dict.fromkeys(group.fields))
    values["self_hosting"] = (
        {spec.field: st.session_state[spec.key] for spec in SELF_HOSTING_INPUTS}
        if st.session_state[SELF_HOSTED]
        else None
    )
    values["currency"] = (
        {
            "code": st.session_state[CURRENCY_CODE].upper(),
            "symbol": st.session_state[CURRENCY_SYMBOL],
            "per_usd": st.session_state[CURRENCY_RATE.key],
            "as_of": st.session_state[CURRENCY_DATE],
        }
        if st.session_state[OWN_CURRENCY]
        else None
    )
    return values


def scenario_from_sidebar() -> Scenario:
    """Draw the sidebar inputs and return the scenario they describe.

    A combination the model refuses is shown as an error and the last valid
    scenario is kept, so no input is lost.
    """
    stored = state.current_scenario()
    st.session_state.setdefault(HOSTING_UNIT, PER_DAY)
    write_widgets(stored, overwrite=st.session_state.pop(state.SYNC_WIDGETS, False))
    _follow_defaults()
    presets = load_presets()
    with st.sidebar:
        st.selectbox(
            "Start from an example",
            options=[state.CUSTOM_PRESET, *presets],
            key=PRESET_CHOICE,
            format_func=lambda key: "Your own numbers" if key == state.CUSTOM_PRESET else presets[key].title,
            on_change=_apply_preset,
        )
        st.subheader("Workload")
        _number(CALLS_PER_DAY)
        _number(PROMPT_TOKENS)
        _number(PRICE_PER_MILLION)
        st.subheader("Fine-tuning")
        _number(FINETUNED_PROMPT_TOKENS)
        _number(TRAINING_COST)
        retrain = _toggle(RETRAIN)
        _number(RETRAIN_EVERY_DAYS, disabled=not retrain)
        st.subheader("Comparison")
        _number(HORIZON_DAYS)
        _more_inputs()

    try:
        scenario = Scenario.model_validate(stored.model_dump() | _values_from_widgets())
    except ValidationError as error:
        st.sidebar.error("\n".join(describe_errors(error)))
        return stored
    state.store_scenario(scenario)
    return scenario
