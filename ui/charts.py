"""Chart builders: each `make_*` takes model results and returns a plotly Figure.

Money is drawn in the scenario's display currency; the model stays in dollars.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

import numpy as np
import plotly.graph_objects as go

from costmodel import CostResult
from costmodel.calibrate import Calibration
from costmodel.explain import describe_event, money_for
from costmodel.scenario import USD, Currency

PROMPT_COLOUR = "#1f77b4"
FINETUNE_COLOUR = "#ff7f0e"
CACHED_COLOUR = "#9467bd"
BREAK_EVEN_COLOUR = "#2ca02c"
LEAD_LOST_COLOUR = "#d62728"
SIMPLE_RULE_COLOUR = "#7f7f7f"
EVENT_COLOUR = "#8c564b"

# One colour per compared scenario (plotly's qualitative "Plotly" palette).
SCENARIO_COLOURS = ("#636EFA", "#EF553B", "#00CC96", "#AB63FA", "#FFA15A", "#19D3F3")
# Exports (PNG, HTML) have no Streamlit theme: a white template matches the app. Only
# exports get it, because applying a template costs more than building the chart.
EXPORT_TEMPLATE = "plotly_white"

PROMPT_NAME = "Prompt engineering"
FINETUNE_NAME = "Fine-tuning"
CACHED_NAME = "Prompt + caching"


def money_axis(largest: float, currency: Currency) -> dict[str, object]:
    return {
        "title": {"text": f"Cumulative cost ({currency.code})"},
        "tickprefix": currency.symbol,
        "tickformat": ",.2f" if largest < 100 else ",.0f",
        "rangemode": "tozero",
    }


def _line(
    result: CostResult, name: str, colour: str, cumulative: np.ndarray, dash: str = "solid"
) -> dict[str, object]:
    currency = result.scenario.display_currency
    return {
        "type": "scatter",
        "x": result.days,
        "y": cumulative * currency.per_usd,
        "name": name,
        "mode": "lines",
        "line": {"color": colour, "width": 3, "dash": dash},
        "hovertemplate": f"{name}: {escape(currency.symbol)}%{{y:,.2f}}<extra></extra>",
    }


def _vertical_line(day: float, colour: str, dash: str, width: float) -> dict[str, object]:
    return {
        "type": "line",
        "x0": day,
        "x1": day,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": colour, "dash": dash, "width": width},
    }


def _line_label(day: float, text: str, colour: str, at_top: bool, to_the_left: bool) -> dict[str, object]:
    return {
        "x": day,
        "xref": "x",
        "y": 1 if at_top else 0,
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "xanchor": "right" if to_the_left else "left",
        "yanchor": "top" if at_top else "bottom",
        "font": {"color": colour, "size": 11},
    }


def make_cost_curves(result: CostResult) -> go.Figure:
    """Cumulative cost of both paths by day, the crossing marked and labelled.

    Every lead change after the first crossing (retraining handing the lead back)
    gets a marker too, the simple rule's day a dotted line where it differs, each
    dated event a line of its own, and prompt caching a third curve when it is on.
    The figure is built in one go from plain dicts: plotly's add_vline and friends
    validate the whole figure on every call, which made this chart slow to redraw.
    """
    scenario = result.scenario
    currency = scenario.display_currency
    money = money_for(scenario)
    horizon = scenario.horizon_days
    # Traces as plain dicts: plotly validates them once, in the Figure, instead of twice.
    traces = [
        _line(result, PROMPT_NAME, PROMPT_COLOUR, result.prompt_cumulative),
        _line(result, FINETUNE_NAME, FINETUNE_COLOUR, result.finetune_cumulative),
    ]
    if result.prompt_cached_cumulative is not None:
        traces.append(_line(result, CACHED_NAME, CACHED_COLOUR, result.prompt_cached_cumulative, "dot"))

    # The lead changes as one trace (a trace per marker would cost more than the rest of the chart).
    changes = [(day, result.finetune_is_ahead_on(day)) for day in result.lead_changes]
    for name, points in (
        ("Break-even", [(day, lead) for day, lead in changes if day == result.break_even_day]),
        ("Lead changes", [(day, lead) for day, lead in changes if day != result.break_even_day]),
    ):
        if points:
            traces.append(
                {
                    "type": "scatter",
                    "x": [day for day, _ in points],
                    "y": [result.finetune_cumulative[day] * currency.per_usd for day, _ in points],
                    "mode": "markers",
                    "name": name,
                    "showlegend": False,
                    "marker": {
                        "size": 14 if name == "Break-even" else 10,
                        "color": [BREAK_EVEN_COLOUR if lead else LEAD_LOST_COLOUR for _, lead in points],
                        "symbol": ["circle" if lead else "x" for _, lead in points],
                        "line": {"color": "white", "width": 2},
                    },
                    "hovertext": [
                        f"Day {day}: fine-tuning takes the lead"
                        if lead
                        else f"Day {day}: prompting takes the lead back"
                        for day, lead in points
                    ],
                    "hovertemplate": "%{hovertext}<extra></extra>",
                }
            )

    shapes: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    if result.break_even_day is not None:
        day = result.break_even_day
        shapes.append(_vertical_line(day, BREAK_EVEN_COLOUR, "dash", 2))
        annotations.append(
            {
                "x": day,
                "y": result.finetune_cumulative[day] * currency.per_usd,
                "name": "break-even",
                "text": (
                    f"<b>Break-even: day {day}</b><br>"
                    f"both paths at {escape(money(result.finetune_cumulative[day]))}"
                ),
                "showarrow": True,
                "arrowhead": 2,
                "ax": 60,
                "ay": -60,
                "bgcolor": "rgba(255,255,255,0.9)",
                "bordercolor": BREAK_EVEN_COLOUR,
                "font": {"size": 14, "color": "#1b5e20"},
            }
        )

    simple_day = result.simple_break_even_days
    if (
        simple_day is not None
        and simple_day <= horizon
        and (result.break_even_day is None or math.ceil(simple_day) != result.break_even_day)
    ):
        shapes.append(_vertical_line(simple_day, SIMPLE_RULE_COLOUR, "dot", 2))
        annotations.append(
            _line_label(
                simple_day,
                f"simple rule: day {math.ceil(simple_day)}",
                SIMPLE_RULE_COLOUR,
                at_top=True,
                to_the_left=True,
            )
        )

    for position, event in enumerate(scenario.events):
        day = scenario.event_day(event)
        if day <= horizon:
            shapes.append(_vertical_line(day, EVENT_COLOUR, "dashdot", 1.5))
            annotations.append(
                _line_label(
                    day,
                    escape(describe_event(scenario, event))[:60],
                    EVENT_COLOUR,
                    at_top=False,
                    to_the_left=position % 2 == 1,
                )
            )

    largest = float(max(result.prompt_cumulative.max(), result.finetune_cumulative.max())) * currency.per_usd
    return go.Figure(
        data=traces,
        layout={
            "title": {"text": "Cumulative cost of each path", "x": 0},
            "xaxis": {
                "title": {"text": "Day (day 0 = training)"},
                "range": [0, horizon],
                "rangemode": "tozero",
            },
            "yaxis": money_axis(largest, currency),
            "shapes": shapes,
            "annotations": annotations,
            "hovermode": "x unified",
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
            "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
            "height": 460,
        },
    )


def for_export(figure: go.Figure) -> go.Figure:
    """The figure as a file shows it: on the white template the app's theme stands in for."""
    return figure.update_layout(template=EXPORT_TEMPLATE)


def make_comparison_chart(named_results: Sequence[tuple[str, CostResult]]) -> go.Figure:
    """Cumulative cost of several scenarios: one colour each, prompt solid, fine-tuned dashed.

    Drawn in the scenarios' display currency when they share one, else in US dollars.
    """
    currencies = {result.scenario.display_currency for _, result in named_results}
    currency = currencies.pop() if len(currencies) == 1 else USD
    figure = go.Figure()
    for position, (name, result) in enumerate(named_results):
        colour = SCENARIO_COLOURS[position % len(SCENARIO_COLOURS)]
        for path, dash, cumulative in (
            ("prompt", "solid", result.prompt_cumulative),
            ("fine-tuned", "dash", result.finetune_cumulative),
        ):
            figure.add_trace(
                go.Scatter(
                    x=result.days,
                    y=cumulative * currency.per_usd,
                    mode="lines",
                    name=f"{escape(name)} · {path}",
                    legendgroup=str(position),
                    line={"color": colour, "dash": dash, "width": 2.5},
                    hovertemplate=(
                        f"{escape(name)} · {path}: {escape(currency.symbol)}%{{y:,.2f}}<extra></extra>"
                    ),
                )
            )
        if result.break_even_day is not None:
            day = result.break_even_day
            figure.add_trace(
                go.Scatter(
                    x=[day],
                    y=[result.finetune_cumulative[day] * currency.per_usd],
                    mode="markers+text",
                    name=f"{escape(name)} · break-even",
                    legendgroup=str(position),
                    showlegend=False,
                    marker={"size": 12, "color": colour, "line": {"color": "white", "width": 2}},
                    text=[f"day {day}"],
                    textposition="top center",
                    textfont={"color": colour},
                    hovertemplate=f"{escape(name)}: break-even on day {day}<extra></extra>",
                )
            )
    longest = max(result.scenario.horizon_days for _, result in named_results)
    largest = max(float(r.prompt_cumulative.max()) for _, r in named_results) * currency.per_usd
    figure.update_layout(
        title={"text": "Cumulative cost: solid = prompt engineering, dashed = fine-tuning", "x": 0},
        xaxis={"title": {"text": "Day (day 0 = training)"}, "range": [0, longest]},
        yaxis=money_axis(largest, currency),
        hovermode="x unified",
        height=520,
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return figure


def make_daily_calls(calibration: Calibration) -> go.Figure:
    """Calls on each day of the usage files, and the fitted growth with the weekly pattern averaged out."""
    traces: list[dict[str, object]] = [
        {
            "type": "bar",
            "x": calibration.dates,
            "y": calibration.daily_calls,
            "name": "Calls that day",
            "marker": {"color": PROMPT_COLOUR},
            "hovertemplate": "%{x|%a %Y-%m-%d}: %{y:,.0f} calls<extra></extra>",
        }
    ]
    growth = calibration.calls_growth_percent_per_month
    if calibration.fitted_calls is not None and growth is not None:
        traces.append(
            {
                "type": "scatter",
                "x": calibration.dates,
                "y": calibration.fitted_calls,
                "name": f"Fitted growth: {growth:+.1f}% a month",
                "mode": "lines",
                "line": {"color": FINETUNE_COLOUR, "width": 3},
                "hovertemplate": "fitted: %{y:,.0f} calls<extra></extra>",
            }
        )
    return go.Figure(
        data=traces,
        layout={
            "title": {"text": "Calls per day in the usage files", "x": 0},
            "xaxis": {"title": {"text": "Day (UTC)"}},
            "yaxis": {"title": {"text": "Calls"}, "rangemode": "tozero", "tickformat": ",.0f"},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
            "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
            "height": 380,
        },
    )
