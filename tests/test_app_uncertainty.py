"""AppTest of the uncertainty and token counter pages."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from costmodel.scenario import MAX_RETRAIN_EVERY_DAYS
from costmodel.sharing import scenario_to_query
from tests.app_helpers import APP, metric, shown
from tests.examples import ARTICLE


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


def open_from_a_link(page: str, link: dict[str, str]) -> AppTest:
    """A fresh session opening `page` straight from a link, as a browser does (no What-if first)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(scenario_to_query(ARTICLE) | link)
    at.switch_page(page)
    return at.run()


def test_how_sure_answers_a_link_with_calls_falling_60_percent_a_month(store_path):
    # Once a crash: the default Monte Carlo ranges had low = -50% above likely = -60% (issue 20).
    at = open_from_a_link(
        "pages/uncertainty.py", {"calls_growth_percent_per_month": "-60", "retrain_every_days": "90"}
    )
    assert not at.exception
    assert not at.error
    assert len(at.get("plotly_chart")) == 3  # tornado, fan and frontier
    assert metric(at, "Pays back within 730 days") == "0%"


def test_a_link_retraining_every_2_to_the_63_days_is_refused_with_a_message(store_path):
    # Once an OverflowError in the frontier on How sure?, and silently "every 1 day" on What-if.
    at = open_from_a_link("pages/uncertainty.py", {"retrain_every_days": str(2**63 + 5)})
    assert not at.exception
    assert any("retrain every (days) (retrain_every_days) must be" in shown(w.value) for w in at.warning)


def test_the_longest_retraining_interval_a_link_may_carry_is_kept_on_what_if(store_path):
    at = open_from_a_link("pages/what_if.py", {"retrain_every_days": str(MAX_RETRAIN_EVERY_DAYS)})
    assert not at.exception
    assert at.session_state["scenario"].retrain_every_days == MAX_RETRAIN_EVERY_DAYS
    at.switch_page("pages/uncertainty.py").run()
    assert not at.exception


@pytest.mark.parametrize("page", ["pages/what_if.py", "pages/present.py"])
@pytest.mark.parametrize(
    ("link", "message"),
    [
        (  # once an OverflowError on What-if and "$inf" on Present
            {"self_hosting": '{"tokens_per_second_per_gpu":1e-300,"gpu_hour_price":1e12}'},
            "tokens_per_second_per_gpu) must be 0.001 or more, not 1e-300",
        ),
        ({"calls_per_day": "1e-400"}, "the number 1e-400 is too small to hold"),  # once silently 0 calls
    ],
    ids=["GPUs at 1e-300 tokens a second", "1e-400 calls a day"],
)
def test_a_link_no_number_can_cost_is_refused_with_its_reason(store_path, page, link, message):
    at = open_from_a_link(page, link)
    assert not at.exception
    assert any(message in shown(w.value) for w in at.warning)
    assert "inf" not in " ".join(shown(m.value) for m in at.metric)
