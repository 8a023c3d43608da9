"""`commandcenter import grids`: territory from GIS files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from commandcenter.cli._services import database
from commandcenter.cli.progress import TerminalProgress
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser("import", help="import reference data")
    imp_sub = imp.add_subparsers(dest="import_command", required=True, metavar="WHAT")
    grids = imp_sub.add_parser(
        "grids",
        parents=[common],
        help="territory (district, streets, communities, grids: codes of "
        "6/9/12/15 digits) from GeoJSON, a Shapefile (zipped or not) or a "
        "GeoPackage, checked whole, then written all or nothing",
    )
    grids.add_argument("file", metavar="FILE")
    grids.add_argument("--layer", help="the layer to read (when the file has several)")
    grids.add_argument(
        "--crs",
        metavar="CRS",
        help="the file's coordinates: wgs84, EPSG:4490 (CGCS2000), gcj02 "
        "(AMap/Tencent), bd09 (Baidu) or EPSG:<code> (default: what the file says)",
    )
    grids.add_argument("--code-field", default="code", metavar="FIELD")
    grids.add_argument("--name-field", default="name", metavar="FIELD")
    grids.add_argument(
        "--check", action="store_true", help="check and report only; write nothing"
    )
    grids.set_defaults(handler=_cmd_import_grids)


def _cmd_import_grids(args: argparse.Namespace) -> int:
    from commandcenter.services.territory.api import (
        Layout,
        commit_import,
        plan_import,
        read_territory,
    )

    progress = TerminalProgress()
    progress.stage(f"reading {args.file}")
    features = read_territory(
        Path(args.file),
        Layout(args.layer, args.crs, args.code_field, args.name_field),
    )
    with database(args) as db:
        progress.stage("checking every area against the stored territory")
        plan = plan_import(db, features)
        for warning in plan.warnings:
            print(f"note: {warning}")
        counts = ", ".join(
            f"{level.value} {count}" for level, count in plan.counts().items()
        )
        if args.check:
            print(f"checked: {counts}; nothing written (without --check it would be)")
            return 0
        progress.stage("writing them all or none")
        changes = commit_import(db, plan, actor_id=None)
    print(
        f"imported {len(changes.ids[EntityKind.AREA])} areas ({counts}; "
        f"event {changes.event_id})"
    )
    return 0
