"""`commandcenter demo-data`: build the Xuhui demo district."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from commandcenter.cli._services import database
from commandcenter.cli.progress import TerminalProgress

if TYPE_CHECKING:
    from commandcenter.cli._parsing import Subcommands
    from commandcenter.db.database import Database


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser(
        "demo-data", parents=[common], help="build the Xuhui demo district"
    )
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument(
        "--days", type=int, help="days of case history (180; 14 with --small)"
    )
    demo.add_argument(
        "--per-day", type=float, help="mean reports per day (1100; 60 with --small)"
    )
    demo.add_argument(
        "--small", action="store_true", help="coarse grids, two weeks: for tests"
    )
    demo.add_argument(
        "--now",
        type=_moment,
        metavar="ISO-TIME",
        help="when the history ends (default: now); with --seed, the same demo "
        "every time",
    )
    demo.set_defaults(handler=_cmd_demo)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"not a time (YYYY-MM-DDTHH:MM+08:00): {text!r}"
        ) from error
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"give the time zone too: {text!r}")
    return moment


def _cmd_demo(args: argparse.Namespace) -> int:
    with database(args, create=True) as db:
        build_demo(
            db,
            seed=args.seed,
            days=args.days,
            small=args.small,
            per_day=args.per_day,
            now=args.now,
        )
    return 0


def build_demo(
    db: Database,
    seed: int,
    small: bool,
    days: int | None = None,
    per_day: float | None = None,
    now: datetime | None = None,
) -> None:
    """Build the demo into `db`, showing how far it has got and, at the end, how
    to sign in. Interrupted, it leaves the database as it was (one transaction)."""
    from commandcenter.services.demo.api import (
        DemoOptions,
        demo_config,
    )
    from commandcenter.services.demo.api import (
        build_demo as build,
    )

    options = DemoOptions.preset(small).with_(seed=seed, days=days, per_day=per_day)
    print(f"building the Xuhui demo into {db.url} …", flush=True)
    progress = TerminalProgress()
    try:
        summary = build(db, options, now=now, progress=progress)
    except KeyboardInterrupt:
        progress.close()
        print("interrupted: nothing was written; run the command again", flush=True)
        raise
    progress.close()
    for line in summary.lines():
        print(line)
    config = demo_config()
    names = ", ".join(account["username"] for account in config["accounts"])
    print(f"demo accounts ({config['password']}): {names}")
