"""Import territory (district, streets, communities, unit grids) from GeoJSON.

Everything is checked before anything is written: a broken file leaves the database
as it was and the error names the feature. The level of a feature follows from its
code (6, 9, 12 or 15 digits) and its parent is the code without the last 3 digits,
either already stored or earlier in the same file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely
from sqlalchemy import insert, select

from commandcenter.models import Area
from commandcenter.models.types import AREA_CODE_LENGTH, AreaLevel
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.geodesy import area_m2
from commandcenter.services.territory.index import geometry_json
from commandcenter.services.territory.territory_checks import check_territory

if TYPE_CHECKING:
    from collections.abc import Iterable

    from shapely.geometry.base import BaseGeometry
    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database

_LEVEL_OF_LENGTH = {length: level for level, length in AREA_CODE_LENGTH.items()}
_WGS84_NAMES = frozenset(
    {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "urn:ogc:def:crs:EPSG::4326",
        "EPSG:4326",
        "CRS84",
    }
)
_MAX_ERRORS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class AreaFeature:
    """One validated feature, ready to insert."""

    code: str
    level: AreaLevel
    name: str
    parent_code: str | None
    geometry: BaseGeometry
    illustrative: bool


def _check_crs(collection: dict[str, Any]) -> None:
    crs = collection.get("crs")
    if crs is None:
        return
    name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if name not in _WGS84_NAMES:
        raise ValidationError(
            f"wrong CRS {name!r}: territory must be WGS84 lon/lat (EPSG:4326)"
        )


def _label(index: int, props: dict[str, Any]) -> str:
    code = props.get("code")
    return f"feature #{index}" + (f" (code {code})" if code else "")


def _parse_feature(index: int, feature: Any) -> AreaFeature:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValidationError(f"feature #{index}: not a GeoJSON Feature")
    props = feature.get("properties") or {}
    label = _label(index, props)
    try:
        geometry = shapely.from_geojson(json.dumps(feature.get("geometry")))
    except (shapely.errors.GEOSException, ValueError, TypeError) as error:
        raise ValidationError(f"{label}: unreadable geometry ({error})") from error
    return make_feature(
        label,
        str(props.get("code", "")),
        str(props.get("name", "")),
        geometry,
        illustrative=bool(props.get("illustrative", False)),
    )


def make_feature(
    label: str,
    code: str,
    name: str,
    geometry: BaseGeometry | None,
    illustrative: bool = False,
) -> AreaFeature:
    """One area, checked on its own: its code, name and WGS-84 polygon."""
    code = code.strip()
    if not code.isdigit() or len(code) not in _LEVEL_OF_LENGTH:
        raise ValidationError(f"{label}: code must be 6, 9, 12 or 15 digits")
    name = name.strip()
    if not name:
        raise ValidationError(f"{label}: missing name")
    if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValidationError(f"{label}: geometry must be a Polygon or MultiPolygon")
    min_x, min_y, max_x, max_y = geometry.bounds
    if not (-180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90):
        raise ValidationError(
            f"{label}: coordinates are not longitude/latitude (wrong CRS? "
            f"bounds {min_x:.0f},{min_y:.0f},{max_x:.0f},{max_y:.0f})"
        )
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        raise ValidationError(f"{label}: invalid geometry: {reason}")
    if geometry.is_empty or area_m2(geometry) <= 0:
        raise ValidationError(f"{label}: empty geometry")
    level = _LEVEL_OF_LENGTH[len(code)]
    return AreaFeature(
        code=code,
        level=level,
        name=name,
        parent_code=None if level is AreaLevel.DISTRICT else code[:-3],
        geometry=geometry,
        illustrative=illustrative,
    )


def parse_collection(collection: dict[str, Any]) -> list[AreaFeature]:
    """Validate a FeatureCollection on its own (codes, geometry, CRS)."""
    if collection.get("type") != "FeatureCollection":
        raise ValidationError("not a GeoJSON FeatureCollection")
    _check_crs(collection)
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ValidationError("the FeatureCollection has no features")
    return in_order([_parse_feature(i, f) for i, f in enumerate(features)])


def in_order(parsed: list[AreaFeature]) -> list[AreaFeature]:
    """The features with each code once, parents before children (so one
    pass resolves ids); ValidationError naming a duplicate."""
    seen: dict[str, int] = {}
    for i, item in enumerate(parsed):
        if item.code in seen:
            raise ValidationError(
                f"feature #{i} (code {item.code}): duplicate code, "
                f"also feature #{seen[item.code]}"
            )
        seen[item.code] = i
    return sorted(parsed, key=lambda item: len(item.code))


@dataclass(frozen=True, slots=True)
class TerritoryPlan:
    """A territory checked against what is stored and ready to commit: what
    the administrator previews on the map first."""

    features: tuple[AreaFeature, ...]
    warnings: tuple[str, ...]
    """Gaps: parts of a parent in none of its children (allowed, said)."""

    def counts(self) -> dict[AreaLevel, int]:
        counted: dict[AreaLevel, int] = {}
        for item in self.features:
            counted[item.level] = counted.get(item.level, 0) + 1
        return counted


def plan_import(db: Database, features: list[AreaFeature]) -> TerritoryPlan:
    """Check `features` as a whole against the stored territory: codes
    free, parents known, each inside its parent, no overlaps. Writes nothing."""
    ordered = in_order(features)
    with db.read() as session:
        _check_codes(session, ordered)
        warnings = check_territory(session, ordered)
    return TerritoryPlan(tuple(ordered), tuple(warnings))


def commit_import(db: Database, plan: TerritoryPlan, actor_id: int | None) -> Changes:
    """Write a planned territory, checked again in the write transaction
    (someone may have imported meanwhile): all of it, or nothing."""
    features = list(plan.features)
    if not features:
        raise ValidationError("there is nothing to import", "territory.empty")
    with db.write() as session:
        _check_codes(session, features)
        check_territory(session, features)
        ids, event_id = import_features(session, features, actor_id)
    return Changes.of(EntityKind.AREA, tuple(ids), event_id)


def import_areas(
    db: Database, collection: dict[str, Any], actor_id: int | None
) -> Changes:
    """Validate and insert a GeoJSON FeatureCollection (WGS-84) in one
    transaction with one event."""
    return commit_import(db, plan_import(db, parse_collection(collection)), actor_id)


def import_features(
    session: Session, features: list[AreaFeature], actor_id: int | None
) -> tuple[list[int], int]:
    """Insert validated features and the `territory.imported` event; ids, event id."""
    ids = insert_areas(session, features)
    event_id = event_log.record(
        session,
        "territory.imported",
        EntityKind.AREA,
        _summary(features),
        actor_id=actor_id,
    )
    return ids, event_id


def _summary(features: Iterable[AreaFeature]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for item in features:
        counts[item.level.value] = counts.get(item.level.value, 0) + 1
    return {"counts": counts}


def _check_codes(session: Session, features: list[AreaFeature]) -> dict[str, int]:
    """Codes not yet stored, parents stored or in the file; the stored
    parents' ids by code."""
    codes = [item.code for item in features]
    existing = dict(
        session.execute(select(Area.code, Area.id).where(Area.code.in_(codes))).all()
    )
    if existing:
        taken = sorted(existing)
        raise ValidationError(
            f"code {taken[0]}: duplicate code, already in the database"
            + (f" (and {len(taken) - 1} more)" if len(taken) > 1 else "")
        )
    parent_codes = {item.parent_code for item in features if item.parent_code}
    known = dict(
        session.execute(
            select(Area.code, Area.id).where(Area.code.in_(parent_codes))
        ).all()
    )
    in_file = set(codes)
    missing = [
        item
        for item in features
        if item.parent_code
        and item.parent_code not in known
        and item.parent_code not in in_file
    ]
    if missing:
        raise ValidationError(
            f"code {missing[0].code}: unknown parent {missing[0].parent_code}"
            + (f" (and {len(missing) - 1} more features)" if len(missing) > 1 else "")
        )
    return known


def insert_areas(session: Session, features: list[AreaFeature]) -> list[int]:
    """Insert features (parents first) after checking codes against the database."""
    known = _check_codes(session, features)
    new_ids: list[int] = []
    for level in AreaLevel:
        batch = [item for item in features if item.level is level]
        if not batch:
            continue
        rows = [_row(item, known) for item in batch]
        result = session.connection().execute(
            insert(Area).returning(Area.id, Area.code, sort_by_parameter_order=True),
            rows,
        )
        for area_id, code in result.all():
            known[code] = area_id
            new_ids.append(area_id)
    return new_ids


def _row(item: AreaFeature, known: dict[str, int]) -> dict[str, Any]:
    centroid = item.geometry.representative_point()
    return {
        "code": item.code,
        "level": item.level.value,
        "name": item.name,
        "parent_id": known[item.parent_code] if item.parent_code else None,
        "geometry": geometry_json(item.geometry),
        "centroid_lon": centroid.x,
        "centroid_lat": centroid.y,
        "area_m2": area_m2(item.geometry),
        "illustrative": item.illustrative,
    }
