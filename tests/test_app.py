"""The pages through Streamlit's AppTest: fast checks of the page logic."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def metric(at: AppTest, label_start: str) -> str:
    """The metric's value, and its note where it has one, as the user reads them."""
    [found] = [m for m in at.metric if m.label.startswith(label_start)]
    value = found.value.replace("\\$", "$")
    return f"{value} {found.delta}" if found.delta else value


def test_landing_page_shows_the_article_example(app):
    assert metric(app, "Break-even day") == "Day 100"
    assert metric(app, "Prompt overhead per day") == "$40.00/day"
    assert metric(app, "Prompt overhead per year") == "$14,600/year"
    assert metric(app, "Saved by fine-tuning") == "$18,900"
    assert "day 100" in app.success[0].value
    assert len(app.get("plotly_chart")) == 1


def test_changing_calls_per_day_changes_the_metrics_and_moves_the_slider(app):
    app.number_input(key="input.calls_per_day").set_value(50_000).run()
    assert not app.exception
    assert metric(app, "Break-even day") == "Day 20"
    assert metric(app, "Prompt overhead per day") == "$200/day"
    assert app.slider(key="input.calls_per_day.slider").value == 50_000
    assert app.selectbox(key="preset").value == "custom"


def test_calls_per_day_beyond_the_slider_is_kept_exactly(app):
    app.number_input(key="input.calls_per_day").set_value(3_000_000).run()
    assert app.slider(key="input.calls_per_day.slider").value == 1_000_000
    assert metric(app, "Prompt overhead per day") == "$12,000/day"


def test_slider_moves_the_exact_entry(app):
    app.slider(key="input.prompt_tokens.slider").set_value(1_400).run()
    assert app.number_input(key="input.prompt_tokens").value == 1_400
    assert metric(app, "Prompt overhead per day") == "$70.00/day"


@pytest.mark.parametrize(
    ("preset", "break_even", "overhead_per_day", "overhead_per_year"),
    [
        ("wiki-qa", "None within 730 days", "$0.60/day", "$219/year"),
        ("pitch-classification-2000", "Day 20", "$100/day", "$36,500/year"),
        ("pitch-classification-5000", "Day 50", "$100/day", "$36,500/year"),
        ("article-break-even", "Day 100", "$40.00/day", "$14,600/year"),
    ],
)
def test_presets_reproduce_spec_numbers(app, preset, break_even, overhead_per_day, overhead_per_year):
    app.selectbox(key="preset").set_value(preset).run()
    assert not app.exception
    assert metric(app, "Break-even day") == break_even
    assert metric(app, "Prompt overhead per day") == overhead_per_day
    assert metric(app, "Prompt overhead per year") == overhead_per_year
    assert app.info[0].value.startswith("**The article's verdict:**")


def test_retraining_toggle_adds_retraining_and_warns_of_the_trap(app):
    app.toggle(key="input.retrain").set_value(True).run()
    app.number_input(key="input.retrain_every_days").set_value(90).run()
    assert metric(app, "Break-even day") == "None within 730 days"
    assert "never catches up" in app.warning[0].value


def test_inputs_survive_a_page_switch(app):
    app.number_input(key="input.training_cost").set_value(6_000.0).run()
    assert metric(app, "Break-even day") == "Day 200"
    app.switch_page("pages/what_if.py").run()
    assert app.number_input(key="input.training_cost").value == 6_000
    assert metric(app, "Break-even day") == "Day 200"
