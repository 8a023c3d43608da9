"""`commandcenter plans …` and `commandcenter incident …`: the emergency plans
(应急预案) people edit, and the incidents run on them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from commandcenter.cli._files import each_file

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
    importing = plans_sub.add_parser(
        "import",
        parents=[common],
        help="check plan files and store each as a new version in the database "
        "(the shipped ones when none is named); a version already stored with "
        "the same content is left as it is",
    )
    importing.add_argument("files", nargs="*", metavar="FILE")
    importing.set_defaults(handler=_cmd_import)

    incident = sub.add_parser("incident", help="emergency incidents (应急事件)")
    incident_sub = incident.add_subparsers(
        dest="incident_command", required=True, metavar="ACTION"
    )
    incidents = incident_sub.add_parser(
        "list", parents=[common], help="the latest incidents, those under way first"
    )
    incidents.add_argument("--limit", type=int, default=20)
    incidents.set_defaults(handler=_cmd_incident_list)
    show = incident_sub.add_parser(
        "show", parents=[common], help="one incident: its tasks and timeline"
    )
    show.add_argument("id", type=int, metavar="ID")
    show.set_defaults(handler=_cmd_incident_show)
    report = incident_sub.add_parser(
        "report",
        parents=[common],
        help="the incident report (应急处置报告): timeline, plan against actual "
        "per task (a Gantt chart in the PDF), response times by department",
    )
    report.add_argument("id", type=int, metavar="ID")
    report.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
    report.add_argument("--out", metavar="FILE", help="default: incident-NUMBER.EXT")
    report.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        default="zh_CN",
        help="the PDF's language (the workbook is in Chinese, like the archive's)",
    )
    report.set_defaults(handler=_cmd_incident_report)
    replay = incident_sub.add_parser(
        "replay",
        parents=[common],
        help="play an incident back on the map with a time slider (回放); with "
        "--out, render it to a PNG instead",
    )
    replay.add_argument("id", type=int, metavar="ID")
    replay.add_argument("--out", metavar="FILE.png")
    replay.add_argument(
        "--at", type=float, metavar="MINUTES", help="with --out: minutes in"
    )
    replay.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    replay.set_defaults(handler=_cmd_incident_replay)


def _cmd_check(args: argparse.Namespace) -> int:
    from commandcenter.services.emergency.api import (
        check_plan,
        load_resources,
        shipped_plans,
    )
    from commandcenter.services.kernel.catalog import reference_department_codes
    from commandcenter.services.kernel.errors import ValidationError

    paths = [Path(f) for f in args.files] or shipped_plans()
    departments = _departments(args.db) if args.db else reference_department_codes()
    resources = load_resources()
    today = dt.date.today()

    def check(path: Path) -> str:
        checked = check_plan(path, departments, resources, today)
        if not checked.usable:
            raise ValidationError(f"{path}: {'; '.join(checked.findings)}")
        plan = checked.plan
        return f"ok {path}: {plan.code} {plan.version} ({plan.status})"

    return each_file(paths, check, "plans")


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


def _cmd_import(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import database
    from commandcenter.services.emergency.api import import_plan, shipped_plans

    paths = [Path(f) for f in args.files] or shipped_plans()
    with database(args) as db:

        def store(path: Path) -> str:
            changes, stored = import_plan(db, None, path, dt.date.today())
            done = "imported" if changes is not None else "unchanged"
            return f"{done} {stored.code} {stored.version} ({stored.status}) {path}"

        return each_file(paths, store, "plans")


def _cmd_incident_list(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services

    with services(args) as opened:
        now = opened.clock()
        for incident in opened.incident_queries.recent(args.limit):
            done, open_tasks, late = incident.counts(now)
            print(
                f"{incident.id:>5} {incident.number} {incident.state.value:<10} "
                f"{incident.level.value:<3} {incident.plan_code:<14} "
                f"tasks {done} done / {open_tasks} open / {late} overdue  "
                f"{incident.title}"
            )
    return 0


def _cmd_incident_show(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services

    with services(args) as opened:
        zone = opened.calendars.get().zone
        now = opened.clock()
        incident = opened.incident_queries.detail(args.id)
        timeline = opened.incident_queries.timeline(args.id)

    def when(moment: dt.datetime | None) -> str:
        return moment.astimezone(zone).strftime("%m-%d %H:%M") if moment else "-"

    print(f"{incident.number} {incident.title}")
    print(
        f"plan {incident.plan_code} {incident.plan_version}, level "
        f"{incident.level.value}, {incident.state.value}, commander "
        f"{incident.commander}, activated {when(incident.activated_at)}"
    )
    print("tasks:")
    for task in incident.tasks:
        light = task.status(now)
        print(
            f"  {task.id:>5} {task.template:<6} {task.department_code:<6} "
            f"{task.state.value:<12} due {when(task.due_at)} "
            f"{light.value if light else '':<5} {task.text}"
        )
    print("timeline:")
    for entry in timeline:
        print(f"  {when(entry.at)} {entry.actor or '-'} {entry.kind}")
    return 0


def _cmd_incident_report(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services
    from commandcenter.services.emergency.api import (
        build_incident_report,
        write_incident_xlsx,
    )

    with services(args) as opened:
        report = build_incident_report(
            opened.incident_queries,
            args.id,
            opened.clock(),
            opened.calendars.get().zone,
        )
    out = Path(args.out or f"incident-{report.incident.number}.{args.format}")
    if args.format == "xlsx":
        write_incident_xlsx(report, out)
    else:
        from commandcenter.cli._qt import gui_application
        from commandcenter.views.emergency.incident_report_pdf import (
            write_incident_pdf,
        )
        from commandcenter.views.kernel.i18n import install_translators

        app = gui_application()
        _translators = install_translators(app, args.lang)  # kept while painting
        write_incident_pdf(report, out)
    print(f"wrote {out}")
    return 0


def _cmd_incident_replay(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services
    from commandcenter.views.shell.app import run_replay

    with services(args) as opened:
        out = Path(args.out) if args.out else None
        code = run_replay(opened, args.lang, args.id, out, args.at)
    if out is not None:
        print(f"wrote {out}")
    return code
