"""Chart builders for uncertainty: tornado, Monte Carlo fan, break-even frontier."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from costmodel.frontier import Frontier
from costmodel.montecarlo import MonteCarloResult
from costmodel.scenario import Scenario
from costmodel.sensitivity import Swing
from render.charts import BREAK_EVEN_COLOUR, FINETUNE_COLOUR, PROMPT_COLOUR, money_axis

LOW_COLOUR, HIGH_COLOUR = "#4c78a8", "#f58518"
# The frontier: the horizon's contour and its label, and the cells that never break even.
CONTOUR_COLOUR = "#1A1A1A"
NEVER_COLOUR = "#D9D9D9"


def make_tornado(swings: list[Swing], base_savings: float, scenario: Scenario) -> go.Figure:
    """Savings with each input 20% lower and higher: widest bar on top, the base case a line."""
    currency = scenario.display_currency
    shown = list(reversed(swings))  # plotly draws the first bar at the bottom
    labels = [s.label for s in shown]
    figure = go.Figure()
    for name, colour, values, moved in (
        ("input 20% lower", LOW_COLOUR, [s.savings_low for s in shown], [s.low_value for s in shown]),
        ("input 20% higher", HIGH_COLOUR, [s.savings_high for s in shown], [s.high_value for s in shown]),
    ):
        figure.add_trace(
            go.Bar(
                y=labels,
                x=[(v - base_savings) * currency.per_usd for v in values],
                base=base_savings * currency.per_usd,
                orientation="h",
                name=name,
                marker_color=colour,
                customdata=np.column_stack([moved, np.array(values) * currency.per_usd]),
                hovertemplate=(
                    f"%{{y}} = %{{customdata[0]:,.4g}}: "
                    f"saves {currency.symbol}%{{customdata[1]:,.0f}}<extra></extra>"
                ),
            )
        )
    figure.add_vline(
        x=base_savings * currency.per_usd,
        line={"color": "#333", "width": 2},
        annotation_text="base case",
        annotation_position="top",
    )
    figure.update_layout(
        barmode="overlay",
        title={"text": "What the savings hang on (each input ±20%)", "x": 0},
        xaxis={
            "title": {"text": f"Saved by fine-tuning over the horizon ({currency.code})"},
            "tickprefix": currency.symbol,
            "tickformat": ",.0f",
        },
        yaxis={"automargin": True},
        height=max(300, 45 * len(swings) + 150),
        # The legend under the axis: above the plot it touched the base case's label.
        legend={"orientation": "h", "yanchor": "top", "y": -0.28, "x": 0},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
    )
    return figure


def make_fan_chart(result: MonteCarloResult, scenario: Scenario) -> go.Figure:
    """Cumulative savings over days: the median and the 10–90% and 25–75% bands."""
    currency = scenario.display_currency
    days, fan = result.fan_days, {p: v * currency.per_usd for p, v in result.fan.items()}
    figure = go.Figure()
    for low, high, opacity, name in ((10, 90, 0.18, "10–90% of draws"), (25, 75, 0.35, "25–75% of draws")):
        figure.add_trace(
            go.Scatter(
                x=days, y=fan[high], mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip"
            )
        )
        figure.add_trace(
            go.Scatter(
                x=days,
                y=fan[low],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor=f"rgba(255,127,14,{opacity})",
                name=name,
                hoverinfo="skip",
            )
        )
    figure.add_trace(
        go.Scatter(
            x=days,
            y=fan[50],
            mode="lines",
            name="median",
            line={"color": FINETUNE_COLOUR, "width": 3},
            hovertemplate=f"Day %{{x}}: median saving {currency.symbol}%{{y:,.0f}}<extra></extra>",
        )
    )
    figure.add_hline(
        y=0,
        line={"color": PROMPT_COLOUR, "dash": "dash"},
        annotation_text="paid back above this line",
        annotation_position="bottom right",
    )
    figure.update_layout(
        title={"text": "Cumulative saving by fine-tuning, across all draws", "x": 0},
        xaxis={"title": {"text": "Day (day 0 = training)"}},
        yaxis=money_axis(float(np.max(np.abs(fan[90]))), currency)
        | {"title": {"text": f"Cumulative saving ({currency.code})"}, "rangemode": "normal"},
        height=440,
        hovermode="x unified",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
    )
    return figure


def make_frontier_heatmap(
    frontier: Frontier, scenario: Scenario, current_other: float, minimum_calls: int | None
) -> go.Figure:
    """Break-even day over calls per day x another input; the horizon drawn as a contour."""
    horizon = scenario.horizon_days
    # Plotly leaves NaN cells blank: "never" is drawn as no colour.
    z = np.where(np.isinf(frontier.break_even), np.nan, frontier.break_even)
    figure = go.Figure(
        go.Heatmap(
            x=frontier.calls,
            y=frontier.other,
            z=z,
            zmin=0,
            zmax=horizon,
            colorscale="Viridis",
            colorbar={"title": {"text": "break-even day"}},
            hovertemplate="%{x:,.0f} calls/day, %{y:,.0f}: break-even day %{z:,.0f}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Contour(
            x=frontier.calls,
            y=frontier.other,
            z=np.nan_to_num(z, nan=horizon * 10),
            showscale=False,
            contours={
                "start": horizon,
                "end": horizon,
                "size": 1,
                "coloring": "none",
                "showlabels": True,
                "labelfont": {"color": CONTOUR_COLOUR, "size": 13},
            },
            # Dark: the contour runs between the last colours and the grey of "never".
            line={"color": CONTOUR_COLOUR, "width": 3, "dash": "dash"},
            name=f"day {horizon} (the horizon)",
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[scenario.calls_per_day],
            y=[current_other],
            mode="markers+text",
            name="your scenario",
            marker={"size": 14, "color": "white", "line": {"color": "black", "width": 2}, "symbol": "star"},
            text=["you"],
            textposition="top center",
            # white with a dark edge: readable on the dark cells and on the grey of "never"
            textfont={"color": "white", "shadow": "0px 0px 3px #000000"},
        )
    )
    if minimum_calls is not None:
        # A shape and a label of its own: add_vline's label sat at the wrong place on a log axis.
        figure.add_shape(
            type="line",
            x0=minimum_calls,
            x1=minimum_calls,
            xref="x",
            y0=0,
            y1=1,
            yref="paper",
            line={"color": BREAK_EVEN_COLOUR, "width": 2},
        )
        leftwards = minimum_calls > math.sqrt(frontier.calls[0] * frontier.calls[-1])
        figure.add_annotation(
            x=math.log10(minimum_calls),  # a log axis places annotations by the exponent
            xref="x",
            y=0.98,
            yref="paper",
            text=f"minimum {minimum_calls:,.0f} calls/day",
            showarrow=False,
            xanchor="right" if leftwards else "left",
            yanchor="top",
            font={"color": "#00563F", "size": 12},
            bgcolor="rgba(255,255,255,0.9)",
            name="minimum calls",
        )
    figure.update_layout(
        title={"text": f"Break-even day (grey: not within {horizon:,} days)", "x": 0},
        plot_bgcolor=NEVER_COLOUR,
        xaxis={"title": {"text": "Calls per day (log scale)"}, "type": "log"},
        yaxis={"title": {"text": frontier.other_label[0].upper() + frontier.other_label[1:]}},
        height=480,
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return figure
