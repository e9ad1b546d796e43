"""The decision guide's widgets, kept by the session (`state.kept`); the `GuideAnswers` they make
is stored for the pages that read it (Present, the saved decision)."""

from __future__ import annotations

import streamlit as st

from costmodel.guide import GAPS, PROMPT_CHECKLIST, GuideAnswers
from ui import state

EXAMPLES = "guide.examples"


def _prompt_key(item: str) -> str:
    return f"guide.prompt.{item}"


def _gap_key(gap: str) -> str:
    return f"guide.gap.{gap}"


def prompt_checklist() -> None:
    answers = GuideAnswers()
    left, right = st.columns(2)
    for position, (item, label) in enumerate(PROMPT_CHECKLIST.items()):
        key = _prompt_key(item)
        state.seed_kept(key, item in answers.prompt_has)
        column = left if position % 2 == 0 else right
        column.checkbox(label, key=key, on_change=state.keep, args=(key,))


def gap_choices() -> None:
    answers = GuideAnswers()
    for gap, label in GAPS.items():
        key = _gap_key(gap)
        state.seed_kept(key, gap in answers.gaps)
        st.checkbox(label, key=key, on_change=state.keep, args=(key,))


def examples_count() -> None:
    state.seed_kept(EXAMPLES, GuideAnswers().good_examples)
    st.number_input(
        "Good, curated examples you have (input and ideal output)",
        key=EXAMPLES,
        min_value=0,
        max_value=10_000_000,
        step=10,
        on_change=state.keep,
        args=(EXAMPLES,),
    )


def answers_from_widgets() -> GuideAnswers:
    answers = GuideAnswers(
        prompt_has=frozenset(item for item in PROMPT_CHECKLIST if st.session_state[_prompt_key(item)]),
        gaps=frozenset(gap for gap in GAPS if st.session_state[_gap_key(gap)]),
        good_examples=st.session_state[EXAMPLES],
    )
    state.store_guide_answers(answers)
    return answers
