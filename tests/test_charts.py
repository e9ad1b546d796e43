"""The cost-curve figure: the traces and markers a reader relies on."""

from datetime import date

import plotly.graph_objects as go
import pytest

from costmodel import Scenario, evaluate, format_money
from pricing import load_catalog
from render.charts import (
    CACHED_NAME,
    FINETUNE_NAME,
    PROMPT_NAME,
    for_export,
    make_cost_curves,
    make_price_history,
    make_savings_comparison,
)
from tests.examples import ARTICLE


def test_both_paths_are_drawn_over_every_day():
    figure = make_cost_curves(evaluate(ARTICLE))
    prompt, finetune = figure.data[:2]
    assert (prompt.name, finetune.name) == (PROMPT_NAME, FINETUNE_NAME)
    assert len(prompt.x) == 731
    assert prompt.y[-1] == 29_200
    assert finetune.y[0] == 3_000


def test_crossing_is_marked_and_annotated_on_the_break_even_day():
    figure = make_cost_curves(evaluate(ARTICLE))
    [annotation] = [a for a in figure.layout.annotations if a.name == "break-even"]
    assert annotation.x == 100
    assert "Break-even: day 100" in annotation.text
    assert "$4,000" in annotation.text
    [marker] = [trace for trace in figure.data if trace.name == "Break-even"]
    assert list(marker.x) == [100]


def test_axes_carry_units():
    layout = make_cost_curves(evaluate(ARTICLE)).layout
    assert "Day" in layout.xaxis.title.text
    assert "USD" in layout.yaxis.title.text
    assert layout.yaxis.tickprefix == "$"


def test_every_lead_change_is_marked_and_the_simple_rule_shown_when_it_misleads():
    result = evaluate(ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_000}))
    figure = make_cost_curves(result)
    marked = [day for trace in figure.data if trace.name in ("Break-even", "Lead changes") for day in trace.x]
    assert sorted(marked) == result.lead_changes
    assert any("simple rule: day 100" in (a.text or "") for a in figure.layout.annotations)


def test_no_crossing_draws_no_break_even_marker():
    result = evaluate(ARTICLE.model_copy(update={"calls_per_day": 100}))
    figure = make_cost_curves(result)
    assert not [a for a in figure.layout.annotations if a.name == "break-even"]
    assert len(figure.data) == 2


def test_each_savings_line_crosses_zero_on_its_own_break_even_day():
    named = [
        ("small", evaluate(ARTICLE.model_copy(update={"calls_per_day": 2_000}))),
        ("article", evaluate(ARTICLE)),
        ("large", evaluate(ARTICLE.model_copy(update={"calls_per_day": 500_000}))),
    ]
    figure = make_savings_comparison(named)
    for name, result in named:
        [line] = [trace for trace in figure.data if trace.name == name]
        day = result.break_even_day
        assert day is not None
        assert line.y[day - 1] < 0 <= line.y[day] + 1e-6 * abs(result.prompt_cumulative[day]), name
        assert list(line.x) == list(result.days)
    assert figure.layout.yaxis.zeroline is True


def test_a_scenario_that_never_breaks_even_stays_below_zero_with_no_marker():
    never = evaluate(ARTICLE.model_copy(update={"calls_per_day": 10}))
    assert never.break_even_day is None
    figure = make_savings_comparison([("tiny", never), ("article", evaluate(ARTICLE))])
    [line] = [trace for trace in figure.data if trace.name == "tiny"]
    assert max(line.y) < 0
    assert not [trace for trace in figure.data if trace.name == "tiny · break-even"]


def test_scenarios_of_very_different_size_each_keep_their_shape():
    small = evaluate(ARTICLE.model_copy(update={"calls_per_day": 2_000}))
    large = evaluate(ARTICLE.model_copy(update={"calls_per_day": 500_000}))
    figure = make_savings_comparison([("small", small), ("large", large)])
    lines = {trace.name: trace for trace in figure.data if trace.mode == "lines"}
    spans = {name: max(line.y) - min(line.y) for name, line in lines.items()}
    everything = max(max(line.y) for line in lines.values()) - min(min(line.y) for line in lines.values())
    # On one dollar scale the small scenario's line would take under 1% of the chart's height.
    assert spans["small"] > 0.3 * everything
    for name, result in (("small", small), ("large", large)):
        saved = result.prompt_cumulative - result.finetune_cumulative
        assert list(lines[name].customdata) == [format_money(amount) for amount in saved]
    axis = figure.layout.yaxis
    assert "log scale" in axis.title.text
    labelled = dict(zip(axis.tickvals, axis.ticktext, strict=True))
    assert labelled[0] == "$0"
    assert sorted(labelled.values(), key=len)[-1].startswith("-$")
    # A labelled tick lies just beyond the small scenario's lowest saving (within about 3x of it).
    lowest = min(lines["small"].y)
    assert any(lowest - 1.25 < value < lowest for value in axis.tickvals)


def test_scenarios_of_similar_size_share_one_dollar_scale():
    named = [("a", evaluate(ARTICLE)), ("b", evaluate(ARTICLE.model_copy(update={"calls_per_day": 30_000})))]
    figure = make_savings_comparison(named)
    [line] = [trace for trace in figure.data if trace.name == "b"]
    assert list(line.y) == pytest.approx(named[1][1].prompt_cumulative - named[1][1].finetune_cumulative)
    assert "log scale" not in figure.layout.yaxis.title.text


class TestPriceHistory:
    """A record's prices as steps over time (Prices page)."""

    def figure(self, model: str):
        [record] = [r for r in load_catalog() if r.model == model]
        return make_price_history(record, date(2026, 11, 26))

    def test_each_known_price_is_a_step_line_up_to_today(self):
        figure = self.figure("gpt-4o")
        names = [trace.name for trace in figure.data]
        assert names == [
            "input",
            "cached input",
            "output",
            "training",
            "fine-tuned input",
            "fine-tuned output",
        ]
        [input_price] = [trace for trace in figure.data if trace.name == "input"]
        assert input_price.line.shape == "hv"
        assert (input_price.x[0], input_price.x[-1]) == (date(2024, 5, 13), date(2026, 11, 26))
        starts = [date(2024, 5, 13), date(2024, 8, 6), date(2024, 8, 20), date(2024, 10, 1)]
        assert [self.point(input_price, day)[0] for day in starts] == [5, 2.5, 2.5, 2.5]
        assert input_price.y[-1] == 2.5
        # A dot where a price began, none elsewhere.
        dotted = [day for day, size in zip(input_price.x, input_price.marker.size, strict=True) if size]
        assert dotted == starts

    @staticmethod
    def point(trace, day: date):
        """The price and its hover's start date at `day`."""
        where = list(trace.x).index(day)
        return trace.y[where], trace.customdata[where]

    def test_a_price_not_yet_known_is_a_gap_not_zero(self):
        [cached] = [trace for trace in self.figure("gpt-4o").data if trace.name == "cached input"]
        assert self.point(cached, date(2024, 9, 30))[0] is None
        assert self.point(cached, date(2024, 10, 1))[0] == 1.25
        assert cached.connectgaps is False

    def test_hovering_anywhere_on_a_step_gives_the_price_in_force_since_its_real_start(self):
        [input_price] = [trace for trace in self.figure("gpt-3.5-turbo").data if trace.name == "input"]
        assert "%{customdata}" in input_price.hovertemplate
        assert "%{x" not in input_price.hovertemplate
        # Today, at the right end: the price has held since 2024-01-25, not since today.
        assert self.point(input_price, date(2026, 11, 26)) == (0.5, "2024-01-25")
        # Mid-step, far from any dot, hover still finds a point: the price in force.
        assert self.point(input_price, date(2025, 6, 1)) == (0.5, "2024-01-25")

    def test_a_price_repeated_by_a_later_span_keeps_the_day_it_began(self):
        [input_price] = [trace for trace in self.figure("gpt-4o").data if trace.name == "input"]
        # $2.50 since the cut of 2024-08-06; the spans of 2024-08-20 and 2024-10-01 moved other prices.
        assert self.point(input_price, date(2026, 11, 26)) == (2.5, "2024-08-06")
        assert self.point(input_price, date(2024, 7, 1)) == (5, "2024-05-13")

    def test_prices_a_record_never_knew_are_not_drawn(self):
        names = {trace.name for trace in self.figure("gpt-3.5-turbo").data}
        assert "cached input" not in names
        assert {"input", "fine-tuned input", "training"} <= names


def test_the_app_s_chart_sends_no_template_and_an_export_gets_the_white_one():
    # In the app Streamlit's theme styles the chart: plotly's default template (7 kB) would
    # only be copied and sent on every rerun. A file has no theme, so it gets a white one.
    figure = make_cost_curves(evaluate(ARTICLE))
    assert len(figure.to_json()) < len(for_export(make_cost_curves(evaluate(ARTICLE))).to_json()) - 5_000
    assert figure.layout.template.layout.to_plotly_json() == {}
    assert for_export(figure).layout.template.layout.plot_bgcolor == "white"


def test_every_part_of_the_chart_is_valid_plotly():
    # The page skips plotly's validation on every rerun; this is where a misspelt property fails.
    scenario = Scenario.model_validate(
        ARTICLE.model_dump()
        | {
            "retrain_every_days": 90,
            "retrain_cost": 1_000,
            "cached_prompt_percent": 50,
            "events": [{"kind": "prompt_price_change", "day": 60, "price_factor": 0.9}],
        }
    )
    result = evaluate(scenario)
    figure = make_cost_curves(result)
    assert len(result.lead_changes) > 1
    assert {trace.name for trace in figure.data} >= {CACHED_NAME, "Break-even", "Lead changes"}
    assert len(figure.layout.shapes) == len(figure.layout.annotations) == 3
    go.Figure(figure.to_dict())  # validates, and raises on a property plotly does not know
