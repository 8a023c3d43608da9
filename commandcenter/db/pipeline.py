"""Statements sent to the database together: one round trip for many.

What a busy write path waits for is round trips, not statements: every write
holds the one write lock (`Database.write`), and on a command hall's two
cores each round trip is a turn taken by the client, then by the server,
then by the client again. On PostgreSQL a `Pipeline` sends its statements in
pipeline mode and reads every answer at the end of the block; SQLite runs in
the process, so there each statement simply runs as it comes.

Inside the block:
- `query` queues a statement whose rows are wanted: they are read from its
  `Answer` after the block.
- Statements whose results nobody reads (inserts, upserts, `pg_notify`) may
  be executed through the session's connection as usual; they join the
  pipeline. Nothing in the block may read a result through SQLAlchemy: it
  would see none (the answers come at the end) and the ORM must not flush.

A statement the database refuses fails the whole block with the error
SQLAlchemy would have raised for it (an `IntegrityError` for a broken key,
an `OperationalError` for a connection lost), after the statements before it
ran and none after it: the transaction is then rolled back as a whole, as
any failed write is.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection, Dialect
    from sqlalchemy.orm import Session


class Answer:
    """The rows of a queued query, once its pipeline has been sent."""

    def __init__(self) -> None:
        self._rows: list[tuple[Any, ...]] | None = None
        self._cursor: Any = None

    def all(self) -> list[tuple[Any, ...]]:
        if self._rows is None:
            raise RuntimeError("the pipeline has not been sent yet")
        return self._rows

    def scalar(self) -> Any:
        """The first column of the first row, or None when there is none."""
        rows = self.all()
        return rows[0][0] if rows else None


class Pipeline:
    """Statements of one transaction, sent together (see the module)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._postgres = connection.dialect.name == "postgresql"
        self._pending: list[Answer] = []

    def query(self, sql: str, **params: Any) -> Answer:
        """Queue `sql` (SQLAlchemy `text`, with :named parameters)."""
        statement, ordered = _compiled(sql, self._connection.dialect)
        answer = Answer()
        if self._postgres:
            raw = self._connection.connection.dbapi_connection
            assert raw is not None
            answer._cursor = raw.cursor()
            answer._cursor.execute(statement, params)
            self._pending.append(answer)
        else:
            values = tuple(params[name] for name in ordered)
            result = self._connection.exec_driver_sql(statement, values)
            answer._rows = [tuple(row) for row in result]
        return answer

    def _collect(self) -> None:
        for answer in self._pending:
            cursor = answer._cursor
            answer._rows = cursor.fetchall() if cursor.description else []
            cursor.close()
        self._pending.clear()


@contextmanager
def pipeline(session: Session) -> Iterator[Pipeline]:
    """A pipeline over the session's connection (inside its transaction)."""
    connection = session.connection()
    sent = Pipeline(connection)
    if connection.dialect.name != "postgresql":
        yield sent
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    driver_error: type[Exception] = connection.dialect.loaded_dbapi.Error
    try:
        with raw.pipeline():
            yield sent
        sent._collect()
    except DBAPIError:
        raise  # raised through SQLAlchemy already, and translated
    except driver_error as error:
        # the answer of a statement sent in the block, read at its end:
        # raised as SQLAlchemy raises the driver's errors everywhere else
        if connection.dialect.is_disconnect(cast("Any", error), raw, None):
            connection.invalidate(error)
        raise DBAPIError.instance(
            None, None, error, driver_error, dialect=connection.dialect
        ) from error


@functools.cache
def _compiled(sql: str, dialect: Dialect) -> tuple[str, tuple[str, ...]]:
    """`sql` as the driver takes it, and its parameters' order (for drivers
    that number them): compiled once per statement and dialect."""
    compiled = text(sql).compile(dialect=dialect)
    return compiled.string, tuple(compiled.positiontup or ())
