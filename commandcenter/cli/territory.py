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
        help="territory from GeoJSON (codes of 6/9/12/15 digits)",
    )
    grids.add_argument("file", metavar="FILE")
    grids.set_defaults(handler=_cmd_import_grids)


def _cmd_import_grids(args: argparse.Namespace) -> int:
    from commandcenter.services.territory.api import (
        import_areas,
        read_geojson,
    )

    progress = TerminalProgress()
    progress.stage(f"reading {args.file}")
    collection = read_geojson(Path(args.file))
    with database(args) as db:
        progress.stage("checking every area, then writing them all or none")
        changes = import_areas(db, collection, actor_id=None)
    print(
        f"imported {len(changes.ids[EntityKind.AREA])} areas (event {changes.event_id})"
    )
    return 0
