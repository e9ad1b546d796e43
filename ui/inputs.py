"""The what-if sidebar: each scenario input as an exact entry, with a slider where
moving fast matters, all mirroring the one stored `Scenario`.

No widget owns a value. Every run seeds each widget from the stored scenario (plus
any edit the model refused, still waiting to be fixed), and each widget's on_change
writes its new value into the stored scenario. Streamlit forgets a widget it does not
draw, so a value that lived only in a widget of a section not shown would be lost.
Each box accepts exactly what the model accepts (its bounds are read from `Scenario`),
and shows as many decimals as its value has; a slider shows a value beyond its range
pinned at its end, but only moving the slider writes the slider's value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, get_args

import annotated_types
import streamlit as st
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from costmodel import FIELD_LABELS, Scenario, describe_errors, load_presets
from costmodel.explain import decimals_needed
from costmodel.model import HOURS_PER_DAY
from costmodel.scenario import SAME_AS_BASE, Currency, SelfHosting
from costmodel.warnings import TRAINING_EFFORT_REMINDER
from render.text import bullets
from ui import state
from ui.price_history import suggest_trends_from_history

PRESET_CHOICE = state.PRESET
HOSTING_UNIT = state.HOSTING_UNIT
PER_HOUR, PER_DAY = state.PER_HOUR, state.PER_DAY
# More decimals than this only show float noise (0.375 stored as 0.37500000000000006).
MAX_SHOWN_DECIMALS = 10
NESTED_MODELS: dict[str, type[BaseModel]] = {"self_hosting": SelfHosting, "currency": Currency}


@cache
def _model_bounds(group: str | None, field: str) -> tuple[float, float | None, bool]:
    """The lowest and highest value the model accepts for a field, and whether it is whole.

    An exclusive bound (more than 0) is given as the bound itself: the box takes it,
    and the model refuses it with its own message, as for any refused value.
    """
    info: FieldInfo = (NESTED_MODELS[group] if group else Scenario).model_fields[field]
    constraints: list[Any] = list(info.metadata)
    types: list[Any] = []
    pending: list[Any] = [info.annotation]
    while pending:
        kind = pending.pop()
        types.append(kind)
        for arg in get_args(kind):
            if isinstance(arg, FieldInfo):
                constraints += arg.metadata
            elif isinstance(arg, annotated_types.BaseMetadata):
                constraints.append(arg)
            else:
                pending.append(arg)
    lows = [
        float(bound)
        for c in constraints
        for name in ("ge", "gt")
        if (bound := getattr(c, name, None)) is not None
    ]
    highs = [float(bound) for c in constraints if (bound := getattr(c, "le", None)) is not None]
    return max(lows, default=-math.inf), min(highs, default=None), int in types


@dataclass(frozen=True)
class NumberInput:
    """How one scenario field is entered: the exact box and, where moving fast matters, a slider.

    The box's bounds are the model's; `slider_maximum` is the end of the slider's shorter range.
    """

    field: str
    step: float
    slider_maximum: float | None = None
    # A slider over several orders of magnitude moves in log steps (nice numbers, ten a decade),
    # so that a few pixels move 100 calls as easily as 100,000.
    slider_log: bool = False
    number_format: str = "%.0f"  # the usual decimals; a value with more shows them all
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

    @property
    def whole(self) -> bool:
        return _model_bounds(self.group, self.field)[2]

    @property
    def minimum(self) -> float:
        return _model_bounds(self.group, self.field)[0]

    @property
    def maximum(self) -> float | None:
        return _model_bounds(self.group, self.field)[1]

    def widget_value(self, value: float) -> float:
        """Streamlit refuses to mix int and float in one widget: whole-number fields take ints."""
        return int(value) if self.whole else float(value)

    def slider_value(self, value: float) -> float:
        """The exact value, pinned into the slider's shorter range (shown, never written back)."""
        assert self.slider_maximum is not None
        return self.widget_value(min(max(value, self.minimum), self.slider_maximum))

    def slider_options(self, value: float) -> list[float]:
        """The log slider's stops up to its end, with the exact value among them, so that the
        slider shows what the box shows."""
        assert self.slider_maximum is not None
        stops = [0.0] + [
            mantissa * 10.0**power
            for power in range(math.floor(math.log10(self.slider_maximum)) + 1)
            for mantissa in LOG_MANTISSAS
            if mantissa * 10.0**power <= self.slider_maximum
        ]
        shown = self.slider_value(value)
        return sorted({*map(self.widget_value, stops), shown})

    def box_format(self, value: float) -> str | None:
        """The usual decimals, or as many as the value needs to show as it is (1,234.5 calls)."""
        if self.whole:
            return None
        usual = int(self.number_format.removeprefix("%.").removesuffix("f"))
        return f"%.{decimals_needed(value, usual, MAX_SHOWN_DECIMALS)}f"

    def change(self, value: float) -> dict[str, Any]:
        """The edit to the scenario that gives this field `value`."""
        return {self.group: {self.field: value}} if self.group else {self.field: value}


@dataclass(frozen=True)
class OptionalGroup:
    """Fields that are null (SPEC default) until the user switches the toggle on."""

    key: str
    label: str
    fields: tuple[str, ...]


MONEY = "%.2f"
PRICE = "%.3f"
# The log slider's stops in each decade.
LOG_MANTISSAS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5)
CALLS_PER_DAY = NumberInput(
    "calls_per_day",
    step=100.0,
    slider_maximum=1_000_000,
    slider_log=True,
    help="Calls to the model per day. The slider moves in log steps up to 1,000,000; type any "
    "number (more, or one between its steps) in the box.",
)
PROMPT_TOKENS = NumberInput(
    "prompt_tokens",
    step=50.0,
    slider_maximum=10_000,
    help="Instruction overhead per call on the prompt path: system prompt, examples, fixed context.",
)
PRICE_PER_MILLION = NumberInput(
    "price_per_million",
    step=0.05,
    slider_maximum=30.0,
    number_format=PRICE,
    help="What the base model charges per 1M input tokens, in US dollars.",
)
FINETUNED_PROMPT_TOKENS = NumberInput(
    "finetuned_prompt_tokens",
    step=50.0,
    slider_maximum=10_000,
    help="Prompt still sent on each call after fine-tuning (0 = none; more = the hybrid "
    "of fine-tuning for style and prompting for per-call instructions).",
)
TRAINING_COST = NumberInput(
    "training_cost",
    step=100.0,
    slider_maximum=50_000.0,
    number_format=MONEY,
    help="One-off cost on day 0: " + TRAINING_EFFORT_REMINDER,
)
RETRAIN_EVERY_DAYS = NumberInput(
    "retrain_every_days",
    step=1,
    slider_maximum=730,
    help="A retraining run is charged on days N, 2N, 3N...",
)
FINETUNE_LAUNCH_DAY = NumberInput(
    "finetune_launch_day",
    step=1,
    help="Data work, training and evaluation take weeks: until this day the fine-tuned path's calls "
    "still cost what prompting costs (1 = live from the first day). Retraining counts from launch.",
)
HORIZON_DAYS = NumberInput(
    "horizon_days",
    step=1,
    help="How many days the comparison covers (730 = two years).",
)
INPUT_TOKENS = NumberInput(
    "input_tokens",
    step=50.0,
    help="The user's own content per call, sent on both paths.",
)
OUTPUT_TOKENS = NumberInput(
    "output_tokens",
    step=50.0,
    help="Tokens the model writes per call, on both paths.",
)
OUTPUT_PRICE = NumberInput("output_price_per_million", step=0.05, number_format=PRICE)
FINETUNED_PRICE = NumberInput(
    "finetuned_price_per_million",
    step=0.05,
    number_format=PRICE,
    help="Fine-tuned models often cost more per token than their base, on every token.",
)
FINETUNED_OUTPUT_PRICE = NumberInput(
    "finetuned_output_price_per_million",
    step=0.05,
    number_format=PRICE,
)
RETRAIN_COST = NumberInput("retrain_cost", step=100.0, number_format=MONEY)
HOSTING = NumberInput(
    "hosting_cost_per_day",
    step=0.1,
    number_format=MONEY,
    help="A fixed fee for the fine-tuned path: an hourly deployment fee or rented GPUs.",
)

PERCENT = "%.1f"
PROMPT_SETUP_COST = NumberInput(
    "prompt_setup_cost",
    step=100.0,
    number_format=MONEY,
    help="One-off cost of the prompt path on day 0: engineering hours and evaluation.",
)
CACHED_PROMPT = NumberInput(
    "cached_prompt_percent",
    step=5.0,
    number_format=PERCENT,
    help="The fixed part of the prompt the provider can cache (0 = no caching).",
)
CACHE_READ_PRICE = NumberInput("cache_read_price_per_million", step=0.05, number_format=PRICE)
CACHE_WRITE_PRICE = NumberInput("cache_write_price_per_million", step=0.05, number_format=PRICE)
CACHE_LIFETIME = NumberInput(
    "cache_lifetime_minutes",
    step=1.0,
    number_format="%.1f",
    help="A call finds the cache cold when no call came within this time before it.",
)
CACHE_MIN_TOKENS = NumberInput(
    "cache_min_prompt_tokens",
    step=128.0,
    help="Providers cache only long prompts (OpenAI: 1,024 tokens and more).",
)
PROMPT_BATCH = NumberInput("prompt_batch_percent", step=5.0, number_format=PERCENT)
FINETUNE_BATCH = NumberInput("finetune_batch_percent", step=5.0, number_format=PERCENT)
BATCH_DISCOUNT = NumberInput(
    "batch_discount_percent",
    step=5.0,
    number_format=PERCENT,
    help="OpenAI's Batch API: 50% off, answers within 24 hours.",
)
GROWTH = NumberInput(
    "calls_growth_percent_per_month",
    step=1.0,
    number_format=PERCENT,
    help="Compounded daily: 5% a month is about 80% a year.",
)
PROMPT_TREND = NumberInput(
    "prompt_price_change_percent_per_year",
    step=5.0,
    number_format=PERCENT,
    help="Negative when prices fall, as token prices have year after year.",
)
FINETUNE_TREND = NumberInput(
    "finetune_price_change_percent_per_year",
    step=5.0,
    number_format=PERCENT,
)
PROMPT_ERRORS = NumberInput("prompt_error_percent", step=0.5, number_format=PERCENT)
FINETUNE_ERRORS = NumberInput("finetune_error_percent", step=0.5, number_format=PERCENT)
COST_PER_ERROR = NumberInput(
    "cost_per_error",
    step=0.5,
    number_format=MONEY,
    help="What a person fixing one wrong output costs.",
)
DISCOUNT_RATE = NumberInput(
    "discount_rate_percent_per_year",
    step=1.0,
    number_format=PERCENT,
    help="Finance's cost of capital: a dollar saved next year is worth less than one today. "
    "0 = no discounting. Changes no cost: it gives the NPV, the discounted break-even day and the IRR.",
)
PREFILL = NumberInput(
    "prefill_ms_per_thousand_tokens",
    step=5.0,
    number_format="%.1f",
    help="How long the model takes to read 1,000 prompt tokens before it answers (0 = not known). "
    "Gives each path's prefill time when no eval measured its latency.",
)
MEASURED_LATENCY_INPUTS = tuple(
    NumberInput(f"{path}_latency_ms_{q}", step=10.0, number_format="%.0f")
    for path in ("prompt", "finetune")
    for q in ("p50", "p95")
)
SELF_HOSTING_INPUTS = (
    NumberInput(
        "tokens_per_second_per_gpu",
        step=100.0,
        group="self_hosting",
        label_text="tokens per second per GPU",
    ),
    NumberInput(
        "gpu_hour_price",
        step=0.1,
        number_format=MONEY,
        group="self_hosting",
        label_text="$ per GPU-hour",
    ),
    NumberInput(
        "utilisation_percent",
        step=5.0,
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
# What a nested group's inputs show while it is off, and take when it is switched on.
NESTED_DEFAULTS: dict[str, dict[str, Any]] = {
    "self_hosting": SELF_HOSTING_DEFAULTS,
    "currency": Currency().model_dump(),
}
CURRENCY_RATE = NumberInput(
    "per_usd",
    step=0.01,
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
    FINETUNE_LAUNCH_DAY,
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
    DISCOUNT_RATE,
    PREFILL,
    *MEASURED_LATENCY_INPUTS,
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
MEASURED_LATENCY = OptionalGroup(
    "input.measured_latency",
    "Latency measured by an eval",
    tuple(spec.field for spec in MEASURED_LATENCY_INPUTS),
)
SELF_HOSTED = "input.self_hosted"
OWN_CURRENCY = "input.own_currency"
CURRENCY_CODE, CURRENCY_SYMBOL, CURRENCY_DATE = (
    "input.currency.code",
    "input.currency.symbol",
    "input.currency.as_of",
)
DEFAULT_RETRAIN_EVERY_DAYS = 90
DEFAULT_CACHE_LIFETIME_MINUTES = 5.0
# A null field without a base input to follow shows this until its toggle is switched on.
STAND_INS = {
    "retrain_every_days": float(DEFAULT_RETRAIN_EVERY_DAYS),
    "cache_lifetime_minutes": DEFAULT_CACHE_LIFETIME_MINUTES,
    **{spec.field: 0.0 for spec in MEASURED_LATENCY_INPUTS},
}
SPECS = {spec.field: spec for spec in SCENARIO_INPUTS}
# While its toggle is off, a null field shows the input it defaults to (SPEC §2: SAME_AS_BASE).
FOLLOWS = {field: SPECS[base] for field, base in SAME_AS_BASE.items()}
# Provider caching terms (SPEC §5): read and write prices as multiples of the input price.
CACHING_TERMS = {
    "OpenAI": {"read": 0.5, "write": 1.0, "min_tokens": 1_024, "lifetime": 10.0},
    "Anthropic": {"read": 0.1, "write": 1.25, "min_tokens": 1_024, "lifetime": 5.0},
}


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`base` with `changes` applied; a nested group (self-hosting, currency) is merged field by field."""
    merged = dict(base)
    for field, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(field), dict):
            merged[field] = _merge(merged[field], value)
        else:
            merged[field] = value
    return merged


def _shown_values() -> dict[str, Any]:
    """What the inputs show: the stored scenario, with the edits the model refused still in place."""
    return _merge(state.current_scenario().model_dump(), st.session_state[state.PENDING_INPUTS])


def _model_value(values: dict[str, Any], spec: NumberInput) -> float:
    """A field's value; a null field gives what it stands for (SPEC §2 defaults)."""
    if spec.group is not None:
        group = values[spec.group]
        return float(group[spec.field]) if group else NESTED_DEFAULTS[spec.group][spec.field]
    value = values[spec.field]
    if value is not None:
        return float(value)
    follows = FOLLOWS.get(spec.field)
    if follows is not None:
        return _model_value(values, follows)
    return STAND_INS[spec.field]


def _edit(changes: dict[str, Any]) -> None:
    """Write the user's change into the stored scenario.

    When the model refuses the scenario with it, the change is kept (shown in its
    widget, with the model's reasons) and the last scenario the model accepted stays
    in use; the next change is tried together with it.
    """
    pending = _merge(st.session_state[state.PENDING_INPUTS], changes)
    try:
        scenario = Scenario.model_validate(_merge(state.current_scenario().model_dump(), pending))
    except ValidationError as error:
        st.session_state[state.PENDING_INPUTS] = pending
        st.session_state[state.INPUT_PROBLEMS] = describe_errors(error)
        return
    state.change_numbers(scenario)


def _number_changed(spec: NumberInput, key: str) -> None:
    value = st.session_state[key]
    if value is None:  # an emptied box: keep the value it showed
        return
    if spec is HOSTING and state.hosting_unit() == PER_HOUR:
        value *= HOURS_PER_DAY
    _edit(spec.change(value))


def _group_toggled(group: OptionalGroup) -> None:
    """On: the fields take the values they stood for; off: they follow their defaults again."""
    on = st.session_state[group.key]
    values = _shown_values()
    _edit({field: _model_value(values, SPECS[field]) if on else None for field in group.fields})


def _nested_toggled(group: str, key: str) -> None:
    fresh = NESTED_DEFAULTS[group] | ({"as_of": date.today()} if group == "currency" else {})
    _edit({group: fresh if st.session_state[key] else None})


def _currency_text_changed(field: str, key: str) -> None:
    text = st.session_state[key]
    _edit({"currency": {field: text.upper() if field == "code" else text}})


def _currency_date_changed() -> None:
    _edit({"currency": {"as_of": st.session_state[CURRENCY_DATE]}})


def _apply_preset() -> None:
    key = st.session_state[PRESET_CHOICE]
    if key != state.CUSTOM_PRESET:
        state.replace_scenario(load_presets()[key].scenario)
    state.keep(PRESET_CHOICE)
    if key == state.CUSTOM_PRESET:
        return
    st.session_state[state.PRICES_APPLIED] = None
    st.session_state[state.DECISION] = None  # the record went with the scenario just left


def _seed_number(spec: NumberInput) -> None:
    """The box (and slider) show the scenario, with any refused edit (`state.mirror`)."""
    value = _model_value(_shown_values(), spec)
    if spec is HOSTING and state.hosting_unit() == PER_HOUR:
        value /= HOURS_PER_DAY
    state.mirror(spec.key, spec.widget_value(value))
    if spec.slider_maximum is not None:
        state.mirror(spec.slider_key, spec.slider_value(value))


def _number(spec: NumberInput, disabled: bool = False, label: str | None = None) -> None:
    _seed_number(spec)
    value = st.session_state[spec.key]
    # The model's bounds; a value beyond them (only a retraining interval past the
    # widest horizon can be) widens them rather than being clamped.
    low = spec.widget_value(min(spec.minimum, value))
    high = None if spec.maximum is None else spec.widget_value(max(spec.maximum, value))
    st.number_input(
        label or spec.label,
        key=spec.key,
        min_value=low,
        max_value=high,
        step=spec.step,
        format=spec.box_format(value),
        help=spec.help,
        disabled=disabled,
        on_change=_number_changed,
        args=(spec, spec.key),
    )
    if spec.slider_log:
        shown = st.session_state[spec.slider_key]
        st.select_slider(
            spec.label,
            spec.slider_options(shown),
            key=spec.slider_key,
            label_visibility="collapsed",
            # As the box writes it (10000, 1234.5), like the other sliders.
            format_func=lambda stop: (spec.box_format(stop) or "%d") % stop,
            disabled=disabled,
            on_change=_number_changed,
            args=(spec, spec.slider_key),
        )
    elif spec.slider_maximum is not None:
        st.slider(
            spec.label,
            key=spec.slider_key,
            label_visibility="collapsed",
            min_value=spec.widget_value(spec.minimum),
            max_value=spec.widget_value(spec.slider_maximum),
            step=spec.step,
            # The box's decimals: Streamlit's own "%0.2f" showed 10000.00 calls over the slider.
            format=spec.box_format(st.session_state[spec.slider_key]),
            disabled=disabled,
            on_change=_number_changed,
            args=(spec, spec.slider_key),
        )


def _toggle(group: OptionalGroup) -> bool:
    values = _shown_values()
    state.mirror(group.key, any(values[field] is not None for field in group.fields))
    return st.toggle(group.label, key=group.key, on_change=_group_toggled, args=(group,))


def _tokens_prices_and_hosting() -> None:
    _number(INPUT_TOKENS)
    _number(OUTPUT_TOKENS)
    _number(OUTPUT_PRICE)
    own_prices = _toggle(OWN_FINETUNED_PRICES)
    _number(FINETUNED_PRICE, disabled=not own_prices)
    _number(FINETUNED_OUTPUT_PRICE, disabled=not own_prices)
    own_retrain_cost = _toggle(OWN_RETRAIN_COST)
    _number(RETRAIN_COST, disabled=not own_retrain_cost)
    state.seed_kept(HOSTING_UNIT, PER_DAY)
    st.radio(
        "Hosting fee entered",
        [PER_DAY, PER_HOUR],
        key=HOSTING_UNIT,
        horizontal=True,
        on_change=state.keep,
        args=(HOSTING_UNIT,),
    )
    hosting_label = f"Hosting cost ({st.session_state[HOSTING_UNIT]})"
    _number(HOSTING, label=hosting_label)
    _number(PROMPT_SETUP_COST)


def _use_caching_terms(provider: str) -> None:
    terms = CACHING_TERMS[provider]
    values = _shown_values()
    price = values["price_per_million"]
    changes = {
        "cache_read_price_per_million": price * terms["read"],
        "cache_write_price_per_million": price * terms["write"],
        "cache_min_prompt_tokens": terms["min_tokens"],
        "cache_lifetime_minutes": terms["lifetime"],
    }
    if values["cached_prompt_percent"] == 0:
        changes["cached_prompt_percent"] = 100.0
    _edit(changes)


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
    suggest_trends_from_history(_edit)


def _self_hosting() -> None:
    state.mirror(SELF_HOSTED, _shown_values()["self_hosting"] is not None)
    hosted = st.toggle(
        "Self-host on rented GPUs",
        key=SELF_HOSTED,
        on_change=_nested_toggled,
        args=("self_hosting", SELF_HOSTED),
        help="Replaces the fine-tuned model's per-token prices with GPU rent.",
    )
    for spec in SELF_HOSTING_INPUTS:
        _number(spec, disabled=not hosted)


def _quality() -> None:
    _number(PROMPT_ERRORS)
    _number(FINETUNE_ERRORS)
    _number(COST_PER_ERROR)


def _finance_and_latency() -> None:
    _number(DISCOUNT_RATE)
    _number(PREFILL)
    measured = _toggle(MEASURED_LATENCY)
    for spec in MEASURED_LATENCY_INPUTS:
        _number(spec, disabled=not measured)
    if not measured:
        st.caption("The Evals page fills these in from an eval run (Use these numbers).")


def _currency() -> None:
    values = _shown_values()
    currency = values["currency"] or NESTED_DEFAULTS["currency"]
    state.mirror(OWN_CURRENCY, values["currency"] is not None)
    state.mirror(CURRENCY_CODE, currency["code"])
    state.mirror(CURRENCY_SYMBOL, currency["symbol"])
    state.mirror(CURRENCY_DATE, currency.get("as_of") or date.today())
    own = st.toggle(
        "Show money in another currency",
        key=OWN_CURRENCY,
        on_change=_nested_toggled,
        args=("currency", OWN_CURRENCY),
    )
    code, symbol = st.columns(2)
    for column, label, field, key, most in (
        (code, "Code", "code", CURRENCY_CODE, 3),
        (symbol, "Symbol", "symbol", CURRENCY_SYMBOL, 4),
    ):
        column.text_input(
            label,
            key=key,
            max_chars=most,
            disabled=not own,
            on_change=_currency_text_changed,
            args=(field, key),
        )
    _number(CURRENCY_RATE, disabled=not own)
    st.date_input(
        "Rate of",
        key=CURRENCY_DATE,
        disabled=not own,
        on_change=_currency_date_changed,
    )


# The sidebar shows one of these sections at a time: drawing every widget on every
# rerun made each change slow to show.
MORE_INPUTS: dict[str, Callable[[], None]] = {
    "Tokens, output prices, hosting": _tokens_prices_and_hosting,
    "Prompt caching and batch": _caching_and_batch,
    "Growth and price trends": _growth_and_trends,
    "Self-hosting a fine-tuned open model": _self_hosting,
    "Quality: the cost of errors": _quality,
    "Finance and latency": _finance_and_latency,
    "Currency": _currency,
}
MORE_INPUTS_CHOICE = "input.more"
NO_MORE_INPUTS = "none"


def _more_inputs() -> None:
    choice = st.selectbox(
        "More inputs",
        [NO_MORE_INPUTS, *MORE_INPUTS],
        key=MORE_INPUTS_CHOICE,
        on_change=state.say_once,
        args=(MORE_INPUTS_CHOICE, "switched"),
        format_func=lambda name: "Choose a section..." if name == NO_MORE_INPUTS else name,
        help="Output tokens and prices, the fine-tuned premium, caching, growth, self-hosting, "
        "the cost of errors and the display currency. Each is neutral until you change it.",
    )
    if choice in MORE_INPUTS:
        with st.container(border=True):
            MORE_INPUTS[choice]()


def scenario_from_sidebar() -> Scenario:
    """Draw the sidebar inputs, each showing the stored scenario, and return that scenario.

    The inputs' callbacks have already written any change into it. A combination
    the model refuses is shown as an error beside the inputs, which keep what was
    typed, and the last scenario the model accepted stays in use.
    """
    if state.said(MORE_INPUTS_CHOICE):
        # Another section changes the sidebar's make-up: rerun within the page's fragment, Streamlit
        # 1.67 kept showing a section left earlier in place of one drawn again (checked in chromium).
        st.rerun(scope="app")
    state.seed_kept(PRESET_CHOICE, state.DEFAULT_PRESET)
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
        _number(FINETUNE_LAUNCH_DAY)
        retrain = _toggle(RETRAIN)
        _number(RETRAIN_EVERY_DAYS, disabled=not retrain)
        st.subheader("Comparison")
        _number(HORIZON_DAYS)
        _more_inputs()
        problems = st.session_state[state.INPUT_PROBLEMS]
        if problems:
            st.error(
                "Not used yet: the model refuses these inputs, so the numbers are those of the "
                "last scenario it accepted.\n" + bullets(problems),
                icon=":material/block:",
            )
    return state.current_scenario()
