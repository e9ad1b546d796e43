"""`python -m costmodel` run as a user runs it: a subprocess, files on disk."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = {
    "name": "article",
    "calls_per_day": 10_000,
    "prompt_tokens": 800,
    "price_per_million": 5,
    "finetuned_prompt_tokens": 200,
    "training_cost": 3_000,
}
RESULT_FIELDS = {
    "name",
    "break_even_day",
    "pays_back",
    "lead_changes",
    "simple_break_even_days",
    "daily_saving",
    "prompt_overhead_tokens_per_day",
    "prompt_overhead_cost_per_day",
    "prompt_overhead_cost_per_year",
    "prompt_total",
    "finetune_total",
    "savings",
}


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "costmodel", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def write(tmp_path: Path, name: str, content) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_json_holds_one_object_per_scenario_in_input_order(tmp_path):
    many = write(tmp_path, "many.json", [ARTICLE, ARTICLE | {"name": "slow", "calls_per_day": 200}])
    one = write(tmp_path, "one.json", ARTICLE | {"name": "last"})
    completed = run_cli(many, one, "--json")
    assert completed.returncode == 0, completed.stderr
    records = json.loads(completed.stdout)
    assert [record["name"] for record in records] == ["article", "slow", "last"]
    assert set(records[0]) >= RESULT_FIELDS
    assert records[0]["break_even_day"] == 100
    assert records[0]["prompt_overhead_cost_per_year"] == 14_600
    assert records[1]["break_even_day"] is None


@pytest.mark.parametrize(
    ("preset", "break_even_day", "simple_days", "overhead_tokens"),
    [
        ("article-break-even", 100, 100, 8_000_000),
        ("wiki-qa", None, 833.33, 120_000),
        ("pitch-classification-2000", 20, 20, 20_000_000),
        ("pitch-classification-5000", 50, 50, 20_000_000),
    ],
)
def test_presets_reproduce_spec_numbers(preset, break_even_day, simple_days, overhead_tokens):
    completed = run_cli("--preset", preset, "--json")
    [record] = json.loads(completed.stdout)
    assert record["break_even_day"] == break_even_day
    assert record["simple_break_even_days"] == pytest.approx(simple_days, rel=1e-4)
    assert record["prompt_overhead_tokens_per_day"] == overhead_tokens


def test_no_saving_gives_null_simple_rule(tmp_path):
    path = write(tmp_path, "dear.json", ARTICLE | {"finetuned_price_per_million": 50})
    [record] = json.loads(run_cli(path, "--json").stdout)
    assert record["simple_break_even_days"] is None
    assert record["break_even_day"] is None
    assert record["savings"] < 0


def test_table_is_readable(tmp_path):
    completed = run_cli(write(tmp_path, "a.json", ARTICLE), "--preset", "wiki-qa")
    assert completed.returncode == 0
    lines = completed.stdout.splitlines()
    assert "break-even day" in lines[0]
    assert "savings" in lines[0]
    assert "$14,600" in lines[1]
    assert "100" in lines[1]
    assert "not within 730" in lines[2]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('{"calls_per_day": NaN, "prompt_tokens": 1, "price_per_million": 1, "training_cost": 1}', "NaN"),
        (json.dumps(ARTICLE | {"calls_per_day": -3}), "calls per day (calls_per_day) must be 0 or more"),
        (json.dumps(ARTICLE | {"retrain_every": 30}), "'retrain_every' is not a scenario field"),
        (
            json.dumps([ARTICLE, ARTICLE | {"name": "second", "horizon_days": 0}]),
            "scenario 2 ('second'): horizon (days) (horizon_days) must be 1 or more",
        ),
        (json.dumps([ARTICLE, 5]), "scenario 2: expected a scenario object"),
        ("[]", "holds no scenario"),
    ],
)
def test_bad_input_is_one_line_naming_file_and_field(tmp_path, content, expected):
    path = write(tmp_path, "bad.json", content)
    completed = run_cli(path, "--json")
    assert completed.returncode == 2
    assert completed.stdout == ""
    [line] = completed.stderr.splitlines()
    assert path in line
    assert expected in line
    assert "Traceback" not in completed.stderr


def test_missing_file_and_unknown_preset_exit_2(tmp_path):
    missing = run_cli(str(tmp_path / "nowhere.json"))
    assert missing.returncode == 2
    assert "nowhere.json: no such file" in missing.stderr
    unknown = run_cli("--preset", "nope")
    assert unknown.returncode == 2
    assert "wiki-qa" in unknown.stderr
    assert len(unknown.stderr.splitlines()) == 1


def test_no_arguments_is_a_usage_error():
    completed = run_cli()
    assert completed.returncode == 2
    assert "FILE" in completed.stderr


@pytest.mark.parametrize(
    ("command", "content", "expected"),
    [
        ([], '{"calls_per_day": 1}', "prompt tokens per call (prompt_tokens) is required"),
        (["calibrate"], "date,model,calls\n", "not a usage file this reads"),
        (
            ["deck", "-o", "x.pptx"],
            '{"calls_per_day": 1}',
            "prompt tokens per call (prompt_tokens) is required",
        ),
        (["calibrate"], None, "no such file"),
    ],
    ids=["evaluate", "calibrate", "deck", "calibrate a missing file"],
)
def test_a_file_name_with_a_line_break_is_named_in_one_line(tmp_path, command, content, expected):
    # Once printed over two lines (issue 20): every refusal is one line, whatever the name holds.
    path = tmp_path / "two\nlines.json"
    if content is not None:
        path.write_text(content)
    completed = subprocess.run(
        [sys.executable, "-m", "costmodel", *command[:1], str(path), *command[1:]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert completed.returncode == 2
    [line] = completed.stderr.splitlines()
    assert "two\\nlines.json" in line
    assert expected in line
