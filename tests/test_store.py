"""The scenario store, run against SQLite and a real PostgreSQL server."""

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Insert, Update, event, text

from costmodel.decision import DecisionRecord
from store import (
    NameTakenError,
    ScenarioNotFoundError,
    ScenarioStore,
    StoreError,
    VersionConflictError,
    store_url_from_settings,
)
from tests.examples import ARTICLE

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_NAMES = [
    "<script>alert('x')</script>",
    "<b>bold</b> & <i>ital</i>",
    "Robert'); DROP TABLE scenarios;--",
    'quote " and \\ backslash',
    "x" * 200,
    "emoji 🚀💸🤖 and ZWJ 👩‍💻",
    "right-to-left: مرحبا بالعالم שלום",
    "$40 and $50 **not bold**",
]


class TestBasics:
    def test_save_list_load(self, store):
        saved = store.create("Support bot", ARTICLE)
        assert saved.name == "Support bot"
        assert saved.version == 1
        assert saved.scenario == ARTICLE.model_copy(update={"name": "Support bot"})
        assert [s.name for s in store.list()] == ["Support bot"]
        assert store.load(saved.id).scenario.training_cost == 3_000
        assert saved.created_at == saved.updated_at

    def test_names_are_unique(self, store):
        store.create("A", ARTICLE)
        with pytest.raises(NameTakenError, match="already exists"):
            store.create("A", ARTICLE)

    def test_blank_names_are_refused(self, store):
        with pytest.raises(StoreError, match="not blank"):
            store.create("   ", ARTICLE)

    def test_rename_duplicate_delete(self, store):
        original = store.create("A", ARTICLE)
        renamed = store.rename(original.id, "B", expected_version=1)
        assert renamed.name == "B"
        assert renamed.scenario.name == "B"
        assert renamed.version == 2
        copy = store.duplicate(renamed.id, "B copy")
        assert copy.scenario == renamed.scenario.model_copy(update={"name": "B copy"})
        with pytest.raises(NameTakenError):
            store.rename(copy.id, "B", expected_version=1)
        store.delete(renamed.id, expected_version=renamed.version)
        assert [s.name for s in store.list()] == ["B copy"]
        with pytest.raises(ScenarioNotFoundError):
            store.load(renamed.id)
        with pytest.raises(ScenarioNotFoundError):
            store.delete(renamed.id, expected_version=renamed.version)

    def test_update_moves_updated_time_and_version(self, store):
        saved = store.create("A", ARTICLE)
        time.sleep(0.01)
        updated = store.update(
            saved.id, ARTICLE.model_copy(update={"calls_per_day": 20_000}), expected_version=1
        )
        assert updated.version == 2
        assert updated.scenario.calls_per_day == 20_000
        assert updated.updated_at > updated.created_at

    def test_decision_record_is_saved_with_the_scenario(self, store):
        saved = store.create("A", ARTICLE)
        record = DecisionRecord(decision="Fine-tune", owner="Dana", rationale="Pays on day 100.")
        updated = store.update(saved.id, saved.scenario, expected_version=1, decision=record)
        assert store.load(updated.id).decision == record


class TestConcurrentEditing:
    def test_the_later_of_two_saves_from_the_same_version_is_refused(self, store):
        saved = store.create("Shared", ARTICLE)
        store.update(saved.id, ARTICLE.model_copy(update={"calls_per_day": 1}), expected_version=1)
        with pytest.raises(VersionConflictError, match="changed by someone else"):
            store.update(saved.id, ARTICLE.model_copy(update={"calls_per_day": 2}), expected_version=1)
        assert store.load(saved.id).scenario.calls_per_day == 1

    @pytest.mark.parametrize("save", ["update", "rename"])
    def test_a_save_keeps_the_version_it_wrote_when_another_lands_right_after_it(
        self, store, store_url, save
    ):
        saved = store.create("Shared", ARTICLE)
        with another_session_saves_right_after_each_write(store, store_url, saved.id):
            if save == "update":
                mine = store.update(
                    saved.id, ARTICLE.model_copy(update={"calls_per_day": 1}), expected_version=1
                )
            else:
                mine = store.rename(saved.id, "Mine", expected_version=1)
        assert mine.version == 2  # the version this save wrote, not the other session's 3
        with pytest.raises(VersionConflictError, match="now version 3, yours 2"):
            store.update(
                saved.id, ARTICLE.model_copy(update={"calls_per_day": 2}), expected_version=mine.version
            )
        assert store.load(saved.id).scenario.calls_per_day == OTHER_SESSIONS_CALLS

    def test_a_new_scenario_is_returned_as_created_when_another_saves_it_right_after(self, store, store_url):
        with another_session_saves_right_after_each_write(store, store_url):
            mine = store.create("Shared", ARTICLE)
        assert (mine.version, mine.scenario.calls_per_day) == (1, ARTICLE.calls_per_day)
        with pytest.raises(VersionConflictError, match="now version 2, yours 1"):
            store.update(mine.id, ARTICLE, expected_version=mine.version)

    def test_deleting_a_scenario_someone_saved_since_is_refused_and_keeps_their_save(self, store):
        saved = store.create("Shared", ARTICLE)  # this session opens it at version 1
        theirs = store.update(saved.id, ARTICLE.model_copy(update={"calls_per_day": 7}), expected_version=1)
        with pytest.raises(VersionConflictError, match=r"changed by someone else.*not deleted"):
            store.delete(saved.id, expected_version=1)
        assert store.load(saved.id) == theirs
        store.delete(saved.id, expected_version=theirs.version)
        assert store.count() == 0


OTHER_SESSIONS_CALLS = 999


@contextmanager
def another_session_saves_right_after_each_write(
    store: ScenarioStore, url: str, scenario_id: int | None = None
) -> Iterator[None]:
    """Another session saves `scenario_id` (or the one scenario there is) once, as soon as
    `store` has committed an insert or update: when `store` next takes a connection (where
    a read-back would see it), or else when the block ends. No threads, no timing."""
    other = ScenarioStore(url)
    wrote = {"committed": False, "pending": False, "saved": False}

    def after_execute(_connection, statement, *_args) -> None:
        if isinstance(statement, Insert | Update):
            wrote["pending"] = True

    def checkin(*_args) -> None:
        wrote["committed"] = wrote["committed"] or wrote["pending"]

    def save_once(*_args) -> None:
        if wrote["committed"] and not wrote["saved"]:
            wrote["saved"] = True
            [latest] = other.list() if scenario_id is None else [other.load(scenario_id)]
            other.update(
                latest.id,
                latest.scenario.model_copy(update={"calls_per_day": OTHER_SESSIONS_CALLS}),
                expected_version=latest.version,
            )

    listeners = [
        (store.engine, "after_execute", after_execute),
        (store.engine, "checkin", checkin),
        (store.engine, "checkout", save_once),
    ]
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        yield
        save_once()
        assert wrote["saved"]
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)
        other.close()


class TestValidation:
    def test_a_row_that_no_longer_reads_as_a_scenario_is_reported(self, store):
        saved = store.create("A", ARTICLE)
        with store.engine.begin() as connection:
            connection.execute(
                text("UPDATE scenarios SET scenario_json = :bad WHERE id = :id"),
                {"bad": json.dumps({"calls_per_day": -1}), "id": saved.id},
            )
        with pytest.raises(StoreError, match="no longer reads as a scenario"):
            store.load(saved.id)


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_hostile_names_are_stored_exactly(store, name):
    saved = store.create(name, ARTICLE)
    assert store.load(saved.id).name == name
    assert [s.name for s in store.list()] == [name]
    assert store.count() == 1


def test_settings_choose_the_database():
    assert (
        store_url_from_settings({"SCENARIO_STORE_URL": "postgresql+psycopg://h/db"})
        == "postgresql+psycopg://h/db"
    )
    assert store_url_from_settings({"SCENARIO_STORE_PATH": "/tmp/x.db"}) == "sqlite:////tmp/x.db"
    assert store_url_from_settings({}).endswith("data/scenarios.sqlite3")


SAVER = """
import sys
from costmodel import Scenario
from store import ScenarioStore
url, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = ScenarioStore(url)
for number in range(count):
    store.create(f"{prefix}-{number}", Scenario(calls_per_day=number, prompt_tokens=800,
                 price_per_million=5, training_cost=3000))
    print(number, flush=True)
"""


def start_saver(url: str, prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, url, prefix, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_saving_hundreds_at_once_lose_none(store_url):
    ScenarioStore(store_url).close()
    savers = [start_saver(store_url, prefix, 300) for prefix in ("left", "right")]
    for saver in savers:
        _, errors = saver.communicate(timeout=300)
        assert saver.returncode == 0, errors
    store = ScenarioStore(store_url)
    names = {s.name for s in store.list()}
    assert names == {f"{prefix}-{n}" for prefix in ("left", "right") for n in range(300)}
    store.close()


def test_a_process_killed_while_saving_leaves_the_store_readable_and_complete(store_url):
    ScenarioStore(store_url).close()
    saver = start_saver(store_url, "killed", 100_000)
    for _ in range(50):  # let it commit a few dozen saves, then kill it mid-stream
        saver.stdout.readline()
    os.kill(saver.pid, signal.SIGKILL)
    saver.wait(timeout=30)
    store = ScenarioStore(store_url)
    saved = store.list()  # every row still validates as a Scenario
    numbers = sorted(int(s.name.split("-")[1]) for s in saved)
    assert len(numbers) >= 50
    assert numbers == list(range(len(numbers)))  # no gap: each save is all or nothing
    if store_url.startswith("sqlite"):
        with store.engine.begin() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    store.create("after the crash", ARTICLE)
    store.close()


class TestStaleSaves:
    def test_a_save_from_a_deleted_scenario_never_lands_on_the_one_created_after_it(self, store):
        alpha = store.create("alpha", ARTICLE)  # session 1 opens alpha at version 1
        store.delete(alpha.id, expected_version=1)  # session 2 deletes it ...
        beta = store.create("beta", ARTICLE.model_copy(update={"calls_per_day": 7}))  # ... and saves beta
        assert beta.id != alpha.id
        with pytest.raises(ScenarioNotFoundError, match="no longer exists"):
            store.update(alpha.id, ARTICLE.model_copy(update={"calls_per_day": 1}), expected_version=1)
        with pytest.raises(ScenarioNotFoundError, match="no longer exists"):
            store.rename(alpha.id, "gamma", expected_version=1)
        [kept] = store.list()
        assert (kept.name, kept.version, kept.scenario.calls_per_day) == ("beta", 1, 7)

    def test_ids_are_never_reused_even_after_the_newest_row_is_deleted(self, store):
        used = set()
        for round_number in range(3):
            saved = store.create(f"round {round_number}", ARTICLE)
            assert saved.id not in used
            used.add(saved.id)
            store.delete(saved.id, expected_version=saved.version)


OLD_SCHEMA = """
CREATE TABLE scenarios (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_key VARCHAR(64) NOT NULL,
    scenario_json TEXT NOT NULL,
    decision_json TEXT,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name_key)
)
"""


def test_a_store_file_made_before_ids_were_kept_unique_opens_keeps_its_rows_and_never_reuses_ids(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.execute(OLD_SCHEMA)
    rows = [(1, "Dup"), (2, "dup "), (3, "newest")]  # look-alikes saved by the old code
    for row_id, name in rows:
        scenario = ARTICLE.model_copy(update={"name": name})
        old.execute(
            "INSERT INTO scenarios VALUES (?, ?, ?, ?, NULL, 1, '2026-11-01 10:00', '2026-11-01 10:00')",
            (row_id, name, hashlib.sha256(name.encode()).hexdigest(), scenario.model_dump_json()),
        )
    old.commit()
    old.close()

    store = ScenarioStore(f"sqlite:///{path}")
    assert sorted((s.id, s.name) for s in store.list()) == rows
    store.delete(3, expected_version=1)
    fresh = store.create("fresh", ARTICLE)
    assert fresh.id > 3
    with pytest.raises(NameTakenError):  # the old rows now take part in the look-alike check
        store.create("DUP", ARTICLE)
    store.close()
    reopened = ScenarioStore(f"sqlite:///{path}")  # opening twice migrates once
    assert sorted(s.id for s in reopened.list()) == [1, 2, fresh.id]
    reopened.close()


LOOK_ALIKES = [
    "dup",
    " Dup",
    "Dup ",
    "Dup\t",
    "Dup\u00a0",
    "Du\u200bp",
    "DUP",
    "Ｄｕｐ",
    "D\u202eup",
    "Du\xadp",
]


@pytest.mark.parametrize("look_alike", LOOK_ALIKES, ids=[repr(n) for n in LOOK_ALIKES])
def test_a_name_that_looks_like_a_saved_one_is_refused(store, look_alike):
    store.create("Dup", ARTICLE)
    with pytest.raises(NameTakenError, match="already exists"):
        store.create(look_alike, ARTICLE)
    other = store.create("other", ARTICLE)
    with pytest.raises(NameTakenError, match="already exists"):
        store.rename(other.id, look_alike, expected_version=1)
    assert [s.name for s in store.list()] == ["other", "Dup"]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("  Support\t\tbot \n v2  ", "Support bot v2"),
        ("Sup\u200bport\u2060 bot\ufeff", "Support bot"),
        ("Ｓｕｐｐｏｒｔ ｂｏｔ", "Support bot"),
        ("\u202eSupport bot\u202c", "Support bot"),
        ("Support\x07 bot\x1b[31m", "Support bot[31m"),
        ("emoji 👩\u200d💻 keeps its joiner", "emoji 👩\u200d💻 keeps its joiner"),
    ],
)
def test_names_are_stored_and_shown_normalised(store, typed, shown):
    saved = store.create(typed, ARTICLE)
    assert saved.name == shown
    assert saved.scenario.name == shown
    assert [s.name for s in store.list()] == [shown]


@pytest.mark.parametrize("name", ["a\x00b", "\x00", "trailing\x00"])
def test_a_nul_in_a_name_is_refused_with_a_message(store, name):
    with pytest.raises(StoreError, match="NUL"):
        store.create(name, ARTICLE)
    saved = store.create("fine", ARTICLE)
    with pytest.raises(StoreError, match="NUL"):
        store.rename(saved.id, name, expected_version=1)
    with pytest.raises(StoreError, match="NUL"):
        store.duplicate(saved.id, name)
    assert [s.name for s in store.list()] == ["fine"]


@pytest.mark.parametrize("name", ["", "   ", "\u200b\u200b", "\x07\t\n", "\u00a0"])
def test_a_name_with_nothing_visible_is_refused(store, name):
    with pytest.raises(StoreError, match="not blank"):
        store.create(name, ARTICLE)


def test_text_over_the_caps_is_refused_with_a_message_naming_it(store):
    with pytest.raises(StoreError, match="at most 200 characters"):
        store.create("x" * 201, ARTICLE)
    with pytest.raises(StoreError, match=r"notes \(notes\) must be at most 1,000 characters"):
        store.create("long notes", ARTICLE.model_copy(update={"notes": "n" * 1_001}))
    assert store.count() == 0


def test_a_row_saved_under_older_caps_is_named_and_never_hides_the_others(store):
    kept = store.create("kept", ARTICLE)
    old = store.create("old notes", ARTICLE)
    with store.engine.begin() as connection:  # as the app saved notes before they were capped
        connection.execute(
            text("UPDATE scenarios SET scenario_json = :json WHERE id = :id"),
            {"json": json.dumps(old.scenario.model_dump(mode="json") | {"notes": "n" * 1_500}), "id": old.id},
        )
    assert [s.id for s in store.list()] == [kept.id]
    [reason] = store.unreadable()
    assert reason == (
        "Saved scenario 'old notes' no longer reads as a scenario: "
        f"notes (notes) must be at most 1,000 characters, not '{'n' * 56}..."
    )
