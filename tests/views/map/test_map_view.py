"""The map widget: markers and queries travel over the QWebChannel bridge, the
page reaches nothing outside the machine, and hostile case text stays text."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt

from commandcenter.models.types import CaseState
from commandcenter.services.cases.map_layers import MapLayers, markers
from commandcenter.services.cases.queries import CaseFilter
from commandcenter.views.map.map_page import build_map_page
from commandcenter.views.map.map_view import MapView, offline_guard
from tests.services.factories import (
    EMERGENCY_CATEGORY,
    actor,
    drive_to,
    place,
    report,
    version,
)
from tests.views.display import require_display

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services

pytestmark = pytest.mark.webengine

HOSTILE = '<img src=x onerror="window.ccPwned=1"><script>window.ccPwned=2</script>'


def ask(qtbot: QtBot, view: MapView, what: str, **args: Any) -> Any:
    """A query answered by the page through the bridge."""
    replies: list[Any] = []
    view.query(what, replies.append, **args)
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    return replies[0]


def _open_map(
    services: Services, qtbot: QtBot, page: Path, display_unit: int | None = None
) -> MapView:
    """A map view on a freshly built page, the open cases sent before it is ready."""
    require_display("webengine")
    page.write_text(
        build_map_page(MapLayers(services.db), display_unit=display_unit),
        encoding="utf-8",
    )
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    open_rows = services.queries.find(CaseFilter.for_status("open"))
    view.show_markers(
        markers(open_rows, services.clock())
    )  # queued until the page is ready
    with qtbot.waitSignal(view.ready, timeout=30_000):
        view.load_page(page)
    return view


@pytest.fixture
def map_view(services: Services, qtbot: QtBot, tmp_path: Path) -> Iterator[MapView]:
    view = _open_map(services, qtbot, tmp_path / "map.html")
    yield view
    shiboken6.delete(view)  # its page must go before the shared profile


def test_the_walls_display_mode_is_dark_and_pulses_by_priority(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    """Priority 1 pulses fast, 2 slowly, 3 not at all; no zoom buttons on the
    wall. The workstation's map (the fixture's) has neither mode."""
    urgent = report(services, place(services, 0), category_code=EMERGENCY_CATEGORY)
    minor = report(services, place(services, 8))  # priority 3
    wall = _open_map(services, qtbot, tmp_path / "wall.html", display_unit=24)
    desk = _open_map(services, qtbot, tmp_path / "desk.html")
    try:
        summary = ask(qtbot, wall, "summary")
        assert summary["display"] is True
        assert summary["zoomButtons"] is False
        assert summary["background"] == "rgb(11, 18, 32)"
        assert "cc-pulse-1" in ask(qtbot, wall, "marker", id=urgent)["className"]
        assert "cc-pulse" not in ask(qtbot, wall, "marker", id=minor)["className"]
        summary = ask(qtbot, desk, "summary")
        assert (summary["display"], summary["zoomButtons"]) == (False, True)
        assert "cc-pulse" not in ask(qtbot, desk, "marker", id=urgent)["className"]
    finally:
        shiboken6.delete(wall)
        shiboken6.delete(desk)


def test_markers_sent_before_ready_arrive_and_update_in_place(
    services: Services, map_view: MapView, qtbot: QtBot
) -> None:
    case_id = report(services)
    map_view.update_cases(services.queries.by_ids([case_id]), services.clock())
    marker = ask(qtbot, map_view, "marker", id=case_id)
    assert marker["state"] == "reported"
    assert marker["colour"] == "#1e88e5"
    grid = marker["grid"]
    assert ask(qtbot, map_view, "gridCount", code=grid) >= 1

    operator = actor(services, "operator")
    services.cases.register(operator, case_id, version(services, case_id))
    services.cases.dispatch(operator, case_id, version(services, case_id))
    map_view.update_cases(services.queries.by_ids([case_id]), services.clock())
    assert ask(qtbot, map_view, "marker", id=case_id)["state"] == "dispatched"

    supervisor = actor(services, "supervisor")
    services.cases.suspend(supervisor, case_id, version(services, case_id), "长期")
    map_view.update_cases(services.queries.by_ids([case_id]), services.clock())
    assert ask(qtbot, map_view, "marker", id=case_id)["colour"] == "#757575"

    voided = drive_to(services, CaseState.VOIDED)
    map_view.update_cases(services.queries.by_ids([voided]), services.clock())
    assert ask(qtbot, map_view, "marker", id=voided) is None
    closed_row = services.queries.get(case_id)
    before = ask(qtbot, map_view, "gridCount", code=grid)
    map_view.update_cases(
        [replace(closed_row, state=CaseState.CLOSED.value)], services.clock()
    )
    assert ask(qtbot, map_view, "marker", id=case_id) is None
    assert ask(qtbot, map_view, "gridCount", code=grid) == before - 1
    assert offline_guard().blocked == []


def test_hostile_case_text_is_inert(
    services: Services, map_view: MapView, qtbot: QtBot
) -> None:
    case_id = report(services, description=HOSTILE)
    map_view.update_cases(services.queries.by_ids([case_id]), services.clock())
    map_view.select_case(case_id)  # opens the popup in the page
    popup = ask(qtbot, map_view, "popup", id=case_id)
    assert HOSTILE in popup["text"]
    assert popup["images"] == 0
    assert popup["scripts"] == 0
    qtbot.wait(300)  # an injected onerror would have fired by now
    result: list[Any] = []
    map_view.page().runJavaScript(
        "String(window.ccPwned) + '|' + document.querySelectorAll('img[src=x]').length",
        0,
        result.append,
    )
    qtbot.waitUntil(lambda: bool(result), timeout=10_000)
    assert result[0] == "undefined|0"


def test_clicks_in_the_page_reach_python(
    services: Services, map_view: MapView, qtbot: QtBot
) -> None:
    case_id = report(services)
    map_view.update_cases(services.queries.by_ids([case_id]), services.clock())
    map_view.select_case(case_id)  # zooms until the marker stands alone
    qtbot.waitUntil(
        lambda: ask(qtbot, map_view, "marker", id=case_id)["onScreen"], timeout=10_000
    )
    qtbot.wait(500)  # the zoom animation settles
    point = ask(qtbot, map_view, "marker", id=case_id)["point"]
    with qtbot.waitSignal(map_view.case_clicked, timeout=10_000) as clicked:
        qtbot.mouseClick(
            map_view.focusProxy(),
            Qt.MouseButton.LeftButton,
            pos=QPoint(round(point[0]), round(point[1])),
        )
    assert clicked.args == [case_id]

    map_view.pick_location()
    qtbot.wait(500)  # the popup opened by the click pans the map: let it settle
    point = ask(qtbot, map_view, "marker", id=case_id)["point"]
    zoom = ask(qtbot, map_view, "summary")["zoom"]
    with qtbot.waitSignal(map_view.location_picked, timeout=10_000) as picked:
        qtbot.mouseClick(
            map_view.focusProxy(),
            Qt.MouseButton.LeftButton,
            pos=QPoint(round(point[0]) + 30, round(point[1])),
        )
    lon, lat = picked.args
    case = services.queries.get(case_id)
    degrees_per_px = 360 / (256 * 2**zoom)
    assert lon - case.lon == pytest.approx(30 * degrees_per_px, rel=0.1)
    assert lat == pytest.approx(case.lat, abs=2 * degrees_per_px)
