"""Territory from the GIS files districts really hold (PRODUCT §10):
GeoJSON, Shapefiles (a folder's .shp, or zipped) and GeoPackages, read with
GDAL (pyogrio), in WGS-84, CGCS2000 (EPSG:4490), a projected system such as
CGCS2000 Gauss-Krüger, or the GCJ-02 / BD-09 offsets of Chinese web maps,
all brought to WGS-84 before anything is checked.

The coordinate system comes from the file, or from the administrator
(`crs`): files drawn on a web map carry the offsets but say "WGS 84", so the
administrator's word wins; a file that says nothing needs it. Every fault
names the feature (its number in the layer, and its code when it has one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely

from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.territory.area_import import AreaFeature, make_feature
from commandcenter.services.territory.china_offsets import (
    bd09_to_wgs84,
    gcj02_to_wgs84,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from numpy.typing import NDArray

    Transform = Callable[[NDArray[np.float64]], NDArray[np.float64]]

OFFSETS = {"gcj02": gcj02_to_wgs84, "bd09": bd09_to_wgs84}
"""The web-map offsets by the names `--crs` takes."""
_GEOGRAPHIC_WGS84 = frozenset({"EPSG:4326", "OGC:CRS84", "EPSG:4490", "WGS84"})
"""Systems taken as WGS-84 as they are: CGCS2000 (EPSG:4490) differs from
WGS-84 by centimetres, far below what a grid boundary needs."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How to read a file: which layer, its system, which fields hold what."""

    layer: str | None = None
    crs: str | None = None
    """wgs84, gcj02, bd09 or EPSG:<n>; None: what the file says."""
    code_field: str = "code"
    name_field: str = "name"


def read_territory(path: Path, layout: Layout = Layout()) -> list[AreaFeature]:
    """The areas of a GIS file in WGS-84, each checked on its own."""
    import pyogrio
    from pyogrio.errors import (
        DataLayerError,
        DataSourceError,
        FeatureError,
        FieldError,
        GeometryError,
    )

    if not path.name or not path.exists():  # Path("") is the working folder
        raise ValidationError(f"{path}: no such file", "territory.no_file")
    try:
        layer = _layer(path, layout.layer, pyogrio.list_layers(path))
        meta, _fids, geometries, values = pyogrio.raw.read(path, layer=layer)
    except (
        DataSourceError,
        DataLayerError,
        FeatureError,
        FieldError,
        GeometryError,
    ) as error:
        reason = str(error).split(";")[0].replace(str(path), path.name)
        raise ValidationError(
            f"{path.name}: not a GIS file GDAL reads ({reason})",
            "territory.unreadable",
        ) from error
    if geometries is None:  # a table (a CSV, a DBF alone): no shapes at all
        raise ValidationError(
            f"{path.name}: layer {layer!r} has no geometry: the areas' "
            "outlines are missing",
            "territory.no_geometry",
        )
    if len(geometries) == 0:
        raise ValidationError(
            f"{path.name}: layer {layer!r} is empty", "territory.empty"
        )
    fields = [str(name) for name in meta["fields"]]
    columns = {}
    for role, name in (("code", layout.code_field), ("name", layout.name_field)):
        if name not in fields:
            raise ValidationError(
                f"{path.name}: layer {layer!r} has no field {name!r} for the "
                f"{role} (its fields: {', '.join(fields) or 'none'}); name it "
                f"with --{role}-field",
                "territory.no_field",
            )
        columns[role] = values[fields.index(name)]
    # every vertex of the layer in one call: the offsets are numpy throughout
    shapes = shapely.transform(
        shapely.from_wkb(geometries), transform_of(layout.crs, meta["crs"])
    )
    features = []
    for index, geometry in enumerate(shapes):
        code = _text(columns["code"][index])
        label = f"feature #{index}" + (f" (code {code})" if code else "")
        features.append(
            make_feature(label, code, _text(columns["name"][index]), geometry)
        )
    return features


def _layer(path: Path, wanted: str | None, layers: NDArray[np.str_]) -> str:
    names = [str(name) for name, _kind in layers]
    if wanted is not None:
        if wanted not in names:
            raise ValidationError(
                f"{path.name}: no layer {wanted!r} (its layers: {', '.join(names)})",
                "territory.no_layer",
            )
        return wanted
    polygons = [str(name) for name, kind in layers if kind and "Polygon" in str(kind)]
    if len(names) == 1:
        return names[0]
    if len(polygons) == 1:
        return polygons[0]
    if not names:
        raise ValidationError(f"{path.name}: it holds no layer", "territory.empty")
    raise ValidationError(
        f"{path.name}: {len(names)} layers ({', '.join(names)}): name one with --layer",
        "territory.which_layer",
    )


def _text(value: object) -> str:
    """A field's value as text: codes stored as numbers lose no digit."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def transform_of(declared: str | None, in_file: str | None) -> Transform:
    """The function from the file's coordinates to WGS-84 lon/lat."""
    name = (declared or "").strip()
    if name.lower() in OFFSETS:
        offset = OFFSETS[name.lower()]

        def undo(xy: NDArray[np.float64]) -> NDArray[np.float64]:
            lon, lat = offset(xy[:, 0], xy[:, 1])
            return np.column_stack([lon, lat])

        return undo
    source = name or in_file
    if name.lower() == "wgs84":
        source = "EPSG:4326"
    if not source:
        raise ValidationError(
            "the file names no coordinate system: say which with --crs "
            "(wgs84, EPSG:4490, gcj02, bd09 or EPSG:<code>)",
            "territory.no_crs",
        )
    return _pyproj(source)


def _pyproj(source: str) -> Transform:
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_user_input(source)
    except CRSError as error:
        raise ValidationError(
            f"unknown coordinate system {source[:80]!r}: say which with --crs "
            "(wgs84, EPSG:4490, gcj02, bd09 or EPSG:<code>)",
            "territory.unknown_crs",
        ) from error
    authority = crs.to_authority()
    if authority is not None and ":".join(authority) in _GEOGRAPHIC_WGS84:
        return lambda xy: xy
    transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    def to_wgs84(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        lon, lat = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return to_wgs84
