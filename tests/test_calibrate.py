"""Calibration from usage files: each format read to the numbers worked out by hand.

The fixtures in tests/fixtures/usage/ are written from the formats' documentation:
- openai_page1.json + openai_page2.json: two pages of one ungrouped export, Saturday
  2026-01-03 to Tuesday 2026-01-06, the Sunday an empty bucket (no traffic);
- openai_grouped_by_model.json: a list with one page grouped by model, a gap on 2026-02-03;
- anthropic_messages.json: two days of one model, cache reads and both cache writes;
- litellm_spend_logs.json / .csv: the same four requests, one at 23:30 at UTC-2 (the next UTC day);
- requests.csv / .jsonl: three requests on a Friday and a Monday (weekend without records).
"""

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest

from costmodel import evaluate, format_tokens
from costmodel.calibrate import (
    CalibrationError,
    calibrate,
    check_against_actuals,
    describe_break_even_move,
    fit_growth,
    split_input_tokens,
    use_calibration,
)
from costmodel.usage import BadUsageFileError, detect_format, read_usage
from render.charts import make_daily_calls
from tests.examples import ARTICLE

FIXTURES = Path(__file__).parent / "fixtures" / "usage"
OPENAI_PAGES = [FIXTURES / "openai_page1.json", FIXTURES / "openai_page2.json"]


def calibrated(*names: str, **options):
    calls_per_day = options.pop("calls_per_day", None)
    return calibrate(read_usage([FIXTURES / name for name in names], **options), calls_per_day)


class TestOpenAIPages:
    def test_two_ungrouped_pages_combine_into_four_days(self):
        result = calibrate(read_usage(OPENAI_PAGES))
        # 600 requests over Sat..Tue; 300,000 input tokens (60,000 cached), 30,000 output.
        assert (result.first_day, result.last_day, result.days) == (date(2026, 1, 3), date(2026, 1, 6), 4)
        assert result.calls_per_day == 150
        assert result.input_tokens_per_call == 500
        assert result.output_tokens_per_call == 50
        assert result.cached_share == pytest.approx(0.2)
        # Daily calls 100, 0, 300, 200: sorted 0, 100, 200, 300, interpolated at 0.3 and 2.7.
        assert result.calls_per_day_p10 == pytest.approx(30)
        assert result.calls_per_day_p90 == pytest.approx(270)
        assert result.weekday_pattern["Saturday"] == pytest.approx(100 / 150)
        assert result.weekday_pattern["Sunday"] == 0
        assert result.weekday_pattern["Monday"] == pytest.approx(2)
        assert result.weekday_pattern["Wednesday"] is None

    def test_one_page_alone_is_read_as_it_is(self):
        result = calibrate(read_usage(OPENAI_PAGES[:1]))
        assert (result.days, result.calls_per_day) == (2, 50)

    def test_grouped_page_with_a_gap_counts_the_missing_day_as_no_calls(self):
        usage = read_usage([FIXTURES / "openai_grouped_by_model.json"])
        assert usage.models == ("gpt-4o-2024-08-06", "gpt-4o-mini")
        assert usage.days_without_records == 1
        result = calibrate(usage)
        assert (result.days, result.calls_per_day) == (3, 20)
        assert result.input_tokens_per_call == 75
        assert result.output_tokens_per_call == 15
        assert result.cached_share == pytest.approx(800 / 4500)
        assert any("1 of the 3 days have no records" in note for note in result.notes)

    def test_one_model_kept(self):
        result = calibrated("openai_grouped_by_model.json", model="gpt-4o-2024-08-06")
        assert (result.days, result.calls_per_day) == (3, 10)
        assert result.input_tokens_per_call == 100
        assert result.output_tokens_per_call == 20
        assert result.cached_share == pytest.approx(500 / 3000)

    def test_a_model_the_files_do_not_hold_is_refused_naming_those_they_do(self):
        with pytest.raises(BadUsageFileError, match="no traffic for it; the files hold gpt-4o-2024"):
            calibrated("openai_grouped_by_model.json", model="gpt-5")

    def test_a_model_asked_of_ungrouped_pages_is_refused(self):
        with pytest.raises(BadUsageFileError, match="not grouped by model"):
            read_usage(OPENAI_PAGES, model="gpt-4o")

    def test_the_same_page_twice_is_refused(self):
        with pytest.raises(BadUsageFileError, match="a file given twice"):
            read_usage([OPENAI_PAGES[0], OPENAI_PAGES[0]])


class TestAnthropicReport:
    def test_needs_the_calls_per_day_and_says_so(self):
        with pytest.raises(CalibrationError, match="no request count: give the calls per day"):
            calibrated("anthropic_messages.json")

    def test_tokens_per_call_from_the_given_calls(self):
        result = calibrated("anthropic_messages.json", calls_per_day=10)
        # Input = uncached + cache reads + 5-minute and 1-hour cache writes: 5,000 and 7,000.
        assert result.calls_per_day == 10
        assert result.input_tokens_per_call == pytest.approx(12_000 / 20)
        assert result.output_tokens_per_call == pytest.approx(2_400 / 20)
        assert result.cached_share == pytest.approx(7_000 / 12_000)
        # Calls spread in proportion to input tokens: 10 * 5,000 / 6,000 and 10 * 7,000 / 6,000.
        np.testing.assert_allclose(result.daily_calls, [50 / 6, 70 / 6])
        assert any("no request count" in note for note in result.notes)


class TestPerRequestFiles:
    @pytest.mark.parametrize("name", ["litellm_spend_logs.json", "litellm_spend_logs.csv"])
    def test_litellm_spend_logs(self, name):
        usage = read_usage([FIXTURES / name])
        assert usage.format == "litellm"
        result = calibrate(usage)
        # 23:30 at UTC-2 is 01:30 UTC the next day: 1 request on 04-01, 3 on 04-02.
        np.testing.assert_array_equal(result.daily_calls, [1, 3])
        assert result.input_tokens_per_call == 250
        assert result.output_tokens_per_call == 25
        assert result.cached_share is None

    @pytest.mark.parametrize("name", ["requests.csv", "requests.jsonl", "requests.parquet"])
    def test_requests_with_a_weekend_without_records(self, name, tmp_path):
        path = FIXTURES / name
        if name.endswith(".parquet"):  # written here from the CSV: no binary file in the repository
            path = tmp_path / name
            duckdb.read_csv(str(FIXTURES / "requests.csv")).write_parquet(str(path))
        result = calibrate(read_usage([path]))
        # Friday 2 requests, Saturday and Sunday none, Monday 1.
        np.testing.assert_array_equal(result.daily_calls, [2, 0, 0, 1])
        assert result.calls_per_day == 0.75
        assert result.input_tokens_per_call == pytest.approx(4_000 / 3)
        assert result.output_tokens_per_call == pytest.approx(500 / 3)
        assert result.cached_share == 0.25

    def test_csv_and_json_lines_of_one_export_combine(self):
        result = calibrated("requests.csv", "requests.jsonl")
        np.testing.assert_array_equal(result.daily_calls, [4, 0, 0, 2])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("openai_page1.json", "openai"),
        ("openai_grouped_by_model.json", "openai"),
        ("anthropic_messages.json", "anthropic"),
        ("litellm_spend_logs.json", "litellm"),
        ("litellm_spend_logs.csv", "litellm"),
        ("requests.csv", "requests"),
        ("requests.jsonl", "requests"),
    ],
)
def test_format_detected_from_the_content(name, expected):
    assert detect_format((FIXTURES / name).read_bytes()[:65_536], name) == expected


def test_format_given_overrides_detection(tmp_path):
    renamed = tmp_path / "export.txt"
    renamed.write_text((FIXTURES / "requests.csv").read_text().replace("timestamp", "startTime"))
    assert read_usage([renamed]).format == "litellm"
    with pytest.raises(BadUsageFileError, match="no column timestamp"):
        read_usage([renamed], format="requests")


def test_files_of_different_formats_are_refused():
    with pytest.raises(BadUsageFileError, match="different formats"):
        read_usage([OPENAI_PAGES[0], FIXTURES / "requests.csv"])


class TestGrowthFit:
    def weekly_series(self, growth_percent: float, days: int = 52) -> np.ndarray:
        # From a Saturday: quiet weekends at the start and end pull a plain fit of log calls on
        # the day off the truth; weekday dummies take the pattern out.
        weekday = (5 + np.arange(days)) % 7
        pattern = np.where(weekday >= 5, 0.15, 1.0) * np.where(weekday == 0, 1.4, 1.0)
        return 5_000 * (1 + growth_percent / 100) ** (np.arange(days) / 30.4375) * pattern

    @pytest.mark.parametrize("growth", [-20.0, 0.0, 3.0, 25.0])
    def test_recovers_the_growth_of_a_series_with_a_weekly_pattern(self, growth):
        fit = fit_growth(self.weekly_series(growth), date(2026, 1, 3))
        assert fit is not None
        assert fit[0] == pytest.approx(growth, abs=1e-6)

    def test_the_fitted_trend_has_the_weekly_pattern_averaged_out(self):
        fit = fit_growth(self.weekly_series(10), date(2026, 1, 3))
        assert fit is not None
        trend = fit[1]
        assert np.all(np.diff(trend) > 0)
        assert trend[30] / trend[0] == pytest.approx(1.10 ** (30 / 30.4375))

    def test_days_without_calls_do_not_break_the_fit(self):
        calls = self.weekly_series(5)
        calls[(5 + np.arange(len(calls))) % 7 >= 5] = 0  # closed at weekends
        fit = fit_growth(calls, date(2026, 1, 3))
        assert fit is not None
        assert fit[0] == pytest.approx(5, abs=1e-6)

    def test_under_two_weeks_no_growth_is_fitted(self):
        assert fit_growth(np.ones(13), date(2026, 1, 1)) is None
        assert calibrate(read_usage(OPENAI_PAGES)).calls_growth_percent_per_month is None


class TestUsingTheNumbers:
    def test_the_prompt_share_splits_input_tokens(self):
        result = calibrate(read_usage(OPENAI_PAGES))
        scenario = use_calibration(ARTICLE, result, prompt_share=0.6)
        assert scenario.calls_per_day == 150
        assert scenario.prompt_tokens == pytest.approx(300)
        assert scenario.input_tokens == pytest.approx(200)
        assert scenario.output_tokens == 50
        # Everything else is the scenario's own.
        assert scenario.training_cost == ARTICLE.training_cost
        assert scenario.calls_growth_percent_per_month == ARTICLE.calls_growth_percent_per_month


class TestCheckAgainstReality:
    def test_fewer_calls_move_break_even_later_through_evaluate(self):
        # The article assumed 10,000 calls and 800 prompt tokens; reality: 5,000 calls of 800 tokens.
        result = calibrate(read_usage(OPENAI_PAGES))
        actual = result.__class__(**{**result.__dict__, "calls_per_day": 5_000, "input_tokens_per_call": 800})
        check = check_against_actuals(ARTICLE, actual)
        assert check.assumed.break_even_day == 100
        expected = evaluate(
            ARTICLE.model_copy(update={"calls_per_day": 5_000, "output_tokens": 50, "input_tokens": 0})
        )
        assert check.actual.break_even_day == expected.break_even_day == 200
        assert "break-even moves from day 100 to day 200" in check.sentence(actual)
        assert "assuming 10,000 calls/day" in check.sentence(actual)
        rows = {row.assumption: row for row in check.rows}
        assert rows["calls per day"].actual == 5_000

    def test_calls_shorter_than_the_prompt_say_so(self):
        check = check_against_actuals(ARTICLE, calibrate(read_usage(OPENAI_PAGES)))
        assert any("fewer than the 800 of the prompt alone" in note for note in check.notes)
        assert check.actual.scenario.input_tokens == 0

    @pytest.mark.parametrize(
        ("assumed", "actual", "words"),
        [
            (ARTICLE, ARTICLE, "break-even stays on day 100"),
            (
                ARTICLE,
                ARTICLE.model_copy(update={"calls_per_day": 5_000}),
                "break-even moves from day 100 to day 200",
            ),
            (
                ARTICLE,
                ARTICLE.model_copy(update={"calls_per_day": 10}),
                "break-even moves from day 100 to not within 730 days",
            ),
            (
                ARTICLE.model_copy(update={"calls_per_day": 10}),
                ARTICLE.model_copy(update={"calls_per_day": 20}),
                "break-even is still not within 730 days",
            ),
        ],
        ids=["stays-on-a-day", "later", "never", "still-never"],
    )
    def test_the_move_in_words(self, assumed, actual, words):
        assert describe_break_even_move(evaluate(assumed), evaluate(actual)) == words


class TestDailyCallsChart:
    def test_bars_per_day_and_the_fitted_growth_line(self):
        calls = TestGrowthFit().weekly_series(8, days=28)
        usage = read_usage(OPENAI_PAGES)
        result = calibrate(usage)
        grown = result.__class__(
            **{
                **result.__dict__,
                "daily_calls": calls,
                "days": 28,
                "calls_growth_percent_per_month": 8.0,
                "fitted_calls": fit_growth(calls, result.first_day)[1],
            }
        )
        figure = make_daily_calls(grown)
        bars, line = figure.data
        assert (bars.type, len(bars.x), bars.x[0]) == ("bar", 28, date(2026, 1, 3))
        assert line.name == "Fitted growth: +8.0% a month"
        assert line.y[-1] > line.y[0]

    def test_no_line_without_a_fit(self):
        figure = make_daily_calls(calibrate(read_usage(OPENAI_PAGES)))
        assert [trace.name for trace in figure.data] == ["Calls that day"]


class TestSplittingInputTokens:
    @pytest.mark.parametrize("tokens", [4213.6, 0.3, 1e-9, 777.7])
    def test_the_whole_input_as_prompt_leaves_no_negative_user_input(self, tokens):
        prompt, user = split_input_tokens(tokens, 1.0)
        assert (prompt, user) == (tokens, 0.0)
        assert format_tokens(user) == "0"

    def test_a_hair_below_zero_reads_zero(self):
        assert format_tokens(-1e-13) == "0"
