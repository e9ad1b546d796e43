"""The questions a manager asks next, on What-if and Present: when, per 1,000 calls, how far
the inputs may move, and month by month. Every number comes from the daily model."""

from __future__ import annotations

import streamlit as st

from costmodel import CostResult, Scenario
from costmodel.breakdown import describe_day, monthly_costs
from costmodel.explain import cost_per_thousand_calls_words, money_for, premium_words
from costmodel.model import DAYS_PER_MONTH
from costmodel.questions import (
    SEARCHED_INPUTS,
    largest_finetuned_premium_percent,
    largest_training_cost,
    minimum_calls_per_day,
    within,
)
from render.text import markdown_safe
from ui import state
from ui.layout import metric_row

MONTHS_KEY = "questions.months"


QUESTIONS = {
    question.__name__: question
    for question in (minimum_calls_per_day, largest_training_cost, largest_finetuned_premium_percent)
}


@st.cache_data(max_entries=192, show_spinner=False)
def _cached_answer(question: str, scenario_json: str, months: float) -> float | None:
    return QUESTIONS[question](Scenario.model_validate_json(scenario_json), months)


def _answer(question: str, scenario: Scenario, months: float) -> float | None:
    """A reverse question's answer, cached without the inputs it searches over: moving the
    calls per day leaves the fewest calls that pay back as they were, and cached."""
    return _cached_answer(
        question, scenario.model_copy(update=SEARCHED_INPUTS[question]).model_dump_json(), months
    )


def show_manager_answers_when_asked(result: CostResult, key: str) -> None:
    """The answers behind a switch, as the what-if page's other extras are. Drawn on every change
    of an input, their two dozen elements took the browser longer than the chart they follow."""
    if state.kept_toggle(
        "What managers ask next",
        f"{key}.answers.show",
        help="Break-even in months and as a date, cost per 1,000 calls, what still pays back "
        "(training cost, price premium, calls a day) and the costs month by month.",
    ):
        with st.container(border=True):
            show_manager_answers(result, key, heading=False)


def show_manager_answers(result: CostResult, key: str, heading: bool = True, with_costs: bool = True) -> None:
    """Break-even in the calendar, cost per 1,000 calls (unless the page shows them already), the
    reverse questions and the monthly table."""
    scenario = result.scenario
    if heading:
        st.subheader("What managers ask next")
    if with_costs:
        _costs(result)
    _reverse_questions(scenario, key)

    # Built only when open: a closed expander still draws its table, a data grid that took the
    # browser as long on every rerun as a chart.
    by_month = st.expander("Month by month", key=f"{key}.monthly.open", on_change="rerun")
    if by_month.open:
        with by_month:
            _monthly_table(result, key)


def _costs(result: CostResult) -> None:
    scenario = result.scenario
    costs = metric_row()
    costs.metric(
        "When fine-tuning breaks even",
        describe_day(scenario, result.break_even_day),
        help="The day fine-tuning pays back: from it on it has cost no more in total on every day of "
        "the horizon. In months from day 1, and its date once day 1 has one (set it under Dated events).",
    )
    for label, amount in cost_per_thousand_calls_words(result):
        costs.metric(
            label,
            markdown_safe(amount),
            help="The path's whole cost over the horizon (one-off costs included) per 1,000 calls.",
        )


def _monthly_table(result: CostResult, key: str) -> None:
    table = monthly_costs(result)
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        "Download the monthly costs (CSV)",
        table.to_csv(index=False).encode(),
        file_name="monthly-costs.csv",
        mime="text/csv",
        key=f"{key}.monthly_csv",
        on_click="ignore",
    )


@st.fragment
def _reverse_questions(scenario: Scenario, key: str) -> None:
    """What still pays back within the months asked about. A fragment: changing the months
    reruns only this part, since the months are the question's and no value of the scenario."""
    money = money_for(scenario)
    # The horizon in months to a tenth (730 days: 24.0, where 23.98 read as a raw value); the
    # question is cut to whole days within the horizon, and the caption says which day.
    horizon_months = round(scenario.horizon_days / DAYS_PER_MONTH, 1)
    shortest = 0.1
    # Its range is the horizon's: a new horizon starts the question afresh.
    widget = f"{key}.{MONTHS_KEY}.{scenario.horizon_days}"
    # Kept when the answers are switched off or another page is shown.
    state.seed_kept(widget, horizon_months)
    months = st.number_input(
        "Pay back within (months)",
        min_value=min(shortest, horizon_months),
        max_value=horizon_months,
        step=1.0,
        format="%.1f",
        key=widget,
        on_change=state.keep,
        args=(widget,),
        help="The reverse questions below ask what still pays back within this time.",
    )
    st.caption(f"That is by day {within(scenario, months).horizon_days:,}.")
    calls, training, premium = (_answer(question, scenario, months) for question in QUESTIONS)
    answers = metric_row()
    answers.metric(
        "Fewest calls a day that pay back",
        "none" if calls is None else f"{calls:,}",
        help="With every other input as it is. None with self-hosting, or when no volume pays back.",
    )
    answers.metric(
        "Most training may cost",
        "none pays back" if training is None else markdown_safe(money(training)),
        help="Retraining that costs what training costs moves with it.",
    )
    answers.metric(
        "Largest fine-tuned price premium",
        "none pays back" if premium is None else f"{premium:+,.1f}%",
        # "-69.9%" alone read as a premium; the words say the fine-tuned prices must be lower.
        delta=None if premium is None else premium_words(premium),
        delta_color="off",
        delta_arrow="off",
        help="The most the fine-tuned model may charge over the base model, on both input and output "
        "prices, and still pay back; below zero, how much cheaper than the base model it must be.",
    )
