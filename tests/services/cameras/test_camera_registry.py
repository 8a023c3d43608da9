"""Camera import and export: all or nothing, every problem named, round trips."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.models import Area, Camera, Event
from commandcenter.services.cameras.registry import (
    CameraSpec,
    parse_csv,
    parse_geojson,
    to_csv,
    to_geojson,
)
from commandcenter.services.kernel.errors import PermissionDeniedError, ValidationError
from tests.services.factories import actor, place

if TYPE_CHECKING:
    from commandcenter.services.container import Services

HEADER = "code,name,lon,lat,group,main_url,sub_url,enabled\n"


def _count(services: Services) -> tuple[int, int]:
    with services.db.read() as session:
        cameras = session.execute(select(func.count(Camera.id))).scalar_one()
        events = session.execute(select(func.count(Event.id))).scalar_one()
    return cameras, events


def _csv(services: Services, *lines: str) -> str:
    return HEADER + "".join(line + "\n" for line in lines)


def _line(services: Services, ident: str, index: int = 0, **change: str) -> str:
    where = place(services, index)
    fields = {
        "code": ident,
        "name": "漕溪路口",
        "lon": f"{where.lon:.6f}",
        "lat": f"{where.lat:.6f}",
        "group": "测试组",
        "main_url": f"rtsp://10.0.0.5/{ident}/main",
        "sub_url": f"http://10.0.0.5/{ident}/sub.ts",
        "enabled": "true",
    }
    fields.update(change)
    return ",".join(fields.values())


def test_a_good_file_adds_every_camera_with_its_grid_and_one_event(
    services: Services,
) -> None:
    before_cameras, before_events = _count(services)
    specs = parse_csv(
        _csv(services, _line(services, "T-001", 1), _line(services, "T-002", 9))
    )
    changes = services.cameras.import_cameras(actor(services, "admin"), specs)
    assert len(changes.ids["camera"]) == 2
    assert _count(services) == (before_cameras + 2, before_events + 1)
    with services.db.read() as session:
        query = select(Camera).where(Camera.code == "T-001")
        camera = session.execute(query).scalar_one()
        grid = services.territory.locate(camera.lon, camera.lat)
        assert grid is not None
        assert camera.grid_id == grid.grid_id
        assert camera.group_name == "测试组"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"main_url": "ftp://10.0.0.5/x"}, "scheme 'ftp'"),
        ({"sub_url": ""}, "sub stream URL is missing"),
        ({"lon": "121.0"}, "outside the district"),
        ({"name": ""}, "the name is missing"),
        ({"code": "x"}, "the code must be"),
    ],
)
def test_one_bad_camera_means_nothing_is_written(
    services: Services, change: dict[str, str], message: str
) -> None:
    before = _count(services)
    specs = parse_csv(
        _csv(services, _line(services, "T-010"), _line(services, "T-011", 2, **change))
    )
    with pytest.raises(ValidationError, match=message) as raised:
        services.cameras.import_cameras(None, specs)
    assert "row 3" in str(raised.value)  # the header is row 1
    assert _count(services) == before


def test_duplicate_codes_are_refused_in_the_file_and_against_the_database(
    services: Services,
) -> None:
    existing = services.cameras.export_cameras()[0].code
    twice = parse_csv(
        _csv(services, _line(services, "T-020"), _line(services, "T-020"))
    )
    with pytest.raises(ValidationError, match="appears twice"):
        services.cameras.import_cameras(None, twice)
    clash = parse_csv(_csv(services, _line(services, existing)))
    with pytest.raises(ValidationError, match="already used"):
        services.cameras.import_cameras(None, clash)


def test_unreadable_input_names_what_is_wrong() -> None:
    with pytest.raises(ValidationError, match="lacks the columns: lat, lon"):
        parse_csv("code,name,main_url,sub_url\nA1,x,rtsp://a,rtsp://b\n")
    with pytest.raises(ValidationError, match=r"row 2 \(A1\): lon is not a number"):
        parse_csv(HEADER + "A1,x,east,31.2,,rtsp://a,rtsp://b,true\n")
    with pytest.raises(ValidationError, match="enabled must be true or false"):
        parse_csv(HEADER + "A1,x,121.4,31.2,,rtsp://a,rtsp://b,maybe\n")
    with pytest.raises(
        ValidationError, match="feature 1: the geometry must be a Point"
    ):
        parse_geojson(
            json.dumps({"type": "FeatureCollection", "features": [{"geometry": None}]})
        )


def test_only_administrators_import(services: Services) -> None:
    specs = parse_csv(_csv(services, _line(services, "T-030")))
    with pytest.raises(PermissionDeniedError):
        services.cameras.import_cameras(actor(services, "operator"), specs)


def test_export_reads_back_the_same_cameras_as_csv_and_geojson(
    services: Services,
) -> None:
    exported = services.cameras.export_cameras()
    assert len(exported) >= 60  # the demo district's cameras

    def comparable(specs: list[CameraSpec]) -> list[tuple[object, ...]]:
        return [
            (
                s.code,
                s.name,
                round(s.lon, 6),
                round(s.lat, 6),
                s.group,
                s.main_url,
                s.sub_url,
                s.enabled,
            )
            for s in specs
        ]

    assert comparable(parse_csv(to_csv(exported))) == comparable(exported)
    geojson = json.dumps(to_geojson(exported), ensure_ascii=False)
    assert comparable(parse_geojson(geojson)) == comparable(exported)


def test_the_wall_lists_enabled_cameras_with_grid_and_street(
    services: Services,
) -> None:
    specs = parse_csv(
        _csv(
            services,
            _line(services, "T-101", 3),
            _line(services, "T-102", 4, enabled="false"),
        )
    )
    services.cameras.import_cameras(actor(services, "admin"), specs)
    listed = {camera.code: camera for camera in services.cameras.cameras()}
    assert "T-102" not in listed  # disabled cameras are not offered
    camera = listed["T-101"]
    grid = services.territory.locate(camera.lon, camera.lat)
    assert grid is not None
    assert camera.grid_code == grid.grid_code
    with services.db.read() as session:
        street = session.get(Area, grid.street_id)
        assert street is not None
        assert camera.street == street.name
    assert camera.sub_url == "http://10.0.0.5/T-101/sub.ts"


def test_the_demo_district_has_cameras_inside_it(services: Services) -> None:
    cameras = services.cameras.cameras()
    assert len(cameras) >= 60
    assert all(services.territory.locate(c.lon, c.lat) for c in cameras)
    assert all(c.street and c.grid_code for c in cameras)
