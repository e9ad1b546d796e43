"""`python -m costmodel calibrate` run as a user runs it, on good files and on bad and hostile ones.

A few runs go through a subprocess (`python -m costmodel calibrate`, exit code and all);
the many bad files call the same `main` in this process, which keeps the suite fast.
"""

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from costmodel import usage
from costmodel.calibrate_cli import main
from tests.test_calibrate import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
NAMES = {
    "calls_per_day",
    "input_tokens_per_call",
    "output_tokens_per_call",
    "cached_share",
    "calls_growth_percent_per_month",
    "first_day",
    "last_day",
    "days",
    "weekday_pattern",
    "calls_per_day_p10",
    "calls_per_day_p90",
}


def run_calibrate_in_a_process(*arguments: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "costmodel", "calibrate", *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def run_calibrate(*arguments: str | Path) -> subprocess.CompletedProcess:
    """The command's exit code and output, run in this process."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = main([str(argument) for argument in arguments])
    return subprocess.CompletedProcess(arguments, code, stdout.getvalue(), stderr.getvalue())


def test_json_has_exactly_the_derived_names():
    run = run_calibrate_in_a_process(FIXTURES / "openai_page1.json", FIXTURES / "openai_page2.json", "--json")
    assert run.returncode == 0, run.stderr
    derived = json.loads(run.stdout)
    assert set(derived) == NAMES
    assert derived["calls_per_day"] == 150
    assert derived["first_day"] == "2026-01-03"
    assert derived["days"] == 4
    assert derived["cached_share"] == pytest.approx(0.2)


def test_table_without_json():
    run = run_calibrate(FIXTURES / "requests.csv")
    assert run.returncode == 0, run.stderr
    assert "calls per day (mean)                     0.8" in run.stdout
    assert "2026-01-09 to 2026-01-12 (4 days)" in run.stdout
    assert "25.0%" in run.stdout


def test_model_and_format_options():
    run = run_calibrate(
        FIXTURES / "openai_grouped_by_model.json", "--model", "gpt-4o-mini", "--format", "openai", "--json"
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["calls_per_day"] == 10


def test_anthropic_takes_the_calls_per_day():
    run = run_calibrate(FIXTURES / "anthropic_messages.json", "--calls-per-day", "10", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["input_tokens_per_call"] == 600
    assert "no request count" in run.stderr


def test_fitted_growth_of_a_generated_log(tmp_path):
    # Eight weeks of requests from a Saturday, quiet weekends, 10% more calls a month.
    path = tmp_path / "requests.csv"
    lines = ["timestamp,model,prompt_tokens,completion_tokens"]
    for day in range(56):
        weekend = (5 + day) % 7 >= 5
        calls = round((20 if weekend else 400) * 1.1 ** (day / 30.4375))
        stamp = f"2026-01-{3 + day:02d}" if day < 29 else f"2026-02-{day - 28:02d}"
        lines += [f"{stamp}T12:00:00Z,gpt-4o,900,100"] * calls
    path.write_text("\n".join(lines) + "\n")
    run = run_calibrate(path, "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["calls_growth_percent_per_month"] == pytest.approx(10, abs=0.3)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


OPENAI_PAGE = (FIXTURES / "openai_page2.json").read_text()
CSV_HEADER = "timestamp,model,prompt_tokens,completion_tokens\n"


@pytest.mark.parametrize(
    ("name", "content", "options", "message"),
    [
        ("empty.csv", "", [], "the file is empty"),
        ("blank.json", "  \n\n ", [], "the file is empty"),
        ("noise.bin", bytes(range(256)) * 8, [], "not a usage file this reads"),
        (
            "nested.json",
            "[" * 200_000 + "]" * 200_000,
            ["--format", "openai"],
            "nested deeper than 32 levels",
        ),
        ("broken.json", OPENAI_PAGE[:-40], [], "not valid JSON"),
        ("nan.json", OPENAI_PAGE.replace('"input_tokens": 150000', '"input_tokens": NaN'), [], "NaN"),
        ("text.json", OPENAI_PAGE.replace("150000", '"150000"'), [], "input_tokens is not a number"),
        ("negative.json", OPENAI_PAGE.replace("15000,", "-15000,"), [], "output_tokens is negative"),
        ("fraction.json", OPENAI_PAGE.replace("300,", "300.5,"), [], "not a whole number"),
        ("huge.json", OPENAI_PAGE.replace("300,", "1e300,"), [], "more than any real usage"),
        ("future.json", OPENAI_PAGE.replace("1767571200", "99999999999"), [], "not a date this reads"),
        ("cached.json", OPENAI_PAGE.replace("30000", "300000"), [], "more cached input tokens"),
        ("week.json", OPENAI_PAGE.replace("1767657600", "1768262400"), [], "longer than a day"),
        ("nodata.json", '{"object": "page", "data": {}}', [], "no list of buckets"),
        ("emptypage.json", '{"object": "page", "data": []}', [], "no usage in the file"),
        ("header.csv", CSV_HEADER, [], "no requests in the file"),
        ("word.csv", CSV_HEADER + "2026-01-01T00:00:00Z,m,12,x\n", [], 'Could not convert string "x"'),
        ("minus.csv", CSV_HEADER + "2026-01-01T00:00:00Z,m,-12,1\n", [], "1 rows have a negative token"),
        ("old.csv", CSV_HEADER + "1900-01-01T00:00:00Z,m,12,1\n", [], "outside 2015-01-01..2199-12-31"),
        ("far.csv", CSV_HEADER + "2016-01-01T00:00:00Z,m,1,1\n2030-01-01T00:00:00Z,m,1,1\n", [], "span"),
        ("hole.csv", CSV_HEADER + "2026-01-01T00:00:00Z,m,,1\n", [], "no prompt_tokens"),
        ("columns.csv", "timestamp,model,tokens\n2026-01-01,m,1\n", [], "no column prompt_tokens"),
        (
            "bad.jsonl",
            '{"timestamp": "2026-01-01T00:00:00Z", "model": "m", "prompt_tokens": {"a": 1}}\n',
            [],
            "1 rows have a token count that is not a number",
        ),
        ("anthropic.json", (FIXTURES / "anthropic_messages.json").read_text(), [], "give the calls per day"),
    ],
)
def test_bad_files_are_one_line_on_stderr_and_exit_2(tmp_path, name, content, options, message):
    run = run_calibrate(write(tmp_path, name, content), *options)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("error: ")
    assert run.stderr.count("\n") == 1, run.stderr
    assert message in run.stderr


def test_json_page_over_the_size_cap_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(usage, "MAX_JSON_BYTES", 1_000)
    path = write(tmp_path, "big.json", '{"object": "page", "data": [' + " " * 1_000 + "]}")
    run = run_calibrate(path)
    assert run.returncode == 2
    assert "more than the 1,000 bytes this reads from one usage file" in run.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.csv"], "no such file"),
        ([FIXTURES / "openai_page1.json", FIXTURES / "requests.csv"], "different formats"),
        ([FIXTURES / "openai_page1.json", FIXTURES / "openai_page1.json"], "a file given twice"),
        ([FIXTURES / "openai_page1.json", "--model", "gpt-4o"], "not grouped by model"),
        ([FIXTURES / "requests.csv", "--calls-per-day", "5"], "leave out the calls per day"),
    ],
)
def test_bad_combinations_are_one_line_and_exit_2(arguments, message):
    run = run_calibrate(*arguments)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.count("\n") == 1
    assert message in run.stderr


def test_a_bad_file_through_python_m_is_one_line_and_exit_2(tmp_path):
    run = run_calibrate_in_a_process(
        write(tmp_path, "minus.csv", CSV_HEADER + "2026-01-01T00:00:00Z,m,-1,1\n")
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == "error: " + str(tmp_path / "minus.csv") + ": 1 rows have a negative token count\n"
