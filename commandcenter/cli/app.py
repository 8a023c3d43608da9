"""The windows: `run`, `wall`, `wall-token` and `screenshot`."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from commandcenter.cli._services import services
from commandcenter.cli.demo import build_demo
from commandcenter.config import default_token_file

if TYPE_CHECKING:
    from commandcenter.camsim.process import CamsimProcess
    from commandcenter.cli._parsing import Subcommands
    from commandcenter.db.database import Database

LAYOUT_HELP = (
    "panel layout: standard (one 16:9 screen), lcd-3x3 (a 3x3 wall of 1080p "
    "screens) or a layout JSON file (default: standard)"
)


def register(
    sub: Subcommands, common: argparse.ArgumentParser, ui: argparse.ArgumentParser
) -> None:
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
    _register_screenshots(sub, common, ui)

    wall = sub.add_parser(
        "wall",
        parents=[common, ui],
        help="the unattended big-screen display (大屏), full screen, no dialogs",
    )
    wall.add_argument("--screen", type=int, default=0, help="screen number (0 first)")
    wall.add_argument(
        "--layout", type=_big_screen_layout, default="standard", help=LAYOUT_HELP
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


def _register_screenshots(
    sub: Subcommands, common: argparse.ArgumentParser, ui: argparse.ArgumentParser
) -> None:
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
    shot_of(
        "incident",
        "the workstation showing the newest incident's command view",
        (1920, 1080),
        "supervisor",
    )
    for name, what in (
        ("drill", "a workstation under the DRILL banner, mid-drill"),
        ("console", "the controller's drill console, mid-drill"),
    ):
        drill = shot_of(name, what, (1920, 1080), "operator")
        drill.add_argument(
            "--scenario", default="typhoon-night", help="a shipped scenario's id"
        )
    shot_wall = shot_of("wall", "the big-screen wall display", (3840, 2160), None)
    shot_wall.add_argument(
        "--layout", type=_big_screen_layout, default="standard", help=LAYOUT_HELP
    )


def _tiles(value: str) -> object:
    """--tiles, checked before any window opens."""
    from commandcenter.views.map.tile_source import TileSourceError, resolve

    try:
        return resolve(value)
    except TileSourceError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _big_screen_layout(value: str) -> object:
    """--layout, checked whole before any window opens."""
    from commandcenter.views.big_screen.layout import WallLayoutError, load_layout

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


def _cmd_run(args: argparse.Namespace) -> int:
    from commandcenter.views.shell.app import run_workstation

    with services(args, create=True) as opened, ExitStack() as stack:
        if args.demo and opened.db.is_empty():
            build_demo(opened.db, seed=1, small=False)
        if args.demo:
            _simulate_cameras(stack, opened.db)
        return run_workstation(opened, args.lang, args.tiles)


def _cmd_wall(args: argparse.Namespace) -> int:
    from commandcenter.services.kernel.errors import AuthenticationError
    from commandcenter.views.shell.app import run_wall

    with services(args, create=args.demo) as opened, ExitStack() as stack:
        if args.demo and opened.db.is_empty():
            build_demo(opened.db, seed=1, small=False)
        token_file = Path(args.token_file or default_token_file())
        if not token_file.exists() and args.demo and opened.auth.has_demo_accounts():
            _save_token(token_file, opened.auth.issue_wall_token("wall"))
        if not token_file.exists():
            print(
                f"commandcenter: no wall token at {token_file}; an administrator makes "
                "one with: commandcenter wall-token --user WALL_ACCOUNT",
                file=sys.stderr,
            )
            return 2
        try:
            opened.auth.login_wall_token(token_file.read_text(encoding="utf-8"))
        except AuthenticationError as error:
            print(f"commandcenter: {error} ({token_file})", file=sys.stderr)
            return 2
        if args.demo:
            _simulate_cameras(stack, opened.db)
        return run_wall(opened, args.lang, args.screen, args.layout)


def _cmd_wall_token(args: argparse.Namespace) -> int:
    with services(args) as opened:
        token = opened.auth.issue_wall_token(args.user)
    out = Path(args.out or default_token_file())
    _save_token(out, token)
    print(f"wrote the wall token for {args.user} to {out} (readable by you only)")
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    """Render the workstation or the wall with the demo (built if the database
    is empty), starting the camera simulator when video is in the picture."""
    from commandcenter.views.shell.app import screenshot_wall, screenshot_workstation

    with services(args, create=True) as opened, ExitStack() as stack:
        if opened.db.is_empty():
            build_demo(opened.db, seed=1, small=False)
        wall = args.screen == "wall"
        if wall or getattr(args, "wall", None):
            _simulate_cameras(stack, opened.db)
        if wall:
            screenshot_wall(opened, Path(args.out), args.size, args.lang, args.layout)
        elif args.screen in ("drill", "console"):
            from commandcenter.cli.drills import scenario_path
            from commandcenter.services.drills.api import ScenarioFile
            from commandcenter.services.kernel.validated_file import load_yaml
            from commandcenter.views.shell.app import screenshot_drill

            screenshot_drill(
                opened,
                Path(args.out),
                args.size,
                args.lang,
                args.user,
                load_yaml(ScenarioFile, scenario_path(args.scenario)),
                console=args.screen == "console",
            )
        else:
            screenshot_workstation(
                opened,
                Path(args.out),
                args.size,
                args.lang,
                args.user,
                getattr(args, "wall", None),
                statistics=args.screen == "stats",
                incident=args.screen == "incident",
            )
    print(f"wrote {args.out}")
    return 0


def _save_token(path: Path, token: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(token + "\n", encoding="utf-8")


def _simulate_cameras(stack: ExitStack, db: Database) -> None:
    """Start the camera simulator for as long as `stack` lasts, if needed."""
    simulator = _demo_simulator(db)
    if simulator is not None:
        stack.callback(simulator.close)


def _demo_simulator(db: Database) -> CamsimProcess | None:
    """The camera simulator in the background, when the demo's cameras point at
    it and it is not running already; None when real cameras are configured."""
    import socket

    from sqlalchemy import func, select

    from commandcenter.camsim.process import CamsimProcess
    from commandcenter.models import Camera
    from commandcenter.services.demo.api import (
        CAMSIM_PORT,
        CAMSIM_URL,
    )

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
