"""Chart labels a reader can read: no line through a label, no tick labels meeting, nothing white
on white, every line named (issue 24's charts)."""

import math

import pytest

from costmodel import evaluate
from costmodel.frontier import current_other, frontier_grid
from costmodel.questions import minimum_calls_per_day
from costmodel.sensitivity import savings_swings
from render.charts import make_cost_curves
from render.uncertainty_charts import make_frontier_heatmap, make_tornado
from tests.examples import ARTICLE

# Calls shrinking 5% a month: break-even on day 110, the simple rule's day 100 just left of it.
SHRINKING = ARTICLE.model_copy(update={"calls_growth_percent_per_month": -5})


def named(figure, name):
    [annotation] = [a for a in figure.layout.annotations if a.name == name]
    return annotation


class TestCostCurves:
    def test_the_break_even_line_does_not_run_through_the_simple_rules_label(self):
        result = evaluate(SHRINKING)
        assert (result.break_even_day, math.ceil(result.simple_break_even_days)) == (110, 100)
        label = named(make_cost_curves(result), "simple rule")
        # It starts beyond the break-even line and points back at its own line.
        assert label.x >= result.break_even_day
        assert label.xanchor == "left"
        assert label.text == "← simple rule: day 100"

    def test_a_label_with_room_reads_away_from_the_break_even_line(self):
        result = evaluate(ARTICLE.model_copy(update={"calls_growth_percent_per_month": 5}))
        assert result.break_even_day < math.ceil(result.simple_break_even_days)
        label = named(make_cost_curves(result), "simple rule")
        assert label.x == result.simple_break_even_days
        assert label.text == f"simple rule: day {math.ceil(result.simple_break_even_days)}"

    def test_the_simple_rules_line_stops_below_the_break_even_label(self):
        figure = make_cost_curves(evaluate(SHRINKING))
        dotted = [shape for shape in figure.layout.shapes if shape.line.dash == "dot"]
        assert dotted
        assert all(shape.y1 < 1 for shape in dotted)

    def test_the_axes_labels_keep_apart_at_the_origin(self):
        figure = make_cost_curves(evaluate(ARTICLE))
        assert figure.layout.xaxis.ticklabelstandoff >= 6
        assert figure.layout.yaxis.ticklabelstandoff >= 6


class TestFrontier:
    @pytest.fixture
    def figure(self):
        minimum = minimum_calls_per_day(ARTICLE)
        assert minimum is not None
        return make_frontier_heatmap(
            frontier_grid(ARTICLE), ARTICLE, current_other(ARTICLE, "prompt_tokens_saved"), minimum
        )

    def test_the_horizons_contour_and_its_label_are_not_white_on_white(self, figure):
        [contour] = [trace for trace in figure.data if trace.type == "contour"]
        white = {"white", "#fff", "#ffffff"}
        assert contour.line.color.lower() not in white
        assert contour.contours.labelfont.color.lower() not in white
        assert figure.layout.plot_bgcolor.lower() not in white  # the cells that never break even

    def test_the_minimum_calls_line_has_its_label_on_it(self, figure):
        minimum = minimum_calls_per_day(ARTICLE)
        label = named(figure, "minimum calls")
        assert label.text == f"minimum {minimum:,} calls/day"
        assert label.x == pytest.approx(math.log10(minimum))  # a log axis: placed by the exponent


def test_the_tornados_legend_keeps_clear_of_the_base_case_label():
    figure = make_tornado(savings_swings(ARTICLE), evaluate(ARTICLE).savings, ARTICLE)
    assert figure.layout.legend.y < 0  # below the plot; "base case" is written above it
