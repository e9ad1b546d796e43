"""Fuzzing every input path: whatever arrives, a clear message or a result, never a traceback."""

import contextlib
import io
import json
import math
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import delete
from streamlit.testing.v1 import AppTest

from costmodel import FIELD_LABELS, Scenario, describe_errors, evaluate, headline
from costmodel.cli import main as costmodel_cli
from costmodel.files import BadScenarioFileError, parse_scenarios
from costmodel.presets import load_presets
from costmodel.sharing import scenario_from_query, scenario_to_query
from costmodel.warnings import cost_warnings
from pricing import import_litellm, read_litellm_file
from pricing.cli import main as pricing_cli
from store import NameTakenError, ScenarioStore, StoreError
from store.scenario_store import normalise_name, scenarios_table
from tests.app_helpers import APP, shown
from tests.strategies import extreme_dates, hostile_json_texts, huge_integers, json_values, scenarios

TODAY = date(2026, 11, 26)

field_names = st.sampled_from([*FIELD_LABELS, "unknown_field"])
# Amounts so small that the simple rule's ratio overflows are left to the test below that
# pins that bug (test_a_saving_too_small_for_a_float_ratio_still_gets_a_headline).
not_tiny_floats = st.floats(-1e15, 1e15).filter(lambda x: x == 0 or abs(x) >= 1e-200)
scenario_dicts = st.dictionaries(
    field_names, json_values | not_tiny_floats | huge_integers | extreme_dates, max_size=12
)
REQUIRED = {"calls_per_day": 10_000, "prompt_tokens": 800, "price_per_million": 5, "training_cost": 3_000}


@settings(max_examples=300)
@given(scenario_dicts)
def test_any_scenario_fields_validate_or_name_what_is_wrong(fields):
    try:
        scenario = Scenario.model_validate(REQUIRED | fields)
    except ValidationError as error:
        messages = describe_errors(error)
        assert messages
        assert all(isinstance(m, str) and m for m in messages)
        return
    result = evaluate(scenario)
    assert math.isfinite(result.savings)
    assert headline(result)
    assert cost_warnings(result)


def test_a_saving_too_small_for_a_float_ratio_still_gets_a_headline():
    scenario = Scenario.model_validate(REQUIRED | {"calls_per_day": 1e-306})
    result = evaluate(scenario)
    assert result.simple_break_even_days is None
    assert "inf" not in headline(result)


@settings(max_examples=300)
@given(
    st.dictionaries(field_names | st.text(max_size=12), st.text(max_size=60) | st.lists(st.text(max_size=20)))
)
def test_any_query_string_gives_a_scenario_or_reasons(params):
    scenario, problems = scenario_from_query(params)
    assert scenario is None or problems == []
    assert all(isinstance(p, str) for p in problems)


scenario_files = (
    st.binary(max_size=300)
    | hostile_json_texts.map(str.encode)
    | scenario_dicts.map(lambda fields: json.dumps(REQUIRED | fields).encode())
)


@settings(max_examples=200)
@given(scenario_files)
def test_any_uploaded_scenario_file_parses_or_says_why_in_one_line(content):
    try:
        parsed = parse_scenarios(content, "upload.json")
    except BadScenarioFileError as error:
        message = str(error)
        assert message.startswith("upload.json")
        assert "\n" not in message
        assert len(message) < 2_000
        return
    for scenario in parsed:
        assert math.isfinite(evaluate(scenario).savings)


litellm_entries = st.dictionaries(
    st.sampled_from(
        [
            "input_cost_per_token",
            "output_cost_per_token",
            "cache_read_input_token_cost",
            "litellm_provider",
            "mode",
        ]
    ),
    json_values | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(["chat", "embedding"]),
)
litellm_files = st.dictionaries(
    st.text(max_size=15) | st.just("sample_spec").map(str) | st.text(max_size=10).map(lambda t: f"ft:{t}"),
    litellm_entries | json_values,
    max_size=8,
)


@settings(max_examples=300)
@given(litellm_files | json_values)
def test_any_litellm_file_imports_what_is_good_and_names_the_rest(data):
    report = import_litellm(data, read_on=TODAY)
    for record in report.records:
        for price in (
            record.input_per_million,
            record.output_per_million,
            record.finetuned_input_per_million,
        ):
            assert price is None or 0 < price < 10_000
    assert all(isinstance(line, str) for line in report.refused + report.flagged)


@settings(max_examples=200)
@given(st.binary(max_size=200) | hostile_json_texts.map(str.encode) | litellm_files.map(json.dumps))
@example(b'{"\\n": null}')  # found exploring: a refused name with a line break split its message
def test_any_litellm_file_imports_only_good_prices_or_nothing_and_says_why(content):
    report = read_litellm_file(content, TODAY, "prices.json")
    if report.unreadable:
        assert report.unreadable.startswith("prices.json: ")
        assert (report.records, report.refused, report.flagged) == ([], [], [])
        return
    for record in report.records:
        for price in (
            record.input_per_million,
            record.output_per_million,
            record.finetuned_input_per_million,
        ):
            assert price is None or 0 < price < 10_000
    assert all(line and "\n" not in line for line in report.refused)


def run_cli(main, arguments: list[str]) -> tuple[int, str, str]:
    """Run a CLI in-process: exit code, stdout, stderr. Any exception fails the test by itself."""
    with (
        contextlib.redirect_stdout(io.StringIO()) as output,
        contextlib.redirect_stderr(io.StringIO()) as errors,
    ):
        try:
            code = main(arguments)
        except SystemExit as stop:  # argparse's --help and usage errors
            code = stop.code
    return int(code or 0), output.getvalue(), errors.getvalue()


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    """One file on disk that each example overwrites with its content."""
    return tmp_path_factory.mktemp("cli") / "input.json"


def cli_arguments(words: list[str], file: Path) -> list[str]:
    return [str(file) if word == "FILE" else word for word in words]


costmodel_words = st.lists(
    st.sampled_from(["FILE", "FILE", "--json", "--preset", "wiki-qa", "nope", "/nonexistent.json", "-x", ""])
    | st.text(max_size=12),
    max_size=5,
)


# Each example runs a whole CLI in-process: slow on a busy machine, and that is fine.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=scenario_files, words=costmodel_words)
def test_any_costmodel_cli_run_prints_results_or_one_line_and_exit_2(hostile_file, content, words):
    hostile_file.write_bytes(content)
    code, output, errors = run_cli(costmodel_cli, cli_arguments(words, hostile_file))
    if code == 2:
        assert output == ""
        assert len(errors.splitlines()) == 1, errors
    else:
        assert code == 0
        assert output
        assert errors == ""


pricing_words = st.lists(
    st.sampled_from(
        ["list", "import-litellm", "FILE", "FILE", "--json", "--as-of", "2026-07-01", "2999-01-01"]
    )
    | st.text(max_size=10),
    max_size=5,
)
litellm_contents = (
    st.binary(max_size=200)
    | hostile_json_texts.map(str.encode)
    | litellm_files.map(lambda data: json.dumps(data).encode())
)


# Each example runs a whole CLI in-process: slow on a busy machine, and that is fine.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=litellm_contents, words=pricing_words)
def test_any_pricing_cli_run_prints_records_or_one_line_and_exit_2(hostile_file, content, words):
    hostile_file.write_bytes(content)
    code, output, errors = run_cli(pricing_cli, cli_arguments(words, hostile_file))
    assert code in (0, 2)
    lines = errors.splitlines()
    if code == 2 and not (lines and " 0 imported, " in lines[-1]):
        assert output == ""
        assert len(lines) == 1, errors
    if code == 0:
        assert output


def as_used(scenario: Scenario) -> dict[str, object]:
    """Every field, with "same as the base" defaults resolved to the value the model uses.

    The what-if sidebar stores a fine-tuned price of 0.0 where a link said "same as the
    base price" (also 0): the same scenario to the model, a different record.
    """
    return scenario.model_dump() | {
        "finetuned_price_per_million": scenario.effective_finetuned_price_per_million,
        "finetuned_output_price_per_million": scenario.effective_finetuned_output_price_per_million,
        "retrain_cost": scenario.effective_retrain_cost,
    }


def mutated_link(scenario: Scenario, field: str | None, value: str) -> dict[str, str]:
    """A link the app wrote, with one field's value replaced (or none, when field is None)."""
    return scenario_to_query(scenario) | ({field: value} if field else {})


share_links = st.builds(
    mutated_link,
    scenarios(),
    st.none() | field_names,
    st.text(max_size=30) | hostile_json_texts.filter(lambda text: len(text) < 30_000) | extreme_dates,
) | st.dictionaries(field_names, st.text(max_size=30), max_size=6)


@settings(max_examples=25, deadline=None)
@given(share_links)
def test_any_share_link_shows_its_scenario_or_the_default_and_says_why(params):
    expected, problems = scenario_from_query(params)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(params)
    at.run()
    assert not at.exception
    link_warnings = [shown(w.value) for w in at.warning if "could not be read" in w.value]
    if expected is not None:
        assert as_used(at.session_state["scenario"]) == as_used(expected)
        assert link_warnings == []
        return
    assert at.session_state["scenario"] == load_presets()["article-break-even"].scenario
    if problems:
        [warning] = link_warnings
        assert all(problem in warning for problem in problems)
    else:
        assert link_warnings == []


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzzed_store(request, tmp_path_factory) -> Iterator[ScenarioStore]:
    """One store per backend for every example; each example starts by emptying it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('names') / 's.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_url")
    store = ScenarioStore(url)
    yield store
    store.close()


def looks_alike(one: str, other: str) -> bool:
    """Names a reader cannot tell apart: equal but for case and invisible joiners."""

    def seen(name: str) -> str:
        return unicodedata.normalize("NFKC", name.replace("\u200d", "").casefold())

    return seen(one) == seen(other)


# Letters that make look-alikes (case, spaces, joiners, NUL, bidi, full width) mixed with any text.
look_alike_names = st.text(
    alphabet=st.sampled_from("dDuUpP  \t\n\u00a0\u200b\u200d\x00\u202eＤ👩💻") | st.characters(),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(names=st.lists(look_alike_names, min_size=1, max_size=6))
def test_any_names_are_stored_normalised_once_or_refused_on_either_database(fuzzed_store, names):
    store = fuzzed_store
    with store.engine.begin() as connection:
        connection.execute(delete(scenarios_table))
    scenario = Scenario(**REQUIRED)
    kept: dict[int, str] = {}
    for name in names:
        try:
            expected = normalise_name(name)
        except StoreError:
            with pytest.raises(StoreError):
                store.create(name, scenario)
            continue
        assert expected == expected.strip()
        assert not any(unicodedata.category(c) == "Cc" for c in expected)
        assert "  " not in expected
        looks_taken = any(looks_alike(expected, other) for other in kept.values())
        try:
            saved = store.create(name, scenario)
        except NameTakenError:
            assert looks_taken, (name, kept)
            continue
        assert not looks_taken, (name, kept)
        assert saved.name == expected
        kept[saved.id] = expected
    assert {s.id: s.name for s in store.list()} == kept
