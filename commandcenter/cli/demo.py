"""`commandcenter demo-data`: build the Xuhui demo district."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commandcenter.cli._services import database

if TYPE_CHECKING:
    import argparse

    from commandcenter.db.database import Database


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
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
    demo.set_defaults(handler=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    with database(args) as db:
        build_demo(
            db, seed=args.seed, days=args.days, small=args.small, per_day=args.per_day
        )
    return 0


def build_demo(
    db: Database,
    seed: int,
    small: bool,
    days: int | None = None,
    per_day: float | None = None,
) -> None:
    """Build the demo into `db`, telling the user what it does and how to sign in."""
    from commandcenter.services.demo.api import (
        DemoOptions,
        demo_config,
    )
    from commandcenter.services.demo.api import (
        build_demo as build,
    )

    options = DemoOptions.preset(small).with_(seed=seed, days=days, per_day=per_day)
    print(f"building the Xuhui demo into {db.url} …", flush=True)
    summary = build(db, options, progress=lambda step: print(f"  {step}", flush=True))
    for line in summary.lines():
        print(line)
    config = demo_config()
    names = ", ".join(account["username"] for account in config["accounts"])
    print(f"demo accounts ({config['password']}): {names}")
