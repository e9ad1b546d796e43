"""The Calibrate page in AppTest: upload usage files, use the numbers, check a decision against reality."""

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from costmodel.calibrate import calibrate
from costmodel.usage import SAMPLE_DAYS, read_usage, sample_requests_csv
from tests.app_helpers import metric, record_decision, save_as, shown, start_app
from tests.test_calibrate import FIXTURES
from ui.state import KEPT_WIDGETS
from ui.uncertainty import LAST

PAGE = "pages/calibrate.py"


def kept_ranges(at):
    """The Monte Carlo ranges table the session keeps, as last set (for the scenario it was made for)."""
    _made_for, table = at.session_state[KEPT_WIDGETS][LAST]
    return table


@pytest.fixture
def calibrate_page(store_path) -> AppTest:
    return start_app(PAGE)


def upload(at: AppTest, key: str, *names: str) -> None:
    files = [(name, (FIXTURES / name).read_bytes(), "application/octet-stream") for name in names]
    at.file_uploader(key=f"{key}.upload").set_value(files).run()
    assert not at.exception


def four_weeks_growing_10_percent() -> bytes:
    """A per-request CSV: 28 days from Monday 2026-01-05, 10% more calls a month, quiet weekends."""
    lines = ["timestamp,model,prompt_tokens,completion_tokens"]
    for day in range(28):
        weekend = day % 7 >= 5
        calls = round((5 if weekend else 100) * 1.1 ** (day / 30.4375))
        stamp = (date(2026, 1, 5) + timedelta(days=day)).isoformat()
        lines += [f"{stamp}T09:00:00Z,gpt-4o,1000,120"] * calls
    return ("\n".join(lines) + "\n").encode()


def test_upload_shows_the_derived_inputs_and_their_spread(calibrate_page):
    at = calibrate_page
    assert at.title[0].value == "Calibrate from real usage"
    upload(at, "calibrate", "openai_page1.json", "openai_page2.json")
    assert metric(at, "Calls per day") == "150 P10 30 – P90 270"
    assert metric(at, "Input tokens per call") == "500 20% of it cached"
    assert metric(at, "Output tokens per call") == "50"
    assert metric(at, "Call volume growth") == "not fitted"
    assert any("Growth needs at least 14 days" in shown(c.value) for c in at.caption)


def test_use_these_numbers_fills_the_scenario_and_the_monte_carlo_range(calibrate_page):
    at = calibrate_page
    upload(at, "calibrate", "openai_page1.json", "openai_page2.json")
    at.number_input(key="calibrate.prompt_share").set_value(60.0).run()
    at.button(key="calibrate.use").click().run()
    assert not at.exception
    scenario = at.session_state["scenario"]
    assert (scenario.calls_per_day, scenario.prompt_tokens, scenario.input_tokens) == (150, 300, 200)
    assert scenario.output_tokens == 50
    assert scenario.training_cost == 3_000  # the rest of the scenario stays
    assert "The scenario now uses the usage data" in at.success[0].value
    ranges = kept_ranges(at).set_index("input").loc["calls per day"]
    assert ranges["uncertain"]
    assert (ranges["low"], ranges["likely"], ranges["high"]) == pytest.approx((30, 150, 270))

    at.switch_page("pages/what_if.py").run()
    assert at.number_input(key="input.calls_per_day").value == 150
    assert metric(at, "Prompt overhead per day") == "$0.23/day"  # 150 calls x 300 tokens x $5/M
    at.switch_page("pages/uncertainty.py").run()
    assert not at.exception
    table = kept_ranges(at).set_index("input")
    assert table.loc["calls per day", "uncertain"]


def test_fitted_growth_goes_into_the_scenario(calibrate_page):
    at = calibrate_page
    at.file_uploader(key="calibrate.upload").set_value(
        ("requests.csv", four_weeks_growing_10_percent(), "text/csv")
    ).run()
    growth = metric(at, "Call volume growth")
    assert growth.startswith("+")
    assert growth.endswith("%/month")
    assert 9 < float(growth.split("%")[0]) < 11
    at.number_input(key="calibrate.prompt_share").set_value(80.0).run()
    at.checkbox(key="calibrate.use_growth").check().run()
    at.button(key="calibrate.use").click().run()
    assert 9 < at.session_state["scenario"].calls_growth_percent_per_month < 11


def growing_one_percent_a_day(days: int = 45) -> bytes:
    """A per-request CSV whose calls grow 1% a day: +35% a month once fitted."""
    lines = ["timestamp,model,prompt_tokens,completion_tokens"]
    for day in range(days):
        stamp = (date(2026, 1, 5) + timedelta(days=day)).isoformat()
        lines += [f"{stamp}T09:00:00Z,gpt-4o,1000,120"] * round(100 * 1.01**day)
    return ("\n".join(lines) + "\n").encode()


class TestFittedGrowth:
    def test_goes_in_only_when_chosen_and_says_what_it_compounds_to(self, calibrate_page):
        at = calibrate_page
        at.file_uploader(key="calibrate.upload").set_value(
            ("requests.csv", growing_one_percent_a_day(), "text/csv")
        ).run()
        assert at.checkbox(key="calibrate.use_growth").value is False
        [warning] = [shown(w.value) for w in at.warning if "Call volume growth" in w.value]
        assert "% a month compounds to x1," in warning
        assert "the calls by day 730" in warning
        assert warning.split("calls a day instead of ")[1].startswith(metric(at, "Calls per day").split()[0])
        assert "+35.4% a month compounds" in warning  # the rate as the page writes it, not +35.3951%
        at.number_input(key="calibrate.prompt_share").set_value(80.0).run()
        at.button(key="calibrate.use").click().run()
        assert at.session_state["scenario"].calls_growth_percent_per_month == 0
        assert any("the fitted growth was not chosen" in shown(s.value) for s in at.success)

    def test_what_if_warns_of_the_growth_it_was_given(self, calibrate_page):
        at = calibrate_page
        at.file_uploader(key="calibrate.upload").set_value(
            ("requests.csv", growing_one_percent_a_day(), "text/csv")
        ).run()
        at.number_input(key="calibrate.prompt_share").set_value(80.0).run()
        at.checkbox(key="calibrate.use_growth").check().run()
        at.button(key="calibrate.use").click().run()
        assert at.session_state["scenario"].calls_growth_percent_per_month > 30
        at.switch_page("pages/what_if.py").run()
        assert any("the calls by day 730" in shown(w.value) for w in at.warning)


class TestPromptShare:
    def test_has_no_default_and_the_numbers_wait_for_it(self, calibrate_page):
        at = calibrate_page
        upload(at, "calibrate", "openai_page1.json", "openai_page2.json")
        assert at.number_input(key="calibrate.prompt_share").value is None
        assert at.button(key="calibrate.use").disabled
        assert any("Type the fixed prompt's share" in c.value for c in at.caption)
        at.number_input(key="calibrate.prompt_share").set_value(100.0).run()
        assert not at.button(key="calibrate.use").disabled
        split = "Prompt tokens 500 and user input tokens 0 per call."
        assert any(shown(c.value) == split for c in at.caption)


def test_the_formats_are_listed_and_a_sample_file_is_offered(calibrate_page):
    at = calibrate_page
    # each tab (start from usage, check a decision) lists them beside its upload
    expander, _ = [e for e in at.expander if e.label == "Formats read here, and a sample file"]
    listed = shown(expander.markdown[0].value)
    for name in ("OpenAI usage API", "Anthropic usage report", "LiteLLM spend logs", "per-request CSV"):
        assert name in listed
    sample = [b for b in at.get("download_button") if b.proto.label.startswith("Download a sample")]
    assert sample


def test_the_sample_file_reads_as_four_weeks_of_usage(tmp_path):
    path = tmp_path / "sample-usage.csv"
    path.write_text(sample_requests_csv())
    calibration = calibrate(read_usage([path], ["sample-usage.csv"]))
    assert calibration.days == SAMPLE_DAYS
    assert (calibration.input_tokens_per_call, calibration.output_tokens_per_call) == (1_000, 120)
    assert calibration.calls_growth_percent_per_month is not None


def test_use_these_numbers_drops_the_examples_name(calibrate_page):
    at = calibrate_page
    assert at.session_state["scenario"].name is not None  # the article's example, named
    upload(at, "calibrate", "openai_page1.json", "openai_page2.json")
    at.number_input(key="calibrate.prompt_share").set_value(60.0).run()
    at.button(key="calibrate.use").click().run()
    assert at.session_state["scenario"].name is None


def test_a_bad_file_is_a_clear_message_and_nothing_is_used(calibrate_page):
    at = calibrate_page
    at.file_uploader(key="calibrate.upload").set_value(
        ("log.csv", b"timestamp,model,prompt_tokens,completion_tokens\n2026-01-01,m,-5,1\n", "text/csv")
    ).run()
    assert not at.exception
    assert shown(at.error[0].value) == "log.csv: 1 rows have a negative token count"
    assert not [button for button in at.button if button.key == "calibrate.use"]
    assert at.session_state["scenario"].calls_per_day == 10_000


def test_anthropic_asks_for_the_calls_per_day(calibrate_page):
    at = calibrate_page
    upload(at, "calibrate", "anthropic_messages.json")
    assert "counts tokens but not requests" in at.info[0].value
    at.number_input(key="calibrate.calls_per_day").set_value(10.0).run()
    assert metric(at, "Input tokens per call").startswith("600 ")


def test_one_model_chosen(calibrate_page):
    at = calibrate_page
    upload(at, "calibrate", "openai_grouped_by_model.json")
    assert not any("calls counted" in c.value for c in at.caption)
    at.selectbox(key="calibrate.model").set_value("gpt-4o-2024-08-06").run()
    assert metric(at, "Calls per day").startswith("10 ")
    # The summary says whose traffic its numbers are, as the check against reality does.
    assert any("(UTC), only gpt-4o-2024-08-06's calls counted." in shown(c.value) for c in at.caption)


def test_check_against_reality_recomputes_break_even(calibrate_page):
    at = calibrate_page
    # The article: 10,000 calls a day of 800 prompt tokens; the pages show 150 a day of 500 tokens.
    upload(at, "check", "openai_page1.json", "openai_page2.json")
    sentence = shown(at.info[0].value)
    assert sentence.startswith("We decided assuming 10,000 calls/day; the 4 days from 2026-01-03")
    assert "averaged 150: break-even moves from day 100 to not within 730 days" in sentence
    assert metric(at, "Break-even as decided") == "Day 100"
    assert metric(at, "Break-even with the actuals") == "Not within 730 days"
    assert any("fewer than the 800 of the prompt alone" in shown(c.value) for c in at.caption)


def test_the_check_shows_the_saved_decision_it_is_about(store_path):
    at = start_app("pages/scenarios.py")
    save_as(at, "For the board")
    at.switch_page("pages/present.py").run()
    record_decision(at, owner="Dana")
    at.switch_page(PAGE).run()
    upload(at, "check", "openai_page1.json", "openai_page2.json")
    assert any("Opened from the saved scenario 'For the board'" in shown(c.value) for c in at.caption)
    assert any("Owner: Dana" in shown(m.value) for m in at.markdown)
    assert metric(at, "Break-even with the actuals") == "Not within 730 days"
