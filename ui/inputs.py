"""The what-if sidebar: each scenario input as an exact entry, with a slider where
moving fast matters, all mirroring the one stored `Scenario`."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def key(self) -> str:
        return f"input.{self.field}"

    @property
    def slider_key(self) -> str:
        return f"input.{self.field}.slider"

    @property
    def label(self) -> str:
        words = FIELD_LABELS[self.field]
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
    "calls_per_day", step=100, maximum=1_000_000_000, slider_maximum=1_000_000,
    help="Calls to the model per day. The slider reaches 1,000,000; type more in the box.",
)
PROMPT_TOKENS = NumberInput(
    "prompt_tokens", step=50, maximum=2_000_000, slider_maximum=10_000,
    help="Instruction overhead per call on the prompt path: system prompt, examples, "
    "fixed context.",
)
PRICE_PER_MILLION = NumberInput(
    "price_per_million", step=0.05, maximum=10_000.0, slider_maximum=30.0,
    number_format=PRICE, help="What the base model charges per 1M input tokens, in US dollars.",
)
FINETUNED_PROMPT_TOKENS = NumberInput(
    "finetuned_prompt_tokens", step=50, maximum=2_000_000, slider_maximum=10_000,
    help="Prompt still sent on each call after fine-tuning (0 = none; more = the hybrid "
    "of fine-tuning for style and prompting for per-call instructions).",
)
TRAINING_COST = NumberInput(
    "training_cost", step=100.0, maximum=1_000_000_000.0, slider_maximum=50_000.0,
    number_format=MONEY, help="One-off cost on day 0: " + TRAINING_EFFORT_REMINDER,
)
RETRAIN_EVERY_DAYS = NumberInput(
    "retrain_every_days", step=1, minimum=1, maximum=MAX_HORIZON_DAYS, slider_maximum=730,
    help="A retraining run is charged on days N, 2N, 3N...",
)
HORIZON_DAYS = NumberInput(
    "horizon_days", step=1, minimum=1, maximum=MAX_HORIZON_DAYS,
    help="How many days the comparison covers (730 = two years).",
)
INPUT_TOKENS = NumberInput(
    "input_tokens", step=50, maximum=2_000_000,
    help="The user's own content per call, sent on both paths.",
)
OUTPUT_TOKENS = NumberInput(
    "output_tokens", step=50, maximum=2_000_000, help="Tokens the model writes per call, on both paths.",
)
OUTPUT_PRICE = NumberInput("output_price_per_million", step=0.05, maximum=10_000.0, number_format=PRICE)
FINETUNED_PRICE = NumberInput(
    "finetuned_price_per_million", step=0.05, maximum=10_000.0, number_format=PRICE,
    help="Fine-tuned models often cost more per token than their base, on every token.",
)
FINETUNED_OUTPUT_PRICE = NumberInput(
    "finetuned_output_price_per_million", step=0.05, maximum=10_000.0, number_format=PRICE,
)
RETRAIN_COST = NumberInput("retrain_cost", step=100.0, maximum=1_000_000_000.0, number_format=MONEY)
HOSTING = NumberInput(
    "hosting_cost_per_day", step=0.1, maximum=1_000_000.0, number_format=MONEY,
    help="A fixed fee for the fine-tuned path: an hourly deployment fee or rented GPUs.",
)

SCENARIO_INPUTS = (
    CALLS_PER_DAY, PROMPT_TOKENS, PRICE_PER_MILLION, FINETUNED_PROMPT_TOKENS, TRAINING_COST,
    RETRAIN_EVERY_DAYS, HORIZON_DAYS, INPUT_TOKENS, OUTPUT_TOKENS, OUTPUT_PRICE,
    FINETUNED_PRICE, FINETUNED_OUTPUT_PRICE, RETRAIN_COST, HOSTING,
)
RETRAIN = OptionalGroup("input.retrain", "Retrain periodically", ("retrain_every_days",))
OWN_FINETUNED_PRICES = OptionalGroup(
    "input.own_finetuned_prices", "Fine-tuned model has its own prices",
    ("finetuned_price_per_million", "finetuned_output_price_per_million"),
)
OWN_RETRAIN_COST = OptionalGroup(
    "input.own_retrain_cost", "Retraining costs differ from training", ("retrain_cost",)
)
OPTIONAL_GROUPS = (RETRAIN, OWN_FINETUNED_PRICES, OWN_RETRAIN_COST)
DEFAULT_RETRAIN_EVERY_DAYS = 90
# While its toggle is off, a null field shows the input it defaults to (SPEC §2).
FOLLOWS = {
    "finetuned_price_per_million": PRICE_PER_MILLION,
    "finetuned_output_price_per_million": OUTPUT_PRICE,
    "retrain_cost": TRAINING_COST,
}


def _shown_value(scenario: Scenario, spec: NumberInput) -> float:
    """The value a widget shows; a null field shows what it stands for."""
    stand_ins = {
        "retrain_every_days": DEFAULT_RETRAIN_EVERY_DAYS,
        "finetuned_price_per_million": scenario.effective_finetuned_price_per_million,
        "finetuned_output_price_per_million": scenario.effective_finetuned_output_price_per_million,
        "retrain_cost": scenario.effective_retrain_cost,
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
        label or spec.label, key=spec.key, min_value=spec.widget_value(spec.minimum),
        max_value=spec.widget_value(spec.maximum), step=spec.step, format=spec.number_format,
        help=spec.help, disabled=disabled,
        on_change=_copy_number_to_slider if with_slider else _mark_custom,
        args=(spec,) if with_slider else (),
    )
    if with_slider:
        st.slider(
            spec.label, key=spec.slider_key, label_visibility="collapsed",
            min_value=spec.widget_value(spec.minimum),
            max_value=spec.widget_value(spec.slider_maximum), step=spec.step,
            disabled=disabled, on_change=_copy_slider_to_number, args=(spec,),
        )


def _toggle(group: OptionalGroup) -> bool:
    return st.toggle(group.label, key=group.key, on_change=_mark_custom)


def _advanced_inputs() -> None:
    with st.expander("Advanced: tokens, output and fine-tuned prices, hosting"):
        _number(INPUT_TOKENS)
        _number(OUTPUT_TOKENS)
        _number(OUTPUT_PRICE)
        own_prices = _toggle(OWN_FINETUNED_PRICES)
        _number(FINETUNED_PRICE, disabled=not own_prices)
        _number(FINETUNED_OUTPUT_PRICE, disabled=not own_prices)
        own_retrain_cost = _toggle(OWN_RETRAIN_COST)
        _number(RETRAIN_COST, disabled=not own_retrain_cost)
        st.radio(
            "Hosting fee entered", [PER_DAY, PER_HOUR], key=HOSTING_UNIT, horizontal=True,
            on_change=_convert_hosting_unit,
        )
        hosting_label = f"Hosting cost ({st.session_state[HOSTING_UNIT]})"
        _number(HOSTING, label=hosting_label)


def _values_from_widgets() -> dict[str, float | None]:
    values: dict[str, float | None] = {
        spec.field: st.session_state[spec.key] for spec in SCENARIO_INPUTS
    }
    if st.session_state[HOSTING_UNIT] == PER_HOUR:
        values[HOSTING.field] = st.session_state[HOSTING.key] * HOURS_PER_DAY
    for group in OPTIONAL_GROUPS:
        if not st.session_state[group.key]:
            values.update(dict.fromkeys(group.fields))
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
            "Start from an example", options=[state.CUSTOM_PRESET, *presets], key=PRESET_CHOICE,
            format_func=lambda key: "Your own numbers" if key == state.CUSTOM_PRESET
            else presets[key].title,
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
        _advanced_inputs()

    try:
        scenario = Scenario.model_validate(stored.model_dump() | _values_from_widgets())
    except ValidationError as error:
        st.sidebar.error("\n".join(describe_errors(error)))
        return stored
    state.store_scenario(scenario)
    return scenario
