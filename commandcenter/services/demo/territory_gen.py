"""Derive the demo territory from the real Xuhui outlines.

Real: the district outline, 天平路街道, and the union of the four central streets.
Derived (marked illustrative, 示意): the other street areas as Voronoi cells of the
published street centres (computed in metres; the three central streets share the
real union, the other nine the rest of the district), communities, and the unit
grids: ~100 m cells cut at street borders, with slivers merged into a neighbour.
Communities are unions of their grids, so the hierarchy nests exactly.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from commandcenter.config import RESOURCES
from commandcenter.models.types import AreaLevel
from commandcenter.services.kernel.geodesy import to_local, to_wgs84
from commandcenter.services.territory.api import (
    AreaFeature,
)

if TYPE_CHECKING:
    from pathlib import Path

GEO = RESOURCES / "geo"
DISTRICT_CODE = "310104"
DISTRICT_NAME = "徐汇区"
REAL_STREET = "310104003"  # 天平路街道
CENTRAL_STREETS = frozenset({"310104003", "310104004", "310104008", "310104014"})


@dataclass(frozen=True, slots=True)
class TerritoryPlan:
    """How fine to cut: cell size of the unit grids, mean community size."""

    cell_m: float = 100.0
    community_km2: float = 0.2
    sliver_fraction: float = 0.3


def _geometry(path: Path) -> BaseGeometry:
    data = json.loads(path.read_text(encoding="utf-8"))
    return shapely.from_geojson(json.dumps(data["geometry"]))


@dataclass(frozen=True, slots=True)
class StreetSeed:
    code: str  # 9 digits
    name: str
    lon: float
    lat: float


def street_seeds() -> list[StreetSeed]:
    with (GEO / "xuhui-streets.csv").open(encoding="utf-8", newline="") as handle:
        return [
            StreetSeed(
                row["stats_code_12"][:9],
                row["name"],
                float(row["lon_wgs84"]),
                float(row["lat_wgs84"]),
            )
            for row in csv.DictReader(handle)
        ]


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of a clipping result (drop stray lines and points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [
        g
        for g in getattr(geometry, "geoms", [])
        if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _voronoi(
    points: list[tuple[float, float]], inside: BaseGeometry
) -> list[BaseGeometry]:
    """Voronoi cells of `points` clipped to `inside`, in the order of the points."""
    if len(points) == 1:
        return [inside]
    cells = shapely.voronoi_polygons(
        shapely.MultiPoint(points), extend_to=inside.envelope.buffer(1000)
    )
    result: list[BaseGeometry] = []
    for x, y in points:
        point = shapely.Point(x, y)
        cell = next(c for c in cells.geoms if c.covers(point))
        result.append(_polygonal(cell.intersection(inside)))
    return result


class _Local:
    """Conversions to and from the district's local metric frame."""

    def __init__(self, district: BaseGeometry) -> None:
        centre = district.centroid
        self.lon0, self.lat0 = centre.x, centre.y

    def m(self, geometry: BaseGeometry) -> BaseGeometry:
        return to_local(geometry, self.lon0, self.lat0)

    def deg(self, geometry: BaseGeometry) -> BaseGeometry:
        return to_wgs84(geometry, self.lon0, self.lat0)


def _street_areas(
    local: _Local, district: BaseGeometry, seeds: list[StreetSeed]
) -> dict[str, BaseGeometry]:
    """Street polygons in metres, keyed by 9-digit code."""
    real = local.m(_geometry(GEO / "tianping-road-street.geojson")).intersection(
        district
    )
    union = local.m(_geometry(GEO / "daxujiahui-four-streets-union.geojson"))
    union = union.intersection(district)
    central = [s for s in seeds if s.code in CENTRAL_STREETS and s.code != REAL_STREET]
    outer = [s for s in seeds if s.code not in CENTRAL_STREETS]

    def centre(seed: StreetSeed) -> tuple[float, float]:
        point = local.m(shapely.Point(seed.lon, seed.lat))
        return (point.x, point.y)

    areas = {REAL_STREET: _polygonal(real)}
    rest_of_union = union.difference(real)
    for seed, cell in zip(
        central, _voronoi([centre(s) for s in central], rest_of_union), strict=True
    ):
        areas[seed.code] = cell
    rest = district.difference(union)
    for seed, cell in zip(
        outer, _voronoi([centre(s) for s in outer], rest), strict=True
    ):
        areas[seed.code] = cell
    return areas


def _cells(
    street: BaseGeometry, size: float, sliver_fraction: float
) -> list[BaseGeometry]:
    """Square cells cut to the street, slivers merged into their best neighbour."""
    min_x, min_y, max_x, max_y = street.bounds
    xs = np.arange(math.floor(min_x / size) * size, max_x, size)
    ys = np.arange(math.floor(min_y / size) * size, max_y, size)
    gx, gy = np.meshgrid(xs, ys)
    boxes = shapely.box(gx.ravel(), gy.ravel(), gx.ravel() + size, gy.ravel() + size)
    pieces = shapely.intersection(boxes, street)
    kept = [
        _polygonal(p) for p in pieces if not p.is_empty and _polygonal(p).area > 1.0
    ]
    return _merge_slivers(kept, size * size, sliver_fraction)


def _merge_slivers(
    pieces: list[BaseGeometry], full: float, fraction: float
) -> list[BaseGeometry]:
    """Union each piece smaller than `fraction` of a cell into the neighbour it
    shares the longest edge with; a sliver with no neighbour stays as it is."""
    order = sorted(range(len(pieces)), key=lambda i: pieces[i].area)
    alive = dict(enumerate(pieces))
    tree = shapely.STRtree(pieces)
    owner = list(range(len(pieces)))  # merged piece → the piece that absorbed it

    def root(i: int) -> int:
        while owner[i] != i:
            i = owner[i]
        return i

    for i in order:
        if i not in alive or alive[i].area >= fraction * full:
            continue
        best, best_len = -1, 0.0
        for j in tree.query(pieces[i].buffer(0.5)).tolist():
            target = root(j)
            if target == i or target not in alive:
                continue
            shared = alive[i].boundary.intersection(alive[target].buffer(0.5)).length
            if shared > best_len:
                best, best_len = target, shared
        if best >= 0:
            alive[best] = _polygonal(shapely.union(alive[best], alive.pop(i)))
            owner[i] = best
    return list(alive.values())


def _community_seeds(
    street: BaseGeometry, count: int, rng: np.random.Generator
) -> np.ndarray[Any, Any]:
    """`count` well-spread points in the street (a few rounds of Lloyd relaxation)."""
    min_x, min_y, max_x, max_y = street.bounds
    candidates = np.column_stack(
        (rng.uniform(min_x, max_x, 4000), rng.uniform(min_y, max_y, 4000))
    )
    inside = candidates[shapely.contains_xy(street, candidates[:, 0], candidates[:, 1])]
    seeds = inside[rng.choice(len(inside), size=count, replace=False)]
    for _ in range(6):
        nearest = np.argmin(
            ((inside[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2), axis=1
        )
        seeds = np.array(
            [
                inside[nearest == k].mean(axis=0) if np.any(nearest == k) else seeds[k]
                for k in range(count)
            ]
        )
    return np.asarray(seeds, dtype=float)


def build_features(plan: TerritoryPlan, seed: int = 1) -> list[AreaFeature]:
    """The whole demo territory as validated features, parents first."""
    rng = np.random.default_rng(seed)
    district_deg = _geometry(GEO / "xuhui-district-R1278188.geojson")
    local = _Local(district_deg)
    district = local.m(district_deg)
    seeds = street_seeds()
    streets = _street_areas(local, district, seeds)
    features = [_feature(DISTRICT_CODE, DISTRICT_NAME, district_deg, real=True)]
    for street_seed in seeds:
        area = streets[street_seed.code]
        communities, grids = _divide_street(street_seed, area, plan, rng)
        features.append(
            _feature(
                street_seed.code,
                street_seed.name,
                local.deg(area),
                real=street_seed.code == REAL_STREET,
            )
        )
        features += [
            _feature(code, name, local.deg(g)) for code, name, g in communities
        ]
        features += [_feature(code, name, local.deg(g)) for code, name, g in grids]
    return features


_Named = tuple[str, str, BaseGeometry]


def _divide_street(
    street: StreetSeed,
    area: BaseGeometry,
    plan: TerritoryPlan,
    rng: np.random.Generator,
) -> tuple[list[_Named], list[_Named]]:
    cells = _cells(area, plan.cell_m, plan.sliver_fraction)
    count = max(2, round(area.area / 1e6 / plan.community_km2))
    count = min(count, len(cells))
    seeds = _community_seeds(area, count, rng)
    centres = np.array([[c.centroid.x, c.centroid.y] for c in cells])
    nearest = np.argmin(
        ((centres[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2), axis=1
    )
    # number communities west→east, north→south like the grids inside them
    order = sorted(range(count), key=lambda k: (-round(seeds[k][1] / 500), seeds[k][0]))
    short = street.name.removesuffix("街道").removesuffix("镇")
    communities: list[_Named] = []
    grids: list[_Named] = []
    for number, k in enumerate(order, start=1):
        members = [i for i in range(len(cells)) if nearest[i] == k]
        if not members:
            continue
        community_code = f"{street.code}{number:03d}"
        community_name = f"{short}第{number:02d}社区"
        communities.append(
            (
                community_code,
                community_name,
                shapely.union_all([cells[i] for i in members]),
            )
        )
        top = max(cells[i].bounds[3] for i in members)
        members.sort(
            key=lambda i: (
                math.floor((top - centres[i][1]) / plan.cell_m),
                centres[i][0],
            )
        )
        for seq, i in enumerate(members, start=1):
            grids.append(
                (f"{community_code}{seq:03d}", f"{community_name}-{seq:03d}", cells[i])
            )
    return communities, grids


def _feature(
    code: str, name: str, geometry: BaseGeometry, real: bool = False
) -> AreaFeature:
    level = {6: AreaLevel.DISTRICT, 9: AreaLevel.STREET, 12: AreaLevel.COMMUNITY}.get(
        len(code), AreaLevel.GRID
    )
    return AreaFeature(
        code=code,
        level=level,
        name=name,
        parent_code=None if level is AreaLevel.DISTRICT else code[:-3],
        geometry=shapely.make_valid(geometry) if not geometry.is_valid else geometry,
        illustrative=not real,
    )
