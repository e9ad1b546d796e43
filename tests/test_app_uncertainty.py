"""AppTest of the uncertainty and token counter pages."""

import json

from tests.app_helpers import metric, shown


def test_uncertainty_page_shows_tornado_monte_carlo_and_frontier(app):
    app.switch_page("pages/uncertainty.py").run()
    assert not app.exception
    assert len(app.get("plotly_chart")) == 3
    assert metric(app, "Pays back within 730 days") == "100%"
    assert metric(app, "P50 break-even day").startswith("day ")
    assert metric(app, "Minimum calls per day") == "1,370"
    assert any("hang most on prompt tokens per call" in shown(m.value) for m in app.markdown)


def test_same_seed_gives_the_same_percentiles_on_the_page(app):
    app.switch_page("pages/uncertainty.py").run()
    first = [metric(app, f"P{p} break-even day") for p in (10, 50, 90)]
    app.number_input(key="uncertainty.seed").set_value(99).run()
    app.number_input(key="uncertainty.seed").set_value(2026).run()
    assert [metric(app, f"P{p} break-even day") for p in (10, 50, 90)] == first


def test_low_volume_scenario_rarely_pays_back(app):
    app.selectbox(key="input.preset").set_value("wiki-qa").run()
    app.switch_page("pages/uncertainty.py").run()
    chance = int(metric(app, "Pays back within 730 days").rstrip("%"))
    assert chance < 50


def test_frontier_against_training_cost_puts_the_scenario_at_its_training_cost(app):
    app.switch_page("pages/uncertainty.py").run()
    app.radio(key="uncertainty.frontier_by").set_value("training_cost").run()
    assert not app.exception
    frontier = json.loads(app.get("plotly_chart")[2].proto.spec)
    assert frontier["layout"]["yaxis"]["title"]["text"].startswith("Training cost")
    # The article's example: 10,000 calls a day and $3,000 of training.
    points = [(trace["x"], trace["y"]) for trace in frontier["data"] if trace["type"] == "scatter"]
    assert ([10_000.0], [3_000.0]) in points


def test_token_counter_counts_and_fills_prompt_tokens(app):
    app.switch_page("pages/tokens.py").run()
    app.text_area(key="tokens.text").input("hello world" + " hello world" * 499).run()
    assert metric(app, "o200k_base tokens") == "1,000"
    app.button(key="tokens.use_prompt").click().run()
    assert app.session_state["scenario"].prompt_tokens == 1_000
    app.switch_page("pages/what_if.py").run()
    assert app.number_input(key="input.prompt_tokens").value == 1_000


def test_a_200000_character_paste_is_counted(app):
    app.switch_page("pages/tokens.py").run()
    app.text_area(key="tokens.text").input(
        ("The quick brown fox jumps over the lazy dog. " * 5_000)[:200_000]
    ).run()
    assert not app.exception
    assert int(metric(app, "cl100k_base tokens").replace(",", "")) > 40_000
