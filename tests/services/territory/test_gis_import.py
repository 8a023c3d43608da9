"""Territory from real GIS files: GeoJSON, Shapefiles (zipped or not) and
GeoPackages, in WGS-84, CGCS2000, a Gauss-Krüger projection, or the GCJ-02 /
BD-09 offsets of Chinese web maps, all landing where the survey put them
(within 1 m); and every kind of broken file refused with its feature named,
nothing written."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
import shapely
from sqlalchemy import func, select

from commandcenter.models import Area as AreaRow
from commandcenter.models import Event, Setting
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.geodesy import distance_m
from commandcenter.services.territory.api import (
    Layout,
    TerritoryIndex,
    commit_import,
    plan_import,
    read_territory,
)
from tests.services.territory.gis_files import (
    COMMUNITY,
    GRID_SIZE,
    LAT,
    LON,
    Area,
    grid_code,
    inside,
    territory,
    to_bd09,
    to_epsg,
    to_gcj02,
    write,
    zipped,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from shapely.geometry.base import BaseGeometry

    from commandcenter.db.database import Database


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        return (
            session.execute(select(func.count()).select_from(AreaRow)).scalar_one(),
            session.execute(select(func.count()).select_from(Event)).scalar_one(),
        )


def _import(db: Database, path: Path, layout: Layout | None = None) -> list[str]:
    plan = plan_import(db, read_territory(path, layout or Layout()))
    commit_import(db, plan, actor_id=None)
    return list(plan.warnings)


def _landed_within_a_metre(db: Database) -> None:
    """Every grid is where the survey drew it, and finds its points."""
    index = TerritoryIndex.load(db)
    for n in (1, 2, 3):
        found = index.locate(*inside(n))
        assert found is not None
        assert found.grid_code == grid_code(n)
    with db.read() as session:
        stored = {
            code: shapely.from_geojson(geometry)
            for code, geometry in session.execute(
                select(AreaRow.code, AreaRow.geometry).where(
                    AreaRow.code.like(f"{COMMUNITY}%")
                )
            )
        }
    for area in territory():
        if area.code not in stored:
            continue
        corners = list(stored[area.code].exterior.coords)  # maybe turned round
        for x, y in area.geometry.exterior.coords:
            assert min(distance_m(x, y, sx, sy) for sx, sy in corners) < 1.0


CONVERTED: dict[
    str, tuple[str, str | None, Callable[[BaseGeometry], BaseGeometry], str | None]
] = {
    # name: (file, the CRS the file says, conversion, --crs)
    "zipped Shapefile in GCJ-02": ("grids.shp", "EPSG:4326", to_gcj02, "gcj02"),
    "GeoJSON in BD-09": ("grids.geojson", None, to_bd09, "bd09"),
    "GeoPackage in CGCS2000 Gauss-Krüger": (
        "grids.gpkg",
        "EPSG:4549",
        to_epsg(4549),
        None,
    ),
    "Shapefile in CGCS2000, no --crs": ("grids.shp", "EPSG:4490", lambda g: g, None),
}


@pytest.mark.parametrize("kind", list(CONVERTED))
def test_a_file_in_its_own_system_lands_where_the_survey_put_it(
    db: Database, tmp_path: Path, kind: str
) -> None:
    name, says, convert, declared = CONVERTED[kind]
    path = write(tmp_path / name, territory(), crs=says, convert=convert)
    if kind.startswith("zipped"):
        path = zipped(path)
    warnings = _import(db, path, Layout(crs=declared))
    assert any("310199 (测试区)" in w for w in warnings)  # mostly ungridded: said
    _landed_within_a_metre(db)


def test_fields_named_otherwise_and_codes_stored_as_numbers(
    db: Database, tmp_path: Path
) -> None:
    import numpy as np
    import pyogrio.raw

    areas = territory()
    path = tmp_path / "网格.shp"
    pyogrio.raw.write(
        str(path),
        np.array([shapely.to_wkb(a.geometry) for a in areas], dtype=object),
        [
            np.array([float(a.code) for a in areas]),  # a numeric DBF column
            np.array([a.name for a in areas], dtype=object),
        ],
        ["WGBM", "WGMC"],  # 网格编码, 网格名称
        geometry_type="Polygon",
        crs="EPSG:4326",
        encoding="UTF-8",
    )
    _import(db, path, Layout(code_field="WGBM", name_field="WGMC"))
    _landed_within_a_metre(db)


def _bow_tie(areas: list[Area]) -> list[Area]:
    bad = shapely.Polygon(
        [(LON, LAT), (LON + 0.002, LAT + 0.002), (LON + 0.002, LAT), (LON, LAT + 0.002)]
    )
    return [*areas[:3], Area(grid_code(1), "第1网格", bad), *areas[4:]]


def _clash(areas: list[Area]) -> list[Area]:
    return [*areas, Area(grid_code(2), "又一个第2网格", areas[4].geometry)]


def _outside(areas: list[Area]) -> list[Area]:
    far = shapely.box(LON + 0.02, LAT + 0.02, LON + 0.022, LAT + 0.022)
    return [*areas[:5], Area(grid_code(3), "第3网格", far)]


def _overlapping(areas: list[Area]) -> list[Area]:
    shifted = shapely.affinity.translate(areas[4].geometry, xoff=-GRID_SIZE / 2)
    return [*areas[:4], Area(grid_code(2), "第2网格", shifted), *areas[5:]]


def _street_at_null_island(areas: list[Area]) -> list[Area]:
    return [areas[0], Area(areas[1].code, "测试街道", shapely.box(0, 0, 0.01, 0.01))]


def _unknown_parent(areas: list[Area]) -> list[Area]:
    return [*areas, Area(f"{COMMUNITY[:-3]}777001", "无主网格", areas[3].geometry)]


def _bad_code(areas: list[Area]) -> list[Area]:
    return [*areas[:3], Area("31019900100100A", "第1网格", areas[3].geometry)]


BROKEN: dict[str, tuple[Callable[[Path], Path], Layout, str, str]] = {}
"""kind → (writes the file, how it is read, the feature named, what is said)"""


def broken(kind: str, layout: Layout, named: str, says: str) -> Callable[..., object]:
    def register(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
        BROKEN[kind] = (make, layout, named, says)
        return make

    return register


@broken("bad geometry", Layout(), grid_code(1), "invalid geometry")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", _bow_tie(territory()))


@broken("unknown CRS", Layout(crs="EPSG:999999"), "EPSG:999999", "unknown coordinate")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", territory())


@broken("no CRS in the file", Layout(), "--crs", "names no coordinate system")
def _(folder: Path) -> Path:
    return write(folder / "a.shp", territory(), crs=None)


@broken("code clash in the file", Layout(), grid_code(2), "duplicate code")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", _clash(territory()))


@broken("code already stored", Layout(), "310104003", "already in the database")
def _(folder: Path) -> Path:
    street = Area(
        "310104003", "天平路街道", shapely.box(LON, LAT, LON + 0.01, LAT + 0.01)
    )
    return write(folder / "a.geojson", [street])


@broken("grid outside its community", Layout(), grid_code(3), "outside its community")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", _outside(territory()))


@broken("overlapping grids", Layout(), grid_code(2), "overlap by 50%")
def _(folder: Path) -> Path:
    return write(folder / "a.gpkg", _overlapping(territory()))


@broken("a street at 0°N 0°E", Layout(), "310199001 (测试街道)", "outside its district")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", _street_at_null_island(territory()))


@broken("empty layer", Layout(), "a.gpkg", "is empty")
def _(folder: Path) -> Path:
    import numpy as np
    import pyogrio.raw

    path = folder / "a.gpkg"
    pyogrio.raw.write(
        str(path),
        np.array([], dtype=object),
        [np.array([], dtype=object), np.array([], dtype=object)],
        ["code", "name"],
        geometry_type="Polygon",
        crs="EPSG:4326",
    )
    return path


@broken("no code field", Layout(), "'code'", "no field")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", territory(), code_field="bianma")


@broken("points, not polygons", Layout(), grid_code(1), "Polygon or MultiPolygon")
def _(folder: Path) -> Path:
    areas = territory()
    point = Area(grid_code(1), "第1网格", shapely.Point(*inside(1)))
    return write(folder / "a.geojson", [*areas[:3], point])


@broken("unknown parent", Layout(), f"{COMMUNITY[:-3]}777001", "unknown parent")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", _unknown_parent(territory()))


@broken("a code that is not digits", Layout(), "feature #3", "6, 9, 12 or 15 digits")
def _(folder: Path) -> Path:
    return write(folder / "a.geojson", _bad_code(territory()))


@broken("two layers, none named", Layout(), "grids, extra", "name one with --layer")
def _(folder: Path) -> Path:
    path = write(folder / "a.gpkg", territory(), layer="grids")
    return write(path, territory()[:1], layer="extra", append=True)


@broken("a table without shapes", Layout(), "a.csv", "has no geometry")
def _(folder: Path) -> Path:
    path = folder / "a.csv"
    path.write_text("code,name\n310199001001001,第1网格\n", encoding="utf-8")
    return path


@broken("not a GIS file", Layout(), "a.gpkg", "not a GIS file")
def _(folder: Path) -> Path:
    path = folder / "a.gpkg"
    path.write_text("a list of grids, typed by hand", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_territory_file_is_refused_naming_the_feature(
    db: Database, tmp_path: Path, kind: str
) -> None:
    make, layout, named, says = BROKEN[kind]
    path = make(tmp_path)
    before = _counts(db)
    with pytest.raises(ValidationError) as refused:
        _import(db, path, layout)
    message = str(refused.value)
    assert named in message, message
    assert says in message, message
    assert _counts(db) == before


def test_an_initialised_district_takes_only_its_own_codes(
    db: Database, tmp_path: Path
) -> None:
    with db.write() as session:
        session.add(
            Setting(
                key="district", value=json.dumps({"code": "330106", "name": "西湖区"})
            )
        )
    path = write(tmp_path / "a.geojson", territory())
    with pytest.raises(ValidationError, match=r"310199 .*not in district 330106"):
        _import(db, path)
    _import(db, write(tmp_path / "b.geojson", territory(district="330106")))


def test_a_report_finds_a_grid_imported_after_the_index_loaded(
    db: Database, tmp_path: Path
) -> None:
    from commandcenter.services.container import Services
    from tests.services.factories import actor, new_case, place

    services = Services(db)
    loaded = len(services.territory)  # the index, loaded before the import
    _import(db, write(tmp_path / "a.geojson", territory()))
    lon, lat = inside(2)
    here = place(services)  # only for its shape: the point is the new grid's
    new = new_case(here, lon=lon, lat=lat)
    case_id = services.cases.report(actor(services, "operator"), new).ids["case"][0]
    assert services.queries.get(case_id).grid_code == grid_code(2)
    assert len(services.territory) == loaded + 3
