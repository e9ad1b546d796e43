"""The cost-curve figure: the traces and markers a reader relies on."""

import plotly.graph_objects as go

from costmodel import Scenario, evaluate
from tests.examples import ARTICLE
from ui.charts import (
    CACHED_NAME,
    FINETUNE_NAME,
    PROMPT_NAME,
    for_export,
    make_cost_curves,
    make_savings_comparison,
)


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
