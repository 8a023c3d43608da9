"""Engine, sessions and migrations.

Writes are serialised on purpose. On SQLite a write transaction starts with
`BEGIN IMMEDIATE` (so two writers never deadlock upgrading a read lock); on
PostgreSQL it takes one transaction-scoped advisory lock. Either way the event log
is appended by one writer at a time, so event ids commit in increasing order and a
reader tailing `id > last` never misses a row that commits late, and the hash chain
has exactly one predecessor per row. At a command center's write rate (a few
thousand cases a day) one writer at a time costs nothing measurable.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import Dialect, Engine, Table, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from commandcenter.db.pipeline import Pipeline, pipeline

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from commandcenter.models.base import Base

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE_LOCK_KEY = 0x63630001  # advisory lock id of "the one writer"
_WRITE_OPTION = "commandcenter_write"
T = TypeVar("T")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for any SQLAlchemy URL, with SQLite made safe for several processes."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg"))
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def missing_sqlite_file(url: str) -> Path | None:
    """The path of a SQLite database file that does not exist (connecting
    would create it); None for any other URL, or a file that is there."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or Path(parsed.database).exists():
        return None
    return Path(parsed.database)


def why_absent(url: str) -> str | None:
    """Why `url` names no commandcenter database yet (no file, or no schema in
    it), or None when it names one. Asked before a command opens a database,
    so that only the commands that set one up create it: SQLite would make the
    file (and `make_engine` its folder) at the first connection. A server that
    cannot be reached raises, as any connection does."""
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite:
        if not parsed.database or parsed.database == ":memory:":
            return "an in-memory database is empty"
        missing = missing_sqlite_file(url)
        if missing is not None:
            return f"the file {missing} does not exist"
    engine = create_engine(url) if sqlite else make_engine(url)  # no folder made
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return "it holds no commandcenter schema"
    except DatabaseError as error:
        if sqlite:  # "file is not a database"
            return f"it cannot be opened: {str(error.orig or error).splitlines()[0]}"
        raise
    finally:
        engine.dispose()
    return None


class Database:
    """One database: sessions for reading, serialised transactions for writing."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self.backend = self.engine.dialect.name
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed if the block returns, else rolled back."""
        with self.write_asking(lambda _pipe: None) as (session, _nothing):
            yield session

    @contextmanager
    def write_asking(self, ask: Callable[[Pipeline], T]) -> Iterator[tuple[Session, T]]:
        """`write`, whose first reads are sent with its lock: `ask` queues
        them (`Pipeline.query`), and its answers are read in the block. On
        PostgreSQL BEGIN, the lock and the reads take one round trip; each
        read runs once the lock is held, so it sees every earlier write."""
        with self._sessions() as session:
            session.connection(execution_options=cast("Any", {_WRITE_OPTION: True}))
            with pipeline(session) as pipe:
                if self.backend == "postgresql":
                    pipe.query("SELECT pg_advisory_xact_lock(:key)", key=WRITE_LOCK_KEY)
                asked = ask(pipe)
            try:
                yield session, asked
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def upgrade(self) -> None:
        """Migrate the schema to the newest revision (Alembic)."""
        with self.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def is_empty(self) -> bool:
        """True before the demo or any import filled the territory table."""
        if not inspect(self.engine).has_table("areas"):
            return True
        with self.read() as session:
            return session.execute(text("SELECT 1 FROM areas LIMIT 1")).first() is None

    def analyze(self) -> None:
        """Refresh the planner's statistics (after a bulk load). Without them
        SQLite answers a month's counts through the is_drill index, a scan of
        every case: seconds instead of milliseconds on a million cases."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")

    def dispose(self) -> None:
        if self.engine.dialect.name == "sqlite":
            # SQLite's advice for long-lived databases: keep the statistics fresh
            # as the tables grow (cheap when nothing changed); a file that cannot
            # be opened, or is no database, has nothing to optimise
            with suppress(DatabaseError), self.engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


def alembic_config() -> Config:
    """Alembic configured from the package, so migrations work from any directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def fast_insert(
    session: Session,
    model: type[Base],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    """Multi-row INSERT into `model`'s table, handed straight to the driver.

    For the bulk paths (case batches, the event log): SQLAlchemy's per-row
    parameter processing costs about as much as SQLite's own insert, measured.
    Values still go through the columns' TypeDecorators (UTC datetimes), so what
    is stored is identical to what the ORM would store.
    """
    connection = session.connection()
    statement, converters = _insert_plan(model, tuple(columns), connection.dialect)
    data = [
        tuple(
            value if convert is None or value is None else convert(value)
            for convert, value in zip(converters, row, strict=True)
        )
        for row in rows
    ]
    if len(data) == 1:  # one row: no executemany machinery
        connection.exec_driver_sql(statement, data[0])
    elif data:
        connection.exec_driver_sql(statement, data)


@functools.cache
def _insert_plan(
    model: type[Base], columns: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[Callable[[Any], Any] | None, ...]]:
    """`fast_insert`'s statement and each column's converter (a TypeDecorator's,
    or None), built once: on every report, building them cost as much as the
    insert's own Python."""
    table = cast("Table", model.__table__)
    converters: list[Callable[[Any], Any] | None] = []
    for name in columns:
        column_type = table.c[name].type
        if isinstance(column_type, TypeDecorator):
            converters.append(partial(column_type.process_bind_param, dialect=dialect))
        else:
            converters.append(None)
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([marker] * len(columns))})"
    )
    return statement, tuple(converters)
