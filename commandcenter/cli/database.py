"""`commandcenter db …` and `commandcenter audit …`: the database itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commandcenter.cli._services import database

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser(
        "upgrade", parents=[common], help="migrate to the newest schema"
    ).set_defaults(handler=_cmd_db_upgrade)

    audit = sub.add_parser("audit", help="audit trail")
    audit_sub = audit.add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    audit_sub.add_parser(
        "verify", parents=[common], help="check the event hash chain"
    ).set_defaults(handler=_cmd_audit_verify)


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    with database(args) as db:
        print(f"database {db.url} is at the newest schema")
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    from commandcenter.services.kernel.event_log import verify_chain

    with database(args) as db, db.read() as session:
        report = verify_chain(session)
    if report.ok:
        print(f"ok: {report.checked} events, hash chain intact")
        return 0
    print(
        f"TAMPERED: event {report.first_bad_id}: {report.reason} "
        f"({report.checked} events before it are intact)"
    )
    return 1
