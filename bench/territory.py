"""Territory import benchmark (issue 16). Prints JSON.

    python bench/territory.py

The demo's whole Xuhui territory (1 district, 13 streets, 273 communities,
5,730 grids) as a district's survey office would hand it over: a zipped
Shapefile drawn on a web map (GCJ-02, saying "WGS 84"), with the codes and
names in fields of its own. Into a database set up with `init`'s operation
on SQLite, timed step by step:

- `read_s`: the file read with GDAL and every vertex taken back from GCJ-02
  to WGS-84 (`read_territory`), beside `floor_read_s`: the same file read
  by GDAL alone (`pyogrio.raw.read`, geometries left as WKB): what any
  reader pays;
- `check_s`: the whole territory checked against the stored one (codes,
  nesting, overlaps, gaps: `plan_import`);
- `commit_s`: written in one transaction with its event (`commit_import`);
- `max_offset_error_m`: the largest distance between a vertex as surveyed
  and as stored after the round trip through GCJ-02 (target: under 1 m).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.services…

import numpy as np
import pyogrio.raw
import shapely
from sqlalchemy import select

from commandcenter.db.database import Database
from commandcenter.models import Area
from commandcenter.services.admin.api import District, set_up
from commandcenter.services.demo.builder import DemoOptions
from commandcenter.services.demo.territory_gen import build_features
from commandcenter.services.territory.api import (
    Layout,
    commit_import,
    plan_import,
    read_territory,
)
from tests.services.territory.gis_files import to_gcj02


def _survey_file(folder: Path, features: list[Any]) -> Path:
    shapefile = folder / "xuhui_grids.shp"
    pyogrio.raw.write(
        str(shapefile),
        np.array(
            [shapely.to_wkb(to_gcj02(f.geometry)) for f in features], dtype=object
        ),
        [
            np.array([f.code for f in features], dtype=object),
            np.array([f.name for f in features], dtype=object),
        ],
        ["WGBM", "WGMC"],
        geometry_type="Unknown",
        crs="EPSG:4326",
        encoding="UTF-8",
    )
    archive = folder / "xuhui_grids.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for part in folder.glob("xuhui_grids.*"):
            if part.suffix != ".zip":
                bundle.write(part, part.name)
    return archive


def main() -> None:
    features = build_features(DemoOptions.preset(False).plan)
    surveyed = {f.code: f.geometry for f in features}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        archive = _survey_file(folder, features)
        db = Database(f"sqlite:///{folder / 'xuhui.sqlite3'}")
        db.upgrade()
        set_up(
            db,
            District("310104", "徐汇区"),
            "admin",
            "管理员",
            "Bench-2026x",
            datetime.now(UTC),
        )

        started = time.perf_counter()
        pyogrio.raw.read(archive)
        floor_read = time.perf_counter() - started

        started = time.perf_counter()
        read = read_territory(
            archive, Layout(crs="gcj02", code_field="WGBM", name_field="WGMC")
        )
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        plan = plan_import(db, read)
        check_s = time.perf_counter() - started
        started = time.perf_counter()
        commit_import(db, plan, actor_id=None)
        commit_s = time.perf_counter() - started

        worst = 0.0
        with db.read() as session:
            for code, geometry in session.execute(select(Area.code, Area.geometry)):
                stored = shapely.get_coordinates(shapely.from_geojson(geometry))
                for x, y in shapely.get_coordinates(surveyed[code])[::7]:
                    nearest = np.min(np.hypot(stored[:, 0] - x, stored[:, 1] - y))
                    worst = max(worst, nearest * 111_320)
        db.dispose()
    print(
        json.dumps(
            {
                "areas": len(features),
                "read_s": round(read_s, 2),
                "floor_read_s": round(floor_read, 2),
                "check_s": round(check_s, 2),
                "commit_s": round(commit_s, 2),
                "warnings": len(plan.warnings),
                "max_offset_error_m": round(worst, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
