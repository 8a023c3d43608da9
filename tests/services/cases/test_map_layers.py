"""The map's data layers: territory outlines, grid counts, markers, cameras."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from commandcenter.models.types import AreaLevel, CaseState
from commandcenter.services.cases.map_layers import MapLayers, count_class, markers
from commandcenter.services.cases.queries import CaseFilter
from tests.services.factories import (
    actor,
    drill_stamp,
    drive_to,
    new_case,
    place,
    report,
)

if TYPE_CHECKING:
    from commandcenter.services.container import Services


def test_territory_layers_cover_every_level(services: Services) -> None:
    layers = MapLayers(services.db)
    streets = layers.territory(AreaLevel.STREET)
    grids = layers.territory(AreaLevel.GRID)
    assert len(streets["features"]) == 13
    assert len(grids["features"]) == len(services.territory)
    tianping = next(
        f for f in streets["features"] if f["properties"]["code"] == "310104003"
    )
    properties = dict(tianping["properties"])
    lat, lon = properties.pop("label_at")
    assert properties == {
        "code": "310104003",
        "name": "天平路街道",
        "illustrative": False,  # the one street outline that is surveyed
    }
    assert services.territory.locate(lon, lat) is not None  # the label sits inside
    assert all(f["properties"]["illustrative"] for f in grids["features"])
    json.dumps(grids)  # ready to send to the page as is


def test_open_counts_per_grid_skip_closed_and_drill(services: Services) -> None:
    here = place(services, 7)
    operator = actor(services, "operator")
    report(services, here)
    report(services, here)
    services.cases.report(operator, new_case(here, drill=drill_stamp(services)))
    drive_to(services, CaseState.CLOSED)  # elsewhere, and closed
    counts = MapLayers(services.db).open_counts()
    assert counts == {here.grid_code: 2}


def test_count_classes() -> None:
    assert [count_class(n) for n in (0, 1, 2, 3, 4, 6, 7, 50)] == [
        0,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


def test_markers_carry_text_as_data(services: Services) -> None:
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    case_id = report(services, description=hostile)
    drive_to(services, CaseState.CLOSED)
    rows = services.queries.find(CaseFilter.for_status("all"))
    shown = markers(rows, services.clock())
    assert [m.id for m in shown] == [case_id]
    assert shown[0].description == hostile  # unchanged: the page sets textContent
    assert json.loads(json.dumps(shown[0].to_json()))["description"] == hostile
