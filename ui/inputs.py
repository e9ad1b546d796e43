"""The what-if sidebar: each scenario input as an exact entry, with a slider where
moving fast matters, both mirroring the one stored `Scenario`."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from pydantic import ValidationError

from costmodel import FIELD_LABELS, Scenario, describe_errors, load_presets
from costmodel.scenario import MAX_HORIZON_DAYS
from ui import state

RETRAIN_TOGGLE = "input.retrain"
CUSTOM_PRESET = "custom"


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

    def slider_value(self, value: float) -> float:
        """The exact value, pinned into the slider's shorter range."""
        assert self.slider_maximum is not None
        return min(max(value, self.minimum), self.slider_maximum)


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
    number_format="%.3f", help="What the base model charges per 1M input tokens, in US dollars.",
)
FINETUNED_PROMPT_TOKENS = NumberInput(
    "finetuned_prompt_tokens", step=50, maximum=2_000_000, slider_maximum=10_000,
    help="Prompt still sent on each call after fine-tuning (0 = none; more = the hybrid "
    "of fine-tuning for style and prompting for per-call instructions).",
)
TRAINING_COST = NumberInput(
    "training_cost", step=100.0, maximum=1_000_000_000.0, slider_maximum=50_000.0,
    number_format="%.2f",
    help="One-off cost on day 0: training compute plus data curation and evaluation, "
    "which are often the larger part.",
)
RETRAIN_EVERY_DAYS = NumberInput(
    "retrain_every_days", step=1, minimum=1, maximum=MAX_HORIZON_DAYS, slider_maximum=730,
    help="Each retraining run costs the training cost again, charged on days N, 2N, 3N...",
)
HORIZON_DAYS = NumberInput(
    "horizon_days", step=1, minimum=1, maximum=MAX_HORIZON_DAYS,
    help="How many days the comparison covers (730 = two years).",
)

SCENARIO_INPUTS = (
    CALLS_PER_DAY, PROMPT_TOKENS, PRICE_PER_MILLION, FINETUNED_PROMPT_TOKENS,
    TRAINING_COST, RETRAIN_EVERY_DAYS, HORIZON_DAYS,
)
DEFAULT_RETRAIN_EVERY_DAYS = 90


def _widget_value(spec: NumberInput, value: float) -> float:
    # Streamlit refuses to mix int and float in one number_input: use the step's type.
    return int(value) if isinstance(spec.step, int) else float(value)


def _write_widgets(scenario: Scenario, overwrite: bool) -> None:
    for spec in SCENARIO_INPUTS:
        value = getattr(scenario, spec.field)
        if spec is RETRAIN_EVERY_DAYS and value is None:
            value = DEFAULT_RETRAIN_EVERY_DAYS
        if overwrite or spec.key not in st.session_state:
            st.session_state[spec.key] = _widget_value(spec, value)
        if spec.slider_maximum is not None and (overwrite or spec.slider_key not in st.session_state):
            st.session_state[spec.slider_key] = _widget_value(spec, spec.slider_value(value))
    if overwrite or RETRAIN_TOGGLE not in st.session_state:
        st.session_state[RETRAIN_TOGGLE] = scenario.retrain_every_days is not None


def _apply_preset() -> None:
    key = st.session_state[state.PRESET]
    if key == CUSTOM_PRESET:
        return
    scenario = load_presets()[key].scenario
    state.store_scenario(scenario)
    _write_widgets(scenario, overwrite=True)


def _copy_slider_to_number(spec: NumberInput) -> None:
    st.session_state[spec.key] = st.session_state[spec.slider_key]
    st.session_state[state.PRESET] = CUSTOM_PRESET


def _copy_number_to_slider(spec: NumberInput) -> None:
    value = st.session_state[spec.key]
    st.session_state[spec.slider_key] = _widget_value(spec, spec.slider_value(value))
    st.session_state[state.PRESET] = CUSTOM_PRESET


def _mark_custom() -> None:
    st.session_state[state.PRESET] = CUSTOM_PRESET


def _number(spec: NumberInput, disabled: bool = False) -> None:
    label = FIELD_LABELS[spec.field]
    label = label[0].upper() + label[1:]
    st.number_input(
        label, key=spec.key, min_value=_widget_value(spec, spec.minimum),
        max_value=_widget_value(spec, spec.maximum), step=spec.step, format=spec.number_format,
        help=spec.help, disabled=disabled,
        on_change=_copy_number_to_slider if spec.slider_maximum else _mark_custom,
        args=(spec,) if spec.slider_maximum else (),
    )
    if spec.slider_maximum is not None:
        st.slider(
            label, key=spec.slider_key, label_visibility="collapsed",
            min_value=_widget_value(spec, spec.minimum),
            max_value=_widget_value(spec, spec.slider_maximum), step=spec.step,
            disabled=disabled, on_change=_copy_slider_to_number, args=(spec,),
        )


def scenario_from_sidebar() -> Scenario:
    """Draw the sidebar inputs and return the scenario they describe.

    A combination the model refuses is shown as an error and the last valid
    scenario is kept, so no input is lost.
    """
    stored = state.current_scenario()
    _write_widgets(stored, overwrite=False)
    presets = load_presets()
    with st.sidebar:
        st.selectbox(
            "Start from an example", options=[CUSTOM_PRESET, *presets], key=state.PRESET,
            format_func=lambda key: "Your own numbers" if key == CUSTOM_PRESET
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
        retrain = st.toggle("Retrain periodically", key=RETRAIN_TOGGLE, on_change=_mark_custom)
        _number(RETRAIN_EVERY_DAYS, disabled=not retrain)
        st.subheader("Comparison")
        _number(HORIZON_DAYS)

    values = {spec.field: st.session_state[spec.key] for spec in SCENARIO_INPUTS}
    if not retrain:
        values["retrain_every_days"] = None
    try:
        scenario = Scenario.model_validate(stored.model_dump() | values)
    except ValidationError as error:
        st.sidebar.error("\n".join(describe_errors(error)))
        return stored
    state.store_scenario(scenario)
    return scenario
