"""What makes a territory whole, checked before any of it is written: each
area lies inside its parent (grid in community in street in district),
areas of one parent do not overlap, and, as a warning, how much of a parent
none of its children covers (a gap: a street still being gridded is
normal, a forgotten block is not). Every fault names its feature.

Tolerances are ratios of areas, so survey slivers pass and misplaced areas
do not: a child may stick out of its parent by 1 % of its own area, and two
siblings may share 0.5 % of the smaller one's area.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import shapely
from shapely import STRtree
from sqlalchemy import select

from commandcenter.models import Area
from commandcenter.models.types import AREA_CODE_LENGTH, AreaLevel
from commandcenter.services.kernel.catalog import district_of
from commandcenter.services.kernel.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shapely.geometry.base import BaseGeometry
    from sqlalchemy.orm import Session

    from commandcenter.services.territory.area_import import AreaFeature

OUTSIDE_SHARE = 0.01
"""How much of a child may lie outside its parent."""
OVERLAP_SHARE = 0.005
"""How much of the smaller of two siblings they may share."""
GAP_SHARE = 0.02
"""How much of a parent may lie in none of its children before it is said."""
MOST_SHOWN = 8


@dataclass(frozen=True, slots=True)
class _Area:
    code: str
    name: str
    level: AreaLevel
    geometry: BaseGeometry
    new: bool


def check_territory(session: Session, features: Sequence[AreaFeature]) -> list[str]:
    """Refuse (ValidationError naming each feature, up to `MOST_SHOWN`) a
    territory that would not be whole with what is stored; else the
    warnings (gaps) to show before it is committed."""
    faults: list[str] = []
    district = district_of(session)
    if district is not None:
        faults += [
            f"{f.code} ({f.name}): not in district {district.code} (codes start "
            "with it)"
            for f in features
            if not f.code.startswith(district.code)
        ]
    areas = _with_stored(session, features)
    faults += _outside_parents(areas)
    faults += _overlaps(areas)
    if faults:
        more = len(faults) - MOST_SHOWN
        shown = "; ".join(faults[:MOST_SHOWN]) + (
            f" (and {more} more)" if more > 0 else ""
        )
        raise ValidationError(shown, "territory.not_whole", faults=shown)
    return _gaps(areas)


def _with_stored(session: Session, features: Sequence[AreaFeature]) -> dict[str, _Area]:
    """The new areas, and the stored ones they touch: their parents and the
    parents' other children (siblings to overlap, children to cover)."""
    areas = {
        f.code: _Area(f.code, f.name, f.level, f.geometry, new=True) for f in features
    }
    parents = {f.parent_code for f in features if f.parent_code}
    stored = session.execute(
        select(Area.code, Area.name, Area.level, Area.geometry).where(
            Area.code.in_(parents)
            | Area.parent_id.in_(select(Area.id).where(Area.code.in_(parents)))
        )
    ).all()
    for row in stored:
        areas.setdefault(
            row.code,
            _Area(
                row.code,
                row.name,
                AreaLevel(row.level),
                shapely.from_geojson(row.geometry),
                new=False,
            ),
        )
    return areas


def _parent_code(code: str) -> str | None:
    return code[:-3] if len(code) > AREA_CODE_LENGTH[AreaLevel.DISTRICT] else None


def _outside_parents(areas: dict[str, _Area]) -> list[str]:
    faults = []
    for area in areas.values():
        parent = areas.get(_parent_code(area.code) or "")
        if not area.new or parent is None:
            continue
        outside = shapely.difference(area.geometry, parent.geometry).area
        share = outside / area.geometry.area
        if share > OUTSIDE_SHARE:
            faults.append(
                f"{area.code} ({area.name}): {share:.0%} of it lies outside "
                f"its {parent.level.value} {parent.code} ({parent.name})"
            )
    return faults


def _families(areas: dict[str, _Area]) -> dict[str, list[_Area]]:
    """The areas by their parent's code (the districts under "") that hold
    a new one: where overlaps and gaps can have come in."""
    by_parent: dict[str, list[_Area]] = {}
    for area in areas.values():
        by_parent.setdefault(_parent_code(area.code) or "", []).append(area)
    return {code: kids for code, kids in by_parent.items() if any(k.new for k in kids)}


def _overlaps(areas: dict[str, _Area]) -> list[str]:
    faults = []
    for siblings in _families(areas).values():
        if len(siblings) < 2:
            continue
        tree = STRtree([a.geometry for a in siblings])
        left, right = tree.query([a.geometry for a in siblings], predicate="intersects")
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            a, b = siblings[i], siblings[j]
            if i >= j or not (a.new or b.new):
                continue
            shared = shapely.intersection(a.geometry, b.geometry).area
            smaller = min(a.geometry.area, b.geometry.area)
            if shared > OVERLAP_SHARE * smaller:
                faults.append(
                    f"{a.code} ({a.name}) and {b.code} ({b.name}) overlap by "
                    f"{shared / smaller:.0%} of the smaller"
                )
    return faults


def _gaps(areas: dict[str, _Area]) -> list[str]:
    warnings = []
    for code, kids in sorted(_families(areas).items()):
        parent = areas.get(code)
        if parent is None:
            continue
        covered = shapely.union_all([k.geometry for k in kids])
        gap = shapely.difference(parent.geometry, covered).area / parent.geometry.area
        if gap > GAP_SHARE:
            warnings.append(
                f"{code} ({parent.name}): {gap:.0%} of it is in none of its "
                f"{len(kids)} {kids[0].level.value} areas"
            )
    return warnings
