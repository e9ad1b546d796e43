"""Importing LiteLLM's price file: good entries in, bad ones named, zero never free."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pricing import import_litellm, read_litellm_file
from pricing.litellm import LITELLM_SOURCE
from tests.app_helpers import shown, start_app

TODAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parents[1]

GOOD = {
    "sample_spec": {"input_cost_per_token": 0, "mode": "chat"},
    "gpt-4o-2024-08-06": {
        "input_cost_per_token": 2.5e-6,
        "output_cost_per_token": 1e-5,
        "cache_read_input_token_cost": 1.25e-6,
        "litellm_provider": "openai",
        "mode": "chat",
    },
    "ft:gpt-4o-2024-08-06": {
        "input_cost_per_token": 3.75e-6,
        "output_cost_per_token": 1.5e-5,
        "litellm_provider": "openai",
        "mode": "chat",
    },
    "text-embedding-3-small": {"input_cost_per_token": 2e-8, "mode": "embedding"},
}


def by_model(report):
    return {record.model: record for record in report.records}


def test_per_token_costs_become_per_million_and_ft_entries_fine_tuned_prices():
    report = import_litellm(GOOD, read_on=TODAY)
    gpt4o = by_model(report)["gpt-4o-2024-08-06"]
    assert (gpt4o.input_per_million, gpt4o.cached_input_per_million, gpt4o.output_per_million) == (
        2.5,
        1.25,
        10,
    )
    assert (gpt4o.finetuned_input_per_million, gpt4o.finetuned_output_per_million) == (3.75, 15)
    assert gpt4o.provider == "openai"
    assert gpt4o.read_on == TODAY
    assert gpt4o.source == LITELLM_SOURCE
    assert report.refused == []
    assert report.flagged == []
    assert report.skipped_other_modes == 1
    assert "sample_spec" not in by_model(report)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-1e-6, "is negative"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        ("cheap", "not a number"),
        (True, "not a number"),
        ([1], "not a number"),
        (0.5, "above the $10,000"),
        (0.01, "at or above the $10,000"),  # exactly $10,000 per 1M: LiteLLM's mis-scaled wandb/ entries
        (10**400, "not a finite number"),
    ],
)
def test_bad_values_refuse_their_entry_by_name_and_good_entries_still_import(value, expected):
    data = GOOD | {"broken-model": {"input_cost_per_token": value, "mode": "chat"}}
    report = import_litellm(data, read_on=TODAY)
    [refusal] = report.refused
    assert refusal.startswith("broken-model: input price")
    assert expected in refusal
    assert "gpt-4o-2024-08-06" in by_model(report)
    assert "broken-model" not in by_model(report)


@pytest.mark.parametrize("entry", [[1, 2], "gpt", None, 3])
def test_malformed_entries_are_refused_by_name(entry):
    report = import_litellm(GOOD | {"odd": entry}, read_on=TODAY)
    assert report.refused == ["odd: malformed entry (expected an object of fields)"]


def test_zero_or_missing_fine_tuned_price_is_unknown_and_flagged_never_free():
    data = {
        "ft:gpt-4o-mini-2024-07-18": {
            "input_cost_per_token": 3e-7,
            "output_cost_per_token": 0,
            "litellm_provider": "openai",
            "mode": "chat",
        }
    }
    report = import_litellm(data, read_on=TODAY)
    record = by_model(report)["gpt-4o-mini-2024-07-18"]
    assert record.finetuned_input_per_million == 0.3
    assert record.finetuned_output_per_million is None
    assert report.flagged == [
        "ft:gpt-4o-mini-2024-07-18: output price missing or zero, treated as unknown (not free)"
    ]


def test_entries_without_any_price_are_reported_apart_and_not_imported():
    data = GOOD | {
        "ft:gpt-4o-mini-2024-07-18": {
            "input_cost_per_token": 0,
            "litellm_provider": "openai",
            "mode": "chat",
        },
        "free-looking": {"litellm_provider": "someone", "mode": "chat", "max_tokens": 4096},
    }
    report = import_litellm(data, read_on=TODAY)
    assert report.without_prices == ["ft:gpt-4o-mini-2024-07-18", "free-looking"]
    assert set(by_model(report)) == {"gpt-4o-2024-08-06"}
    assert report.flagged == []


def test_cache_write_price_stored_as_cached_price_is_left_out_and_flagged():
    data = {
        "claude": {
            "input_cost_per_token": 3e-6,
            "output_cost_per_token": 1.5e-5,
            "cache_read_input_token_cost": 3.75e-6,
            "mode": "chat",
        }
    }
    report = import_litellm(data, read_on=TODAY)
    assert by_model(report)["claude"].cached_input_per_million is None
    assert "probably a cache-write price" in report.flagged[0]


def test_file_that_is_not_json_or_not_an_object_imports_nothing_and_says_why():
    assert "not valid JSON" in read_litellm_file(b"{oops", TODAY, "prices.json").unreadable
    assert "expected an object" in read_litellm_file(b"[1, 2]", TODAY, "prices.json").unreadable


def test_metadata_keys_are_skipped_not_imported_or_refused():
    data = GOOD | {
        "fallback_generalizations": {"rules": [{"name": "claude-x", "pattern": "claude.*"}]},
        "sample_spec": {"input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6, "mode": "chat"},
        "_comment": {"about": "not a model either"},
    }
    report = import_litellm(data, read_on=TODAY)
    assert sorted(report.skipped_metadata) == ["_comment", "fallback_generalizations", "sample_spec"]
    assert set(by_model(report)) == {"gpt-4o-2024-08-06"}
    assert report.refused == []
    assert report.flagged == []


def test_an_entry_without_a_mode_is_imported_but_flagged():
    data = {"voyage-3-tier": {"input_cost_per_token": 6e-8, "litellm_provider": "voyage"}}
    report = import_litellm(data, read_on=TODAY)
    assert by_model(report)["voyage-3-tier"].input_per_million == 0.06
    [flag, *_] = report.flagged
    assert flag.startswith("voyage-3-tier: no mode given, taken for a text model")


def test_fine_tuned_prices_reach_the_undated_alias_litellm_prices_as_that_snapshot():
    alias = {"input_cost_per_token": 2.5e-6, "output_cost_per_token": 1e-5, "mode": "chat"}
    older = {"input_cost_per_token": 5e-6, "output_cost_per_token": 1.5e-5, "mode": "chat"}
    report = import_litellm(GOOD | {"gpt-4o": alias, "gpt-4o-2024-05-13": older}, read_on=TODAY)
    models = by_model(report)
    assert models["gpt-4o-2024-08-06"].finetuned_input_per_million == 3.75
    assert models["gpt-4o"].finetuned_input_per_million == 3.75
    assert models["gpt-4o"].finetuned_output_per_million == 15
    assert models["gpt-4o-2024-05-13"].finetuned_input_per_million is None


def test_an_alias_priced_unlike_the_snapshot_gets_no_fine_tuned_prices():
    other = {"input_cost_per_token": 5e-6, "output_cost_per_token": 1.5e-5, "mode": "chat"}
    report = import_litellm(GOOD | {"gpt-4o": other}, read_on=TODAY)
    assert by_model(report)["gpt-4o"].finetuned_input_per_million is None


def test_without_an_as_of_date_every_price_is_date_unknown_flagged_and_stale():
    report = import_litellm(GOOD, read_on=None, file_name="prices.json")
    [record] = report.records
    assert record.read_on is None
    assert record.is_stale(TODAY)
    assert record.freshness(TODAY) == "date unknown (stale until checked)"
    assert report.flagged == [
        "prices.json: no as-of date given, so all 1 imported prices are dated 'date unknown' and "
        "flagged stale; give the date the file was downloaded"
    ]


def test_an_as_of_date_dates_every_price_so_a_july_file_looks_its_age():
    report = import_litellm(GOOD, read_on=date(2026, 5, 1))
    [record] = report.records
    assert record.read_on == date(2026, 5, 1)
    assert record.is_stale(TODAY)
    assert record.freshness(TODAY) == "read 2026-05-01 (stale: 209 days old)"


def run_pricing_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m pricing` run as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pricing", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_command_line_import_reports_refusals_and_prints_the_records(tmp_path):
    path = tmp_path / "model_prices.json"
    path.write_text(json.dumps(GOOD | {"bad": {"input_cost_per_token": -1, "mode": "chat"}}))
    completed = run_pricing_cli("import-litellm", str(path), "--json", "--as-of", "2026-07-01")
    assert completed.returncode == 0
    assert "refused: bad: input price (input_cost_per_token) is negative" in completed.stderr
    assert "1 imported, 1 refused" in completed.stderr
    [record] = json.loads(completed.stdout)
    assert record["finetuned_input_per_million"] == 3.75
    assert record["read_on"] == "2026-07-01"


def test_command_line_import_without_a_date_flags_the_prices_date_unknown(tmp_path):
    path = tmp_path / "model_prices.json"
    path.write_text(json.dumps(GOOD))
    completed = run_pricing_cli("import-litellm", str(path), "--json")
    assert completed.returncode == 0
    assert "flagged: model_prices.json: no as-of date given" in completed.stderr
    [record] = json.loads(completed.stdout)
    assert record["read_on"] is None


@pytest.mark.parametrize("as_of", ["July", "2026-13-01", "2999-01-01"])
def test_a_bad_as_of_date_is_one_line_and_exit_2(tmp_path, as_of):
    path = tmp_path / "model_prices.json"
    path.write_text(json.dumps(GOOD))
    completed = run_pricing_cli("import-litellm", str(path), "--as-of", as_of)
    assert completed.returncode == 2
    [line] = completed.stderr.splitlines()
    assert "--as-of" in line
    assert completed.stdout == ""


def test_command_line_import_of_a_missing_file_exits_2(tmp_path):
    completed = run_pricing_cli("import-litellm", str(tmp_path / "none.json"))
    assert completed.returncode == 2
    assert "none.json: no such file" in completed.stderr
    assert "Traceback" not in completed.stderr


class TestPricesPage:
    def upload(self, at, data: dict) -> None:
        content = json.dumps(data).encode()
        at.file_uploader(key="prices.upload").set_value(("prices.json", content, "application/json")).run()
        assert not at.exception

    def test_an_as_of_date_on_the_page_dates_every_imported_price(self, store_path):
        at = start_app("pages/prices.py")
        at.date_input(key="prices.as_of").set_value(date(2026, 7, 1)).run()
        self.upload(at, GOOD)
        [record] = at.session_state["imported_prices"]
        assert record.read_on == date(2026, 7, 1)
        assert not any("date unknown" in shown(w.value) for w in at.warning)

    def test_without_a_date_the_page_flags_the_prices_date_unknown_and_lists_priceless_entries(
        self, store_path
    ):
        at = start_app("pages/prices.py")
        self.upload(at, GOOD | {"free-looking": {"litellm_provider": "x", "mode": "chat"}})
        [record] = at.session_state["imported_prices"]
        assert record.read_on is None
        warnings = [shown(w.value) for w in at.warning]
        assert any("no as-of date given" in w and "date unknown" in w for w in warnings)
        assert any("Without any price, not imported" in w and "free-looking" in w for w in warnings)
        table = at.dataframe[0].value
        assert table.loc[table["model"] == "gpt-4o-2024-08-06", "stale"].tolist() == [True]
