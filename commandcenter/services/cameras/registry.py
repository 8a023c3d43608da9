"""The district's cameras: validated import and export as CSV or GeoJSON, and the
list the video wall plays from.

An import is all or nothing. Every camera is checked before anything is written:
a code that is new (in the file and in the database), a name, a place inside the
district (which also gives its grid and street), and stream URLs whose scheme a
player can open (RTSP, HTTP(S) or a local file). All problems are reported at
once, each naming the row or feature and the camera code, and nothing is written
unless there are none.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from commandcenter.models import Area, Camera
from commandcenter.models.types import Role
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.territory.api import (
        TerritoryIndex,
    )

CSV_FIELDS = ("code", "name", "lon", "lat", "group", "main_url", "sub_url", "enabled")
STREAM_SCHEMES = frozenset({"rtsp", "rtsps", "http", "https", "file"})
IMPORT_ROLES = frozenset({Role.ADMIN})
_CODE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")
_TRUE = {"1", "true", "yes", "y", "是"}
_FALSE = {"0", "false", "no", "n", "否"}
_SHOWN_ERRORS = 8


@dataclass(frozen=True, slots=True)
class CameraSpec:
    """One camera as a file describes it; `where` names it in error messages."""

    code: str
    name: str
    lon: float
    lat: float
    group: str
    main_url: str
    sub_url: str
    enabled: bool = True
    where: str = ""

    def to_csv_row(self) -> dict[str, str]:
        return {
            "code": self.code,
            "name": self.name,
            "lon": f"{self.lon:.6f}",
            "lat": f"{self.lat:.6f}",
            "group": self.group,
            "main_url": self.main_url,
            "sub_url": self.sub_url,
            "enabled": "true" if self.enabled else "false",
        }


def _number(value: Any, what: str, where: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise ValidationError(f"{where}: {what} is not a number: {value!r}") from error
    if not math.isfinite(number):
        raise ValidationError(f"{where}: {what} is not a finite number")
    return number


def _flag(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text == "" or text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(f"{where}: enabled must be true or false, not {value!r}")


def _spec(fields: dict[str, Any], lon: Any, lat: Any, where: str) -> CameraSpec:
    code = str(fields.get("code") or "").strip()
    where = f"{where} ({code})" if code else where
    return CameraSpec(
        code=code,
        name=str(fields.get("name") or "").strip(),
        lon=_number(lon, "lon", where),
        lat=_number(lat, "lat", where),
        group=str(fields.get("group") or "").strip(),
        main_url=str(fields.get("main_url") or "").strip(),
        sub_url=str(fields.get("sub_url") or "").strip(),
        enabled=_flag(fields.get("enabled"), where),
        where=where,
    )


def parse_csv(text: str) -> list[CameraSpec]:
    """Cameras from CSV with the header `CSV_FIELDS` (group and enabled optional)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"code", "name", "lon", "lat", "main_url", "sub_url"} - set(
        reader.fieldnames or ()
    )
    if missing:
        raise ValidationError(
            f"the CSV lacks the columns: {', '.join(sorted(missing))}"
        )
    return [
        _spec(row, row.get("lon"), row.get("lat"), f"row {number}")
        for number, row in enumerate(reader, start=2)  # row 1 is the header
    ]


def parse_geojson(text: str) -> list[CameraSpec]:
    """Cameras from a FeatureCollection of Points with the CSV fields as properties."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(f"not JSON: {error}") from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError("expected a GeoJSON FeatureCollection")
    specs = []
    for number, feature in enumerate(data.get("features") or [], start=1):
        where = f"feature {number}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            raise ValidationError(f"{where}: the geometry must be a Point")
        coordinates = geometry.get("coordinates") or []
        if len(coordinates) < 2:
            raise ValidationError(f"{where}: a Point needs [lon, lat]")
        properties = feature.get("properties") or {}
        specs.append(_spec(properties, coordinates[0], coordinates[1], where))
    return specs


def read_cameras(path: Path) -> list[CameraSpec]:
    """Parse a .csv, .geojson or .json file of cameras."""
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_csv(text)
    if suffix in (".geojson", ".json"):
        return parse_geojson(text)
    raise ValidationError(f"{path.name}: cameras come as .csv or .geojson")


def to_csv(specs: Iterable[CameraSpec]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(spec.to_csv_row() for spec in specs)
    return out.getvalue()


def to_geojson(specs: Iterable[CameraSpec]) -> dict[str, Any]:
    features = []
    for spec in specs:
        properties: dict[str, Any] = spec.to_csv_row()
        del properties["lon"], properties["lat"]
        properties["enabled"] = spec.enabled
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(spec.lon, 6), round(spec.lat, 6)],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _url_problem(url: str, which: str) -> str | None:
    if not url:
        return f"{which} stream URL is missing"
    scheme = urlsplit(url).scheme.lower()
    if scheme not in STREAM_SCHEMES:
        allowed = ", ".join(sorted(STREAM_SCHEMES))
        return f"{which} stream URL {url!r} has scheme {scheme!r} (allowed: {allowed})"
    return None


@dataclass(frozen=True, slots=True)
class CameraInfo:
    """A camera as the video wall needs it: where it is and how to play it."""

    id: int
    code: str
    name: str
    lon: float
    lat: float
    grid_code: str
    street: str
    group: str
    main_url: str
    sub_url: str


class CameraRegistry:
    """Imports and exports the cameras of one database."""

    def __init__(self, db: Database, territory: TerritoryIndex) -> None:
        self._db = db
        self._territory = territory

    def import_cameras(
        self, actor: Actor | None, specs: Sequence[CameraSpec]
    ) -> Changes:
        """Add every camera or none. `actor` None is the system (the CLI)."""
        if actor is not None:
            actor.require(IMPORT_ROLES, "import cameras")
        if not specs:
            raise ValidationError("no cameras to import")
        with self._db.write() as session:
            known = set(session.execute(select(Camera.code)).scalars())
            rows, problems = self._rows(specs, known)
            if problems:
                shown = "; ".join(problems[:_SHOWN_ERRORS])
                more = len(problems) - _SHOWN_ERRORS
                suffix = f"; and {more} more" if more > 0 else ""
                raise ValidationError(f"nothing imported: {shown}{suffix}")
            cameras = [Camera(**row) for row in rows]
            session.add_all(cameras)
            session.flush()
            ids = tuple(camera.id for camera in cameras)
            event_id = event_log.record(
                session,
                "camera.imported",
                EntityKind.CAMERA,
                {"count": len(ids), "codes": [row["code"] for row in rows]},
                actor_id=actor.id if actor is not None else None,
            )
        return Changes.of(EntityKind.CAMERA, ids, event_id)

    def _rows(
        self, specs: Sequence[CameraSpec], known: set[str]
    ) -> tuple[list[dict[str, Any]], list[str]]:
        rows: list[dict[str, Any]] = []
        problems: list[str] = []
        seen: set[str] = set()
        for spec in specs:
            issues = []
            if not _CODE.match(spec.code):
                issues.append("the code must be 2-32 letters, digits, - or _")
            elif spec.code in known:
                issues.append(f"code {spec.code} is already used in the database")
            elif spec.code in seen:
                issues.append(f"code {spec.code} appears twice in the file")
            seen.add(spec.code)
            if not spec.name:
                issues.append("the name is missing")
            issues += [
                problem
                for problem in (
                    _url_problem(spec.main_url, "main"),
                    _url_problem(spec.sub_url, "sub"),
                )
                if problem
            ]
            grid = self._territory.locate(spec.lon, spec.lat)
            if grid is None:
                issues.append(f"({spec.lon}, {spec.lat}) is outside the district")
            if issues:
                problems.append(f"{spec.where}: {', '.join(issues)}")
                continue
            assert grid is not None
            rows.append(
                {
                    "code": spec.code,
                    "name": spec.name,
                    "lon": spec.lon,
                    "lat": spec.lat,
                    "grid_id": grid.grid_id,
                    "street_id": grid.street_id,
                    "group_name": spec.group,
                    "main_url": spec.main_url,
                    "sub_url": spec.sub_url,
                    "enabled": spec.enabled,
                }
            )
        return rows, problems

    def cameras(self) -> list[CameraInfo]:
        """The enabled cameras by street, then code: the wall's camera tree."""
        grid = aliased(Area)
        street = aliased(Area)
        with self._db.read() as session:
            rows = session.execute(
                select(
                    Camera,
                    func.coalesce(grid.code, "").label("grid_code"),
                    func.coalesce(street.name, "").label("street"),
                )
                .outerjoin(grid, grid.id == Camera.grid_id)
                .outerjoin(street, street.id == Camera.street_id)
                .where(Camera.enabled.is_(True))
                .order_by(street.code, Camera.code)
            ).all()
            return [
                CameraInfo(
                    id=c.id,
                    code=c.code,
                    name=c.name,
                    lon=c.lon,
                    lat=c.lat,
                    grid_code=grid_code,
                    street=street_name,
                    group=c.group_name,
                    main_url=c.main_url,
                    sub_url=c.sub_url,
                )
                for c, grid_code, street_name in rows
            ]

    def export_cameras(self) -> list[CameraSpec]:
        """Every camera, by code, as an import would read it back."""
        with self._db.read() as session:
            cameras = session.execute(select(Camera).order_by(Camera.code)).scalars()
            return [
                CameraSpec(
                    code=c.code,
                    name=c.name,
                    lon=c.lon,
                    lat=c.lat,
                    group=c.group_name,
                    main_url=c.main_url,
                    sub_url=c.sub_url,
                    enabled=c.enabled,
                )
                for c in cameras
            ]
