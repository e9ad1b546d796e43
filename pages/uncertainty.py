"""How sure is the answer: sensitivity, Monte Carlo and the break-even frontier."""

import streamlit as st

from costmodel import Scenario, evaluate
from costmodel.explain import describe_input, money_for
from costmodel.frontier import AXIS_LABELS, Frontier, FrontierAxis, current_other, frontier_grid
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


@st.cache_data(max_entries=8, show_spinner="Costing the grid...")
def frontier(scenario: Scenario, by: FrontierAxis) -> Frontier:
    return frontier_grid(scenario, by)


start_page()
scenario = state.current_scenario()
result = evaluate(scenario)
money = money_for(scenario)
# P10, P50 and P90 in plain words, where the page shows them.
PERCENTILE_WORDS = {
    10: "P10: 1 draw in 10 breaks even by this day; the other 9 later or never (an early case).",
    50: "P50, the median: half the draws break even by this day, half later or never.",
    90: "P90: 9 draws in 10 break even by this day (a late case); 1 in 10 later or never.",
}
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
                "input": f"{s.label} ({describe_input(scenario, s.field)})",
                "saves −20%": money(s.savings_low),
                "saves +20%": money(s.savings_high),
                "break-even −20%": "never" if s.break_even_low is None else f"day {s.break_even_low:,}",
                "break-even +20%": "never" if s.break_even_high is None else f"day {s.break_even_high:,}",
            }
            for s in swings
        ],
        hide_index=True,
        key="uncertainty.swings",
        # Every column fits the narrowest main column (about 540 px at 1000 px); the long input
        # names wrap onto a second line instead of pushing the break-even columns out of view.
        row_height=uncertainty.TWO_LINE_ROW_HEIGHT,
        column_config={
            "input": st.column_config.TextColumn("input (value)", width=150, help="Each input now"),
            **{
                name: st.column_config.TextColumn(
                    name, width=width, help=f"{what}, with the input 20% {side}"
                )
                for name, width, what, side in (
                    ("saves −20%", 75, "Saved by fine-tuning over the horizon", "lower"),
                    ("saves +20%", 75, "Saved by fine-tuning over the horizon", "higher"),
                    ("break-even −20%", 108, "The break-even day", "lower"),
                    ("break-even +20%", 108, "The break-even day", "higher"),
                )
            },
        },
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
            outcome_metrics.metric(
                f"P{percentile} break-even day",
                "none" if day is None else f"day {day:,}",
                help=PERCENTILE_WORDS[percentile],
            )
        st.caption(
            markdown_safe(
                f"Savings over the horizon: P10 {money(outcome.savings_percentile(10))}, "
                f"P50 {money(outcome.savings_percentile(50))}, P90 {money(outcome.savings_percentile(90))} "
                "(1 draw in 10 saves less than P10, half less than P50, 9 in 10 less than P90)."
            )
        )
        st.plotly_chart(make_fan_chart(outcome, scenario), width="stretch", key="uncertainty.fan")

with frontier_tab:
    by = st.radio(
        "Against calls per day",
        list(AXIS_LABELS),
        horizontal=True,
        format_func={"prompt_tokens_saved": "prompt tokens saved", "training_cost": "training cost"}.get,
        key="uncertainty.frontier_by",
    )
    minimum = minimum_calls_per_day(scenario)
    st.metric(
        "Minimum calls per day that pay back within the horizon",
        "none" if minimum is None else f"{minimum:,}",
        help="The fewest whole calls a day with which fine-tuning is ahead on the horizon's last day, "
        "by the full daily model (growth, trends and events included). With self-hosting the GPU "
        "count does not follow volume in a straight line, so none is given.",
    )
    st.plotly_chart(
        make_frontier_heatmap(frontier(scenario, by), scenario, current_other(scenario, by), minimum),
        width="stretch",
        key="uncertainty.frontier",
    )
    st.caption(
        "Each cell is the full daily model for that volume and saving (or training cost), "
        "with every other input of the scenario as it is."
    )
