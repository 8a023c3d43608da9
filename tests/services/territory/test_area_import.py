"""Territory import: each kind of broken GeoJSON fails clearly, writes nothing."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import func, select

from commandcenter.models import Area, Event
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.territory.area_import import import_areas
from commandcenter.services.territory.index import TerritoryIndex

if TYPE_CHECKING:
    from commandcenter.db.database import Database

# a small new district (310199) beside the demo's: a street, a community, two grids
LON, LAT = 121.50, 31.10


def _square(x0: float, y0: float, size: float = 0.001) -> dict[str, Any]:
    ring = [
        [x0, y0],
        [x0 + size, y0],
        [x0 + size, y0 + size],
        [x0, y0 + size],
        [x0, y0],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _feature(code: str, name: str, geometry: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": geometry,
    }


def valid_collection() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            _feature("310199", "测试区", _square(LON - 0.001, LAT - 0.001, 0.01)),
            _feature("310199999", "测试街道", _square(LON, LAT, 0.004)),
            _feature("310199999001", "测试社区", _square(LON, LAT, 0.002)),
            _feature("310199999001001", "测试网格1", _square(LON, LAT)),
            _feature("310199999001002", "测试网格2", _square(LON + 0.001, LAT)),
        ],
    }


def _bow_tie(data: dict[str, Any]) -> None:
    data["features"][4]["geometry"] = {
        "type": "Polygon",
        "coordinates": [
            [
                [LON, LAT],
                [LON + 0.001, LAT + 0.001],
                [LON + 0.001, LAT],
                [LON, LAT + 0.001],
                [LON, LAT],
            ]
        ],
    }


def _unknown_parent(data: dict[str, Any]) -> None:
    data["features"][4]["properties"]["code"] = "310199999777002"


def _duplicate_code(data: dict[str, Any]) -> None:
    data["features"][4]["properties"]["code"] = "310199999001001"


def _wrong_crs_member(data: dict[str, Any]) -> None:
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}


def _projected_coordinates(data: dict[str, Any]) -> None:
    data["features"][3]["geometry"] = _square(13_518_000.0, 3_649_000.0, 100.0)


def _not_a_polygon(data: dict[str, Any]) -> None:
    data["features"][3]["geometry"] = {"type": "Point", "coordinates": [LON, LAT]}


BROKEN = {
    "invalid geometry": (_bow_tie, "310199999001002", "invalid geometry"),
    "unknown parent": (
        _unknown_parent,
        "310199999777002",
        "unknown parent 310199999777",
    ),
    "duplicate code": (_duplicate_code, "310199999001001", "duplicate code"),
    "wrong CRS": (_wrong_crs_member, "EPSG::3857", "wrong CRS"),
    "projected coordinates": (
        _projected_coordinates,
        "310199999001001",
        "not longitude/latitude",
    ),
    "not a polygon": (_not_a_polygon, "310199999001001", "Polygon or MultiPolygon"),
}


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        areas = session.execute(select(func.count()).select_from(Area)).scalar_one()
        events = session.execute(select(func.count()).select_from(Event)).scalar_one()
        return areas, events


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_geojson_names_the_feature_and_writes_nothing(
    db: Database, kind: str
) -> None:
    breaker, names, says = BROKEN[kind]
    data = copy.deepcopy(valid_collection())
    breaker(data)
    before = _counts(db)
    with pytest.raises(ValidationError) as raised:
        import_areas(db, data, actor_id=None)
    message = str(raised.value)
    assert names in message, message
    assert says in message, message
    assert _counts(db) == before


def test_code_already_in_the_database_is_refused(db: Database) -> None:
    data = valid_collection()
    data["features"] = [_feature("310104003", "天平路街道", _square(LON, LAT))]
    before = _counts(db)
    with pytest.raises(
        ValidationError, match="310104003: duplicate code, already in the database"
    ):
        import_areas(db, data, actor_id=None)
    assert _counts(db) == before


def test_valid_import_writes_areas_one_event_and_is_found(db: Database) -> None:
    before_areas, before_events = _counts(db)
    changes = import_areas(db, valid_collection(), actor_id=None)
    assert len(changes.ids["area"]) == 5
    assert _counts(db) == (before_areas + 5, before_events + 1)
    found = TerritoryIndex.load(db).locate(LON + 0.0015, LAT + 0.0005)
    assert found is not None
    assert found.grid_code == "310199999001002"
