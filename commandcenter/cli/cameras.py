"""`commandcenter cameras …` and `commandcenter camsim`: the video cameras."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from commandcenter.cli._services import database, services
from commandcenter.cli.progress import TerminalProgress
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
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


def _cmd_cameras_import(args: argparse.Namespace) -> int:
    from commandcenter.services.cameras.api import (
        read_cameras,
    )

    progress = TerminalProgress()
    progress.stage(f"reading {args.file}")
    specs = read_cameras(Path(args.file))
    with services(args) as opened:
        progress.stage(f"checking {len(specs)} cameras, then writing them all or none")
        changes = opened.cameras.import_cameras(None, specs)
    count = len(changes.ids[EntityKind.CAMERA])
    print(f"imported {count} cameras (event {changes.event_id})")
    return 0


def _cmd_cameras_export(args: argparse.Namespace) -> int:
    from commandcenter.services.cameras.api import (
        to_csv,
        to_geojson,
    )

    with services(args) as opened:
        specs = opened.cameras.export_cameras()
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
    from commandcenter.services.demo.api import (
        CAMSIM_URL,
    )

    if args.count:
        cameras = generic_cameras(args.count)
    else:
        with database(args) as db, db.read() as session:
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
