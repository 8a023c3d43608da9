"""Backup → destroy → restore gives the same cases and a verified chain, on
SQLite and PostgreSQL; a backup that does not verify is refused before
anything is replaced; the doctor's clock starts at the newest backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from commandcenter.cli import main
from commandcenter.db.database import Database
from commandcenter.models import Case, Event
from commandcenter.services.admin.api import BackupError, backup, last_backup, restore
from commandcenter.services.container import Services
from commandcenter.services.kernel.event_log import verify_chain
from tests.services.factories import actor, new_case, place

if TYPE_CHECKING:
    from tests.conftest import Backend


def _cases(db: Database) -> list[tuple[str, str, str]]:
    with db.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(Case.number, Case.state, Case.description).order_by(Case.id)
            )
        ]


def _destroy(db: Database) -> None:
    """Lose the database: the SQLite file deleted, the PostgreSQL schema dropped."""
    db.dispose()
    if db.backend == "sqlite":
        path = Path(str(make_url(db.url).database))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    with db.engine.begin() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    db.dispose()


def test_backup_destroy_restore_gives_the_same_cases_and_a_verified_chain(
    backend: Backend, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = backend.process_url(db)  # on PostgreSQL: the test's schema, in the URL
    services = Services(Database(url))
    try:
        operator = actor(services, "operator")
        for n in range(5):
            services.cases.report(
                operator, new_case(place(services, n), description=f"备份前 {n}")
            )
        before = _cases(services.db)
    finally:
        services.close()
    file = tmp_path / "backups" / "cc.backup"
    file.parent.mkdir()
    assert main(["backup", str(file), "--db", url]) == 0
    said = capsys.readouterr().out
    assert "verified" in said
    assert file.is_file()
    assert not list(file.parent.glob(".*partial"))  # no temporary left
    with Database(url).read() as session:
        assert last_backup(session) is not None
    _destroy(Database(url))
    assert main(["cases", "list", "--db", url]) == 2  # it is gone
    capsys.readouterr()
    assert main(["restore", str(file), "--db", url]) == 2  # asks for --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["restore", str(file), "--db", url, "--yes"]) == 0
    assert "verified" in capsys.readouterr().out
    restored = Database(url)
    try:
        assert _cases(restored) == before
        with restored.read() as session:
            assert verify_chain(session).ok
            kinds = list(
                session.execute(select(Event.kind).order_by(Event.id)).scalars()
            )
        assert kinds[-1] == "admin.restored"
    finally:
        restored.dispose()
    assert main(["audit", "verify", "--db", url]) == 0


def test_a_tampered_backup_is_refused_and_nothing_replaced(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    db = sqlite_backend.fresh()
    try:
        file = tmp_path / "cc.backup"
        copied = backup(db, file)
        assert copied.events > 0
        with sqlite3.connect(file) as raw:  # someone edits the copy
            raw.execute("UPDATE events SET payload = '{}' WHERE id = 2")
        with pytest.raises(BackupError, match="does not verify at event 2"):
            restore(db, file)
        with db.read() as session:
            assert verify_chain(session).ok
            assert last_backup(session) is not None
        not_a_backup = tmp_path / "notes.txt"
        not_a_backup.write_text("hello", encoding="utf-8")
        with pytest.raises(BackupError, match="not a SQLite backup"):
            restore(db, not_a_backup)
    finally:
        db.dispose()
