"""Eval results in: promptfoo's JSON and CSV outputs and the plain CSV, read into each variant's
error rate (Wilson 95%), tokens, latency and cost, checked against computations done here by hand.

The fixtures in tests/fixtures/evals were written from promptfoo's documented shapes (output
version 3, `EvaluateResult` in promptfoo's src/types/index.ts; the CSV columns of
src/util/eval/evalTableUtils.ts, both read 2026-12-01) by tests/fixtures/evals/make_fixtures.py.
"""

import json
import math
from pathlib import Path
from statistics import NormalDist

import pytest

from costmodel import Scenario
from costmodel.evals import (
    BadEvalFileError,
    Call,
    cases_to_tell_apart,
    find_variant,
    parse_eval,
    read_evals,
    summarize,
    tell_apart_words,
    use_evals,
    wilson_interval,
)

FIXTURES = Path(__file__).parent / "fixtures" / "evals"
Z = NormalDist().inv_cdf(0.975)


def read(*names: str):
    return read_evals([(name, (FIXTURES / name).read_bytes()) for name in names])


def wilson_by_hand(failures: int, trials: int) -> tuple[float, float]:
    """The Wilson interval as the two roots of (p̂ − p)² = z² p (1 − p) / n, a quadratic in p."""
    p_hat = failures / trials
    a = 1 + Z * Z / trials
    b = -(2 * p_hat + Z * Z / trials)
    c = p_hat * p_hat
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def percentile_by_hand(values: list[float], q: float) -> float:
    """Linear between the closest ranks: rank q/100 × (n − 1) in the sorted values."""
    ordered = sorted(values)
    rank = q / 100 * (len(ordered) - 1)
    below = math.floor(rank)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (rank - below) * (ordered[above] - ordered[below])


class TestWilson:
    @pytest.mark.parametrize(
        ("failures", "trials"), [(0, 20), (1, 9), (3, 10), (10, 10), (7, 1_000), (450, 1_000)]
    )
    def test_matches_the_quadratic_solved_by_hand(self, failures, trials):
        low, high = wilson_interval(failures, trials)
        by_hand = wilson_by_hand(failures, trials)
        assert (low, high) == pytest.approx(by_hand, abs=1e-12)

    def test_published_value_no_failure_in_20(self):
        # No error in 20 cases still leaves up to 16.1% at 95% (Wilson), not 0.
        assert wilson_interval(0, 20)[1] == pytest.approx(0.1611, abs=1e-4)


class TestCasesToTellApart:
    @pytest.mark.parametrize(
        ("p1", "p2", "cases"),
        [
            # Fleiss, Levin & Paik, without continuity correction (5% two-sided, 80% power).
            pytest.param(0.10, 0.05, 435, id="10% vs 5%"),
            pytest.param(0.50, 0.40, 388, id="50% vs 40%"),
        ],
    )
    def test_published_sample_sizes(self, p1, p2, cases):
        assert cases_to_tell_apart(p1, p2) == cases
        assert cases_to_tell_apart(p2, p1) == cases

    def test_equal_rates_need_infinitely_many(self):
        assert cases_to_tell_apart(0.2, 0.2) is None


class TestPromptfooJson:
    def test_every_figure_of_each_variant(self):
        data = json.loads((FIXTURES / "promptfoo-results.json").read_text())
        base, finetuned = read("promptfoo-results.json")
        assert (base.name, finetuned.name) == ("base-long-prompt", "fine-tuned")
        for variant in (base, finetuned):
            rows = [r for r in data["results"]["results"] if r["provider"]["label"] == variant.name]
            graded = [r for r in rows if r["failureReason"] != 2]
            failed = sum(not r["success"] for r in graded)
            assert (variant.cases, variant.errors) == (len(rows), len(rows) - len(graded))
            assert (variant.passed, variant.failed) == (len(graded) - failed, failed)
            assert variant.error_rate_percent == pytest.approx(100 * failed / len(graded))
            low, high = wilson_by_hand(failed, len(graded))
            assert variant.error_rate_interval_percent == pytest.approx((100 * low, 100 * high))
            latencies = [r["latencyMs"] for r in graded]
            assert variant.latency_ms_p50 == pytest.approx(percentile_by_hand(latencies, 50))
            assert variant.latency_ms_p95 == pytest.approx(percentile_by_hand(latencies, 95))
            tokens = [r["response"]["tokenUsage"]["prompt"] for r in graded]
            assert variant.prompt_tokens_per_call == pytest.approx(sum(tokens) / len(tokens))
            assert variant.cost_per_call == pytest.approx(sum(r["cost"] for r in graded) / len(graded))
            assert variant.cost_per_correct_answer == pytest.approx(
                sum(r["cost"] for r in graded) / variant.passed
            )

    def test_errored_calls_stay_out_of_the_error_rate(self):
        base = read("promptfoo-results.json")[0]
        assert base.errors == 1
        assert base.error_rate_percent == pytest.approx(100 / 9)  # 1 failed of 9 graded, not of 10
        assert base.latency_ms_p95 < 30_000  # the errored call's 30 s timeout is not a latency

    def test_one_provider_with_several_prompts_is_provider_slash_prompt(self):
        names = [variant.name for variant in read("promptfoo-two-prompts.json")]
        assert names == ["openai:gpt-4o-mini / long prompt", "openai:gpt-4o-mini / short prompt"]

    def test_no_costs_give_no_cost_per_call(self):
        variant = read("promptfoo-two-prompts.json")[0]
        assert variant.cost_per_call is None
        assert variant.cost_per_correct_answer is None


class TestCsv:
    @pytest.mark.parametrize("name", ["promptfoo-results.csv", "promptfoo-old.csv"])
    def test_promptfoo_csv_counts_as_its_json_does(self, name):
        from_json = read("promptfoo-results.json")
        from_csv = read(name)
        assert [(v.name, v.cases, v.passed, v.failed, v.errors) for v in from_csv] == [
            (v.name, v.cases, v.passed, v.failed, v.errors) for v in from_json
        ]
        assert all(v.latency_ms_p50 is None and v.cost_per_call is None for v in from_csv)

    def test_plain_csv(self):
        prompt, finetuned = read("plain.csv")
        assert (prompt.cases, prompt.passed, prompt.failed, prompt.errors) == (20, 18, 2, 0)
        assert (finetuned.cases, finetuned.passed, finetuned.failed, finetuned.errors) == (20, 18, 1, 1)
        graded_latencies = [300 + 5 * i for i in range(1, 20)]  # case 0 errored
        assert finetuned.latency_ms_p50 == pytest.approx(percentile_by_hand(graded_latencies, 50))
        assert prompt.cost_per_call == pytest.approx(0.0066)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"\xff\xfe", "UTF-8", id="not text"),
        pytest.param(b'{"results": {"version": 2, "results": []}}', "version 2", id="old version"),
        pytest.param(b'{"rows": []}', "not a promptfoo output", id="other JSON"),
        pytest.param(b"[" * 100_000, "nested deeper", id="deep JSON"),
        pytest.param(b"a,b\n1,2\n", "not an eval CSV", id="other CSV"),
        pytest.param(b"variant,case,passed\nx,1,maybe\n", "line 2: passed", id="bad passed"),
        pytest.param(b"variant,case,passed,latency_ms\nx,1,true,-5\n", "line 2: latency_ms", id="negative"),
        pytest.param(b"variant,case,passed,cost\nx,1,true,nan\n", "line 2: cost", id="nan cost"),
        pytest.param(b"variant,case,passed,colour\n", "unknown column 'colour'", id="unknown column"),
        pytest.param(b"variant,case,passed\n", "no eval results", id="header only"),
        pytest.param(
            b'{"results": {"version": 3, "results": [{"provider": {"id": "x"}, "success": "yes"}]}}',
            "result 1",
            id="success not a boolean",
        ),
    ],
)
def test_bad_files_are_one_line_naming_the_file(content, says):
    with pytest.raises(BadEvalFileError) as raised:
        parse_eval(content, "run\n1.json")
    message = str(raised.value)
    assert message.startswith("run\\n1.json: ")
    assert says in message
    assert "\n" not in message


def test_a_file_over_the_cap_is_refused_unread(monkeypatch):
    monkeypatch.setattr("costmodel.evals.MAX_EVAL_FILE_BYTES", 10)
    with pytest.raises(BadEvalFileError, match="larger than the 10 bytes"):
        parse_eval(b"variant,case,passed\n", "big.csv")


def test_variants_of_several_files_combine():
    (alone,) = summarize([Call("a", "passed"), Call("a", "failed")])
    assert (alone.cases, alone.failed) == (2, 1)
    twice = read("plain.csv", "plain.csv")
    assert [v.cases for v in twice] == [40, 40]


def test_an_unknown_variant_names_the_ones_there_are():
    with pytest.raises(BadEvalFileError, match="no variant 'gpt'; the files hold 'prompt', 'fine-tuned'"):
        find_variant(read("plain.csv"), "gpt")


class TestUseEvals:
    SCENARIO = Scenario(
        calls_per_day=10_000, prompt_tokens=800, price_per_million=5, training_cost=3_000, input_tokens=100
    )

    def test_error_rates_tokens_and_latency_go_into_the_scenario(self):
        base, finetuned = read("promptfoo-results.json")
        scenario, notes = use_evals(self.SCENARIO, base, finetuned)
        assert scenario.prompt_error_percent == pytest.approx(100 / 9)
        assert scenario.finetune_error_percent == pytest.approx(30)
        assert scenario.prompt_tokens == 1040 - 100
        assert scenario.finetuned_prompt_tokens == round(272.5 - 100)
        assert scenario.output_tokens == 50
        assert scenario.input_tokens == 100  # the user's input, the same on both paths, is kept
        assert (scenario.prompt_latency_ms_p50, scenario.finetune_latency_ms_p95) == (
            base.latency_ms_p50,
            finetuned.latency_ms_p95,
        )
        assert any("errored" in note for note in notes)

    def test_without_tokens_only_the_error_rates_change(self):
        base, finetuned = read("promptfoo-results.csv")
        scenario, notes = use_evals(self.SCENARIO, base, finetuned)
        assert scenario.model_dump() == self.SCENARIO.model_dump() | {
            "prompt_error_percent": pytest.approx(100 / 9),
            "finetune_error_percent": pytest.approx(30),
        }
        assert any("kept as they were" in note for note in notes)

    def test_a_variant_whose_every_call_errored_has_no_rate(self):
        (errored,) = summarize([Call("down", "error")])
        with pytest.raises(ValueError, match="'down' has no graded case"):
            use_evals(self.SCENARIO, errored, errored)


class TestTellApartWords:
    def test_says_how_many_cases_and_whether_the_runs_have_them(self):
        base, finetuned = read("promptfoo-results.json")
        words = tell_apart_words(base, finetuned)
        needed = cases_to_tell_apart(1 / 9, 0.3)
        assert f"about {needed:,} graded cases per path (not enough yet)" in words
        assert "9 and 10 graded cases" in words
        assert "100 or more" in words

    def test_equal_rates_cannot_be_told_apart(self):
        one, two = read("promptfoo-two-prompts.json")
        assert "no number of cases tells them apart" in tell_apart_words(one, two)
