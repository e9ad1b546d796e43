"""One scenario (issue 10): the stored `Scenario` owns every value, widgets only mirror it.

Values survive sections and pages, every page keeps the scenario in its address, and
nothing typed or carried by a link is clamped or rounded on the way.
"""

import math
from pathlib import Path

import pytest
from pydantic import ValidationError
from streamlit.testing.v1 import AppTest

from costmodel import Scenario, format_money
from costmodel.sharing import scenario_to_query
from tests import examples
from tests.app_helpers import APP, cli_numbers, metric, open_section, shown, start_app
from ui import state
from ui.inputs import MORE_INPUTS, NESTED_DEFAULTS
from ui.navigation import PAGES as NAVIGATION

ROOT = Path(__file__).resolve().parents[1]
TOKENS_SECTION = "Tokens, output prices, hosting"
# One input a user changes in each of the other sections.
CHANGE_IN_SECTION = {
    "Prompt caching and batch": ("number_input", "input.prompt_batch_percent", 20.0),
    "Growth and price trends": ("number_input", "input.calls_growth_percent_per_month", 2.0),
    "Self-hosting a fine-tuned open model": ("toggle", "input.self_hosted", True),
    "Quality: the cost of errors": ("number_input", "input.prompt_error_percent", 3.0),
    "Finance and latency": ("number_input", "input.discount_rate_percent_per_year", 7.0),
    "Currency": ("toggle", "input.own_currency", True),
}
PAGES = [page.path for page in NAVIGATION]
ARTICLE_LINK = {"prompt_tokens": "800", "price_per_million": "5", "finetuned_prompt_tokens": "200"}
# Values the model accepts that the widgets used to clamp (training cost above $1e9 became
# 0) or round (calls per day was a whole-number box). At 1,234 calls the curves would
# cross on day 811, at 1,234.5 on day 810.
UNTOUCHED_LINKS = {
    "training_cost=2e9": ARTICLE_LINK | {"calls_per_day": "10000", "training_cost": "2e9"},
    "calls_per_day=1234.5": ARTICLE_LINK
    | {"calls_per_day": "1234.5", "training_cost": "2999.8", "horizon_days": "1000"},
}


def address(at: AppTest) -> dict[str, str]:
    """The address bar's query, one value per name."""
    return {name: value[-1] if isinstance(value, list) else value for name, value in at.query_params.items()}


class TestSectionsKeepTheirValues:
    def test_values_typed_in_one_section_survive_changes_in_every_other_section(self, app):
        assert set(CHANGE_IN_SECTION) == set(MORE_INPUTS) - {TOKENS_SECTION}
        open_section(app, TOKENS_SECTION)
        app.number_input(key="input.output_tokens").set_value(150.0).run()
        app.number_input(key="input.output_price_per_million").set_value(15.0).run()
        for section, (kind, key, value) in CHANGE_IN_SECTION.items():
            open_section(app, section)
            getattr(app, kind)(key=key).set_value(value).run()
            assert not app.exception
            scenario = app.session_state[state.SCENARIO]
            assert (scenario.output_tokens, scenario.output_price_per_million) == (150, 15), section
            assert (address(app)["output_tokens"], address(app)["output_price_per_million"]) == ("150", "15")
        scenario = app.session_state[state.SCENARIO]
        assert (scenario.prompt_batch_percent, scenario.calls_growth_percent_per_month) == (20, 2)
        assert scenario.self_hosting is not None
        assert scenario.currency is not None
        assert scenario.prompt_error_percent == 3
        assert scenario.discount_rate_percent_per_year == 7
        open_section(app, TOKENS_SECTION)
        assert app.number_input(key="input.output_tokens").value == 150
        assert app.number_input(key="input.output_price_per_million").value == 15

    def test_a_refused_value_is_shown_kept_and_used_once_fixed(self, app):
        open_section(app, "Currency")
        app.toggle(key="input.own_currency").set_value(True).run()
        app.text_input(key="input.currency.code").set_value("e1").run()
        app.number_input(key="input.currency.per_usd").set_value(0.9).run()
        assert "display currency (currency.code) must be at least 3 characters" in shown(
            app.sidebar.error[0].value
        )
        # What was typed stays in the boxes; the numbers are the last accepted scenario's.
        assert app.text_input(key="input.currency.code").value == "E1"
        assert app.number_input(key="input.currency.per_usd").value == 0.9
        assert metric(app, "Prompt overhead per day") == "$40.00/day"
        open_section(app, "Growth and price trends")
        open_section(app, "Currency")
        assert app.text_input(key="input.currency.code").value == "E1"
        app.text_input(key="input.currency.code").set_value("EUR").run()
        assert not app.sidebar.error
        assert metric(app, "Prompt overhead per day") == "$36.00/day"
        assert app.session_state[state.SCENARIO].currency.per_usd == 0.9

    def test_hosting_typed_per_hour_survives_leaving_the_section(self, app):
        open_section(app, TOKENS_SECTION)
        app.radio(key="input.hosting_unit").set_value("$ per hour").run()
        app.number_input(key="input.hosting_cost_per_day").set_value(1.5).run()
        open_section(app, "Quality: the cost of errors")
        open_section(app, TOKENS_SECTION)
        assert app.radio(key="input.hosting_unit").value == "$ per hour"
        assert app.number_input(key="input.hosting_cost_per_day").value == 1.5
        assert app.session_state[state.SCENARIO].hosting_cost_per_day == 36

    def test_the_session_keeps_no_key_for_a_section_not_shown(self, app):
        # Streamlit checks each widget it draws against every key the session holds: the keys
        # of five dozen widgets not drawn made each rerun slower (bench/run.py, page_rerun_ratio).
        open_section(app, TOKENS_SECTION)
        assert "input.output_tokens" in app.session_state
        open_section(app, "Quality: the cost of errors")
        assert "input.output_tokens" not in app.session_state
        assert "input.currency.code" not in app.session_state
        assert "input.prompt_error_percent" in app.session_state


class TestEveryPageKeepsTheScenarioInItsAddress:
    @pytest.mark.parametrize("page", PAGES)
    def test_the_page_writes_the_scenario_into_its_address(self, store_path, page):
        at = start_app()
        at.number_input(key="input.calls_per_day").set_value(20_000.0).run()
        at.query_params.clear()  # a browser drops the query string when it changes page
        at.switch_page(page).run()
        assert not at.exception
        assert address(at) == scenario_to_query(at.session_state[state.SCENARIO])
        assert address(at)["calls_per_day"] == "20000"

    @pytest.mark.parametrize("page", PAGES)
    def test_opening_the_page_from_its_address_shows_that_scenario(self, store_path, page):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(scenario_to_query(examples.PITCHES))
        at.switch_page(page)  # the session's first run is on this page: a reload
        at.run()
        assert not at.exception
        assert at.session_state[state.SCENARIO] == examples.PITCHES
        assert address(at) == scenario_to_query(examples.PITCHES)


class TestNothingIsClampedOrRounded:
    @pytest.mark.parametrize("link", UNTOUCHED_LINKS.values(), ids=UNTOUCHED_LINKS)
    def test_a_link_shows_the_cli_numbers_and_keeps_its_values(self, store_path, tmp_path, link):
        at = start_app(query=link)
        scenario = at.session_state[state.SCENARIO]
        assert scenario.calls_per_day == float(link["calls_per_day"])
        assert scenario.training_cost == float(link["training_cost"])
        cli = cli_numbers(scenario, tmp_path)
        day = cli["break_even_day"]
        expected_day = f"Day {day:,}" if day is not None else f"Never within {cli['horizon_days']:,} days"
        assert metric(at, "Break-even day") == expected_day
        assert metric(at, "Saved by fine-tuning") == format_money(cli["savings"])
        assert at.number_input(key="input.calls_per_day").value == scenario.calls_per_day
        assert at.number_input(key="input.training_cost").value == scenario.training_cost
        # Another change leaves both as they were, in the scenario and in the address.
        at.number_input(key="input.prompt_tokens").set_value(801.0).run()
        kept = at.session_state[state.SCENARIO]
        assert (kept.calls_per_day, kept.training_cost) == (scenario.calls_per_day, scenario.training_cost)
        assert float(address(at)["training_cost"]) == scenario.training_cost
        assert float(address(at)["calls_per_day"]) == scenario.calls_per_day

    def test_the_calls_box_shows_the_decimals_a_value_has(self, store_path):
        at = start_app(query=UNTOUCHED_LINKS["calls_per_day=1234.5"])
        assert at.number_input(key="input.calls_per_day").proto.format == "%.1f"
        at.number_input(key="input.calls_per_day").set_value(1234.0).run()
        assert at.number_input(key="input.calls_per_day").proto.format == "%.0f"

    def test_a_pinned_slider_is_shown_but_never_written_back(self, store_path):
        at = start_app(query=UNTOUCHED_LINKS["training_cost=2e9"])
        assert at.slider(key="input.training_cost.slider").value == 50_000  # the end of its range
        at.number_input(key="input.calls_per_day").set_value(20_000.0).run()
        assert at.session_state[state.SCENARIO].training_cost == 2e9
        at.slider(key="input.training_cost.slider").set_value(4_000.0).run()
        assert at.session_state[state.SCENARIO].training_cost == 4_000

    def test_every_box_takes_exactly_the_values_the_model_takes(self, app):
        boxes = {}
        for section in MORE_INPUTS:
            open_section(app, section)
            boxes |= {box.key: box.proto for box in app.sidebar.number_input}
        assert len(boxes) == 40  # every number the sidebar enters

        def accepted(key: str, value: float) -> bool:
            field = key.removeprefix("input.")
            group, _, name = field.rpartition(".")
            update = {group: NESTED_DEFAULTS[group] | {name: value}} if group else {name: value}
            try:
                Scenario.model_validate(examples.ARTICLE.model_dump() | update)
            except ValidationError:
                return False
            return True

        for key, box in boxes.items():
            whole = box.data_type == box.INT
            below = box.min - 1 if whole else math.nextafter(box.min, -math.inf)
            assert not accepted(key, below), key
            if box.has_max:
                above = box.max + 1 if whole else math.nextafter(box.max, math.inf)
                assert accepted(key, box.max), key
                assert not accepted(key, above), key
            else:
                assert accepted(key, 10**12), key


def test_state_keys_and_defaults_come_from_one_table(app):
    for key in state.DEFAULTS:
        assert key in app.session_state, key
    assert app.session_state[state.PENDING_INPUTS] == {}
    # Nothing is kept for a widget until the user sets it; what a kept value stands for until then
    # is its default.
    assert app.session_state[state.KEPT_WIDGETS] == {}
    assert app.session_state[state.SAID] == {}


class TestTypingIsNotUndoneByAnOlderRun:
    """A run that began before the user's latest typing reached the server must not put the
    scenario's older value back in the box (a "€" came back as "$" on a busy machine)."""

    def test_a_box_keeps_what_was_typed_while_a_run_knew_nothing_of_it(self):
        at = start_app()
        open_section(at, "Currency")
        at.toggle(key="input.own_currency").set_value(True).run()
        assert at.text_input(key="input.currency.symbol").value == "$"
        # The browser holds "€" the server has not acted on yet; another change starts a run.
        at.session_state["input.currency.symbol"] = "€"
        at.number_input(key="input.currency.per_usd").set_value(0.9).run()
        assert not at.exception
        assert at.text_input(key="input.currency.symbol").value == "€"

    def test_a_change_made_elsewhere_still_reaches_the_box(self):
        at = start_app()
        at.number_input(key="input.calls_per_day").set_value(25_000).run()
        at.selectbox(key=state.PRESET).set_value(state.DEFAULT_PRESET).run()  # the example again
        assert at.number_input(key="input.calls_per_day").value == 10_000
