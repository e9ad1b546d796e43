"""Chart builders: each `make_*` takes model results and returns a plotly Figure.

Money is drawn in the scenario's display currency; the model stays in dollars.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

import numpy as np
import plotly.graph_objects as go

from costmodel import CostResult
from costmodel.calibrate import Calibration
from costmodel.explain import describe_event, format_money, money_for
from costmodel.scenario import USD, Currency, Event
from pricing.records import PriceRecord, Prices, current_from

# Okabe and Ito's colour-blind-safe palette; the paths also differ in dash (prompt solid,
# fine-tuned dashed, caching dotted) so that a greyscale print tells them apart.
PROMPT_COLOUR = "#0072B2"
FINETUNE_COLOUR = "#E69F00"
CACHED_COLOUR = "#CC79A7"
BREAK_EVEN_COLOUR = "#009E73"
LEAD_LOST_COLOUR = "#D55E00"
SIMPLE_RULE_COLOUR = "#6E6E6E"
EVENT_COLOUR = "#56B4E9"
PROMPT_DASH, FINETUNE_DASH, CACHED_DASH = "solid", "dash", "dot"

# One colour per compared scenario, from the same palette.
SCENARIO_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
# Compared scenarios whose savings differ more than this many times share a scale that is
# logarithmic on both sides of zero: on one linear scale the smaller ones would lie flat.
SMALLEST_SWING = 0.01
ONE_SCALE_LARGEST_RATIO = 20

# Labels on the chart must not overprint each other at 1000 px wide with the sidebar open,
# where the plot area is about this wide; a character of 11 px text takes about this much.
NARROWEST_PLOT_PIXELS = 560
LABEL_CHARACTER_PIXELS = 6.5
LABEL_ROW_HEIGHT = 0.065  # of the plot's height
AXIS_LABEL_STANDOFF = 8  # pixels between an axis and its tick labels
EVENT_SHORT_NAMES = {
    "prompt_price_change": "prompt prices",
    "finetune_price_change": "fine-tuned prices",
    "forced_retraining": "forced retraining",
    "finetune_ends": "fine-tuned path ends",
}
# Exports (PNG, HTML) have no Streamlit theme: a white template matches the app. Only
# exports get it, because applying a template costs more than building the chart.
EXPORT_TEMPLATE = "plotly_white"
# In the app Streamlit's theme styles the chart, so the what-if chart carries an empty
# template rather than plotly's default: copying, converting and sending those 7 kB took
# a third of the time the chart costs on every rerun.
APP_TEMPLATE: dict[str, object] = {}

PROMPT_NAME = "Prompt engineering"
FINETUNE_NAME = "Fine-tuning"
CACHED_NAME = "Prompt + caching"


def money_axis(largest: float, currency: Currency) -> dict[str, object]:
    return {
        "title": {"text": f"Cumulative cost ({currency.code})"},
        "tickprefix": currency.symbol,
        "tickformat": ",.2f" if largest < 100 else ",.0f",
        "rangemode": "tozero",
        # Both axes start at 0: their labels stood apart, "$0" met the day axis's "0".
        "ticklabelstandoff": AXIS_LABEL_STANDOFF,
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


def _vertical_line(day: float, colour: str, dash: str, width: float, top: float = 1) -> dict[str, object]:
    return {
        "type": "line",
        "x0": day,
        "x1": day,
        "xref": "x",
        "y0": 0,
        "y1": top,
        "yref": "paper",
        "line": {"color": colour, "dash": dash, "width": width},
    }


def _line_label(
    day: float, text: str, colour: str, row: int, at_top: bool, to_the_left: bool
) -> dict[str, object]:
    """A label beside a vertical line, in its own row counted from the top or the bottom."""
    offset = row * LABEL_ROW_HEIGHT
    return {
        "x": day,
        "xref": "x",
        "y": 1 - offset if at_top else offset,
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "xanchor": "right" if to_the_left else "left",
        "yanchor": "top" if at_top else "bottom",
        "font": {"color": colour, "size": 11},
        "bgcolor": "rgba(255,255,255,0.85)",
    }


def short_event_label(day: int, event: Event) -> str:
    """An event as a label on the chart: its day and what happens; the note is in its hover text.

    >>> short_event_label(60, Event(kind="prompt_price_change", day=60, price_factor=0.8))
    'day 60: prompt prices ×0.8'
    """
    factor = f" ×{event.price_factor:g}" if event.price_factor is not None else ""
    return f"day {day}: {EVENT_SHORT_NAMES[event.kind]}{factor}"


def label_place(
    day: float, text: str, horizon: int, keep_clear_of: Sequence[float], character_pixels: float
) -> tuple[float, bool, str]:
    """Where a line's label goes: the day it is anchored at, whether it reads leftwards, and its
    text. Rightwards unless that runs past the horizon's end; where another line in
    `keep_clear_of` would run through it, it reads the other way if there is room, else it
    starts beyond that line and points back at its own with an arrow.

    >>> label_place(100, "simple rule: day 100", 730, [90], 6.5)
    (100, False, 'simple rule: day 100')
    >>> label_place(100, "simple rule: day 100", 730, [110], 6.5)
    (110, False, '← simple rule: day 100')
    >>> label_place(500, "simple rule: day 500", 730, [520], 6.5)
    (500, True, 'simple rule: day 500')
    """
    width = (len(text) * character_pixels + 8) * horizon / NARROWEST_PLOT_PIXELS

    def clear(start: float, end: float) -> bool:
        return start >= 0 and end <= horizon and not any(start <= other <= end for other in keep_clear_of)

    leftwards = day + width > horizon
    if clear(day - width, day) if leftwards else clear(day, day + width):
        return day, leftwards, text
    if clear(day, day + width) if leftwards else clear(day - width, day):
        return day, not leftwards, text
    if leftwards:
        beyond = min((other for other in keep_clear_of if day - width <= other < day), default=day)
        return beyond, True, f"{text} →"
    beyond = max((other for other in keep_clear_of if day < other <= day + width), default=day)
    return beyond, False, f"← {text}"


def place_labels(days_and_texts: Sequence[tuple[float, str]], horizon: int) -> list[tuple[int, bool]]:
    """Where each line label goes: a row, and whether it reads leftwards from its line (near
    the right edge), such that labels in one row never overlap, even on the narrowest plot.

    >>> place_labels([(10, "day 10: price change"), (12, "day 12: ends"), (700, "day 700: x")], 730)
    [(0, False), (1, False), (0, True)]
    """
    days_per_pixel = horizon / NARROWEST_PLOT_PIXELS
    spans = []
    for day, text in days_and_texts:
        width = (len(text) * LABEL_CHARACTER_PIXELS + 8) * days_per_pixel
        leftwards = day + width > horizon
        spans.append((day - width if leftwards else day, day if leftwards else day + width, leftwards))
    placed: list[tuple[int, bool]] = [(0, False)] * len(spans)
    row_ends: list[float] = []
    for index in sorted(range(len(spans)), key=lambda i: spans[i][0]):
        start, end, leftwards = spans[index]
        row = next((r for r, taken_until in enumerate(row_ends) if taken_until < start), len(row_ends))
        if row == len(row_ends):
            row_ends.append(end)
        row_ends[row] = end
        placed[index] = (row, leftwards)
    return placed


def make_cost_curves(result: CostResult) -> go.Figure:
    """Cumulative cost of both paths by day, the crossing marked and labelled.

    Every lead change after the first crossing (retraining handing the lead back)
    gets a marker too, the simple rule's day a dotted line where it differs, each
    dated event a line of its own, and prompt caching a third curve when it is on.
    The figure is built in one go from plain dicts: plotly's add_vline and friends
    validate the whole figure on every call, which made this chart slow to redraw. It is
    not validated at all on the page (four fifths of the chart's time on every rerun); the
    tests validate it (tests/test_charts.py), and `for_export` does for files.
    """
    scenario = result.scenario
    currency = scenario.display_currency
    money = money_for(scenario)
    horizon = scenario.horizon_days
    # Traces as plain dicts: plotly validates them once, in the Figure, instead of twice.
    traces = [
        _line(result, PROMPT_NAME, PROMPT_COLOUR, result.prompt_cumulative, PROMPT_DASH),
        _line(result, FINETUNE_NAME, FINETUNE_COLOUR, result.finetune_cumulative, FINETUNE_DASH),
    ]
    if result.prompt_cached_cumulative is not None:
        traces.append(_line(result, CACHED_NAME, CACHED_COLOUR, result.prompt_cached_cumulative, CACHED_DASH))

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
    # Top rows: the break-even label first, the simple rule's below it; events at the bottom.
    # Curves are low early on, where these lines usually are, so labels leave the markers clear.
    simple_day = result.simple_break_even_days
    show_simple = (
        simple_day is not None
        and simple_day <= horizon
        and (result.break_even_day is None or math.ceil(simple_day) != result.break_even_day)
    )
    if result.break_even_day is not None:
        day = result.break_even_day
        shapes.append(_vertical_line(day, BREAK_EVEN_COLOUR, "dash", 2))
        both_at = escape(money(result.finetune_cumulative[day]))
        # No other line reaches this row (the simple rule's stops below it).
        label = _line_label(
            day,
            f"<b>Break-even: day {day}</b>, both paths at {both_at}",
            "#00563F",
            row=0,
            at_top=True,
            to_the_left=day > horizon * 0.6,
        )
        annotations.append(label | {"name": "break-even", "font": {"size": 13, "color": "#00563F"}})

    if show_simple:
        assert simple_day is not None
        row = 1 if result.break_even_day is not None else 0
        # The dotted line ends at its own label, clear of the break-even label above it; the label
        # keeps clear of the break-even line, which would otherwise run through it.
        top = 1 - row * LABEL_ROW_HEIGHT
        shapes.append(_vertical_line(simple_day, SIMPLE_RULE_COLOUR, "dot", 2, top=top))
        clear_of = [] if result.break_even_day is None else [result.break_even_day]
        at, leftwards, text = label_place(
            simple_day, f"simple rule: day {math.ceil(simple_day)}", horizon, clear_of, LABEL_CHARACTER_PIXELS
        )
        label = _line_label(at, text, SIMPLE_RULE_COLOUR, row=row, at_top=True, to_the_left=leftwards)
        annotations.append(label | {"name": "simple rule"})

    dated = sorted(
        (
            (scenario.event_day(event), event)
            for event in scenario.events
            if scenario.event_day(event) <= horizon
        ),
        key=lambda day_and_event: day_and_event[0],
    )
    labels = [(day, short_event_label(day, event)) for day, event in dated]
    placements = place_labels(labels, horizon)
    for (day, event), (_, text), (row, leftwards) in zip(dated, labels, placements, strict=True):
        shapes.append(_vertical_line(day, EVENT_COLOUR, "dashdot", 1.5))
        label = _line_label(day, escape(text), "#1F5F7F", row=row, at_top=False, to_the_left=leftwards)
        annotations.append(label | {"hovertext": escape(describe_event(scenario, event))})

    largest = float(max(result.prompt_cumulative.max(), result.finetune_cumulative.max())) * currency.per_usd
    return go.Figure(
        _validate=False,
        data=traces,
        layout={
            "title": {"text": "Cumulative cost of each path", "x": 0},
            "xaxis": {
                "title": {"text": "Day (day 0 = training)"},
                "range": [0, horizon],
                "rangemode": "tozero",
                "ticklabelstandoff": AXIS_LABEL_STANDOFF,
            },
            "yaxis": money_axis(largest, currency),
            "shapes": shapes,
            "annotations": annotations,
            "hovermode": "x unified",
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
            "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
            "height": 460,
            "template": APP_TEMPLATE,
        },
    )


def for_export(figure: go.Figure) -> go.Figure:
    """The figure as a file shows it: validated, on the white template the app's theme stands in for."""
    return go.Figure(figure.to_dict()).update_layout(template=EXPORT_TEMPLATE)


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
        xaxis={
            "title": {"text": "Day (day 0 = training)"},
            "range": [0, longest],
            "ticklabelstandoff": AXIS_LABEL_STANDOFF,
        },
        yaxis=money_axis(largest, currency),
        hovermode="x unified",
        height=520,
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return figure


def signed_log_width(largest_savings: Sequence[float]) -> float | None:
    """Where one linear scale would flatten the smaller scenarios, the width around zero of a
    scale logarithmic on both sides (`asinh(amount / width)`): a power of ten a hundredth of
    the smallest scenario's largest swing. None when the swings are alike enough for dollars.

    >>> signed_log_width([5_000, 20_000]) is None
    True
    >>> signed_log_width([5_000, 2_000_000])
    10.0
    """
    # A swing under a cent (a training cost of $1e-310 and no calls) is no scale to show:
    # a width from it would put the axis's top power of ten past any float.
    swings = [abs(amount) for amount in largest_savings if abs(amount) >= SMALLEST_SWING]
    if len(swings) < 2 or max(swings) <= ONE_SCALE_LARGEST_RATIO * min(swings):
        return None
    return 10.0 ** math.floor(math.log10(min(swings) / 100))


def _signed_log_ticks(width: float, largest: float, currency: Currency) -> dict[str, object]:
    """Ticks at zero and at ± 1 and 3 times each power of ten from ten widths up, labelled in
    money: a line between two powers of ten then still has a tick beside it."""
    powers = range(1, math.ceil(math.log10(largest / width)) + 1)
    amounts = sorted(
        [0.0] + [sign * step * width * 10.0**power for power in powers for step in (1, 3) for sign in (-1, 1)]
    )
    cents = width < 1
    return {
        "tickmode": "array",
        "tickvals": [math.asinh(amount / width) for amount in amounts],
        "ticktext": [format_money(amount / currency.per_usd, currency, cents) for amount in amounts],
    }


def make_savings_comparison(named_results: Sequence[tuple[str, CostResult]]) -> go.Figure:
    """Cumulative savings of several scenarios: prompt total minus fine-tuned total by day.

    Each line crosses zero on its own break-even day. When the scenarios' savings differ
    more than ONE_SCALE_LARGEST_RATIO-fold, the axis is logarithmic on both sides of zero,
    so the smallest scenario's line still shows its shape; the hover gives the amounts.
    Drawn in the scenarios' display currency when they share one.
    """
    currencies = {result.scenario.display_currency for _, result in named_results}
    currency = currencies.pop() if len(currencies) == 1 else USD
    saved_by_scenario = [
        (result.prompt_cumulative - result.finetune_cumulative) * currency.per_usd
        for _, result in named_results
    ]
    largest_each = [float(np.abs(saved).max()) for saved in saved_by_scenario]
    width = signed_log_width(largest_each)

    def plotted(amounts: np.ndarray) -> np.ndarray:
        return amounts if width is None else np.arcsinh(amounts / width)

    figure = go.Figure()
    for position, ((name, result), saved) in enumerate(zip(named_results, saved_by_scenario, strict=True)):
        colour = SCENARIO_COLOURS[position % len(SCENARIO_COLOURS)]
        figure.add_trace(
            go.Scatter(
                x=result.days,
                y=plotted(saved),
                # The amounts as the tables write them ("-$2,999", cents only below 100).
                customdata=[format_money(amount / currency.per_usd, currency) for amount in saved],
                mode="lines",
                name=escape(name),
                legendgroup=str(position),
                line={"color": colour, "width": 2.5},
                hovertemplate=f"{escape(name)}: %{{customdata}} saved<extra></extra>",
            )
        )
        if result.break_even_day is not None:
            day = result.break_even_day
            figure.add_trace(
                go.Scatter(
                    x=[day],
                    y=plotted(saved[day : day + 1]),
                    mode="markers",
                    name=f"{escape(name)} · break-even",
                    legendgroup=str(position),
                    showlegend=False,
                    marker={"size": 11, "color": colour, "line": {"color": "white", "width": 2}},
                    hovertemplate=f"{escape(name)}: break-even on day {day}<extra></extra>",
                )
            )
    longest = max(result.scenario.horizon_days for _, result in named_results)
    largest = max(largest_each)
    axis_title = f"Prompt total − fine-tuned total ({currency.code})"
    if width is None:
        yaxis: dict[str, object] = {
            "tickprefix": currency.symbol,
            "tickformat": ",.2f" if largest < 100 else ",.0f",
        }
    else:
        axis_title = f"Saved so far ({currency.code}, log scale both sides of zero)"
        yaxis = _signed_log_ticks(width, largest, currency)
    figure.update_layout(
        title={"text": "Saved by fine-tuning so far: above zero, fine-tuning is ahead", "x": 0},
        xaxis={
            "title": {"text": "Day (day 0 = training)"},
            "range": [0, longest],
            "ticklabelstandoff": AXIS_LABEL_STANDOFF,
        },
        yaxis={
            "title": {"text": axis_title},
            **yaxis,
            "zeroline": True,
            "zerolinecolor": "#333333",
            "zerolinewidth": 2,
        },
        hovermode="x unified",
        height=460,
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


# The token prices a price-history chart draws: record field, name, colour, dash
# (the fine-tuned model's prices dashed, as the fine-tuned path is on the cost chart).
PRICE_HISTORY_LINES = (
    ("input_per_million", "input", PROMPT_COLOUR, "solid"),
    ("cached_input_per_million", "cached input", CACHED_COLOUR, "solid"),
    ("output_per_million", "output", SCENARIO_COLOURS[2], "solid"),
    ("training_per_million", "training", SIMPLE_RULE_COLOUR, "dot"),
    ("finetuned_input_per_million", "fine-tuned input", FINETUNE_COLOUR, "dash"),
    ("finetuned_output_per_million", "fine-tuned output", LEAD_LOST_COLOUR, "dash"),
)


def make_price_history(record: PriceRecord, today: date) -> go.Figure:
    """A record's token prices as steps over time: each dated span, then today's prices up to `today`.

    A price the record does not know in a span leaves a gap rather than a drop to zero;
    a price never known is not drawn. Every day is a point, so hovering anywhere along a
    step shows the price in force then and the day its span began.
    """
    periods: list[tuple[date, Prices]] = [(span.from_date, span) for span in record.history]
    start = current_from(record)
    if start is not None:
        periods.append((start, record))
    starts = [day for day, _ in periods]
    days = (
        [starts[0] + timedelta(days=n) for n in range((max(today, starts[-1]) - starts[0]).days + 1)]
        if starts
        else []
    )  # today's prices hold up to today
    in_force = [bisect_right(starts, day) - 1 for day in days]
    figure = go.Figure()
    for field, name, colour, dash in PRICE_HISTORY_LINES:
        prices = [getattr(prices, field) for _, prices in periods]
        if all(price is None for price in prices):
            continue
        # The day this price began: a new span that repeats it (another price moved) keeps the earlier day.
        since = [starts[0]]
        for period in range(1, len(periods)):
            since.append(since[-1] if prices[period] == prices[period - 1] else starts[period])
        figure.add_trace(
            go.Scatter(
                x=days,
                y=[prices[period] for period in in_force],
                customdata=[since[period].isoformat() for period in in_force],
                name=name,
                mode="lines+markers",
                line={"shape": "hv", "color": colour, "dash": dash, "width": 2.5},
                marker={"size": [7 if day in starts else 0 for day in days]},  # a dot where a price began
                connectgaps=False,
                hovertemplate=f"{name}: $%{{y:,.3f}} per 1M from %{{customdata}}<extra></extra>",
            )
        )
    figure.update_layout(
        title={"text": f"{escape(record.model)}: how its prices moved ($ per 1M tokens)", "x": 0},
        xaxis={"title": {"text": "Date"}, "type": "date"},
        yaxis={"title": {"text": "$ per 1M tokens"}, "tickprefix": "$", "rangemode": "tozero"},
        hovermode="x unified",
        height=380,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return figure
