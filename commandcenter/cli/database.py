"""`commandcenter db …` and `commandcenter audit …`: the database itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commandcenter.cli._services import database

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands
    from commandcenter.services.kernel.feed import FeedEvent


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
    follow = audit_sub.add_parser(
        "follow",
        parents=[common],
        help="print each new event as a JSON line (id, time, kind, entity; never "
        "the payload) as it is committed, until stopped; rides out outages",
    )
    follow.add_argument(
        "--after",
        type=int,
        default=None,
        metavar="ID",
        help="start after this event id (default: the newest now)",
    )
    follow.set_defaults(handler=_cmd_audit_follow)


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    with database(args, create=True) as db:
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


def _cmd_audit_follow(args: argparse.Namespace) -> int:
    import json
    import signal
    import sys
    import threading

    from commandcenter.services.kernel.feed import EventReader, Feed, Follower

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def deliver(events: list[FeedEvent]) -> None:
        for event in events:
            line = {
                "id": event.id,
                "at": event.at.isoformat(),
                "kind": event.kind,
                "entity": event.entity.value,
                "entity_id": event.entity_id,
            }
            print(json.dumps(line), flush=True)

    def connection(up: bool) -> None:
        state = "reconnected" if up else "database unreachable, retrying"
        print(f"audit follow: {state}", file=sys.stderr, flush=True)

    with database(args) as db:
        after = args.after if args.after is not None else EventReader(db).newest_id()
        print(f"audit follow: after event {after}", file=sys.stderr, flush=True)
        Follower(lambda: Feed(db), after, deliver, connection).run(stop)
    return 0
