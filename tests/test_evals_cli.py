"""`python -m costmodel evals` run as a user runs it: the JSON the issue gives, the scenario written
back with the eval's numbers, and one line and exit 2 for anything it cannot use."""

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from costmodel.evals_cli import main
from costmodel.files import parse_scenario_entries
from tests.test_evals import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
NAMES = [
    "name",
    "cases",
    "passed",
    "failed",
    "errors",
    "error_rate_percent",
    "error_rate_low_percent",
    "error_rate_high_percent",
    "prompt_tokens_per_call",
    "completion_tokens_per_call",
    "latency_ms_p50",
    "latency_ms_p95",
    "cost_per_call",
]
SCENARIO = {
    "name": "support bot",
    "calls_per_day": 10_000,
    "prompt_tokens": 800,
    "price_per_million": 5,
    "training_cost": 3_000,
    "decision": {"owner": "Dana"},
}


def run_evals(*arguments: str | Path) -> subprocess.CompletedProcess:
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            code = main([str(argument) for argument in arguments])
        except SystemExit as usage_error:  # argparse's usage errors end the process
            code = int(usage_error.code or 0)
    return subprocess.CompletedProcess(arguments, code, stdout.getvalue(), stderr.getvalue())


def test_json_is_exactly_the_issues_shape_in_a_real_process():
    run = subprocess.run(
        [sys.executable, "-m", "costmodel", "evals", str(FIXTURES / "promptfoo-results.json"), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout)
    assert list(output) == ["variants"]
    assert [list(variant) for variant in output["variants"]] == [NAMES, NAMES]
    base = output["variants"][0]
    assert (base["name"], base["cases"], base["passed"], base["failed"], base["errors"]) == (
        "base-long-prompt",
        10,
        8,
        1,
        1,
    )
    assert base["error_rate_low_percent"] < base["error_rate_percent"] < base["error_rate_high_percent"]


def test_csv_without_costs_has_null_cost_per_call():
    run = run_evals(FIXTURES / "promptfoo-results.csv", "--json")
    assert run.returncode == 0, run.stderr
    assert {variant["cost_per_call"] for variant in json.loads(run.stdout)["variants"]} == {None}


def test_the_table_names_each_variant():
    run = run_evals(FIXTURES / "plain.csv")
    assert run.returncode == 0, run.stderr
    assert "fine-tuned" in run.stdout
    assert "5.3% (0.9-24.6)" in run.stdout  # 1 failed of 19 graded


def test_the_scenario_is_written_back_with_the_eval_numbers(tmp_path):
    scenario_file = tmp_path / "bot.json"
    scenario_file.write_text(json.dumps(SCENARIO))
    run = run_evals(
        FIXTURES / "plain.csv",
        "--prompt-variant",
        "prompt",
        "--finetuned-variant",
        "fine-tuned",
        "--scenario",
        scenario_file,
    )
    assert run.returncode == 0, run.stderr
    (entry,) = parse_scenario_entries(scenario_file.read_text(), "bot.json")
    assert entry.scenario.name == "support bot"
    assert entry.decision is not None
    assert entry.decision.owner == "Dana"  # the decision record stays with the scenario
    assert entry.scenario.prompt_error_percent == pytest.approx(10)
    assert entry.scenario.finetune_error_percent == pytest.approx(100 / 19)
    assert (entry.scenario.prompt_tokens, entry.scenario.finetuned_prompt_tokens) == (1_200, 300)
    assert entry.scenario.prompt_latency_ms_p50 == pytest.approx(995)
    assert "note: Error rates" in run.stderr


def test_output_goes_elsewhere_and_leaves_the_scenario_file(tmp_path):
    scenario_file, out = tmp_path / "bot.json", tmp_path / "out.json"
    scenario_file.write_text(json.dumps(SCENARIO))
    run = run_evals(
        FIXTURES / "plain.csv",
        "--prompt-variant=prompt",
        "--finetuned-variant=fine-tuned",
        f"--scenario={scenario_file}",
        f"-o={out}",
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(scenario_file.read_text()) == SCENARIO
    assert parse_scenario_entries(out.read_text(), "out.json")[0].scenario.prompt_error_percent == 10


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        pytest.param(["missing.json"], "missing.json: no such file", id="missing file"),
        pytest.param(["{fixtures}/../usage/requests.csv"], "not an eval CSV", id="usage file"),
        pytest.param(
            ["{fixtures}/plain.csv", "--prompt-variant", "prompt"], "go together", id="half the options"
        ),
        pytest.param(
            [
                "{fixtures}/plain.csv",
                "--prompt-variant",
                "gpt",
                "--finetuned-variant",
                "fine-tuned",
                "--scenario",
                "{scenario}",
            ],
            "no variant 'gpt'",
            id="unknown variant",
        ),
        pytest.param(
            [
                "{fixtures}/plain.csv",
                "--prompt-variant",
                "prompt",
                "--finetuned-variant",
                "fine-tuned",
                "--scenario",
                "{fixtures}/plain.csv",
            ],
            "not valid JSON",
            id="scenario not a scenario",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, arguments, says):
    scenario_file = tmp_path / "bot.json"
    scenario_file.write_text(json.dumps(SCENARIO))
    filled = [a.format(fixtures=FIXTURES, scenario=scenario_file) for a in arguments]
    run = run_evals(*filled)
    assert run.returncode == 2
    assert run.stdout == ""
    assert says in run.stderr
    assert run.stderr.count("\n") == 1
    assert json.loads(scenario_file.read_text()) == SCENARIO
