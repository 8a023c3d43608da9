"""A new district's first day, as its people would live it (issue 16): the
database set up with `commandcenter init`; the administrator signs in,
creates an operator and a handler, imports the survey office's zipped
Shapefile of grids drawn on a web map (GCJ-02, saying "WGS 84") after
previewing it; the operator signs in (choosing a password for the temporary
one), reports a case in an imported grid, registers and dispatches it; the
handler signs in and finds it in the queue."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import shapely
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from commandcenter.cli import main
from commandcenter.db.database import Database
from commandcenter.models import Area
from commandcenter.models.types import Role
from commandcenter.services.container import Services
from commandcenter.services.kernel.geodesy import distance_m
from commandcenter.views.cases.move_dialogs import DispatchDialog
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.shell.login_dialog import LoginDialog
from commandcenter.views.shell.workstation import Workstation
from tests.services.territory.gis_files import (
    inside,
    territory,
    to_gcj02,
    write,
    zipped,
)
from tests.views.display import require_display
from tests.views.shell.test_workstation import open_dialog, press, press_ok, wait_state

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.admin.users_tab import UserDialog
    from commandcenter.views.cases.new_case_dialog import NewCaseDialog

DISTRICT = "330106"
GRID = f"{DISTRICT}001001002"
ADMIN_PASSWORD = "Xihu-admin-2026"


def _sign_in(
    qtbot: QtBot,
    runner: TaskRunner,
    services: Services,
    user: str,
    password: str,
    new_password: str | None = None,
) -> Actor:
    """The login dialog as a person fills it; with `new_password`, the
    temporary password is replaced when the dialog asks."""
    dialog = LoginDialog(runner, services.auth, [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText(user)
    dialog.password.setText(password)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    if new_password is not None:
        qtbot.waitUntil(
            lambda: dialog.new_password.isVisible() or bool(dialog.error.text()),
            timeout=10_000,
        )
        assert dialog.new_password.isVisible(), dialog.error.text()
        dialog.new_password.setText(new_password)
        dialog.repeated.setText(new_password)
        ok.click()
        dialog.error.clear()
    qtbot.waitUntil(
        lambda: dialog.actor is not None or bool(dialog.error.text()), timeout=10_000
    )
    assert dialog.actor is not None, dialog.error.text()
    return dialog.actor


def _workstation(
    qtbot: QtBot,
    services: Services,
    actor: Actor,
    runner: TaskRunner,
    hub: ChangeHub,
    tmp_path: Path,
) -> Workstation:
    settings = QSettings(
        str(tmp_path / f"{actor.username}.ini"), QSettings.Format.IniFormat
    )
    ws = Workstation(services, actor, runner, hub, settings)  # deleted by _close
    ws.resize(1600, 1000)
    ws.show()
    with qtbot.waitSignal(ws.loaded, timeout=60_000):
        ws.start()
    ws.activateWindow()
    qtbot.waitUntil(ws.isActiveWindow, timeout=10_000)
    return ws


def _close(ws: Workstation) -> None:
    ws.stop()
    ws.close()
    shiboken6.delete(ws)  # its map page must go before the shared profile


def _add_user(
    qtbot: QtBot,
    window: object,
    username: str,
    name: str,
    role: Role,
    department: str | None = None,
) -> str:
    """New user… in the users tab; the temporary password it shows once."""
    users = window.users  # type: ignore[attr-defined]
    shown: list[tuple[str, str]] = []
    users.password_shown.connect(lambda user, password: shown.append((user, password)))
    dialog: UserDialog = users.open_new_user()
    dialog.username.setText(username)
    dialog.display_name.setText(name)
    dialog.role.setCurrentIndex(dialog.role.findData(role.value))
    if department is not None:
        qtbot.waitUntil(lambda: dialog.department.count() > 0, timeout=10_000)
        dialog.department.setCurrentIndex(dialog.department.findData(department))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    for box in users.findChildren(QMessageBox):
        box.close()
    assert shown[0][0] == username
    return shown[0][1]


def test_a_new_district_s_first_day(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_display("webengine")
    url = f"sqlite:///{tmp_path / 'xihu.sqlite3'}"
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n")
    )
    init = [
        "--district-code",
        DISTRICT,
        "--district-name",
        "西湖区",
        "--admin",
        "lihua",
    ]
    assert main(["init", "--db", url, *init]) == 0
    survey = territory(district=DISTRICT)  # WGS-84, as surveyed
    shapefile = write(
        tmp_path / "survey" / "xihu_grids.shp",
        survey,
        crs="EPSG:4326",
        convert=to_gcj02,
    )
    archive = zipped(shapefile)  # drawn on a web map: GCJ-02, saying "WGS 84"

    services = Services(Database(url))
    runner = TaskRunner()
    hub = ChangeHub(services, runner)
    try:
        # -- the administrator: two users, then the territory ---------------------
        admin = _sign_in(qtbot, runner, services, "lihua", ADMIN_PASSWORD)
        ws = _workstation(qtbot, services, admin, runner, hub, tmp_path)
        assert ws.admin.action is not None  # the administration menu is there
        ws.admin.action.trigger()
        window = ws.admin.window
        assert window is not None
        qtbot.waitUntil(lambda: len(window.users.listed) == 1, timeout=10_000)
        operator_password = _add_user(qtbot, window, "wangfang", "王芳", Role.OPERATOR)
        handler_password = _add_user(
            qtbot, window, "zhaoqiang", "赵强", Role.HANDLER, department="CGZF"
        )
        qtbot.waitUntil(lambda: len(window.users.listed) == 3, timeout=10_000)

        tab = window.territory
        window.tabs.setCurrentWidget(tab)
        tab.path.setText(str(archive))
        tab.crs.setCurrentIndex(tab.crs.findData("gcj02"))
        tab.check()
        qtbot.waitUntil(lambda: tab.plan is not None, timeout=20_000)
        assert tab.commit_button.isEnabled()  # previewed, nothing written yet
        assert len(tab.plan.features) == len(survey)  # type: ignore[union-attr]
        window.grab().save(str(tmp_path / "territory-preview.png"))
        with qtbot.waitSignal(tab.imported, timeout=20_000):
            tab.commit_button.click()
        found = services.territory.locate(*inside(2))
        assert found is not None
        assert found.grid_code == GRID
        with services.db.read() as session:
            stored = shapely.from_geojson(
                session.execute(
                    select(Area.geometry).where(Area.code == GRID)
                ).scalar_one()
            )
        surveyed = next(a.geometry for a in survey if a.code == GRID)
        corners = list(stored.exterior.coords)
        for x, y in surveyed.exterior.coords:  # within 1 m of where it was surveyed
            assert min(distance_m(x, y, sx, sy) for sx, sy in corners) < 1.0
        window.close()
        _close(ws)

        # -- the operator: a case in an imported grid, registered, dispatched -----
        operator = _sign_in(
            qtbot, runner, services, "wangfang", operator_password, "Xihu#Desk2026"
        )
        ws = _workstation(qtbot, services, operator, runner, hub, tmp_path)
        qtbot.keyClick(ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: ws.new_cases.dialog is not None, timeout=10_000)
        dialog: NewCaseDialog = ws.new_cases.dialog  # type: ignore[assignment]
        qtbot.keyClicks(dialog.category_search, "E0106")
        qtbot.keyClick(dialog.category_search, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.grid_code, GRID)
        qtbot.keyClick(dialog.grid_code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.place is not None, timeout=10_000)
        dialog.description.insertPlainText("文三路口有大量砂石遗撒")
        with qtbot.waitSignal(dialog.accepted, timeout=15_000):
            press_ok(qtbot, dialog)
        assert dialog.last_changes is not None
        case_id = dialog.last_changes.ids["case"][0]
        wait_state(qtbot, ws, case_id, "reported")
        press(qtbot, ws, Qt.Key.Key_F2)
        wait_state(qtbot, ws, case_id, "registered")
        press(qtbot, ws, Qt.Key.Key_F3)
        dispatch = open_dialog(qtbot, ws, DispatchDialog)
        assert "城管执法" in dispatch.department.currentText()
        press_ok(qtbot, dispatch)
        wait_state(qtbot, ws, case_id, "dispatched")
        _close(ws)

        # -- the handler finds it -----------------------------------------------
        handler = _sign_in(
            qtbot, runner, services, "zhaoqiang", handler_password, "Chengguan#2026"
        )
        ws = _workstation(qtbot, services, handler, runner, hub, tmp_path)
        qtbot.waitUntil(
            lambda: ws.queue.model.row_of(case_id) is not None, timeout=15_000
        )
        row = ws.queue.model.snapshot(ws.queue.model.row_of(case_id))  # type: ignore[arg-type]
        assert (row.grid_code, row.state) == (GRID, "dispatched")
        _close(ws)
        assert main(["audit", "verify", "--db", url]) == 0
    finally:
        hub.stop()
        runner.shutdown()
        services.close()
