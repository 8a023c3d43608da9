"""The `commandcenter` command line. No Qt import at module level."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from commandcenter.config import DB_ENV_VAR, default_db_url, default_token_file
from commandcenter.models.db import Database
from commandcenter.services.errors import DomainError

if TYPE_CHECKING:
    from commandcenter.camsim.process import CamsimProcess
    from commandcenter.services.evaluation_report import EvaluationReport

Handler = Callable[[argparse.Namespace], int]


def _db(args: argparse.Namespace) -> Database:
    """Open and migrate the database named by --db (the app migrates on start)."""
    db = Database(args.db or default_db_url())
    db.upgrade()
    return db


def _cmd_run(args: argparse.Namespace) -> int:
    db = _db(args)
    if args.demo and db.is_empty():
        _build_demo(db, seed=1, small=False)
    from commandcenter.services.container import Services
    from commandcenter.views.app import run_workstation

    services = Services(db)
    simulator = _demo_simulator(db) if args.demo else None
    try:
        return run_workstation(services, args.lang, args.tiles)
    finally:
        services.close()
        if simulator is not None:
            simulator.close()


def _cmd_wall(args: argparse.Namespace) -> int:
    from commandcenter.services.container import Services
    from commandcenter.services.errors import AuthenticationError
    from commandcenter.views.app import run_wall

    db = _db(args)
    if args.demo and db.is_empty():
        _build_demo(db, seed=1, small=False)
    services = Services(db)
    token_file = Path(args.token_file or default_token_file())
    try:
        if not token_file.exists() and args.demo and services.auth.has_demo_accounts():
            _save_token(token_file, services.auth.issue_wall_token("wall"))
        if not token_file.exists():
            print(
                f"commandcenter: no wall token at {token_file}; an administrator makes "
                "one with: commandcenter wall-token --user WALL_ACCOUNT",
                file=sys.stderr,
            )
            return 2
        try:
            services.auth.login_wall_token(token_file.read_text(encoding="utf-8"))
        except AuthenticationError as error:
            print(f"commandcenter: {error} ({token_file})", file=sys.stderr)
            return 2
        simulator = _demo_simulator(db) if args.demo else None
        try:
            return run_wall(services, args.lang, args.screen, args.layout)
        finally:
            if simulator is not None:
                simulator.close()
    finally:
        services.close()


def _cmd_wall_token(args: argparse.Namespace) -> int:
    from commandcenter.services.container import Services

    services = Services(_db(args))
    try:
        token = services.auth.issue_wall_token(args.user)
    finally:
        services.close()
    out = Path(args.out or default_token_file())
    _save_token(out, token)
    print(f"wrote the wall token for {args.user} to {out} (readable by you only)")
    return 0


def _save_token(path: Path, token: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(token + "\n", encoding="utf-8")


def _demo_simulator(db: Database) -> CamsimProcess | None:
    """The camera simulator in the background, when the demo's cameras point at
    it and it is not running already; None when real cameras are configured."""
    import socket

    from sqlalchemy import func, select

    from commandcenter.camsim.process import CamsimProcess
    from commandcenter.models import Camera
    from commandcenter.services.demo.population import CAMSIM_PORT, CAMSIM_URL

    with db.read() as session:
        simulated = session.execute(
            select(func.count(Camera.id)).where(Camera.sub_url.startswith(CAMSIM_URL))
        ).scalar_one()
    if not simulated:
        return None
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", CAMSIM_PORT)) == 0:
            return None  # one is serving already (another window, or by hand)
    url = db.engine.url.render_as_string(hide_password=False)
    return CamsimProcess.start(["--port", str(CAMSIM_PORT), "--db", url])


def _tiles(value: str) -> object:
    """--tiles, checked before any window opens."""
    from commandcenter.views.tile_source import TileSourceError, resolve

    try:
        return resolve(value)
    except TileSourceError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _wall_layout(value: str) -> object:
    """--layout, checked whole before any window opens."""
    from commandcenter.views.wall_display_layout import WallLayoutError, load_layout

    try:
        return load_layout(value)
    except WallLayoutError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not WIDTHxHEIGHT: {text!r}") from error
    if not (320 <= width <= 16384 and 240 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"size out of range: {text!r}")
    return width, height


def _cmd_screenshot(args: argparse.Namespace) -> int:
    """Render the workstation or the wall with the demo (built if the database
    is empty), starting the camera simulator when video is in the picture."""
    db = _db(args)
    if db.is_empty():
        _build_demo(db, seed=1, small=False)
    from commandcenter.services.container import Services
    from commandcenter.views.app import screenshot_wall, screenshot_workstation

    services = Services(db)
    wall = args.screen == "wall"
    simulator = _demo_simulator(db) if wall or getattr(args, "wall", None) else None
    try:
        if wall:
            screenshot_wall(services, Path(args.out), args.size, args.lang, args.layout)
        else:
            screenshot_workstation(
                services,
                Path(args.out),
                args.size,
                args.lang,
                args.user,
                getattr(args, "wall", None),
                statistics=args.screen == "stats",
            )
    finally:
        services.close()
        if simulator is not None:
            simulator.close()
    print(f"wrote {args.out}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    db = _db(args)
    _build_demo(
        db, seed=args.seed, days=args.days, small=args.small, per_day=args.per_day
    )
    return 0


def _build_demo(
    db: Database,
    seed: int,
    small: bool,
    days: int | None = None,
    per_day: float | None = None,
) -> None:
    from commandcenter.services.demo.builder import DemoOptions, build_demo
    from commandcenter.services.demo.population import demo_config

    options = DemoOptions.preset(small).with_(seed=seed, days=days, per_day=per_day)
    print(f"building the Xuhui demo into {db.url} …", flush=True)
    summary = build_demo(
        db, options, progress=lambda step: print(f"  {step}", flush=True)
    )
    for line in summary.lines():
        print(line)
    config = demo_config()
    names = ", ".join(account["username"] for account in config["accounts"])
    print(f"demo accounts ({config['password']}): {names}")


def _print_counts(db: Database) -> None:
    from sqlalchemy import func, select

    from commandcenter.models import Case, Event
    from commandcenter.models.types import OPEN_STATES

    with db.read() as session:
        cases = session.execute(select(func.count()).select_from(Case)).scalar_one()
        open_cases = session.execute(
            select(func.count())
            .select_from(Case)
            .where(Case.state.in_([s.value for s in OPEN_STATES]))
        ).scalar_one()
        events = session.execute(select(func.count()).select_from(Event)).scalar_one()
    print(f"cases: {cases} ({open_cases} open); events: {events}")


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = _db(args)
    print(f"database {db.url} is at the newest schema")
    return 0


def _cmd_import_grids(args: argparse.Namespace) -> int:
    from commandcenter.services.area_import import import_areas, read_geojson

    db = _db(args)
    changes = import_areas(db, read_geojson(Path(args.file)), actor_id=None)
    print(f"imported {len(changes.ids['area'])} areas (event {changes.event_id})")
    return 0


def _cmd_cameras_import(args: argparse.Namespace) -> int:
    from commandcenter.services.camera_registry import read_cameras
    from commandcenter.services.container import Services

    services = Services(_db(args))
    try:
        changes = services.cameras.import_cameras(None, read_cameras(Path(args.file)))
    finally:
        services.close()
    print(f"imported {len(changes.ids['camera'])} cameras (event {changes.event_id})")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:

    from commandcenter.services.container import Services
    from commandcenter.services.evaluation_report import (
        build_report,
        report_json,
        write_xlsx,
    )
    from commandcenter.services.kpi import PeriodKind

    services = Services(_db(args))
    try:
        day = args.date or services.clock().astimezone(services.kpis.zone()).date()
        report = build_report(services, PeriodKind(args.period), day)
    finally:
        services.close()
    if args.format == "json":
        text = json.dumps(report_json(report, args.lang), ensure_ascii=False, indent=1)
        if not args.out:
            print(text)
            return 0
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    name = f"evaluation-{args.period}-{report.period.first_day}.{args.format}"
    out = Path(args.out or name)
    if args.format == "xlsx":
        write_xlsx(report, out, args.lang)
    else:
        _write_pdf(report, out, args.lang)
    print(f"wrote {out}")
    return 0


def _write_pdf(report: EvaluationReport, out: Path, lang: str) -> None:
    """Qt lays the PDF out: a GUI application without a window (offscreen
    when there is no display)."""
    import os

    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from commandcenter.views.report_pdf import write_pdf

    _app = QGuiApplication.instance() or QGuiApplication([])  # kept alive
    write_pdf(report, out, lang)


def _date(text: str) -> object:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"not a date (YYYY-MM-DD): {text!r}"
        ) from error


def _cmd_retention(args: argparse.Namespace) -> int:
    from commandcenter.services.container import Services

    services = Services(_db(args))
    try:
        if args.days is not None:
            services.retention.set_days(None, args.days)
        days = services.retention.days()
        if not args.purge:
            print(f"personal data of ended cases is kept {days} days")
            return 0
        report = services.retention.purge(None)
    finally:
        services.close()
    print(
        f"purged: {report.contacts} reporter contacts and {report.snapshots} video "
        f"snapshots of {len(report.cases)} cases ended before "
        f"{report.cutoff:%Y-%m-%d %H:%M} UTC ({days} days)"
    )
    return 0


def _cmd_cameras_export(args: argparse.Namespace) -> int:
    from commandcenter.services.camera_registry import to_csv, to_geojson
    from commandcenter.services.container import Services

    services = Services(_db(args))
    try:
        specs = services.cameras.export_cameras()
    finally:
        services.close()
    if args.format == "csv":
        text = to_csv(specs)
    else:
        text = json.dumps(to_geojson(specs), ensure_ascii=False, indent=1) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {len(specs)} cameras to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_camsim(args: argparse.Namespace) -> int:
    import time

    from sqlalchemy import select

    from commandcenter.camsim.server import Simulator, generic_cameras
    from commandcenter.models import Camera
    from commandcenter.services.demo.population import CAMSIM_URL

    if args.count:
        cameras = generic_cameras(args.count)
    else:
        db = _db(args)
        with db.read() as session:
            rows = session.execute(
                select(Camera.code, Camera.name)
                .where(Camera.sub_url.startswith(CAMSIM_URL))
                .order_by(Camera.code)
            ).all()
        cameras = [(row.code, row.name) for row in rows]
        if not cameras:
            print("commandcenter: no camera points at the simulator; use --count N")
            return 2
    simulator = Simulator(cameras, port=args.port)
    print(
        f"camsim: {len(cameras)} cameras on http://127.0.0.1:{simulator.port}/"
        "{code}/sub.ts (640x360) and main.ts (1280x720); Ctrl+C stops",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        simulator.close()
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    from commandcenter.services.event_log import verify_chain

    db = _db(args)
    with db.read() as session:
        report = verify_chain(session)
    if report.ok:
        print(f"ok: {report.checked} events, hash chain intact")
        return 0
    print(
        f"TAMPERED: event {report.first_bad_id}: {report.reason} "
        f"({report.checked} events before it are intact)"
    )
    return 1


def _cmd_cases_list(args: argparse.Namespace) -> int:
    from commandcenter.services.case_queries import CaseFilter
    from commandcenter.services.container import Services

    services = Services(_db(args))
    rows = services.queries.find(
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
    if args.json:
        json.dump(
            [row.to_json() for row in rows], sys.stdout, ensure_ascii=False, indent=1
        )
        print()
        return 0
    zone = services.cases.calendar.zone  # operators read local time
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
            f"{row.deadline_status or ''}"
        )
    print(f"{len(rows)} cases")
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        help=f"SQLAlchemy database URL (default: ${DB_ENV_VAR}, "
        "else a SQLite file in the user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog="commandcenter",
        description="Grid-management command center (网格化综合管理指挥中心).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ui = argparse.ArgumentParser(add_help=False)
    ui.add_argument(
        "--lang",
        choices=["zh_CN", "en", "system"],
        help="UI language (default zh_CN; system: the desktop's locale)",
    )
    run = sub.add_parser("run", parents=[common, ui], help="start the workstation")
    run.add_argument(
        "--demo", action="store_true", help="build the demo if the database is empty"
    )
    run.add_argument(
        "--tiles",
        metavar="URL|FILE",
        type=_tiles,
        help="base-map tiles: an XYZ URL template of a tile server you run, or a "
        "local .mbtiles file (default: none; the vector layers stand alone)",
    )
    run.set_defaults(handler=_cmd_run)

    shot = sub.add_parser("screenshot", help="render a window to a PNG")
    shot_sub = shot.add_subparsers(dest="screen", required=True, metavar="WINDOW")

    def shot_of(
        name: str, help_text: str, size: tuple[int, int], user: str | None
    ) -> argparse.ArgumentParser:
        parser = shot_sub.add_parser(name, parents=[common, ui], help=help_text)
        parser.add_argument("--out", required=True, metavar="FILE.png")
        parser.add_argument("--size", type=_size, default=size, metavar="WxH")
        if user is not None:
            parser.add_argument("--user", default=user, help="whose view")
        parser.set_defaults(handler=_cmd_screenshot)
        return parser

    workstation = shot_of(
        "workstation", "the operator workstation", (1920, 1080), "operator"
    )
    workstation.add_argument(
        "--wall",
        choices=("1", "4", "9", "16", "1+5", "1+7"),
        help="show the video wall in this layout, every tile live (starts the "
        "demo's camera simulator)",
    )
    shot_of(
        "stats",
        "the workstation showing this month's statistics",
        (1920, 1080),
        "supervisor",
    )
    layout_help = (
        "panel layout: standard (one 16:9 screen), lcd-3x3 (a 3x3 wall of 1080p "
        "screens) or a layout JSON file (default: standard)"
    )
    shot_wall = shot_of("wall", "the big-screen wall display", (3840, 2160), None)
    shot_wall.add_argument(
        "--layout", type=_wall_layout, default="standard", help=layout_help
    )

    wall = sub.add_parser(
        "wall",
        parents=[common, ui],
        help="the unattended big-screen display (大屏), full screen, no dialogs",
    )
    wall.add_argument("--screen", type=int, default=0, help="screen number (0 first)")
    wall.add_argument(
        "--layout", type=_wall_layout, default="standard", help=layout_help
    )
    wall.add_argument(
        "--token-file", metavar="FILE", help="the wall token (default: config dir)"
    )
    wall.add_argument(
        "--demo",
        action="store_true",
        help="build the demo into an empty database and sign in its wall account",
    )
    wall.set_defaults(handler=_cmd_wall)
    wall_token = sub.add_parser(
        "wall-token",
        parents=[common],
        help="issue the token a wall display signs in with (replaces the old one)",
    )
    wall_token.add_argument("--user", default="wall", help="a wall-role account")
    wall_token.add_argument("--out", metavar="FILE", help="default: the config dir")
    wall_token.set_defaults(handler=_cmd_wall_token)

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

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser(
        "upgrade", parents=[common], help="migrate to the newest schema"
    ).set_defaults(handler=_cmd_db_upgrade)

    imp = sub.add_parser("import", help="import reference data")
    imp_sub = imp.add_subparsers(dest="import_command", required=True, metavar="WHAT")
    grids = imp_sub.add_parser(
        "grids",
        parents=[common],
        help="territory from GeoJSON (codes of 6/9/12/15 digits)",
    )
    grids.add_argument("file", metavar="FILE")
    grids.set_defaults(handler=_cmd_import_grids)

    cameras = sub.add_parser("cameras", help="the video cameras")
    cameras_sub = cameras.add_subparsers(
        dest="cameras_command", required=True, metavar="ACTION"
    )
    cam_import = cameras_sub.add_parser(
        "import",
        parents=[common],
        help="add cameras from .csv or .geojson (all or nothing)",
    )
    cam_import.add_argument("file", metavar="FILE")
    cam_import.set_defaults(handler=_cmd_cameras_import)
    cam_export = cameras_sub.add_parser(
        "export", parents=[common], help="every camera as CSV or GeoJSON"
    )
    cam_export.add_argument("--format", choices=["csv", "geojson"], default="csv")
    cam_export.add_argument("--out", metavar="FILE", help="default: standard output")
    cam_export.set_defaults(handler=_cmd_cameras_export)

    report = sub.add_parser(
        "report",
        parents=[common],
        help="the daily, weekly or monthly evaluation report (综合评价)",
    )
    report.add_argument("--period", choices=["day", "week", "month"], default="day")
    report.add_argument(
        "--date", type=_date, help="a day in the period (default: today, district time)"
    )
    report.add_argument("--format", choices=["xlsx", "pdf", "json"], default="xlsx")
    report.add_argument(
        "--out",
        metavar="FILE",
        help="default: evaluation-PERIOD-DAY.FORMAT (JSON: standard output)",
    )
    report.add_argument(
        "--lang", choices=["zh_CN", "en"], default="zh_CN", help="labels (Chinese)"
    )
    report.set_defaults(handler=_cmd_report)

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

    camsim = sub.add_parser(
        "camsim",
        parents=[common],
        help="serve simulated live cameras over HTTP MPEG-TS on loopback",
    )
    camsim.add_argument(
        "--port", type=int, default=18554, help="port (default 18554, the demo's)"
    )
    camsim.add_argument(
        "--count",
        type=int,
        default=0,
        help="serve N generic cameras SIM001… instead of the database's",
    )
    camsim.set_defaults(handler=_cmd_camsim)

    audit = sub.add_parser("audit", help="audit trail")
    audit_sub = audit.add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    audit_sub.add_parser(
        "verify", parents=[common], help="check the event hash chain"
    ).set_defaults(handler=_cmd_audit_verify)

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except DomainError as error:
        print(f"commandcenter: {error}", file=sys.stderr)
    except SQLAlchemyError as error:
        reason = str(error.__cause__ or error).splitlines()[0]
        print(f"commandcenter: database error: {reason}", file=sys.stderr)
    except OSError as error:
        print(f"commandcenter: {error}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
