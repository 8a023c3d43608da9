"""Opening the database and its services for one command, and closing them.

Every command goes through `database` or `services`, so each one migrates the
same way and none leaves a connection pool (or PostgreSQL's LISTEN connection)
open behind it.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from commandcenter.config import default_db_url
from commandcenter.db.database import Database

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from commandcenter.services.container import Services


def open_db(args: argparse.Namespace) -> Database:
    """The database named by --db, migrated to the newest schema (the app
    migrates on start too). The caller disposes of it, or uses `database`."""
    db = Database(args.db or default_db_url())
    try:
        db.upgrade()
    except BaseException:
        db.dispose()
        raise
    return db


@contextmanager
def database(args: argparse.Namespace) -> Iterator[Database]:
    """`open_db` for the length of a `with` block."""
    db = open_db(args)
    try:
        yield db
    finally:
        db.dispose()


@contextmanager
def services(args: argparse.Namespace) -> Iterator[Services]:
    """The services over `open_db`, closed (their connection pool) when the
    block ends."""
    from commandcenter.services.container import Services

    opened = Services(open_db(args))
    try:
        yield opened
    finally:
        opened.close()
