"""The cost-curve figure: the traces and markers a reader relies on."""

from costmodel import evaluate
from tests.examples import ARTICLE
from ui.charts import FINETUNE_NAME, PROMPT_NAME, make_cost_curves


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
