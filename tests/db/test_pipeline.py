"""Statements sent together: a query's rows come after its block, a write in
the block is part of its transaction, and a refusal in the block is the
error SQLAlchemy raises anywhere else, with nothing of the block written."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commandcenter.db.pipeline import pipeline
from commandcenter.models import Setting

if TYPE_CHECKING:
    from commandcenter.db.database import Database


def _settings(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {
            row.key: row.value
            for row in session.execute(select(Setting.key, Setting.value))
        }


def test_queries_are_answered_after_the_block_and_writes_join_the_transaction(
    db: Database,
) -> None:
    with db.write() as session:
        with pipeline(session) as pipe:
            session.connection().exec_driver_sql(
                "INSERT INTO settings (key, value) VALUES ('pipe.a', '1')"
            )
            one = pipe.query("SELECT value FROM settings WHERE key = :k", k="pipe.a")
            none = pipe.query("SELECT value FROM settings WHERE key = :k", k="nope")
            both = pipe.query(
                "SELECT :a, :b", a=2, b="二"
            )  # parameters in their order, on every driver
        assert one.scalar() == "1"
        assert none.all() == []
        assert none.scalar() is None
        assert both.all() == [(2, "二")]
    assert _settings(db)["pipe.a"] == "1"


def test_a_refusal_in_the_block_is_sqlalchemys_error_and_writes_nothing(
    db: Database,
) -> None:
    insert = "INSERT INTO settings (key, value) VALUES ('pipe.b', '1')"

    def twice() -> None:
        with db.write() as session, pipeline(session) as pipe:
            session.connection().exec_driver_sql(insert)
            pipe.query("SELECT 1")
            session.connection().exec_driver_sql(insert)  # the key taken

    with pytest.raises(IntegrityError):
        twice()
    assert "pipe.b" not in _settings(db)
    with db.write() as session:  # the connection went back to the pool usable
        with pipeline(session) as pipe:
            answer = pipe.query("SELECT count(*) FROM settings WHERE key = 'pipe.b'")
        assert answer.scalar() == 0


def test_a_query_is_not_read_before_its_block_is_sent(db: Database) -> None:
    with db.write() as session, pipeline(session) as pipe:
        answer = pipe.query("SELECT 1")
        if db.backend == "postgresql":
            with pytest.raises(RuntimeError, match="not been sent"):
                answer.all()
