"""GIS files for tests, written with GDAL (pyogrio) as a district's survey
office would hand them over: a small district beside the demo's, with one
street, one community and a row of grids, in any coordinate system."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyogrio.raw
import shapely

from commandcenter.services.territory.api import gcj02_to_bd09, wgs84_to_gcj02

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from shapely.geometry.base import BaseGeometry

LON, LAT = 121.50, 31.10
"""South-west corner of the test district (beside the demo's Xuhui)."""
DISTRICT = "310199"
STREET = f"{DISTRICT}001"
COMMUNITY = f"{STREET}001"
GRID_SIZE = 0.002  # degrees: about 190 x 220 m


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    geometry: BaseGeometry


def grid_code(n: int) -> str:
    return f"{COMMUNITY}{n:03d}"


def territory(grids: int = 3, district: str = DISTRICT) -> list[Area]:
    """A district, a street, a community and `grids` grids in a row, in WGS-84."""
    street = f"{district}001"
    community = f"{street}001"
    row = GRID_SIZE * grids
    return [
        Area(
            district,
            "测试区",
            shapely.box(LON - 0.01, LAT - 0.01, LON + 0.03, LAT + 0.03),
        ),
        Area(street, "测试街道", shapely.box(LON, LAT, LON + row, LAT + GRID_SIZE * 2)),
        Area(community, "测试社区", shapely.box(LON, LAT, LON + row, LAT + GRID_SIZE)),
        *(
            Area(
                f"{community}{n:03d}",
                f"第{n}网格",
                shapely.box(
                    LON + GRID_SIZE * (n - 1), LAT, LON + GRID_SIZE * n, LAT + GRID_SIZE
                ),
            )
            for n in range(1, grids + 1)
        ),
    ]


def inside(n: int) -> tuple[float, float]:
    """A WGS-84 point well inside grid `n`."""
    return LON + GRID_SIZE * (n - 0.7), LAT + GRID_SIZE * 0.4


def _offset(
    forward: Callable[..., tuple[np.ndarray, np.ndarray]],
) -> Callable[..., object]:
    def apply(xy: np.ndarray) -> np.ndarray:
        lon, lat = forward(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return apply


def to_gcj02(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geometry, _offset(wgs84_to_gcj02))


def to_bd09(geometry: BaseGeometry) -> BaseGeometry:
    gcj = to_gcj02(geometry)
    return shapely.transform(gcj, _offset(gcj02_to_bd09))


def to_epsg(code: int) -> Callable[[BaseGeometry], BaseGeometry]:
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", f"EPSG:{code}", always_xy=True)

    def project(geometry: BaseGeometry) -> BaseGeometry:
        def apply(xy: np.ndarray) -> np.ndarray:
            x, y = transformer.transform(xy[:, 0], xy[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geometry, apply)

    return project


def write(
    path: Path,
    areas: Sequence[Area],
    crs: str | None = "EPSG:4326",
    convert: Callable[[BaseGeometry], BaseGeometry] = lambda g: g,
    driver: str | None = None,
    layer: str | None = None,
    code_field: str = "code",
    name_field: str = "name",
    append: bool = False,
) -> Path:
    """One layer of `areas` (converted) at `path`, saying `crs` (or nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    geometries = np.array(
        [shapely.to_wkb(convert(a.geometry)) for a in areas], dtype=object
    )
    kinds = {shapely.get_type_id(convert(a.geometry)) for a in areas}
    pyogrio.raw.write(
        str(path),
        geometries,
        [
            np.array([a.code for a in areas], dtype=object),
            np.array([a.name for a in areas], dtype=object),
        ],
        [code_field, name_field],
        geometry_type="Polygon" if kinds <= {3} else "Unknown",
        crs=crs,
        driver=driver,
        layer=layer,
        encoding="UTF-8",
        append=append,
    )
    return path


def zipped(shapefile: Path) -> Path:
    """The Shapefile's parts in a .zip beside it, as it is mailed."""
    archive = shapefile.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w") as bundle:
        for part in shapefile.parent.glob(f"{shapefile.stem}.*"):
            if part.suffix != ".zip":
                bundle.write(part, part.name)
    return archive
