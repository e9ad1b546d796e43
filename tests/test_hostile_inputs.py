"""Hostile input on every path: CLI files, scenario uploads, share links, LiteLLM files (CLI and page).

Each input is refused with one sentence that says why (one line on stderr and exit 2
on the command line, a message on the page) and nothing of it is imported.
"""

import json
import resource
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pytest

from costmodel import load_presets
from costmodel.files import MAX_SCENARIO_FILE_BYTES
from costmodel.sharing import scenario_from_query, scenario_to_query
from pricing.litellm import MAX_FILE_BYTES
from tests.app_helpers import shown, start_app
from tests.examples import longest_scenario

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {"calls_per_day": 1, "prompt_tokens": 1, "price_per_million": 1, "training_cost": 1}
BIG_INTEGER = "1" + "0" * 400  # no float holds it
LONGER_THAN_INT_ALLOWS = "9" * 5_000  # past Python's 4,300 digits for int()


def scenario_json(**fields: object) -> bytes:
    return json.dumps(REQUIRED | fields).encode()


def with_raw(text: str) -> bytes:
    """A scenario whose calls_per_day is `text` written as is into the JSON."""
    return (
        b'{"calls_per_day": '
        + text.encode()
        + b', "prompt_tokens": 1, "price_per_million": 1, "training_cost": 1}'
    )


EVENT = {"kind": "forced_retraining", "day": 1}
# content, what the one sentence must say
HOSTILE_SCENARIO_FILES = {
    "100,000 nested lists": (b"[" * 100_000, "nested deeper than 32 levels"),
    "100,000 nested objects": (b'{"a":' * 100_000, "nested deeper than 32 levels"),
    "40 nested lists, closed": (b"[" * 40 + b"]" * 40, "nested deeper than 32 levels"),
    "integer too large for a float": (with_raw(BIG_INTEGER), "too large for any price or count"),
    "integer past int's digit limit": (with_raw(LONGER_THAN_INT_ALLOWS), "too large"),
    "float too large": (with_raw("1e400"), "must be a finite number"),
    "NaN": (with_raw("NaN"), "NaN is not a number JSON allows"),
    "not UTF-8": (b'{"name": "\xc3\x28"}', "not UTF-8"),
    "not JSON": (b"{oops", "not valid JSON"),
    "empty": (b"", "not valid JSON"),
    "day 1 in year 1": (scenario_json(start_date="0001-01-01"), "must be 1900-01-01 or later"),
    "day 1 on 9999-12-31, 10-year horizon": (
        scenario_json(start_date="9999-12-31", horizon_days=3650),
        "must be 2200-12-31 or earlier",
    ),
    "event in year 1": (
        scenario_json(start_date="2026-01-01", events=[{"kind": "finetune_ends", "on_date": "0001-01-01"}]),
        "must be 1900-01-01 or later",
    ),
    "event on a day past any float": (
        scenario_json(events=[EVENT]).replace(b'"day": 1', b'"day": ' + BIG_INTEGER.encode()),
        "too large",
    ),
    "name over the cap": (scenario_json(name="n" * 201), "at most 200 characters"),
    "notes over the cap": (scenario_json(notes="n" * 1_001), "at most 1,000 characters"),
    "event note over the cap": (
        scenario_json(events=[EVENT | {"note": "n" * 101}]),
        "at most 100 characters",
    ),
    "13 events": (scenario_json(events=[EVENT] * 13), "at most 12 items"),
    "a byte over the size cap": (b" " * (MAX_SCENARIO_FILE_BYTES + 1), "1,000,000"),
}
FILE_IDS = list(HOSTILE_SCENARIO_FILES)


def run(module: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """A CLI as a user runs it, held to 1 GB of memory so that a file read whole fails fast."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory,
    )


def assert_one_line_exit_2(completed: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert completed.returncode == 2, completed.stderr[-500:]
    assert completed.stdout == ""
    [line] = completed.stderr.splitlines()
    for part in expected:
        assert part in line


class TestCostmodelCommandLine:
    @pytest.mark.parametrize("case", FILE_IDS)
    def test_a_hostile_file_is_one_line_naming_it_and_exit_2(self, tmp_path, case):
        content, expected = HOSTILE_SCENARIO_FILES[case]
        path = tmp_path / "hostile.json"
        path.write_bytes(content)
        assert_one_line_exit_2(run("costmodel", str(path), "--json"), str(path), expected)

    def test_a_file_that_never_ends_is_one_line_and_exit_2(self):
        assert_one_line_exit_2(run("costmodel", "/dev/zero"), "/dev/zero", "larger than the 1,000,000 bytes")

    def test_a_folder_is_one_line_and_exit_2(self, tmp_path):
        assert_one_line_exit_2(run("costmodel", str(tmp_path)), str(tmp_path), "cannot read it")

    @pytest.mark.parametrize(
        "arguments",
        [[], ["--bogus"], ["--preset"], ["--json=yes", "--preset", "wiki-qa"], ["-"]],
        ids=["nothing", "unknown option", "option without value", "value for a flag", "stdin"],
    )
    def test_usage_errors_are_one_line_and_exit_2(self, arguments):
        completed = run("costmodel", *arguments)
        assert_one_line_exit_2(completed)
        assert "Traceback" not in completed.stderr

    @pytest.mark.parametrize(
        "arguments",
        [
            ["calibrate"],
            ["calibrate", "--format", "nope", "usage.csv"],
            ["calibrate", "usage.csv", "--calls-per-day"],
            ["deck", "scenario.json"],
            ["deck"],
        ],
        ids=["calibrate", "calibrate bad format", "calibrate no value", "deck no output", "deck"],
    )
    def test_subcommand_usage_errors_are_one_line_and_exit_2(self, arguments):
        completed = run("costmodel", *arguments)
        assert_one_line_exit_2(completed)
        assert completed.stderr.startswith(f"python -m costmodel {arguments[0]}: error:")


def litellm_with_price(raw_price: str) -> bytes:
    return b'{"m": {"input_cost_per_token": ' + raw_price.encode() + b', "mode": "chat"}}'


# content, what the one sentence must say; nothing of the file is imported
HOSTILE_LITELLM_FILES = {
    "100,000 nested lists": (b"[" * 100_000, "nested deeper than 32 levels"),
    "100,000 nested objects": (b'{"a":' * 100_000, "nested deeper than 32 levels"),
    "price too large for a float": (litellm_with_price(BIG_INTEGER), "too large for any price or count"),
    "price past int's digit limit": (litellm_with_price(LONGER_THAN_INT_ALLOWS), "too large"),
    "not UTF-8": (b'{"name": "\xc3\x28"}', "not UTF-8"),
    "not JSON": (b"{oops", "not valid JSON"),
    "a list, not models": (b"[1, 2]", "expected an object of model entries"),
    "a byte over the size cap": (b" " * (MAX_FILE_BYTES + 1), "20,000,000"),
}
LITELLM_IDS = list(HOSTILE_LITELLM_FILES)


class TestPricingCommandLine:
    @pytest.mark.parametrize("case", LITELLM_IDS)
    def test_a_hostile_file_is_one_line_naming_it_and_exit_2(self, tmp_path, case):
        content, expected = HOSTILE_LITELLM_FILES[case]
        path = tmp_path / "prices.json"
        path.write_bytes(content)
        assert_one_line_exit_2(run("pricing", "import-litellm", str(path)), "prices.json", expected)

    def test_a_file_that_never_ends_is_one_line_and_exit_2(self):
        assert_one_line_exit_2(run("pricing", "import-litellm", "/dev/zero"), "larger than the 20,000,000")

    @pytest.mark.parametrize(
        "arguments",
        [[], ["bogus"], ["import-litellm"], ["list", "--x"], ["import-litellm", "f.json", "--as-of"]],
        ids=["nothing", "unknown command", "no file", "unknown option", "as-of without value"],
    )
    def test_usage_errors_are_one_line_and_exit_2(self, arguments):
        assert_one_line_exit_2(run("pricing", *arguments))


class TestScenarioUpload:
    @pytest.mark.parametrize("case", FILE_IDS)
    def test_a_hostile_upload_is_a_message_and_nothing_is_opened(self, store_path, case):
        content, expected = HOSTILE_SCENARIO_FILES[case]
        at = start_app("pages/scenarios.py")
        before = at.session_state["scenario"]
        at.file_uploader(key="saved.upload").set_value(("hostile.json", content, "application/json")).run()
        assert not at.exception
        [error] = at.error
        assert expected in shown(error.value)
        assert not [button for button in at.button if button.key == "saved.use_upload"]
        assert at.session_state["scenario"] == before


class TestLiteLLMPage:
    @pytest.mark.parametrize("case", LITELLM_IDS)
    def test_a_hostile_file_is_a_message_and_nothing_is_imported(self, store_path, case):
        content, expected = HOSTILE_LITELLM_FILES[case]
        at = start_app("pages/prices.py")
        at.file_uploader(key="prices.upload").set_value(("prices.json", content, "application/json")).run()
        assert not at.exception
        [error] = at.error
        assert "Nothing imported" in shown(error.value)
        assert expected in shown(error.value)
        assert at.session_state["imported_prices"] == []


# parameters, what the reason must say
HOSTILE_LINKS = {
    "events nested 20,000 deep": ({"events": "[" * 20_000}, "nested deeper than 32 levels"),
    "event day past any float": (
        {"events": '[{"kind":"forced_retraining","day":' + BIG_INTEGER + "}]"},
        "too large",
    ),
    "calls past any float": ({"calls_per_day": BIG_INTEGER}, "must be a finite number"),
    "day 1 in year 1": ({"start_date": "0001-01-01", "calls_per_day": "1"}, "must be 1900-01-01 or later"),
    "day 1 on 9999-12-31, 10-year horizon": (
        {"start_date": "9999-12-31", "horizon_days": "3650", "calls_per_day": "1"},
        "must be 2200-12-31 or earlier",
    ),
    "name over the cap": ({"name": "n" * 201, "calls_per_day": "1"}, "at most 200 characters"),
    "notes over the cap": ({"notes": "n" * 1_001, "calls_per_day": "1"}, "at most 1,000 characters"),
    "13 events": ({"events": json.dumps([EVENT] * 13), "calls_per_day": "1"}, "at most 12 items"),
    "value over 20,000 characters": ({"notes": "n" * 20_001}, "longer than 20,000 characters"),
}
LINK_IDS = list(HOSTILE_LINKS)


class TestShareLinks:
    @pytest.mark.parametrize("case", LINK_IDS)
    def test_a_hostile_link_gives_reasons_and_no_scenario(self, case):
        params, expected = HOSTILE_LINKS[case]
        scenario, problems = scenario_from_query(params)
        assert scenario is None
        assert any(expected in problem for problem in problems), problems

    @pytest.mark.parametrize("case", LINK_IDS)
    def test_a_hostile_link_opens_the_default_example_and_says_why(self, store_path, case):
        params, expected = HOSTILE_LINKS[case]
        at = start_app(query=params)
        assert at.session_state["scenario"] == load_presets()["article-break-even"].scenario
        [warning] = [w for w in at.warning if "could not be read" in w.value]
        assert expected in shown(warning.value)

    def test_the_longest_link_the_app_can_write_fits_and_opens_the_same_scenario(self, store_path):
        scenario = longest_scenario()
        link = urlencode(scenario_to_query(scenario))
        # The app's server resets a request line over about 100 kB (measured on Streamlit 1.67's
        # tornado); the caps on free text keep the longest link at most half of that.
        assert len(link) <= 50_000
        params = {field: values[-1] for field, values in parse_qs(link, keep_blank_values=True).items()}
        assert scenario_from_query(params) == (scenario, [])
        at = start_app(query=params)
        assert at.session_state["scenario"] == scenario
        assert not [w for w in at.warning if "could not be read" in w.value]
