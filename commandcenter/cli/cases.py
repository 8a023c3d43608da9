"""`commandcenter cases …` and `commandcenter retention`."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from commandcenter.cli._services import services
from commandcenter.cli.progress import TerminalProgress

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    cases = sub.add_parser("cases", help="cases")
    cases_sub = cases.add_subparsers(
        dest="cases_command", required=True, metavar="ACTION"
    )
    listing = cases_sub.add_parser("list", parents=[common], help="list cases")
    listing.add_argument("--status", default="open", help="open, all, or a state name")
    listing.add_argument("--street", metavar="CODE", help="9-digit street code")
    listing.add_argument("--category", metavar="CODE", help="category code, e.g. E0201")
    listing.add_argument(
        "--department", metavar="CODE", help="department code, e.g. CGZF"
    )
    listing.add_argument(
        "--search", metavar="TEXT", help="in number, description, address"
    )
    listing.add_argument("--drill", action="store_true", help="include drill cases")
    listing.add_argument("--limit", type=int, default=1000)
    listing.add_argument("--json", action="store_true", help="JSON array on stdout")
    listing.set_defaults(handler=_cmd_cases_list)

    retention = sub.add_parser(
        "retention",
        parents=[common],
        help="how long reporter contacts and video snapshots of ended cases are kept",
    )
    retention.add_argument(
        "--days", type=int, help="set the period (days after closing or voiding)"
    )
    retention.add_argument(
        "--purge", action="store_true", help="remove what is older (run it daily)"
    )
    retention.set_defaults(handler=_cmd_retention)


def _cmd_cases_list(args: argparse.Namespace) -> int:
    from commandcenter.services.cases.api import (
        CaseFilter,
    )

    with services(args) as opened:
        rows = opened.queries.find(
            CaseFilter.for_status(
                args.status,
                street_code=args.street,
                category_code=args.category,
                department_code=args.department,
                text=args.search,
                include_drill=args.drill,
                limit=args.limit,
            )
        )
        zone = opened.cases.calendar.zone  # operators read local time
        now = opened.clock()
    if args.json:
        json.dump(
            [row.to_json(now) for row in rows], sys.stdout, ensure_ascii=False, indent=1
        )
        print()
        return 0
    for row in rows:
        deadline = (
            row.deadline_at.astimezone(zone).strftime("%m-%d %H:%M")
            if row.deadline_at
            else "-"
        )
        department = row.department_name or "-"
        print(
            f"{row.number}  {row.state:<11} {row.category_name:<8} "
            f"{row.street_name:<8} {department:<14} {deadline} "
            f"{row.deadline_status(now) or ''}"
        )
    print(f"{len(rows)} cases")
    return 0


def _cmd_retention(args: argparse.Namespace) -> int:
    with services(args) as opened:
        if args.days is not None:
            opened.retention.set_days(None, args.days)
        days = opened.retention.days()
        if not args.purge:
            print(f"personal data of ended cases is kept {days} days")
            return 0
        TerminalProgress().stage(f"purging what is older than {days} days")
        report = opened.retention.purge(None)
    print(
        f"purged: {report.contacts} reporter contacts and {report.snapshots} video "
        f"snapshots of {len(report.cases)} cases ended before "
        f"{report.cutoff:%Y-%m-%d %H:%M} UTC ({days} days)"
    )
    return 0
