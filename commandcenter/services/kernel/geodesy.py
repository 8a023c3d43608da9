"""Small-area geodesy: metres from WGS84 degrees near one place.

An equirectangular projection about a reference latitude is accurate to well under
0.1 % across a district (tens of kilometres), which is all a grid of 100 m cells and
a 50 m duplicate radius need; no projection library required.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import shapely

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

METRES_PER_DEGREE_LAT = 110_574.0
METRES_PER_DEGREE_LON_EQUATOR = 111_320.0


def metres_per_degree_lon(lat: float) -> float:
    return METRES_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(lat))


def to_local(geometry: BaseGeometry, lon0: float, lat0: float) -> BaseGeometry:
    """Degrees → metres east/north of (lon0, lat0)."""
    kx = metres_per_degree_lon(lat0)
    return shapely.transform(
        geometry,
        lambda xy: (xy - (lon0, lat0)) * (kx, METRES_PER_DEGREE_LAT),
    )


def to_wgs84(geometry: BaseGeometry, lon0: float, lat0: float) -> BaseGeometry:
    """Metres east/north of (lon0, lat0) → degrees."""
    kx = metres_per_degree_lon(lat0)
    return shapely.transform(
        geometry,
        lambda xy: xy / (kx, METRES_PER_DEGREE_LAT) + (lon0, lat0),
    )


def area_m2(geometry: BaseGeometry) -> float:
    """Area in square metres of a WGS84 geometry (local projection at its centre)."""
    centre = geometry.centroid
    return float(to_local(geometry, centre.x, centre.y).area)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in metres between two nearby WGS84 points."""
    mid = (lat1 + lat2) / 2
    dx = (lon2 - lon1) * metres_per_degree_lon(mid)
    dy = (lat2 - lat1) * METRES_PER_DEGREE_LAT
    return math.hypot(dx, dy)
