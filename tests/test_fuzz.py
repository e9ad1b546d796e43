"""Fuzzing every input path: whatever arrives, a clear message or a result, never a traceback."""

import contextlib
import io
import json
import math
import unicodedata
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import delete
from streamlit.testing.v1 import AppTest

from costmodel import FIELD_LABELS, Scenario, describe_errors, evaluate, headline
from costmodel.cli import main as costmodel_cli
from costmodel.files import BadScenarioFileError, parse_scenarios
from costmodel.sharing import scenario_from_query
from costmodel.warnings import cost_warnings
from pricing import import_litellm, read_litellm_file
from pricing.cli import main as pricing_cli
from store import NameTakenError, ScenarioStore, StoreError
from store.scenario_store import normalise_name, scenarios_table
from tests.app_helpers import APP

TODAY = date(2026, 11, 26)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from([*FIELD_LABELS, "unknown_field"])
scenario_dicts = st.dictionaries(field_names, json_values | st.floats(-1e15, 1e15), max_size=12)
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


@settings(max_examples=300)
@given(
    st.dictionaries(field_names | st.text(max_size=12), st.text(max_size=60) | st.lists(st.text(max_size=20)))
)
def test_any_query_string_gives_a_scenario_or_reasons(params):
    scenario, problems = scenario_from_query(params)
    assert scenario is None or problems == []
    assert all(isinstance(p, str) for p in problems)


@settings(max_examples=200)
@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_uploaded_scenario_file_parses_or_says_why(content):
    try:
        scenarios = parse_scenarios(content, "upload.json")
    except BadScenarioFileError as error:
        message = str(error)
    else:
        assert all(isinstance(s, Scenario) for s in scenarios)
        return
    assert message.startswith("upload.json")


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
            assert price is None or 0 < price <= 10_000
    assert all(isinstance(line, str) for line in report.refused + report.flagged)


@settings(max_examples=100)
@given(st.binary(max_size=200))
def test_any_litellm_bytes_are_read_without_error(content):
    report = read_litellm_file(content, TODAY, "prices.json")
    assert isinstance(report.refused, list)


def run_cli(main, arguments: list[str]) -> int:
    """Run a CLI in-process: its exit code, and no exception other than argparse's exit."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as errors:
        try:
            code = main(arguments)
        except SystemExit as stop:
            code = stop.code
    assert "Traceback" not in errors.getvalue()
    return int(code or 0)


cli_words = st.lists(
    st.sampled_from(["--json", "--preset", "wiki-qa", "nope", "/nonexistent.json", "-x", ""])
    | st.text(max_size=12),
    max_size=5,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(cli_words)
def test_any_costmodel_cli_arguments_exit_0_or_2(arguments):
    assert run_cli(costmodel_cli, arguments) in (0, 2)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["list", "import-litellm", "--json", "/nonexistent.json"]) | st.text(max_size=10),
        max_size=4,
    )
)
def test_any_pricing_cli_arguments_exit_0_or_2(arguments):
    assert run_cli(pricing_cli, arguments) in (0, 2)


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(field_names, st.text(max_size=30), max_size=6))
def test_any_share_link_opens_the_page_without_an_exception(params):
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params)
    at.run()
    assert not at.exception


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
