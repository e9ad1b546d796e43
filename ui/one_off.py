"""Builders for the one-off costs and the dated events, drawn on the what-if page."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import annotated_types
import streamlit as st
from pydantic import BaseModel, ValidationError

from costmodel import Scenario, describe_errors
from costmodel.explain import describe_event, money_for
from costmodel.scenario import EVENT_KINDS, MAX_EVENT_NOTE_LENGTH
from costmodel.training import (
    EXAMPLE_TOKEN_LIMITS,
    TARGET_EPOCHS,
    PromptSetupParts,
    TrainingCostParts,
    default_epochs,
)
from costmodel.training_file import encoding_for, training_data_figures
from pricing import load_catalog
from render.text import markdown_safe
from ui import state, training_file

TYPED_PRICE = "typed below"
# OpenAI takes no new fine-tuning jobs from this date (SPEC §5).
OPENAI_FINE_TUNING_STOPS = date(2027, 1, 6)


def _set(scenario: Scenario) -> None:
    """Store the new scenario; callers then rerun the whole page (`st.rerun()`), which every
    part drawn from the scenario (the chart, the answers) needs."""
    state.replace_scenario(scenario)


# Both builders are drawn only when switched on: their two dozen widgets would slow every rerun
# of the page. Their switches stand outside them, so that a closed builder costs a rerun no more
# than its switch. An open builder is a fragment: its own widgets rerun only the builder, since
# they change the scenario only through a button that stores it and reruns the whole page.
def training_cost_builder(scenario: Scenario) -> None:
    """Examples x tokens x epochs x training price, plus data, curation and evaluation."""
    if state.kept_toggle("Build the one-off costs from their parts", "build.show"):
        _training_cost_parts(scenario)


def _part_input(
    parts: type[BaseModel],
    name: str,
    label: str,
    step: float,
    key: str,
    *,
    whole: bool = False,
    value: float | None = None,
    **options: Any,
) -> Any:
    """A number input for one field of `parts`: its bounds and default are the model's own
    (or `value`), whole numbers where the field is an int, or `whole`."""
    field = parts.model_fields[name]
    low = next(float(cast(float, m.ge)) for m in field.metadata if isinstance(m, annotated_types.Ge))
    high = next(float(cast(float, m.le)) for m in field.metadata if isinstance(m, annotated_types.Le))
    start = value if value is not None else field.default if field.default is not None else low
    kind = int if whole or field.annotation in (int, int | None) else float
    return st.number_input(label, kind(low), kind(high), kind(start), kind(step), key=key, **options)


@st.fragment
def _training_cost_parts(scenario: Scenario) -> None:
    money = money_for(scenario)
    trainable = {r.key: r for r in load_catalog() if r.training_per_million}
    with st.container(border=True):
        left, right = st.columns(2)
        with left:
            st.markdown("**Fine-tuning run**")
            source = st.selectbox("Training price from", [TYPED_PRICE, *trainable], key="build.price_from")
            record = trainable.get(source)
            price = _part_input(
                TrainingCostParts,
                "training_price_per_million",
                "Training price ($ per 1M training tokens)",
                0.5,
                f"build.price.{source}",
                disabled=source != TYPED_PRICE,
                value=record.training_per_million if record else None,
            )
            model = record.model if record else None
            files = training_file.uploaded_files("build", encoding_for(model))
            if files is None:
                examples = _part_input(TrainingCostParts, "examples", "Examples", 50, "build.examples")
                tokens = _part_input(
                    TrainingCostParts,
                    "tokens_per_example",
                    "Tokens per example",
                    100,
                    "build.tokens",
                    whole=True,
                )
            else:
                examples = files.training.valid_examples
            epochs = _epochs(examples)
            if files is None:
                limit = EXAMPLE_TOKEN_LIMITS.get(model) if model else None
                _example_limit_note(model, limit, tokens)
            figures = None
            if files is not None:
                figures = training_data_figures(
                    files.training,
                    model=model,
                    epochs=epochs,
                    price_per_million=price,
                    validation=files.validation,
                )
                training_file.keep(figures)
                training_file.show_report(figures)
            data = _part_input(
                TrainingCostParts, "data_cost", "Data generation or labelling ($)", 100, "build.data"
            )
            curation = _part_input(TrainingCostParts, "curation_hours", "Curation hours", 1, "build.curation")
            evaluation = _part_input(
                TrainingCostParts, "evaluation_hours", "Evaluation hours", 1, "build.evaluation"
            )
            rate = _part_input(TrainingCostParts, "hourly_rate", "Hourly rate ($)", 5, "build.rate")
            people = {
                "data_cost": data,
                "curation_hours": curation,
                "evaluation_hours": evaluation,
                "hourly_rate": rate,
            }
            if figures is None:
                parts = TrainingCostParts(
                    examples=examples,
                    tokens_per_example=tokens,
                    epochs=epochs,
                    example_token_limit=limit,
                    training_price_per_million=price,
                    **people,
                )
            else:
                parts = figures.cost_parts(**people)
            st.caption(
                markdown_safe(
                    f"Compute {money(parts.compute_cost)} ({parts.training_tokens:,.0f} training tokens: "
                    f"{parts.examples:,} examples x {parts.billed_tokens_per_example:,.0f} tokens x "
                    f"{parts.epochs_trained} epochs), data {money(parts.data_cost)}, "
                    f"people {money(parts.people_cost)}: total {money(parts.total)}."
                )
            )
            also_retraining = st.checkbox("Also as the cost of each retraining", key="build.also_retrain")
            if st.button("Use as training cost", key="build.use_training"):
                update: dict[str, float | None] = {"training_cost": parts.total}
                if also_retraining:
                    update["retrain_cost"] = parts.total
                _set(scenario.model_copy(update=update))
                st.rerun()
        with right:
            st.markdown("**Prompt path set-up**")
            hours = _part_input(
                PromptSetupParts, "engineering_hours", "Prompt engineering hours", 1, "build.prompt_hours"
            )
            prompt_rate = _part_input(
                PromptSetupParts, "hourly_rate", "Hourly rate ($) ", 5, "build.prompt_rate"
            )
            prompt_evaluation = _part_input(
                PromptSetupParts, "evaluation_cost", "Evaluation ($)", 100, "build.prompt_eval"
            )
            setup = PromptSetupParts(
                engineering_hours=hours, hourly_rate=prompt_rate, evaluation_cost=prompt_evaluation
            )
            st.caption(markdown_safe(f"Total {money(setup.total)}."))
            if st.button("Use as prompt set-up cost", key="build.use_setup"):
                _set(scenario.model_copy(update={"prompt_setup_cost": setup.total}))
                st.rerun()


def _epochs(examples: int) -> int | None:
    """The epochs typed, or None for OpenAI's default from the dataset size, shown as such."""
    if st.toggle(
        "Epochs as OpenAI picks them",
        value=True,
        key="build.epochs_auto",
        help="OpenAI's default ('auto'): 3 epochs; more for fewer than 34 examples (up to 25), "
        "fewer for more than 8,333 (down to 1). Other providers choose otherwise: switch off "
        "to set the epochs yourself.",
    ):
        st.caption(f"{default_epochs(examples)} epochs: OpenAI's default for {examples:,} examples.")
        return None
    return int(_part_input(TrainingCostParts, "epochs", "Epochs", 1, "build.epochs", value=TARGET_EPOCHS))


def _example_limit_note(model: str | None, limit: int | None, tokens: int) -> None:
    """Say how many tokens of each example are trained on and billed, and when typed tokens are cut."""
    if limit is None:
        known = ", ".join(f"{count:,} for {name}" for name, count in EXAMPLE_TOKEN_LIMITS.items())
        st.caption(
            f"Tokens per example trained on: no limit recorded for this price (OpenAI cuts each "
            f"example to {known})."
        )
    elif tokens > limit:
        st.warning(
            markdown_safe(
                f"{tokens:,} tokens per example is over {model}'s limit of {limit:,}: OpenAI cuts each "
                f"example to {limit:,} tokens, and the cost counts {limit:,}."
            )
        )
    else:
        st.caption(markdown_safe(f"{model} trains on up to {limit:,} tokens of each example."))


def events_editor(scenario: Scenario) -> None:
    """Add and remove dated events: price changes, forced retraining, the end of fine-tuning."""
    if state.kept_toggle(
        f"Dated events ({len(scenario.events)})", "events.show", default=bool(scenario.events)
    ):
        _events_parts(scenario)


@st.fragment
def _events_parts(scenario: Scenario) -> None:
    with st.container(border=True):
        for position, event in enumerate(scenario.events):
            text, remove = st.columns([5, 1])
            text.write(markdown_safe(describe_event(scenario, event)))
            if remove.button("Remove", key=f"events.remove.{position}"):
                _set(
                    scenario.model_copy(
                        update={"events": scenario.events[:position] + scenario.events[position + 1 :]}
                    )
                )
                st.rerun()
        start = st.date_input(
            "Date of day 1 (for events given by date)",
            value=scenario.start_date or date.today(),
            key="events.start",
        )
        if st.button(
            f"Add OpenAI's fine-tuning shutdown ({OPENAI_FINE_TUNING_STOPS.isoformat()})",
            key="events.openai",
            help="No new fine-tuning jobs from that day: the fine-tuned "
            "path falls back to prompting. Use 'forced retraining' instead to model moving "
            "to another provider.",
        ):
            _add(
                scenario,
                {
                    "kind": "finetune_ends",
                    "on_date": OPENAI_FINE_TUNING_STOPS,
                    "note": "OpenAI takes no new fine-tuning jobs",
                },
                start,
            )
        with st.form("events.add"):
            kinds: list[str] = list(EVENT_KINDS)
            kind = st.selectbox("What happens", kinds, format_func=EVENT_KINDS.__getitem__)
            assert kind is not None  # options and no placeholder: always one chosen
            day = st.number_input("On day", 1, 3650, 180, 1)
            factor = st.number_input(
                "Price factor (price changes: 0.5 halves the prices)", 0.0, 100.0, 0.5, 0.05
            )
            cost = st.number_input(
                "Cost ($, forced retraining; 0 = the retraining cost)", 0.0, 1e9, 0.0, 100.0
            )
            note = st.text_input("Note", max_chars=MAX_EVENT_NOTE_LENGTH)
            if st.form_submit_button("Add event"):
                _add(
                    scenario,
                    {
                        "kind": kind,
                        "day": day,
                        "note": note,
                        "price_factor": factor if kind.endswith("price_change") else None,
                        "cost": cost or None,
                    },
                    start,
                )


def _add(scenario: Scenario, event: dict[str, object], start: date) -> None:
    try:
        updated = Scenario.model_validate(
            scenario.model_dump() | {"start_date": start, "events": [*scenario.model_dump()["events"], event]}
        )
    except ValidationError as error:
        st.error(markdown_safe("; ".join(describe_errors(error))))
        return
    _set(updated)
    st.rerun()
