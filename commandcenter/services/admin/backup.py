"""Backups and restores, one command each, verified by walking the audit
chain (PRODUCT §11).

SQLite is copied with its online backup API (a consistent copy while the
workstations write); PostgreSQL with `pg_dump` in its custom format, of the
schema the database is in. Either way the chain is walked in exactly what
was copied: the SQLite copy is opened and walked; for PostgreSQL the chain is
walked inside a repeatable-read transaction whose snapshot `pg_dump` is
handed, so both see the same rows. A copy whose chain does not verify is
deleted and the backup fails. A backup is written to a temporary file next
to its target and renamed into place, so a failed one leaves nothing behind.

A restore verifies the file first (a SQLite copy is walked; a PostgreSQL
archive is checked by pg_restore), replaces the database's contents,
migrates them to the newest schema (a backup may be older than the release)
and walks the restored chain. Both are events (`admin.backup`,
`admin.restored`): the doctor reads the newest backup's time from the log.
Stop the workstations, the big screen and the API before a restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from commandcenter.models import Event
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from datetime import datetime

    from commandcenter.db.database import Database

_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_MAGIC = b"PGDMP"
BACKUP_KIND = "admin.backup"


@dataclass(frozen=True, slots=True)
class Copied:
    """What a backup or a restore copied: its file, and the chain walked in it."""

    path: Path
    events: int
    size: int
    seconds: float


class BackupError(ValidationError):
    """The copy failed or did not verify; nothing was kept or replaced."""


def backup(db: Database, path: Path) -> Copied:
    """Copy `db` to `path` (replacing a file there only once the copy is
    verified) and record it in the log."""
    started = time.perf_counter()
    path = path.resolve()
    if path.is_dir():
        raise BackupError(f"{path} is a folder: name the backup file")
    temporary = path.with_name(f".{path.name}.partial")
    try:
        if db.backend == "sqlite":
            events = _sqlite_backup(db, temporary)
        elif db.backend == "postgresql":
            events = _pg_backup(db, temporary)
        else:
            raise BackupError(f"no backup for a {db.backend} database")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    copied = Copied(path, events, path.stat().st_size, time.perf_counter() - started)
    with db.write() as session:
        event_log.record(
            session,
            BACKUP_KIND,
            EntityKind.SETTING,
            {"file": str(path), "events": events, "bytes": copied.size},
        )
    return copied


def restore(db: Database, path: Path) -> Copied:
    """Replace what `db` holds with the backup at `path`, verified before
    and after, and record it in the restored log."""
    started = time.perf_counter()
    path = path.resolve()
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    with path.open("rb") as handle:
        head = handle.read(len(_SQLITE_MAGIC))
    if db.backend == "sqlite":
        if head != _SQLITE_MAGIC:
            raise BackupError(f"{path} is not a SQLite backup")
        _walk_sqlite(path)  # refuse a broken copy before touching anything
        target = _sqlite_path(db)
        db.engine.dispose()
        if not target.exists():  # a journal left beside a lost file is stale
            for stale in ("-wal", "-shm", "-journal"):
                Path(f"{target}{stale}").unlink(missing_ok=True)
        _sqlite_copy(sqlite3.connect(path), target)
    elif db.backend == "postgresql":
        if not head.startswith(_PG_MAGIC):
            raise BackupError(f"{path} is not a pg_dump archive (custom format)")
        _pg_restore(db, path)
    else:
        raise BackupError(f"no restore for a {db.backend} database")
    db.engine.dispose()  # no pooled connection remembers the old contents
    db.upgrade()  # a backup from an older release gets the newest schema
    with db.read() as session:
        events = _walked(session, f"the restored database ({path.name})")
    with db.write() as session:
        event_log.record(
            session,
            "admin.restored",
            EntityKind.SETTING,
            {"file": str(path), "events": events},
        )
    return Copied(path, events, path.stat().st_size, time.perf_counter() - started)


def last_backup(session: Session) -> datetime | None:
    """When the newest backup recorded in the log was made."""
    return session.execute(
        select(Event.at).where(Event.kind == BACKUP_KIND).order_by(Event.id.desc())
    ).scalar()


def _walked(session: Session, what: str) -> int:
    report = event_log.verify_chain(session)
    if not report.ok:
        raise BackupError(
            f"the audit chain of {what} does not verify at event "
            f"{report.first_bad_id}: {report.reason}"
        )
    return report.checked


# -- SQLite ---------------------------------------------------------------------


def _sqlite_path(db: Database) -> Path:
    name = make_url(db.url).database
    if not name or name == ":memory:":
        raise BackupError("an in-memory database has no file to back up or restore")
    return Path(name)


def _sqlite_copy(source: sqlite3.Connection, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def _sqlite_backup(db: Database, temporary: Path) -> int:
    temporary.unlink(missing_ok=True)
    _sqlite_copy(sqlite3.connect(_sqlite_path(db)), temporary)
    return _walk_sqlite(temporary)


def _walk_sqlite(path: Path) -> int:
    """Walk the chain in a SQLite copy, opened read-only (nothing is changed
    in it, not even its journal mode)."""
    copy = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with Session(copy) as session:
            return _walked(session, path.name)
    except BackupError:
        raise
    except DatabaseError as error:  # not a database, or not ours
        reason = str(error.orig or error).splitlines()[0]
        raise BackupError(f"{path} cannot be read as a backup: {reason}") from error
    finally:
        copy.dispose()


# -- PostgreSQL ------------------------------------------------------------------


def _libpq(db: Database) -> tuple[str, dict[str, str]]:
    """The database as pg_dump takes it (a libpq URL, the password in the
    environment, never on a command line), and that environment."""
    url = make_url(db.url)
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed: on Debian, apt-get install postgresql-client"
        )
    return found


def _pg_backup(db: Database, temporary: Path) -> int:
    url, environment = _libpq(db)
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar()
            schema = connection.execute(text("SELECT current_schema()")).scalar()
            with Session(bind=connection) as session:
                events = _walked(session, "the database")
            done = subprocess.run(
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--schema={schema}",
                    f"--file={temporary}",
                    url,
                ],
                env=environment,
                capture_output=True,
                text=True,
                check=False,
            )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return events


def _pg_restore(db: Database, path: Path) -> None:
    url, environment = _libpq(db)
    listed = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        raise BackupError(f"{path} is not a readable archive: {listed.stderr.strip()}")
    db.engine.dispose()
    done = subprocess.run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={url}",
            str(path),
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
