"""Shared fixtures: a database per backend (SQLite always, PostgreSQL too), a clock.

The small demo world (territory, catalog, accounts, cameras; no history) is built
once per backend per session, then every test gets it fresh: SQLite copies a
template file, PostgreSQL (its own schema in the `test` database) deletes what
tests added. In CI an unreachable PostgreSQL fails the run instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import bindparam, create_engine, func, make_url, select, text
from sqlalchemy.exc import OperationalError

from commandcenter.db.database import Database
from commandcenter.models import (
    Area,
    Camera,
    Category,
    Department,
    Plan,
    Setting,
    User,
)
from commandcenter.services.container import Services
from commandcenter.services.demo.builder import DemoOptions, build_demo

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from sqlalchemy import Engine

# the suite's log records go to a folder of its own, not the user's log file
os.environ.setdefault("COMMANDCENTER_LOG_DIR", tempfile.mkdtemp(prefix="cc-test-logs-"))

PG_URL = os.environ.get(
    "COMMANDCENTER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_0900 = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)


class Clock:
    """A settable clock for the services: tests move time explicitly."""

    def __init__(self, start: datetime = MONDAY_0900) -> None:
        self.now = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.now = moment.astimezone(UTC)


@dataclass
class Backend:
    """How to get a fresh copy of the template world on one backend."""

    name: str
    fresh: Callable[[], Database]
    another: Callable[[Database], Database]
    """A second, independent connection pool onto the same database."""
    on_port: Callable[[int], Database] | None = None
    """The same database reached through another local port (PostgreSQL only:
    a test puts a proxy there to cut the connection)."""
    process_url: Callable[[Database], str] = lambda db: db.url
    """The URL another process (a command a test starts) opens the same
    database with: on PostgreSQL it names the test's schema."""
    empty: Callable[[], str] = lambda: ""
    """The URL of a new, empty database (no schema) on this backend."""
    close: Callable[[], None] = lambda: None


_MUTABLE_TABLES = (
    "intake_receipts",
    "task_evidence",
    "incident_links",
    "incident_tasks",
    "incidents",
    "attachments",
    "cases",
    "case_number_counters",
    "events",
    "kpi_days",
    "drills",
    "api_keys",
)
_TEMPLATE_TABLES = (Plan, Camera, User, Category, Department, Area)


def _sqlite_backend(folder: Path) -> Backend:
    template = folder / "template.sqlite3"
    db = Database(f"sqlite:///{template}")
    db.upgrade()
    build_demo(db, DemoOptions(small=True, days=0))
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()

    def fresh() -> Database:
        copy = folder / f"{uuid.uuid4().hex}.sqlite3"
        shutil.copyfile(template, copy)
        return Database(f"sqlite:///{copy}")

    def empty() -> str:
        return f"sqlite:///{folder / uuid.uuid4().hex / 'empty.sqlite3'}"

    return Backend("sqlite", fresh, lambda db: Database(db.url), empty=empty)


def _postgres_backend() -> Backend:
    schema = f"cc_test_{os.getpid()}"
    admin = create_engine(PG_URL, pool_pre_ping=True)  # outlives a server restart
    try:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI and unreachable: {error}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} (runs in CI)")
    url = PG_URL
    # synchronous_commit off: test data need not survive a crash, and fsync per
    # commit would triple the run time; visibility and locking are unchanged
    options = {
        "connect_args": {"options": f"-csearch_path={schema} -csynchronous_commit=off"}
    }
    db = Database(url, **options)
    db.upgrade()
    build_demo(db, DemoOptions(small=True, days=0))
    with db.read() as session:
        keep = {
            model.__tablename__: session.execute(select(func.max(model.id))).scalar()
            for model in _TEMPLATE_TABLES
        }
        settings = {s.key: s.value for s in session.execute(select(Setting)).scalars()}
        kept_rows = {
            model.__table__: [
                dict(row) for row in session.execute(select(model.__table__)).mappings()
            ]
            for model in (User, Category, Department)
        }
        plans = [
            dict(row) for row in session.execute(select(Plan.__table__)).mappings()
        ]
    db.dispose()

    def fresh() -> Database:
        fresh_db = Database(url, **options)
        with fresh_db.engine.begin() as connection:
            connection.execute(
                text(f"TRUNCATE {', '.join(_MUTABLE_TABLES)} RESTART IDENTITY CASCADE")
            )
            for table, last in keep.items():
                connection.execute(
                    text(f"DELETE FROM {table} WHERE id > :last"), {"last": last}
                )
            if not connection.execute(select(func.count()).select_from(Plan)).scalar():
                # a test that went down past revision 0004 and up again on the
                # shared schema dropped the imported plans with their table
                connection.execute(Plan.__table__.insert(), plans)
                connection.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence('plans', 'id'), "
                        "(SELECT max(id) FROM plans))"
                    )
                )
            # rows a test changed (an account's role, lock or password, a
            # category's time limit, a department's name) as they were
            for table, rows in kept_rows.items():
                connection.execute(
                    table.update().where(table.c.id == bindparam("old_id")),
                    [{**row, "old_id": row["id"]} for row in rows],
                )
            connection.execute(text("DELETE FROM settings"))
            for key, value in settings.items():
                connection.execute(
                    text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                    {"k": key, "v": value},
                )
        return fresh_db

    def on_port(port: int) -> Database:
        moved = make_url(url).set(port=port)
        return Database(moved.render_as_string(hide_password=False), **options)

    def process_url(_db: Database) -> str:
        # commits are durable here, as in production: a process that is
        # killed or a server that restarts must not lose what it acknowledged
        in_schema = make_url(url).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        )
        return in_schema.render_as_string(hide_password=False)

    def empty() -> str:
        """A schema of its own, dropped with the session's."""
        name = f"{schema}_empty_{uuid.uuid4().hex[:8]}"
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {name}"))
        created.append(name)
        in_schema = make_url(url).update_query_dict(
            {"options": f"-csearch_path={name}"}
        )
        return in_schema.render_as_string(hide_password=False)

    created: list[str] = []
    return Backend(
        "postgres",
        fresh,
        lambda _db: Database(url, **options),
        on_port=on_port,
        process_url=process_url,
        empty=empty,
        close=lambda: _drop_schemas(admin, [*created, schema]),
    )


def _drop_schemas(admin: Engine, names: list[str]) -> None:
    """At the session's end: its schemas go, so the test database does not
    gather one per run."""
    admin.dispose()  # its pooled connection may have died with a server restart
    with admin.begin() as connection:
        for name in names:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_backend(tmp_path_factory: pytest.TempPathFactory) -> Backend:
    return _sqlite_backend(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgres_backend() -> Iterator[Backend]:
    backend = _postgres_backend()
    yield backend
    backend.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each test that takes a database runs once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_backend" if request.param == "sqlite" else "postgres_backend"
    result: Backend = request.getfixturevalue(fixture)
    return result


@pytest.fixture
def db(backend: Backend) -> Iterator[Database]:
    database = backend.fresh()
    yield database
    database.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def services(db: Database, clock: Clock) -> Iterator[Services]:
    container = Services(db, clock)
    yield container
    container.close()
