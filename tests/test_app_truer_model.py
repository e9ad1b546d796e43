"""AppTest of the truer model's controls on the what-if page."""

import pytest

from tests.app_helpers import metric, open_section, shown, start_app, texts

PITCHES = {
    "calls_per_day": "50000",
    "prompt_tokens": "400",
    "price_per_million": "5",
    "training_cost": "2000",
}


def test_anthropic_caching_terms_show_a_third_curve_and_what_caching_recovers(store_path):
    at = start_app(query=PITCHES)  # the article's scenario B, opened from a link
    open_section(at, "Prompt caching and batch")
    at.button(key="input.caching.anthropic").click().run()
    assert not at.exception
    assert at.number_input(key="input.cache_read_price_per_million").value == pytest.approx(0.5)
    # B's 400-token prompt is below the 1,024 tokens Anthropic caches: the page says so.
    assert any("shorter than the 1,024 tokens the provider caches" in text for text in texts(at))
    at.number_input(key="input.cache_min_prompt_tokens").set_value(0).run()
    assert any(text.startswith("Caching alone recovers 9") for text in texts(at))
    chart = at.get("plotly_chart")[0]
    assert "Prompt + caching" in chart.proto.spec


def test_growth_moves_the_break_even_day(app):
    open_section(app, "Growth and price trends")
    app.number_input(key="input.calls_growth_percent_per_month").set_value(5.0).run()
    assert metric(app, "Break-even day") == "Day 93"


def test_self_hosting_replaces_token_prices_and_says_its_break_even_utilisation(app):
    open_section(app, "Self-hosting a fine-tuned open model")
    app.toggle(key="input.self_hosted").set_value(True).run()
    assert not app.exception
    assert any("Rented GPUs beat the API" in text for text in texts(app))
    # One GPU at $2.50 an hour replaces the $10 a day of fine-tuned token prices.
    assert any("fine-tuned path $60.00/day" in text for text in texts(app))


def test_every_figure_in_euros(app):
    open_section(app, "Currency")
    app.toggle(key="input.own_currency").set_value(True).run()
    app.text_input(key="input.currency.code").set_value("EUR").run()
    app.text_input(key="input.currency.symbol").set_value("€").run()
    app.number_input(key="input.currency.per_usd").set_value(0.9).run()
    assert metric(app, "Prompt overhead per day") == "€36.00/day"
    assert metric(app, "Saved by fine-tuning") == "€17,010"
    assert "€17,010" in shown(app.success[0].value)


def test_a_bad_currency_code_is_named_and_nothing_is_lost(app):
    open_section(app, "Currency")
    app.toggle(key="input.own_currency").set_value(True).run()
    app.text_input(key="input.currency.code").set_value("e1").run()
    assert "display currency (currency.code) must be at least 3 characters" in shown(
        app.sidebar.error[0].value
    )
    assert metric(app, "Break-even day") == "Day 100"


def test_openai_shutdown_event_is_added_and_costed(app):
    app.toggle(key="events.show").set_value(True).run()
    app.button(key="events.openai").click().run()
    assert not app.exception
    scenario = app.session_state["scenario"]
    assert scenario.events[0].kind == "finetune_ends"
    assert any("dated events change what fine-tuning saves" in text for text in texts(app))


def test_training_cost_builder_fills_the_training_cost(app):
    app.toggle(key="build.show").set_value(True).run()
    app.number_input(key="build.examples").set_value(1_000).run()
    app.button(key="build.use_training").click().run()
    assert app.session_state["scenario"].training_cost == pytest.approx(1_000 * 1_000 * 3 * 25 / 1e6 + 3_000)
    assert app.number_input(key="input.training_cost").value == pytest.approx(3_075)


def test_the_switches_below_the_chart_stay_as_set_on_another_page(app):
    app.toggle(key="build.show").set_value(True).run()
    app.toggle(key="events.show").set_value(True).run()
    app.switch_page("pages/compare.py").run()
    app.switch_page("pages/what_if.py").run()
    assert app.toggle(key="build.show").value
    assert app.toggle(key="events.show").value
    assert app.number_input(key="build.examples").value == 500
    assert app.button(key="events.openai")
