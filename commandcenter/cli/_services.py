"""Opening the database and its services for one command, and closing them.

Every command goes through `database` or `services`, so each one migrates the
same way and none leaves a connection pool (or PostgreSQL's LISTEN connection)
open behind it.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from commandcenter.config import default_db_url
from commandcenter.db.database import Database, why_absent
from commandcenter.services.kernel.errors import NotFoundError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from commandcenter.services.container import Services


SET_UP_BY = "commandcenter init (a real district) or commandcenter demo-data (the demo)"


def open_db(args: argparse.Namespace, create: bool = False) -> Database:
    """The database named by --db, migrated to the newest schema (the app
    migrates on start too). The caller disposes of it, or uses `database`.
    Only the commands that set a database up pass `create`: for any other a
    database that does not exist yet is refused, by name, never made empty."""
    url = args.db or default_db_url()
    if not create:
        reason = why_absent(url)
        if reason is not None:
            shown = make_url(url).render_as_string(hide_password=True)
            raise NotFoundError(
                f"no commandcenter database at {shown} ({reason}); "
                f"one is set up by {SET_UP_BY}",
                "database.absent",
            )
    db = Database(url)
    try:
        db.upgrade()
    except BaseException:
        db.dispose()
        raise
    return db


@contextmanager
def database(args: argparse.Namespace, create: bool = False) -> Iterator[Database]:
    """`open_db` for the length of a `with` block."""
    db = open_db(args, create)
    try:
        yield db
    finally:
        db.dispose()


@contextmanager
def services(args: argparse.Namespace, create: bool = False) -> Iterator[Services]:
    """The services over `open_db`, closed (their connection pool) when the
    block ends."""
    from commandcenter.services.container import Services

    opened = Services(open_db(args, create))
    try:
        yield opened
    finally:
        opened.close()
