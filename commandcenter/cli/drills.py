"""`commandcenter drills …`: the drill scenarios (演练脚本) people edit, the
drills run on them, their after-action reports and their purge."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from commandcenter.cli._files import each_file

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    drills = sub.add_parser("drills", help="emergency drills (应急演练)")
    drills_sub = drills.add_subparsers(
        dest="drills_command", required=True, metavar="ACTION"
    )
    check = drills_sub.add_parser(
        "check",
        parents=[common],
        help="check scenario files whole, then against the district (the shipped "
        "ones when none is named)",
    )
    check.add_argument("files", nargs="*", metavar="FILE")
    check.set_defaults(handler=_cmd_check)
    listing = drills_sub.add_parser(
        "list", parents=[common], help="the shipped scenarios: plan, injects, length"
    )
    listing.set_defaults(handler=_cmd_list)
    run = drills_sub.add_parser(
        "run",
        parents=[common],
        help="run a drill of a scenario: the controller's console, or in this "
        "terminal with --headless (Ctrl-C aborts it)",
    )
    run.add_argument(
        "scenario", metavar="SCENARIO", help="a shipped scenario's id or a file"
    )
    run.add_argument("--speed", type=float, default=1.0, help="×1 to ×60")
    run.add_argument(
        "--mode", choices=["announced", "unannounced"], default="announced"
    )
    run.add_argument("--headless", action="store_true", help="no window")
    run.add_argument("--lang", choices=["zh_CN", "en", "system"], help="UI language")
    run.add_argument(
        "--user", default="supervisor", help="the controller (a supervisor account)"
    )
    run.set_defaults(handler=_cmd_run)
    runs = drills_sub.add_parser(
        "runs", parents=[common], help="the drills run in this database"
    )
    runs.set_defaults(handler=_cmd_runs)
    report = drills_sub.add_parser(
        "report",
        parents=[common],
        help="a drill's after-action report (演练评估报告), from its log",
    )
    report.add_argument("id", type=int, metavar="ID")
    report.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
    report.add_argument("--out", metavar="FILE", help="default: drill-ID.EXT")
    report.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        default="zh_CN",
        help="the PDF's language (the workbook is in Chinese, like the archive's)",
    )
    report.set_defaults(handler=_cmd_report)
    replay = drills_sub.add_parser(
        "replay",
        parents=[common],
        help="play a drill's response back on the map (its first incident)",
    )
    replay.add_argument("id", type=int, metavar="ID")
    replay.add_argument("--out", metavar="FILE.png")
    replay.add_argument("--at", type=float, metavar="MINUTES")
    replay.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    replay.set_defaults(handler=_cmd_replay)
    plan = drills_sub.add_parser(
        "plan",
        parents=[common],
        help="a drill's improvement plan (整改计划): each item, open or done; "
        "--done ITEM --note TEXT marks one done",
    )
    plan.add_argument("id", type=int, metavar="ID")
    plan.add_argument("--done", type=int, metavar="ITEM")
    plan.add_argument("--note", default="", help="what was done (with --done)")
    plan.add_argument("--user", default="supervisor", help="a supervisor account")
    plan.set_defaults(handler=_cmd_plan)
    purge = drills_sub.add_parser(
        "purge",
        parents=[common],
        help="remove an ended drill's cases and incidents (its log stays, so "
        "its report still builds)",
    )
    purge.add_argument("id", type=int, metavar="ID")
    purge.add_argument("--user", default="supervisor", help="a supervisor account")
    purge.set_defaults(handler=_cmd_purge)


def _cmd_check(args: argparse.Namespace) -> int:
    from commandcenter.services.drills.api import (
        check_scenario,
        shipped_district,
        shipped_scenarios,
    )
    from commandcenter.services.kernel.errors import ValidationError

    paths = [Path(f) for f in args.files] or shipped_scenarios()
    district = shipped_district()

    def check(path: Path) -> str:
        checked = check_scenario(path, district)
        if not checked.usable:
            raise ValidationError(f"{path}: {'; '.join(checked.findings)}")
        scenario = checked.scenario
        return f"ok {path}: {scenario.id} ({len(scenario.injects)} injects)"

    return each_file(paths, check, "scenarios")


def _cmd_list(args: argparse.Namespace) -> int:
    from commandcenter.services.drills.api import ScenarioFile, shipped_scenarios
    from commandcenter.services.kernel.validated_file import load_yaml

    for path in shipped_scenarios():
        scenario = load_yaml(ScenarioFile, path)
        expected = sum(len(inject.expect) for inject in scenario.injects)
        print(
            f"{scenario.id:<16} {scenario.plan:<14} from {scenario.level:<3} "
            f"{len(scenario.injects):>3} injects {expected:>3} expected actions "
            f"{scenario.duration_minutes:>4} min  {scenario.title}"
        )
    return 0


def scenario_path(name: str) -> Path:
    """A scenario file: the path given, or the shipped one with that id or name."""
    from commandcenter.services.drills.api import shipped_scenarios
    from commandcenter.services.kernel.errors import NotFoundError

    given = Path(name)
    if given.suffix in (".yaml", ".yml") or given.exists():
        return given
    for path in shipped_scenarios():
        if name in (path.stem, path.stem.upper()):
            return path
    known = ", ".join(p.stem.upper() for p in shipped_scenarios())
    raise NotFoundError(f"no scenario {name!r} (shipped: {known})", "drill.scenario")


def _cmd_run(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services
    from commandcenter.services.drills.api import (
        DrillRunner,
        Mode,
        ScenarioFile,
        drill_clock,
    )
    from commandcenter.services.kernel.validated_file import load_yaml

    scenario = load_yaml(ScenarioFile, scenario_path(args.scenario))
    if not args.headless:
        from commandcenter.services.drills.api import shipped_scenarios
        from commandcenter.views.shell.app import run_drill_console

        others = [load_yaml(ScenarioFile, path) for path in shipped_scenarios()]
        scenarios = [scenario, *(s for s in others if s.id != scenario.id)]
        with services(args) as opened:
            return run_drill_console(
                opened,
                args.lang,
                args.user,
                scenarios,
                int(args.speed),
                args.mode == "unannounced",
            )
    with services(args) as opened:
        actor = opened.auth.actor(args.user)
        titles = {inject.id: inject.title for inject in scenario.injects}

        def sent(inject_id: str, drill_t: float) -> None:
            print(f"{drill_clock(drill_t)} {inject_id} {titles[inject_id]}", flush=True)

        runner = DrillRunner.start(
            opened.drills,
            opened.db,
            actor,
            scenario,
            Mode(args.mode),
            opened.clock,
            args.speed,
            on_sent=sent,
        )
        print(
            f"drill {runner.drill_id}: {scenario.title} at ×{args.speed:g} "
            f"({scenario.duration_minutes} min of drill time)",
            flush=True,
        )
        try:
            runner.run()
        except KeyboardInterrupt:
            runner.abort("interrupted at the terminal (Ctrl-C)")
            print(f"drill {runner.drill_id} aborted")
            return 130
        late = max(runner.lateness.values(), default=0.0)
        print(
            f"drill {runner.drill_id} ended: {len(runner.progress.sent)} injects "
            f"sent, the latest {late:.2f} s of drill time after its due time; "
            f"report: commandcenter drills report {runner.drill_id}"
        )
    return 0


def _cmd_runs(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services

    with services(args) as opened:
        zone = opened.calendars.get().zone
        drills = opened.drill_queries.runs()
        for drill in reversed(drills):
            print(
                f"{drill.id:>4} {drill.state.value:<8} {drill.mode:<11} "
                f"{drill.started_at.astimezone(zone):%Y-%m-%d %H:%M} "
                f"{drill.scenario:<16} {drill.title}"
            )
        if not drills:
            print("no drills yet")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services
    from commandcenter.services.drills.api import (
        build_after_action,
        write_after_action_xlsx,
    )

    with services(args) as opened, opened.db.read() as session:
        report = build_after_action(
            session, args.id, opened.calendars.get().zone, opened.clock()
        )
    out = Path(args.out or f"drill-{report.drill_id}.{args.format}")
    if args.format == "xlsx":
        write_after_action_xlsx(report, out)
    else:
        from commandcenter.cli._qt import gui_application
        from commandcenter.views.drills.after_action_pdf import write_after_action_pdf
        from commandcenter.views.kernel.i18n import install_translators

        app = gui_application()
        _translators = install_translators(app, args.lang)  # kept while painting
        write_after_action_pdf(report, out)
    print(f"wrote {out}")
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services

    with services(args) as opened:
        changes = opened.drills.purge(opened.auth.actor(args.user), args.id)
        print(f"drill {args.id} purged (event {changes.event_id}); its log is kept")
    return 0


def _cmd_replay(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services
    from commandcenter.services.drills.api import read_drill_log
    from commandcenter.services.kernel.errors import NotFoundError
    from commandcenter.views.shell.app import run_replay

    with services(args) as opened:
        with opened.db.read() as session:
            log = read_drill_log(session, args.id)
        activated = [e for e in log.events if e.kind == "incident.activate"]
        if not activated or activated[0].entity_id is None:
            raise NotFoundError(
                f"drill {args.id} activated no response to replay", "drill.not_found"
            )
        out = Path(args.out) if args.out else None
        code = run_replay(opened, args.lang, activated[0].entity_id, out, args.at)
    if out is not None:
        print(f"wrote {out}")
    return code


def _cmd_plan(args: argparse.Namespace) -> int:
    from commandcenter.cli._services import services
    from commandcenter.services.drills.api import build_after_action

    with services(args) as opened:
        if args.done is not None:
            opened.drills.improvement_done(
                opened.auth.actor(args.user), args.id, args.done, args.note
            )
        with opened.db.read() as session:
            report = build_after_action(
                session, args.id, opened.calendars.get().zone, opened.clock()
            )
    for item in report.improvements:
        state = f"done: {item.note}" if item.done else "open"
        print(
            f"{item.item:>3} {item.due} {item.department:<6} {state}\n"
            f"    {item.finding} → {item.action}"
        )
    if not report.improvements:
        print(f"drill {args.id} has no improvement items")
    return 0
