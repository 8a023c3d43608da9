"""`commandcenter plans …`: the emergency plans (应急预案) people edit."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    plans = sub.add_parser("plans", help="emergency plans (应急预案)")
    plans_sub = plans.add_subparsers(
        dest="plans_command", required=True, metavar="ACTION"
    )
    check = plans_sub.add_parser(
        "check",
        parents=[common],
        help="check plan files whole, as an approver would (the shipped ones "
        "when none is named; departments from --db if given, else the shipped "
        "reference table)",
    )
    check.add_argument("files", nargs="*", metavar="FILE")
    check.set_defaults(handler=_cmd_check)
    listing = plans_sub.add_parser(
        "list", parents=[common], help="the shipped plans, their levels and review"
    )
    listing.set_defaults(handler=_cmd_list)


def _cmd_check(args: argparse.Namespace) -> int:
    from commandcenter.services.emergency.api import (
        check_plan,
        load_resources,
        shipped_plans,
    )
    from commandcenter.services.kernel.catalog import reference_department_codes
    from commandcenter.services.kernel.validated_file import InvalidFileError

    paths = [Path(f) for f in args.files] or shipped_plans()
    departments = _departments(args.db) if args.db else reference_department_codes()
    resources = load_resources()
    today = dt.date.today()
    refused = 0
    for path in paths:
        try:
            checked = check_plan(path, departments, resources, today)
        except InvalidFileError as error:
            refused += 1
            print(f"refused {error}")
            continue
        if not checked.usable:
            refused += 1
            print(f"refused {path}: {'; '.join(checked.findings)}")
            continue
        plan = checked.plan
        print(f"ok {path}: {plan.code} {plan.version} ({plan.status})")
    if refused:
        print(f"{refused} of {len(paths)} plans refused", file=sys.stderr)
    return 1 if refused else 0


def _departments(url: str) -> list[str]:
    """The department codes of the database named by --db (read only)."""
    from sqlalchemy import select

    from commandcenter.db.database import Database
    from commandcenter.models import Department

    db = Database(url)
    try:
        with db.read() as session:
            return list(session.execute(select(Department.code)).scalars())
    finally:
        db.dispose()


def _cmd_list(args: argparse.Namespace) -> int:
    from commandcenter.services.emergency.api import PlanFile, shipped_plans
    from commandcenter.services.kernel.validated_file import load_yaml

    for path in shipped_plans():
        plan = load_yaml(PlanFile, path)
        levels = "/".join(level.value for level in plan.levels)
        tasks = sum(len(level.tasks) for level in plan.levels.values())
        print(
            f"{plan.code:<14} {plan.version:<5} {plan.status:<8} review by "
            f"{plan.review_by}  levels {levels:<11} {tasks:>2} tasks  {plan.title}"
        )
    return 0
