"""The decision guide's widgets, kept by the session (`state.kept`); the `GuideAnswers` they make
is stored for the pages that read it (Present, the saved decision)."""

from __future__ import annotations

import streamlit as st

from costmodel.explain import format_money
from costmodel.guide import GAPS, PROMPT_CHECKLIST, GuideAnswers
from costmodel.training_file import encoding_for, examples_sentence, training_data_figures
from pricing import load_catalog
from render.text import markdown_safe
from ui import state, training_file

EXAMPLES = "guide.examples"


def _prompt_key(item: str) -> str:
    return f"guide.prompt.{item}"


def _gap_key(gap: str) -> str:
    return f"guide.gap.{gap}"


def prompt_checklist() -> None:
    answers = state.guide_answers()  # a link's or a file's answers, until the user changes them
    left, right = st.columns(2)
    for position, (item, label) in enumerate(PROMPT_CHECKLIST.items()):
        key = _prompt_key(item)
        state.seed_kept(key, item in answers.prompt_has)
        column = left if position % 2 == 0 else right
        column.checkbox(label, key=key, on_change=state.keep, args=(key,))


def gap_choices() -> None:
    answers = state.guide_answers()
    for gap, label in GAPS.items():
        key = _gap_key(gap)
        state.seed_kept(key, gap in answers.gaps)
        st.checkbox(label, key=key, on_change=state.keep, args=(key,))


def examples_count() -> None:
    """Step 4: the examples counted in a training file uploaded here (or read in the training-cost
    builder), else the count typed."""
    trainable = {r.key: r for r in load_catalog() if r.training_per_million}
    st.write("Upload the training file to count its examples, or type how many you have.")
    source = st.selectbox(
        "Model to fine-tune (its tokenizer, limit per example and training price)",
        list(trainable),
        key="guide.train_model",
    )
    record = trainable[source] if source else None
    model = record.model if record else None
    files = training_file.uploaded_files("guide", encoding_for(model))
    if files is not None:
        read = training_data_figures(
            files.training,
            model=model,
            price_per_million=record.training_per_million if record else None,
            validation=files.validation,
        )
        training_file.keep(read)
    figures = state.training_data()
    if figures is None:
        state.seed_kept(EXAMPLES, state.guide_answers().good_examples)
        st.number_input(
            "Good, curated examples you have (input and ideal output)",
            key=EXAMPLES,
            min_value=0,
            max_value=10_000_000,
            step=10,
            on_change=state.keep,
            args=(EXAMPLES,),
        )
        return
    if files is None:
        st.caption(markdown_safe(f"From {figures.training.file_name}, read earlier in this session."))
        if st.button("Forget this file and type the count", key="guide.forget_file"):
            st.session_state[state.TRAINING_DATA] = None
            st.rerun()
    st.info(markdown_safe(examples_sentence(figures)))
    training_file.show_report(figures)
    if figures.training_cost is not None and st.button(
        f"Use as training cost ({format_money(figures.training_cost)})",
        key="guide.use_training",
        help="The file's training bill alone; add data, curation and evaluation in the what-if "
        "page's builder of one-off costs.",
    ):
        state.replace_scenario(
            state.current_scenario().model_copy(update={"training_cost": figures.training_cost})
        )
        st.rerun()


def answers_from_widgets() -> GuideAnswers:
    figures = state.training_data()
    answers = GuideAnswers(
        prompt_has=frozenset(item for item in PROMPT_CHECKLIST if st.session_state[_prompt_key(item)]),
        gaps=frozenset(gap for gap in GAPS if st.session_state[_gap_key(gap)]),
        good_examples=st.session_state[EXAMPLES]
        if figures is None
        else figures.training.distinct_valid_examples,
        training_data=figures,
    )
    state.store_guide_answers(answers)
    return answers
