"""What the grid map shows, as plain JSON-ready data (no Qt, no HTML).

The map page is built once with the territory outlines; afterwards it only
receives small updates (one marker, one grid's count). Both the workstation map and
the wall display read from here. Case text is passed as data, never as markup:
the page renders it with `textContent`, so hostile text stays text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from commandcenter.models import Area, Case
from commandcenter.models.types import OPEN_STATES, AreaLevel
from commandcenter.services.kernel.isolation import REAL_CASES

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from commandcenter.db.database import Database
    from commandcenter.services.cases.queries import CaseRow

COUNT_CLASSES = (0, 1, 2, 4, 7)
"""Lower bounds of the choropleth classes: 0, 1, 2–3, 4–6, 7 and more open cases."""
_OPEN = [state.value for state in OPEN_STATES]


def count_class(count: int) -> int:
    """The choropleth class (0–4) of a grid with `count` open cases."""
    return max(i for i, bound in enumerate(COUNT_CLASSES) if count >= bound)


@dataclass(frozen=True, slots=True)
class Marker:
    """One open case on the map."""

    id: int
    number: str
    lon: float
    lat: float
    state: str
    deadline: str | None  # green | amber | red, None without a running deadline
    priority: int
    category: str
    description: str
    grid: str

    @staticmethod
    def of(row: CaseRow, now: datetime) -> Marker:
        return Marker(
            id=row.id,
            number=row.number,
            lon=round(row.lon, 6),
            lat=round(row.lat, 6),
            state=row.state,
            deadline=row.deadline_status(now),
            priority=row.priority,
            category=row.category_name,
            description=row.description,
            grid=row.grid_code,
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class MapLayers:
    """Reads the map's layers from one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def territory(self, level: AreaLevel) -> dict[str, Any]:
        """A FeatureCollection of one territory level, with code, name, whether
        the outline is illustrative (示意) and a point inside it for the label."""
        with self._db.read() as session:
            rows = session.execute(
                select(
                    Area.code,
                    Area.name,
                    Area.illustrative,
                    Area.geometry,
                    Area.centroid_lon,
                    Area.centroid_lat,
                )
                .where(Area.level == level.value)
                .order_by(Area.code)
            ).all()
        return {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        "code": row.code,
                        "name": row.name,
                        "illustrative": row.illustrative,
                        "label_at": [
                            round(row.centroid_lat, 6),
                            round(row.centroid_lon, 6),
                        ],
                    },
                    "geometry": json.loads(row.geometry),
                }
                for row in rows
            ],
        }

    def open_counts(self) -> dict[str, int]:
        """Open real (non-drill) cases per grid code; grids without any are absent."""
        with self._db.read() as session:
            rows = session.execute(
                select(Area.code, func.count(Case.id))
                .join(Case, Case.grid_id == Area.id)
                .where(Case.state.in_(_OPEN), REAL_CASES)
                .group_by(Area.code)
            ).all()
        return {code: int(count) for code, count in rows}


def markers(rows: Sequence[CaseRow], now: datetime) -> list[Marker]:
    """Markers of the open, non-drill cases among `rows`, lit as at `now`."""
    return [
        Marker.of(row, now) for row in rows if row.state in _OPEN and not row.is_drill
    ]
