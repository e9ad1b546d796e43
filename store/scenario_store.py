"""The scenario store: save, list, load, rename, duplicate, delete.

One table, reached through SQLAlchemy Core with bound parameters only. Every
scenario is validated by `Scenario` on the way in and on the way out. Each row
carries a version: an update or a delete names the version it started from, and one
from someone who loaded an older version is refused instead of overwriting. A save
returns the row its own statement wrote (RETURNING), never a later read of it.
Ids are never reused (SQLite AUTOINCREMENT, PostgreSQL sequences), so an id and a
version name exactly the row a session read, even after a delete. Names are
normalised (`normalise_name`) and unique regardless of case.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import delete as sql_delete
from sqlalchemy.exc import IntegrityError

from costmodel import Scenario, describe_errors
from costmodel.decision import DecisionRecord
from costmodel.scenario import MAX_NAME_LENGTH

URL_SETTING = "SCENARIO_STORE_URL"
PATH_SETTING = "SCENARIO_STORE_PATH"
DEFAULT_PATH = Path("data") / "scenarios.sqlite3"
SQLITE_BUSY_SECONDS = 30
BUSY_TIMEOUT_PRAGMA = f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}"

metadata = MetaData()
scenarios_table = Table(
    "scenarios",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    # Names are unique; a hash keeps the unique index small for very long names
    # (PostgreSQL refuses to index a value over about 2.7 kB).
    Column("name_key", String(64), nullable=False, unique=True),
    Column("scenario_json", Text, nullable=False),
    Column("decision_json", Text, nullable=True),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # Without AUTOINCREMENT SQLite hands a deleted row's id to the next insert, and a
    # stale save aimed at the deleted scenario would land on the new one.
    sqlite_autoincrement=True,
)


class StoreError(Exception):
    """A refusal the user can act on; its message says what happened and what to do."""


class NameTakenError(StoreError):
    pass


class ScenarioNotFoundError(StoreError):
    pass


class VersionConflictError(StoreError):
    pass


@dataclass(frozen=True)
class StoredScenario:
    id: int
    name: str
    scenario: Scenario
    decision: DecisionRecord | None
    version: int
    created_at: datetime
    updated_at: datetime


def store_url_from_settings(settings: Mapping[str, str] | None = None) -> str:
    """The database URL: SCENARIO_STORE_URL if set, else SQLite at SCENARIO_STORE_PATH."""
    settings = os.environ if settings is None else settings
    if settings.get(URL_SETTING):
        return settings[URL_SETTING]
    path = Path(settings.get(PATH_SETTING) or DEFAULT_PATH).expanduser()
    return f"sqlite:///{path.resolve()}"


ZERO_WIDTH_JOINER = "\u200d"


def _keeps_joiner(before: str, after: str) -> bool:
    # A zero-width joiner inside an emoji sequence (👩‍💻) is part of the picture.
    return unicodedata.category(after) == "So" and unicodedata.category(before) in ("So", "Sk", "Mn")


def normalise_name(name: str) -> str:
    """The name as stored and shown: NFKC, no control, zero-width or lone surrogate characters, single spaces.

    A NUL or a name with nothing visible left is refused (StoreError).

    >>> normalise_name("  Ｓｕｐ\u200bport\t\tbot\u00a0 ")
    'Support bot'
    """
    if not isinstance(name, str):
        raise StoreError("A scenario name must be text.")
    if "\x00" in name:
        raise StoreError("A scenario name cannot hold a NUL character (\\x00): remove it and save again.")
    words = " ".join(unicodedata.normalize("NFKC", name).split())
    kept = []
    for position, character in enumerate(words):
        if unicodedata.category(character) not in ("Cc", "Cf", "Cs") or (
            character == ZERO_WIDTH_JOINER
            and 0 < position < len(words) - 1
            and _keeps_joiner(words[position - 1], words[position + 1])
        ):
            kept.append(character)
    normalised = " ".join("".join(kept).split())
    if not normalised:
        raise StoreError("A scenario needs a name that is not blank.")
    if len(normalised) > MAX_NAME_LENGTH:
        raise StoreError(f"A scenario name can be at most {MAX_NAME_LENGTH:,} characters.")
    return normalised


def _name_key(name: str) -> str:
    """Equal for names that look alike: case and joiners do not make a name new."""
    folded = unicodedata.normalize("NFKC", name.replace(ZERO_WIDTH_JOINER, "").casefold())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def free_name(name: str, taken: list[str]) -> str:
    """The name, or "name (2)", "name (3)"… : the first the store would not refuse as taken.

    A taken "name (3)" goes on as "name (4)", not "name (3) (2)".

    >>> free_name("Support bot", ["support BOT", "Support bot (2)"])
    'Support bot (3)'
    >>> free_name("Support bot (3)", ["Support bot", "Support bot (3)"])
    'Support bot (4)'
    """
    name = normalise_name(name)
    taken_keys = {_name_key(normalise_name(other)) for other in taken}
    candidate, number = name, 1
    numbered = re.fullmatch(r"(.*\S) \((\d{1,6})\)", name)
    if numbered and _name_key(name) in taken_keys:
        name, number = numbered[1], int(numbered[2])
    while _name_key(candidate) in taken_keys:
        number += 1
        suffix = f" ({number})"
        candidate = name[: MAX_NAME_LENGTH - len(suffix)].rstrip() + suffix
    return candidate


def _validated(scenario: Scenario, name: str) -> Scenario:
    try:
        return Scenario.model_validate(scenario.model_dump() | {"name": name})
    except ValidationError as error:
        raise StoreError("Not saved: " + "; ".join(describe_errors(error))) from None


def _now() -> datetime:
    return datetime.now(UTC)


def _make_sqlite_writes_wait(engine: Engine) -> None:
    # pysqlite starts transactions lazily, so two writers can both read, then both
    # fail to upgrade their lock. BEGIN IMMEDIATE takes the write lock up front and
    # waits (busy timeout) for the other process instead of failing.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(BUSY_TIMEOUT_PRAGMA)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _migrate_sqlite_ids(connection: Connection) -> None:
    """Give a table made before ids were kept unique AUTOINCREMENT, keeping every row and id."""
    table_sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'scenarios'"
    ).scalar()
    if table_sql is None or "AUTOINCREMENT" in table_sql.upper():
        return
    connection.exec_driver_sql("ALTER TABLE scenarios RENAME TO scenarios_before_autoincrement")
    scenarios_table.create(connection)
    # Explicit ids also move SQLite's sequence past the highest one kept.
    connection.exec_driver_sql("INSERT INTO scenarios SELECT * FROM scenarios_before_autoincrement")
    connection.exec_driver_sql("DROP TABLE scenarios_before_autoincrement")


class ScenarioStore:
    """Saved scenarios in one database, named uniquely, versioned against lost updates."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(
                url, connect_args={"timeout": SQLITE_BUSY_SECONDS}, pool_pre_ping=True
            )
            _make_sqlite_writes_wait(self.engine)
            with self.engine.begin() as connection:
                _migrate_sqlite_ids(connection)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        metadata.create_all(self.engine)
        self._rekey_names()

    def _rekey_names(self) -> None:
        """Give rows saved before names were compared regardless of case today's name key.

        A row whose look-alike is already keyed keeps its old key: both stay readable,
        and new look-alikes of either are refused.
        """
        with self.engine.begin() as connection:
            rows = connection.execute(
                select(scenarios_table.c.id, scenarios_table.c.name, scenarios_table.c.name_key)
            ).all()
        for row in rows:
            try:
                key = _name_key(normalise_name(row.name))
            except StoreError:
                continue  # a name today's rules refuse keeps its old key; it still loads
            if row.name_key == key:
                continue
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        update(scenarios_table).where(scenarios_table.c.id == row.id).values(name_key=key)
                    )
            except IntegrityError:
                continue

    def close(self) -> None:
        self.engine.dispose()

    @staticmethod
    def _from_row(row: Any) -> StoredScenario:
        try:
            scenario = Scenario.model_validate_json(row.scenario_json)
            decision = DecisionRecord.model_validate_json(row.decision_json) if row.decision_json else None
        except ValidationError as error:
            reasons = "; ".join(describe_errors(error))
            raise StoreError(
                f"Saved scenario {row.name!r} no longer reads as a scenario: {reasons}"
            ) from None
        return StoredScenario(
            id=row.id,
            name=row.name,
            scenario=scenario,
            decision=decision,
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def create(self, name: str, scenario: Scenario, decision: DecisionRecord | None = None) -> StoredScenario:
        """Save a new scenario under a name nobody else uses."""
        name = normalise_name(name)
        scenario = _validated(scenario, name)
        now = _now()
        try:
            with self.engine.begin() as connection:
                # RETURNING: the row this insert wrote, not whatever a later save made of it.
                row = connection.execute(
                    insert(scenarios_table)
                    .values(
                        name=name,
                        name_key=_name_key(name),
                        scenario_json=scenario.model_dump_json(),
                        decision_json=decision.model_dump_json() if decision else None,
                        version=1,
                        created_at=now,
                        updated_at=now,
                    )
                    .returning(*scenarios_table.c)
                ).one()
        except IntegrityError:
            raise NameTakenError(f"A scenario named {name!r} already exists: choose another name.") from None
        return self._from_row(row)

    def _rows(self) -> list[Any]:
        with self.engine.begin() as connection:
            return list(
                connection.execute(
                    select(scenarios_table).order_by(
                        scenarios_table.c.updated_at.desc(), scenarios_table.c.id
                    )
                ).all()
            )

    def list(self) -> list[StoredScenario]:
        """Every saved scenario that still reads as one, most recently changed first.

        A row saved under older rules (a name, note or event list longer than today's
        caps) is left out here and named by `unreadable`, so one old row never hides
        the others.
        """
        readable = []
        for row in self._rows():
            try:
                readable.append(self._from_row(row))
            except StoreError:
                continue
        return readable

    def unreadable(self) -> builtins.list[str]:
        """Why each saved row that `list` leaves out no longer reads as a scenario."""
        reasons = []
        for row in self._rows():
            try:
                self._from_row(row)
            except StoreError as error:
                reasons.append(str(error))
        return reasons

    def count(self) -> int:
        with self.engine.begin() as connection:
            return int(connection.execute(select(func.count()).select_from(scenarios_table)).scalar_one())

    def load(self, scenario_id: int) -> StoredScenario:
        with self.engine.begin() as connection:
            row = connection.execute(
                select(scenarios_table).where(scenarios_table.c.id == scenario_id)
            ).first()
        if row is None:
            raise ScenarioNotFoundError("That scenario no longer exists: someone may have deleted it.")
        return self._from_row(row)

    def _conflict(self, scenario_id: int, expected_version: int, not_done: str) -> VersionConflictError:
        latest = self.load(scenario_id)
        return VersionConflictError(
            f"{latest.name!r} was changed by someone else since you opened it "
            f"(now version {latest.version}, yours {expected_version}). {not_done}"
        )

    def _update(
        self, current: StoredScenario, expected_version: int, values: dict[str, Any]
    ) -> StoredScenario:
        try:
            with self.engine.begin() as connection:
                # RETURNING gives the version this UPDATE wrote. Reading the row again
                # afterwards could return a version someone saved in between, and the
                # session keeping it would then overwrite their save unchecked.
                row = connection.execute(
                    update(scenarios_table)
                    .where(scenarios_table.c.id == current.id)
                    .where(scenarios_table.c.version == expected_version)
                    .values(**values, version=expected_version + 1, updated_at=_now())
                    .returning(*scenarios_table.c)
                ).first()
        except IntegrityError:
            raise NameTakenError(
                f"A scenario named {values.get('name')!r} already exists: choose another name."
            ) from None
        if row is None:
            raise self._conflict(
                current.id,
                expected_version,
                "Your save was not applied: reload it to see their changes, or save yours under a new name.",
            )
        return self._from_row(row)

    def update(
        self,
        scenario_id: int,
        scenario: Scenario,
        expected_version: int,
        decision: DecisionRecord | None = None,
    ) -> StoredScenario:
        """Overwrite a saved scenario, only if nobody saved it since `expected_version`."""
        current = self.load(scenario_id)
        scenario = _validated(scenario, current.name)
        values: dict[str, Any] = {"scenario_json": scenario.model_dump_json()}
        if decision is not None:
            values["decision_json"] = decision.model_dump_json()
        return self._update(current, expected_version, values)

    def rename(self, scenario_id: int, new_name: str, expected_version: int) -> StoredScenario:
        new_name = normalise_name(new_name)
        current = self.load(scenario_id)
        scenario = _validated(current.scenario, new_name)
        return self._update(
            current,
            expected_version,
            {
                "name": new_name,
                "name_key": _name_key(new_name),
                "scenario_json": scenario.model_dump_json(),
            },
        )

    def duplicate(self, scenario_id: int, new_name: str) -> StoredScenario:
        new_name = normalise_name(new_name)
        original = self.load(scenario_id)
        return self.create(new_name, original.scenario, original.decision)

    def delete(self, scenario_id: int, expected_version: int) -> None:
        """Delete a saved scenario, only if nobody saved it since `expected_version`."""
        with self.engine.begin() as connection:
            deleted = connection.execute(
                sql_delete(scenarios_table)
                .where(scenarios_table.c.id == scenario_id)
                .where(scenarios_table.c.version == expected_version)
            ).rowcount
        if deleted == 0:
            # Gone already (ScenarioNotFoundError from load), or saved again since.
            raise self._conflict(
                scenario_id,
                expected_version,
                "It was not deleted: look at their changes, then delete it again if you still want to.",
            )
