"""The workstation end to end: a case driven through the loop from the keyboard,
with the queue row, the map marker (asked through the bridge) and the timeline
checked at every step, and changes from another connection arriving by
themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import shiboken6
from fastapi.testclient import TestClient
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox

from commandcenter.camsim.process import CamsimProcess
from commandcenter.intake.app import BASE, create_app
from commandcenter.models.types import Source
from commandcenter.services.cameras.registry import CameraSpec
from commandcenter.services.cases.api import CaseFilter
from commandcenter.services.container import Services
from commandcenter.services.intake.api import KeySource
from commandcenter.views.cases.case_queue_table_model import ROW_ROLE
from commandcenter.views.cases.move_dialogs import DispatchDialog, MoveDialog
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.shell.workstation import Workstation
from commandcenter.views.video.video_tile import TileState
from tests.services.factories import (
    CGZF_CATEGORY,
    actor,
    handler_for,
    new_case,
    place,
    report,
    version,
)
from tests.views.display import require_display
from tests.views.tcp_proxy import TcpProxy

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.cases.queries import CaseRow
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.cases.new_case_dialog import NewCaseDialog
    from tests.conftest import Backend

pytestmark = pytest.mark.webengine
HOSTILE = '<img src=x onerror="window.ccPwned=1"><b>bold</b><script>x()</script>'


@pytest.fixture
def window(services: Services, qtbot: QtBot, tmp_path: Path) -> Iterator[Workstation]:
    require_display("webengine")
    runner = TaskRunner()
    hub = ChangeHub(services, runner)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ws = Workstation(services, actor(services, "operator"), runner, hub, settings)
    qtbot.addWidget(ws)
    ws.resize(1600, 1000)
    ws.show()
    with qtbot.waitSignal(ws.loaded, timeout=60_000):
        ws.start()
    ws.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(ws.isActiveWindow, timeout=10_000)
    yield ws
    ws.stop()
    hub.stop()
    runner.shutdown()
    shiboken6.delete(ws)  # its map page must go before the shared profile


def marker(qtbot: QtBot, ws: Workstation, case_id: int) -> Any:
    replies: list[Any] = []
    ws.map.query("marker", replies.append, id=case_id)
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    return replies[0]


def queue_row(ws: Workstation, case_id: int) -> CaseRow | None:
    position = ws.queue.model.row_of(case_id)
    return None if position is None else ws.queue.model.snapshot(position)


def wait_state(qtbot: QtBot, ws: Workstation, case_id: int, state: str) -> None:
    """Queue row and panel both show `state` (they update from the feed)."""

    def arrived() -> bool:
        row = queue_row(ws, case_id)
        shown = ws.panel.detail
        return (
            row is not None
            and row.state == state
            and shown is not None
            and shown.row.id == case_id
            and shown.row.state == state
        )

    qtbot.waitUntil(arrived, timeout=15_000)


def open_dialog(qtbot: QtBot, ws: Workstation, kind: type) -> Any:
    qtbot.waitUntil(
        lambda: any(
            isinstance(d, kind) and d.isVisible() for d in ws.moves.open_dialogs
        ),
        timeout=10_000,
    )
    return next(d for d in ws.moves.open_dialogs if isinstance(d, kind))


def press(qtbot: QtBot, ws: Workstation, key: Qt.Key) -> None:
    """A shortcut key: X without a window manager does not give the focus back
    to the main window when a dialog closes, so activate it first."""
    ws.activateWindow()
    qtbot.waitUntil(ws.isActiveWindow, timeout=10_000)
    qtbot.keyClick(ws, key)


def press_ok(qtbot: QtBot, dialog: Any) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_case_through_the_loop_from_the_keyboard(
    services: Services, window: Workstation, qtbot: QtBot
) -> None:
    ws = window
    where = place(services, 3)

    # create: Ctrl+N, category by code, place by grid code, description, save
    qtbot.keyClick(ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.new_cases.dialog is not None, timeout=10_000)
    dialog: NewCaseDialog = ws.new_cases.dialog  # type: ignore[assignment]
    qtbot.keyClicks(dialog.category_search, CGZF_CATEGORY)
    qtbot.keyClick(dialog.category_search, Qt.Key.Key_Return)
    assert dialog.selected_category() == CGZF_CATEGORY
    qtbot.keyClicks(dialog.grid_code, where.grid_code)
    qtbot.keyClick(dialog.grid_code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.place is not None, timeout=10_000)
    dialog.description.insertPlainText("路面有大量砂石遗撒")  # QTest types ASCII only
    qtbot.keyClicks(dialog.reporter_phone, "13812345678")
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        press_ok(qtbot, dialog)

    changes = dialog.last_changes
    assert changes is not None
    case_id = changes.ids["case"][0]
    wait_state(qtbot, ws, case_id, "reported")
    assert ws.queue.current_case() is not None
    assert ws.queue.current_case().id == case_id  # type: ignore[union-attr]
    assert marker(qtbot, ws, case_id)["state"] == "reported"
    assert ws.panel.fields["reporter"].text() == "138****5678"
    assert ws.panel.timeline_actions() == ["reported"]

    # register: F2
    press(qtbot, ws, Qt.Key.Key_F2)
    wait_state(qtbot, ws, case_id, "registered")
    assert marker(qtbot, ws, case_id)["state"] == "registered"
    assert ws.panel.timeline_actions() == ["reported", "registered"]

    # dispatch: F3 opens the dialog with the suggestion and the deadline preview
    press(qtbot, ws, Qt.Key.Key_F3)
    dispatch = open_dialog(qtbot, ws, DispatchDialog)
    assert "区城管执法局" in dispatch.department.currentText()
    assert dispatch.deadline.text()
    assert dispatch.reason.text()
    press_ok(qtbot, dispatch)
    wait_state(qtbot, ws, case_id, "dispatched")
    assert marker(qtbot, ws, case_id)["state"] == "dispatched"

    # the department accepts and reports through the service, as another user
    handler = handler_for(services, case_id)
    services.cases.accept(handler, case_id, version(services, case_id))
    wait_state(qtbot, ws, case_id, "in_progress")
    services.cases.feedback(handler, case_id, version(services, case_id), "已清扫")
    wait_state(qtbot, ws, case_id, "handled")
    assert marker(qtbot, ws, case_id)["state"] == "handled"

    # verify: F4, an optional note, OK: closed and gone from the map
    press(qtbot, ws, Qt.Key.Key_F4)
    verify = open_dialog(qtbot, ws, MoveDialog)
    verify.text.insertPlainText("现场核查已清理干净")
    press_ok(qtbot, verify)
    wait_state(qtbot, ws, case_id, "closed")
    qtbot.waitUntil(lambda: marker(qtbot, ws, case_id) is None, timeout=10_000)
    assert ws.panel.timeline_actions() == [
        "reported",
        "registered",
        "dispatched",
        "accepted",
        "reported handling",
        "verified and closed",
    ]


def test_a_change_from_another_connection_appears_by_itself(
    services: Services, backend: Backend, window: Workstation, qtbot: QtBot
) -> None:
    other = Services(backend.another(services.db), services.clock)
    try:
        changes = other.cases.report(
            other.auth.actor("gridworker"), new_case(place(other, 5))
        )
    finally:
        other.close()
    case_id = changes.ids["case"][0]
    qtbot.waitUntil(lambda: queue_row(window, case_id) is not None, timeout=15_000)
    qtbot.waitUntil(lambda: marker(qtbot, window, case_id) is not None, timeout=10_000)


def test_a_conflict_keeps_the_typed_reason_and_refreshes(
    services: Services, window: Workstation, qtbot: QtBot
) -> None:
    ws = window
    case_id = report(services)
    qtbot.waitUntil(lambda: queue_row(ws, case_id) is not None, timeout=15_000)
    assert ws.queue.select_case(case_id)
    wait_state(qtbot, ws, case_id, "reported")
    press(qtbot, ws, Qt.Key.Key_F8)  # void: asks for a reason
    dialog = open_dialog(qtbot, ws, MoveDialog)
    dialog.text.insertPlainText("重复上报")
    ws.stop()  # hold the feed back so the panel keeps the old version
    services.cases.register(
        actor(services, "supervisor"), case_id, version(services, case_id)
    )
    press_ok(qtbot, dialog)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "Someone else changed this first" in dialog.error.text()
    assert dialog.text.toPlainText() == "重复上报"
    assert dialog.isVisible()
    # the panel was refreshed on the conflict: it shows the new state
    qtbot.waitUntil(
        lambda: (
            ws.panel.detail is not None and ws.panel.detail.row.state == "registered"
        ),
        timeout=10_000,
    )


def test_hostile_text_is_plain_text_in_the_panel(
    services: Services, window: Workstation, qtbot: QtBot
) -> None:
    case_id = report(services, description=HOSTILE)
    assert_inert(qtbot, window, case_id, HOSTILE)


def test_hostile_text_from_the_intake_api_is_stored_as_text_and_inert(
    services: Services, window: Workstation, qtbot: QtBot
) -> None:
    """HTML and SQL in a description posted by an outside system: stored as
    it came, shown as text in the panel, nothing of it runs on the map."""
    hostile = HOSTILE + "'); DROP TABLE cases; --"
    key = services.api_keys.add("gw-app", KeySource.GRID_WORKER, "gridworker")
    here = place(services, 9)
    form = {
        "api_key": key,
        "service_code": CGZF_CATEGORY,
        "lat": str(here.lat),
        "long": str(here.lon),
        "description": hostile,
    }
    with TestClient(create_app(services)) as api:
        posted = api.post(f"{BASE}/requests.json", data=form)
    assert posted.status_code == 201, posted.text
    number = posted.json()[0]["service_request_id"]
    (case,) = [c for c in services.queries.find(CaseFilter()) if c.number == number]
    assert case.description == hostile  # stored as text, every table still there
    assert_inert(qtbot, window, case.id, hostile)


def assert_inert(qtbot: QtBot, window: Workstation, case_id: int, text: str) -> None:
    """The case's description is plain text in the panel, and its map popup
    made no element of it (no image loaded, no script)."""
    qtbot.waitUntil(lambda: queue_row(window, case_id) is not None, timeout=15_000)
    window.queue.select_case(case_id)
    wait_state(qtbot, window, case_id, "reported")
    label = window.panel.description
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == text
    popup = []
    window.map.query("popup", popup.append, id=case_id)
    qtbot.waitUntil(lambda: bool(popup), timeout=10_000)
    assert popup[0]["images"] == 0
    assert popup[0]["scripts"] == 0


def test_a_grid_clicked_on_the_map_narrows_the_queue(
    services: Services, window: Workstation, qtbot: QtBot
) -> None:
    inside, elsewhere = place(services, 7), place(services, 40)
    here = report(services, inside)
    there = report(services, elsewhere)
    for case_id in (here, there):
        qtbot.waitUntil(
            lambda c=case_id: queue_row(window, c) is not None, timeout=15_000
        )
    window.queue.tabs.setCurrentIndex(window.queue.tabs.count() - 1)  # All
    window.map.grid_clicked.emit(inside.grid_code)  # what a click in the page sends
    shown = {
        window.queue.proxy.index(r, 0).data(ROW_ROLE).id
        for r in range(window.queue.proxy.rowCount())
    }
    assert here in shown
    assert there not in shown
    assert window.queue.grid_chip.isVisible()
    qtbot.mouseClick(window.queue.grid_chip, Qt.MouseButton.LeftButton)
    assert window.queue.proxy.rowCount() >= 2


@pytest.mark.media
def test_a_snapshot_becomes_a_video_case_in_the_cameras_grid(
    services: Services, window: Workstation, qtbot: QtBot
) -> None:
    ws = window
    where = place(services, 6)
    with CamsimProcess.generic(1) as sim:
        spec = CameraSpec(
            code="T-SNAP",
            name="测试路口",
            lon=where.lon,
            lat=where.lat,
            group="",
            main_url=sim.url("SIM001", "main"),
            sub_url=sim.url("SIM001", "sub"),
            enabled=True,
        )
        services.cameras.import_cameras(None, [spec])
        ws.wall.set_cameras(services.cameras.cameras())
        ws.show_on_wall(["T-SNAP"])
        tile = ws.wall.tiles[ws.wall.focused]
        qtbot.waitUntil(lambda: tile.state is TileState.LIVE, timeout=15_000)
        assert ws.wall.snapshot()
        qtbot.waitUntil(lambda: ws.new_cases.dialog is not None, timeout=10_000)
    dialog: NewCaseDialog = ws.new_cases.dialog  # type: ignore[assignment]
    assert dialog.place is not None
    assert dialog.place.grid_code == where.grid_code
    assert dialog.source.currentData() == Source.VIDEO
    dialog.category_search.setText(CGZF_CATEGORY)
    dialog.category_list.setCurrentRow(0)
    dialog.description.insertPlainText("视频巡查发现路面砂石遗撒")
    saved: list[Changes | None] = []
    dialog.accepted.connect(lambda: saved.append(dialog.last_changes))
    press_ok(qtbot, dialog)
    qtbot.waitUntil(
        lambda: bool(saved) or not dialog.warning.isHidden(), timeout=10_000
    )
    if not saved:
        press_ok(qtbot, dialog)  # duplicates nearby: save anyway
        qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    assert saved[0] is not None
    case_id = saved[0].ids["case"][0]
    detail = services.details.detail(actor(services, "operator"), case_id)
    assert detail.row.source == "video"
    assert detail.row.grid_code == where.grid_code
    (photo,) = detail.attachments
    assert photo.filename.startswith("snapshot-T-SNAP-")
    image = QImage.fromData(services.details.attachment_data(photo.id))
    assert (image.width(), image.height()) == (640, 360)


@pytest.mark.postgres
def test_a_workstation_cut_from_the_database_catches_up_on_what_it_missed(
    postgres_backend: Backend, qtbot: QtBot, tmp_path: Path
) -> None:
    """The network between a workstation and the database is cut (at a TCP
    proxy) while reports arrive through the intake API; once it is back the
    workstation has every event it missed, in order, and every case is in
    its queue, without anyone touching it."""
    require_display("webengine")
    direct_db = postgres_backend.fresh()
    direct = Services(direct_db)
    assert postgres_backend.on_port is not None
    proxy = TcpProxy(direct_db.engine.url.port or 5432)
    services = Services(postgres_backend.on_port(proxy.port))
    runner = TaskRunner()
    hub = ChangeHub(services, runner)
    delivered: list[int] = []
    hub.events_arrived.connect(lambda events: delivered.extend(e.id for e in events))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ws = Workstation(services, actor(services, "operator"), runner, hub, settings)
    ws.resize(1600, 1000)
    ws.show()
    start = direct.events.newest_id()
    try:
        with qtbot.waitSignal(ws.loaded, timeout=60_000):
            ws.start()
        proxy.cut()
        key = direct.api_keys.add("hotline", KeySource.GRID_WORKER, "gridworker")
        numbers = []
        with TestClient(create_app(direct)) as api:
            for n in range(30):
                here = place(direct, n % 12)
                form = {
                    "api_key": key,
                    "service_code": CGZF_CATEGORY,
                    "lat": str(here.lat),
                    "long": str(here.lon),
                    "description": f"断网期间的上报 {n}",
                }
                posted = api.post(f"{BASE}/requests.json", data=form)
                numbers.append(posted.json()[0]["service_request_id"])
        newest = direct.events.newest_id()
        assert hub.fed_up_to < newest  # it could not have seen them
        proxy.restore()
        qtbot.waitUntil(lambda: hub.fed_up_to == newest, timeout=60_000)
        expected = [e.id for e in direct.events.since(start, limit=10_000)]
        assert [i for i in delivered if i > start] == expected  # all, in order
        ids = {c.id for c in direct.queries.find(CaseFilter()) if c.number in numbers}
        qtbot.waitUntil(
            lambda: all(queue_row(ws, case_id) is not None for case_id in ids),
            timeout=15_000,
        )
    finally:
        ws.stop()
        hub.stop()
        runner.shutdown()
        proxy.cut()
        shiboken6.delete(ws)
        services.close()
        direct.close()
        direct_db.dispose()


def test_territory_imported_elsewhere_is_drawn_and_the_markers_stay(
    services: Services,
    backend: Backend,
    window: Workstation,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    """An administrator on another machine imports grids: the operator's
    map draws them without a restart, the case markers it showed are still
    there, and this workstation's grid index finds the new grids (a click on
    them, the new-case dialog)."""
    from commandcenter.services.territory.api import Layout
    from tests.services.territory.gis_files import grid_code, inside, territory, write

    case_id = report(services, place(services, 2))
    qtbot.waitUntil(lambda: marker(qtbot, window, case_id) is not None, timeout=15_000)

    def drawn(code: str) -> bool:
        replies: list[Any] = []
        window.map.query("grid", replies.append, code=code)
        qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
        return bool(replies[0])

    assert not drawn(grid_code(2))
    elsewhere = Services(backend.another(services.db), services.clock)
    try:
        admin = actor(elsewhere, "admin")
        path = write(tmp_path / "new.geojson", territory())
        plan = elsewhere.territory_admin.plan(admin, path, Layout())
        elsewhere.territory_admin.commit(admin, plan)
    finally:
        elsewhere.close()
    qtbot.waitUntil(lambda: window.map.is_ready and drawn(grid_code(2)), timeout=30_000)
    assert marker(qtbot, window, case_id) is not None
    found = services.territory.locate(*inside(2))
    assert found is not None
    assert found.grid_code == grid_code(2)
