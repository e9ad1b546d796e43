"""What managers ask next, on What-if and Present: the same answers the model gives."""

import pytest

from tests.app_helpers import metric, show_manager_answers, shown, start_app


@pytest.mark.parametrize(("page", "key"), [(None, "what_if"), ("pages/present.py", "present")])
def test_article_answers_on_what_if_and_present(store_path, page, key):
    app = start_app(page)
    show_manager_answers(app, key)
    # Present's numbers are the brief's: "Break-even" there.
    breaks_even = "When fine-tuning breaks even" if page is None else "Break-even"
    assert metric(app, breaks_even).startswith("day 100 (3.3 months)")
    assert metric(app, "Prompt path per 1,000 calls") == "$4.00"
    assert metric(app, "Fine-tuned path per 1,000 calls") == "$1.41"
    assert metric(app, "Fewest calls a day that pay back") == "1,370"
    assert metric(app, "Most training may cost") == "$21,900"
    assert metric(app, "Largest fine-tuned price premium") == "+258.9% up to 258.9% dearer"
    [monthly] = [frame for frame in app.dataframe if "saving so far ($)" in frame.value.columns]
    assert monthly.value["saving so far ($)"].iloc[-1] == pytest.approx(18_900)
    assert len(monthly.value) == 24


def test_what_if_draws_the_answers_only_when_asked_and_keeps_the_switch_on_other_pages(app):
    assert not [m for m in app.metric if m.label.startswith("Fewest calls")]
    app.toggle(key="what_if.answers.show").set_value(True).run()
    assert metric(app, "Fewest calls a day that pay back") == "1,370"
    # The month-by-month table waits for its box to be opened.
    assert not [frame for frame in app.dataframe if "saving so far ($)" in frame.value.columns]
    app.switch_page("pages/compare.py").run()
    app.switch_page("pages/what_if.py").run()
    assert metric(app, "Fewest calls a day that pay back") == "1,370"
    app.toggle(key="what_if.answers.show").set_value(False).run()
    assert not [m for m in app.metric if m.label.startswith("Fewest calls")]


def test_pay_back_within_six_months_asks_less_of_training_and_is_kept(app):
    show_manager_answers(app)
    app.number_input(key="what_if.questions.months.730").set_value(6.0).run()
    assert metric(app, "Most training may cost") == "$5,490"
    # 183 days x 600 tokens x $5/M x calls >= $3,000: 5,465 calls a day.
    assert metric(app, "Fewest calls a day that pay back") == "5,465"
    # Switched off and on, and after another page, the question is still the one asked.
    app.toggle(key="what_if.answers.show").set_value(False).run()
    app.toggle(key="what_if.answers.show").set_value(True).run()
    app.switch_page("pages/compare.py").run()
    app.switch_page("pages/what_if.py").run()
    assert app.number_input(key="what_if.questions.months.730").value == 6.0
    assert metric(app, "Most training may cost") == "$5,490"


@pytest.mark.parametrize("page", ["pages/present.py", "pages/scenarios.py"])
def test_slides_can_be_downloaded_from_present_and_scenarios(store_path, page):
    app = start_app(page)
    assert [button.label for button in app.get("download_button") if "slides" in button.label.lower()] == [
        "Download slides (PPTX)"
    ]


def test_a_one_day_horizon_still_asks_the_questions(store_path):
    app = start_app(
        query={
            "calls_per_day": "0",
            "horizon_days": "1",
            "prompt_tokens": "0",
            "price_per_million": "0",
            "training_cost": "0",
        }
    )
    show_manager_answers(app)
    assert metric(app, "Most training may cost") == "$0.00"


def test_a_late_launch_moves_break_even_by_the_weeks_before_it(app):
    # Live from day 31: 30 days at prompting's cost, then $30 a day repays $3,000 by day 130.
    app.number_input(key="input.finetune_launch_day").set_value(31).run()
    assert not app.exception
    assert metric(app, "Break-even day") == "Day 130"
    assert any(
        "saving $30.00/day on day 31, when the fine-tuned model goes live" in shown(c.value)
        for c in app.caption
    )
    assert app.query_params["finetune_launch_day"] == "31"
