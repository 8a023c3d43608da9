"""Point → unit grid lookup over the territory, with an in-memory STRtree.

The polygons are loaded once from the `areas` table (a few thousand grids load in
well under a second) and queried with shapely's vectorised STRtree, so one lookup
costs microseconds, and a batch of points one call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely import STRtree
from sqlalchemy import select

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


class TerritoryIndex:
    """The unit grids of one database, indexed for point queries."""

    def __init__(self, grids: Sequence[GridRef], polygons: Sequence[object]) -> None:
        self._grids = list(grids)
        self._polygons = np.asarray(polygons, dtype=object)
        self._tree = STRtree(self._polygons)
        self._by_id = {ref.grid_id: i for i, ref in enumerate(self._grids)}

    @staticmethod
    def load(db: Database) -> TerritoryIndex:
        with db.read() as session:
            return TerritoryIndex.read(session)

    @staticmethod
    def read(session: Session) -> TerritoryIndex:
        """The index of the grids `session` sees (inside a write transaction
        too: the demo builds its history on the territory it just wrote)."""
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
        return TerritoryIndex(grids, list(polygons))

    def __len__(self) -> int:
        return len(self._grids)

    def locate(self, lon: float, lat: float) -> GridRef | None:
        """The grid containing the point, or None outside every grid."""
        found = self.locate_many([lon], [lat])
        return found[0]

    def locate_many(
        self, lons: Sequence[float], lats: Sequence[float]
    ) -> list[GridRef | None]:
        """One vectorised query for many points; None where a point is outside."""
        points = shapely.points(np.asarray(lons, float), np.asarray(lats, float))
        point_idx, grid_idx = self._tree.query(points, predicate="intersects")
        result: list[GridRef | None] = [None] * len(points)
        for p, g in zip(point_idx.tolist(), grid_idx.tolist(), strict=True):
            if result[p] is None:  # on a shared edge the first grid wins
                result[p] = self._grids[g]
        return result

    def polygon(self, grid_id: int) -> object:
        return self._polygons[self._by_id[grid_id]]


def geometry_json(geometry: object) -> str:
    """GeoJSON text of a shapely geometry, coordinates rounded to ~1 cm."""
    return json.dumps(
        json.loads(shapely.to_geojson(shapely.set_precision(geometry, 1e-7))),
        separators=(",", ":"),
    )
