"""The decision guide's widgets, mirroring one stored `GuideAnswers`."""

from __future__ import annotations

import streamlit as st

from costmodel.guide import GAPS, PROMPT_CHECKLIST, GuideAnswers
from ui import state

EXAMPLES = "guide.examples"


def _prompt_key(item: str) -> str:
    return f"guide.prompt.{item}"


def _gap_key(gap: str) -> str:
    return f"guide.gap.{gap}"


def _seed_widgets(answers: GuideAnswers) -> None:
    """Streamlit forgets widgets of pages not shown; put the stored answers back."""
    for item in PROMPT_CHECKLIST:
        st.session_state.setdefault(_prompt_key(item), item in answers.prompt_has)
    for gap in GAPS:
        st.session_state.setdefault(_gap_key(gap), gap in answers.gaps)
    st.session_state.setdefault(EXAMPLES, answers.good_examples)


def prompt_checklist() -> None:
    _seed_widgets(state.guide_answers())
    left, right = st.columns(2)
    for position, (item, label) in enumerate(PROMPT_CHECKLIST.items()):
        (left if position % 2 == 0 else right).checkbox(label, key=_prompt_key(item))


def gap_choices() -> None:
    for gap, label in GAPS.items():
        st.checkbox(label, key=_gap_key(gap))


def examples_count() -> None:
    st.number_input(
        "Good, curated examples you have (input and ideal output)",
        key=EXAMPLES,
        min_value=0,
        max_value=10_000_000,
        step=10,
    )


def answers_from_widgets() -> GuideAnswers:
    answers = GuideAnswers(
        prompt_has=frozenset(item for item in PROMPT_CHECKLIST if st.session_state[_prompt_key(item)]),
        gaps=frozenset(gap for gap in GAPS if st.session_state[_gap_key(gap)]),
        good_examples=st.session_state[EXAMPLES],
    )
    state.store_guide_answers(answers)
    return answers
