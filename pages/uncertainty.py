"""How sure is the answer: sensitivity, Monte Carlo and the break-even frontier."""

import streamlit as st

from costmodel import Scenario, evaluate
from costmodel.explain import describe_input, money_for
from costmodel.frontier import frontier_grid, frontier_scenario
from costmodel.montecarlo import MonteCarloResult, MonteCarloRun, Range, run_monte_carlo
from costmodel.questions import minimum_calls_per_day
from costmodel.sensitivity import savings_swings
from render.text import markdown_safe
from render.uncertainty_charts import make_fan_chart, make_frontier_heatmap, make_tornado
from ui import state, uncertainty
from ui.layout import metric_row
from ui.page import start_page


@st.cache_data(max_entries=8, show_spinner="Running the draws...")
def monte_carlo(scenario: Scenario, ranges: tuple[Range, ...], draws: int, seed: int) -> MonteCarloResult:
    return run_monte_carlo(scenario, MonteCarloRun(ranges=ranges, draws=draws, seed=seed))


start_page()
scenario = state.current_scenario()
result = evaluate(scenario)
money = money_for(scenario)
st.title("How sure is the answer?")
sensitivity, simulation, frontier_tab = st.tabs(["Sensitivity", "Monte Carlo", "Break-even frontier"])

with sensitivity:
    swings = savings_swings(scenario)
    st.plotly_chart(
        make_tornado(swings, result.savings, scenario), width="stretch", key="uncertainty.tornado"
    )
    st.dataframe(
        [
            {
                "input": s.label,
                "value": describe_input(scenario, s.field),
                "saves (20% lower)": money(s.savings_low),
                "saves (20% higher)": money(s.savings_high),
                "break-even (20% lower)": s.break_even_low,
                "break-even (20% higher)": s.break_even_high,
            }
            for s in swings
        ],
        hide_index=True,
        width="stretch",
        key="uncertainty.swings",
    )
    top = swings[0]
    st.write(
        markdown_safe(
            f"The savings hang most on {top.label}: 20% either way moves them between "
            f"{money(min(top.savings_low, top.savings_high))} and "
            f"{money(max(top.savings_low, top.savings_high))}."
        )
    )

with simulation:
    st.write(
        "Give each uncertain input a low, likely and high value. Every draw runs the full day-by-day model."
    )
    ranges = uncertainty.ranges_editor(scenario)
    draws, seed = uncertainty.run_settings()
    st.button("Reset the ranges to this scenario", on_click=uncertainty.reset_ranges, key="uncertainty.reset")
    if ranges is not None:
        outcome = monte_carlo(scenario, ranges, draws, seed)
        outcome_metrics = metric_row()
        outcome_metrics.metric(
            f"Pays back within {scenario.horizon_days:,} days", f"{outcome.payback_probability:.0%}"
        )
        for percentile in (10, 50, 90):
            day = outcome.break_even_percentile(percentile)
            outcome_metrics.metric(f"P{percentile} break-even day", "none" if day is None else f"day {day:,}")
        st.caption(
            markdown_safe(
                f"Savings over the horizon: P10 {money(outcome.savings_percentile(10))}, "
                f"P50 {money(outcome.savings_percentile(50))}, P90 {money(outcome.savings_percentile(90))}."
            )
        )
        st.plotly_chart(make_fan_chart(outcome, scenario), width="stretch", key="uncertainty.fan")

with frontier_tab:
    by = st.radio(
        "Against calls per day",
        ["prompt_tokens_saved", "training_cost"],
        horizontal=True,
        format_func={"prompt_tokens_saved": "prompt tokens saved", "training_cost": "training cost"}.get,
        key="uncertainty.frontier_by",
    )
    simple = frontier_scenario(scenario)
    minimum = minimum_calls_per_day(scenario)
    st.metric(
        "Minimum calls per day that pay back within the horizon",
        "none" if minimum is None else f"{minimum:,}",
        help="The fewest whole calls a day with which fine-tuning is ahead on the horizon's last day, "
        "by the full daily model (growth, trends and events included). With self-hosting the GPU "
        "count does not follow volume in a straight line, so none is given.",
    )
    current = (
        scenario.training_cost
        if by == "training_cost"
        else scenario.prompt_tokens - scenario.finetuned_prompt_tokens
    )
    st.plotly_chart(
        make_frontier_heatmap(frontier_grid(scenario, by), simple, current, minimum),
        width="stretch",
        key="uncertainty.frontier",
    )
    if simple != scenario:
        st.caption(
            "The heatmap is exact for the scenario without growth, price trends, dated events "
            "and self-hosting, which it leaves out; the minimum calls per day counts them."
        )
