"""Point → unit grid lookup over the territory, with an in-memory STRtree.

The polygons are loaded once from the `areas` table (a few thousand grids load in
well under a second) and queried with shapely's vectorised STRtree, so one lookup
costs microseconds, and a batch of points one call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely import STRtree
from sqlalchemy import func, select

from commandcenter.models import Area
from commandcenter.models.types import AreaLevel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database


@dataclass(frozen=True, slots=True)
class GridRef:
    """Where a point lies: its grid, community and street."""

    grid_id: int
    grid_code: str
    community_id: int
    street_id: int


@dataclass(frozen=True, slots=True)
class _Indexed:
    """What one load indexed, swapped whole when the grids change."""

    grids: list[GridRef]
    polygons: Any
    tree: STRtree
    by_id: dict[int, int]
    stamp: tuple[int, int]
    """(how many grids, the highest grid id): what `catch_up` compares."""


class TerritoryIndex:
    """The unit grids of one database, indexed for point queries. Grids are
    only ever added (an import never replaces one), so an index that finds
    no grid for a point asks the database whether grids were added since it
    loaded (`catch_up`) before it says "outside"."""

    def __init__(self, grids: Sequence[GridRef], polygons: Sequence[object]) -> None:
        self._indexed = _index(grids, polygons)

    @staticmethod
    def load(db: Database) -> TerritoryIndex:
        with db.read() as session:
            return TerritoryIndex.read(session)

    @staticmethod
    def read(session: Session) -> TerritoryIndex:
        """The index of the grids `session` sees (inside a write transaction
        too: the demo builds its history on the territory it just wrote)."""
        return TerritoryIndex(*_grids(session))

    def catch_up(self, session: Session) -> bool:
        """Load the grids again if the database holds others than indexed
        (a territory import since); whether it did."""
        if _stamp(session) == self._indexed.stamp:
            return False
        self._indexed = _index(*_grids(session))
        return True

    def __len__(self) -> int:
        return len(self._indexed.grids)

    def locate(self, lon: float, lat: float) -> GridRef | None:
        """The grid containing the point, or None outside every grid."""
        found = self.locate_many([lon], [lat])
        return found[0]

    def locate_many(
        self, lons: Sequence[float], lats: Sequence[float]
    ) -> list[GridRef | None]:
        """One vectorised query for many points; None where a point is outside."""
        indexed = self._indexed  # one load throughout, whatever catch_up does
        points = shapely.points(np.asarray(lons, float), np.asarray(lats, float))
        point_idx, grid_idx = indexed.tree.query(points, predicate="intersects")
        result: list[GridRef | None] = [None] * len(points)
        for p, g in zip(point_idx.tolist(), grid_idx.tolist(), strict=True):
            if result[p] is None:  # on a shared edge the first grid wins
                result[p] = indexed.grids[g]
        return result

    def outlines(self) -> list[Any]:
        """Every indexed grid's polygon (WGS-84), e.g. to draw under a preview."""
        return list(self._indexed.polygons)

    def polygon(self, grid_id: int) -> object:
        indexed = self._indexed
        return indexed.polygons[indexed.by_id[grid_id]]


def _index(grids: Sequence[GridRef], polygons: Sequence[object]) -> _Indexed:
    array = np.asarray(polygons, dtype=object)
    ids = [ref.grid_id for ref in grids]
    return _Indexed(
        grids=list(grids),
        polygons=array,
        tree=STRtree(array),
        by_id={grid_id: i for i, grid_id in enumerate(ids)},
        stamp=(len(ids), max(ids, default=0)),
    )


def _stamp(session: Session) -> tuple[int, int]:
    count, highest = session.execute(
        select(func.count(Area.id), func.max(Area.id)).where(
            Area.level == AreaLevel.GRID.value
        )
    ).one()
    return int(count), int(highest or 0)


def _grids(session: Session) -> tuple[list[GridRef], list[object]]:
    rows = session.execute(
        select(Area.id, Area.code, Area.parent_id, Area.geometry).where(
            Area.level == AreaLevel.GRID.value
        )
    ).all()
    parents: dict[int, int] = {
        community_id: street_id
        for community_id, street_id in session.execute(
            select(Area.id, Area.parent_id).where(
                Area.level == AreaLevel.COMMUNITY.value
            )
        )
        if street_id is not None
    }
    grids = [
        GridRef(
            grid_id=row.id,
            grid_code=row.code,
            community_id=row.parent_id or 0,
            street_id=parents[row.parent_id],
        )
        for row in rows
    ]
    polygons = shapely.from_geojson([row.geometry for row in rows])
    return grids, list(polygons)


def geometry_json(geometry: object) -> str:
    """GeoJSON text of a shapely geometry, coordinates rounded to ~1 cm."""
    return json.dumps(
        json.loads(shapely.to_geojson(shapely.set_precision(geometry, 1e-7))),
        separators=(",", ":"),
    )
