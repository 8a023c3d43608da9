"""An emergency driven through the UI, on SQLite and PostgreSQL: a gas-leak case,
the gas plan activated at Ⅳ from the case panel; the tasks reach two
departments' views and the big screen through the feed, from another
connection; a department acknowledges and finishes with a photo; the commander
raises to Ⅲ and the extra tasks appear; a task runs late, turns red and is
escalated; stand-down; the report's PDF has its Gantt chart and the workbook
the per-task times (both read back)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import shiboken6
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from commandcenter.models.types import IncidentState, TaskState
from commandcenter.services.container import Services
from commandcenter.services.emergency.api import (
    Level,
    TaskMove,
)
from commandcenter.views.big_screen.big_screen_window import BigScreenWindow
from commandcenter.views.emergency.department_tasks import DepartmentTasks
from commandcenter.views.emergency.task_board import RED
from commandcenter.views.emergency.task_dialogs import (
    LevelChangeDialog,
    StandDownDialog,
)
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.shell.workstation import Workstation
from tests.services.factories import (
    EMERGENCY_CATEGORY,
    PNG,
    actor,
    department_handler,
    report,
)
from tests.views.display import require_display

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.views.emergency.incident_view import IncidentView
    from tests.conftest import Backend, Clock

pytestmark = pytest.mark.webengine
WAIT = 20_000


class Elsewhere:
    """Another process's view of the same database: its own connection pool,
    runner and change hub, two departments' task lists and the big screen."""

    def __init__(self, backend: Backend, services: Services, qtbot: QtBot) -> None:
        self.services = Services(backend.another(services.db), services.clock)
        self.runner = TaskRunner()
        self.hub = ChangeHub(self.services, self.runner)
        self.gas = DepartmentTasks(
            self.services,
            department_handler(self.services, "RQ"),
            self.runner,
            self.hub,
        )
        self.police = DepartmentTasks(
            self.services,
            department_handler(self.services, "GA"),
            self.runner,
            self.hub,
        )
        self.wall = BigScreenWindow(self.services, self.runner, self.hub, 1080)
        for widget in (self.gas, self.police):
            qtbot.addWidget(widget)
        self.wall.resize(1920, 1080)
        self.wall.show()
        self.gas.show()
        self.police.show()
        self.gas.start()
        self.police.start()
        with qtbot.waitSignal(self.wall.refreshed, timeout=60_000):
            self.wall.start()

    def close(self) -> None:
        for widget in (self.gas, self.police):
            widget.stop()
        self.wall.stop()
        self.hub.stop()
        self.runner.shutdown()
        shiboken6.delete(self.wall)
        self.services.close()


@pytest.fixture
def commander(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> Iterator[Workstation]:
    require_display("webengine")
    runner = TaskRunner()
    hub = ChangeHub(services, runner)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = Workstation(services, actor(services, "supervisor"), runner, hub, settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.start()
    yield window
    window.stop()
    hub.stop()
    runner.shutdown()
    shiboken6.delete(window)


def _ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _row(tasks: DepartmentTasks, template: str) -> int:
    board = tasks.board
    return next(
        i for i in range(board.rowCount()) if board.task(i).template == template
    )


@pytest.mark.usefixtures("chinese")
def test_an_emergency_runs_through_the_ui_from_case_to_report(
    backend: Backend,
    services: Services,
    clock: Clock,
    commander: Workstation,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    elsewhere = Elsewhere(backend, services, qtbot)
    try:
        _run(elsewhere, services, clock, commander, qtbot, tmp_path)
    finally:
        elsewhere.close()


def _run(
    elsewhere: Elsewhere,
    services: Services,
    clock: Clock,
    window: Workstation,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    # a gas leak is reported; the commander opens it and activates from the panel
    case_id = report(services, category_code=EMERGENCY_CATEGORY)
    qtbot.waitUntil(
        lambda: window.queue.model.row_of(case_id) is not None, timeout=WAIT
    )
    window.queue.select_case(case_id)
    qtbot.waitUntil(
        lambda: (
            window.panel.detail is not None and window.panel.detail.row.id == case_id
        ),
        timeout=WAIT,
    )
    button = next(
        b
        for b in window.panel._commands
        if b.defaultAction() is window.emergency.activate_action
    )
    assert button.isVisible()
    button.click()
    qtbot.waitUntil(lambda: window.emergency.dialog is not None, timeout=WAIT)
    dialog = window.emergency.dialog
    assert dialog is not None
    assert dialog.plan.currentData() == "GAS-LEAK"  # offered by the category
    assert dialog.level.currentData() == Level.IV.value
    _ok(dialog)
    qtbot.waitUntil(lambda: bool(window.emergency.views), timeout=WAIT)
    view: IncidentView = next(iter(window.emergency.views.values()))
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT)
    assert window.centre.currentWidget() is view
    assert view.board.rowCount() == 4

    # the workstation's own map draws the incident's area
    drawn: list[object] = []
    window.map.query("incidents", drawn.append)
    qtbot.waitUntil(lambda: drawn == [1], timeout=WAIT)

    # a second report of the leak is linked from its case panel
    second = report(services, category_code=EMERGENCY_CATEGORY)
    qtbot.waitUntil(lambda: window.queue.model.row_of(second) is not None, timeout=WAIT)
    window.queue.select_case(second)
    qtbot.waitUntil(
        lambda: (
            window.panel.detail is not None and window.panel.detail.row.id == second
        ),
        timeout=WAIT,
    )
    qtbot.waitUntil(window.emergency.link_action.isVisible, timeout=WAIT)
    window.emergency.link_action.trigger()
    qtbot.waitUntil(
        lambda: view.detail is not None and len(view.detail.cases) == 2, timeout=WAIT
    )
    # the view's 关联 tab: the two cases first, then the cameras in the area
    assert view.links.count() == 2 + len(view.detail.cameras)
    assert view.links.item(1).text().startswith("案件")
    view.links.setCurrentRow(1)
    view.unlink_selected()
    qtbot.waitUntil(
        lambda: view.detail is not None and len(view.detail.cases) == 1, timeout=WAIT
    )
    assert [c.id for c in view.detail.cases] == [case_id]

    # two departments, and the big screen, see it through the feed
    qtbot.waitUntil(lambda: elsewhere.gas.board.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: elsewhere.police.board.rowCount() == 1, timeout=WAIT)
    wall = elsewhere.wall
    qtbot.waitUntil(lambda: wall.panels["incident"].isVisible(), timeout=WAIT)
    assert not wall.panels["league"].isVisible()  # the incident took its place
    assert view.detail is not None
    assert view.detail.title in wall.incidents.text.text()

    # the gas company acknowledges, then finishes with a photo
    gas = elsewhere.gas
    gas.table.selectRow(_row(gas, "IV.0"))
    assert gas.buttons[TaskMove.ACKNOWLEDGE].isVisible()
    gas.buttons[TaskMove.ACKNOWLEDGE].click()
    qtbot.waitUntil(
        lambda: gas.board.task(0).state is TaskState.ACKNOWLEDGED, timeout=WAIT
    )
    gas.table.selectRow(0)
    done = gas.run_move(TaskMove.DONE)
    assert done is not None
    _ok(done)  # without the photo the plan asks: refused, the dialog stays
    qtbot.waitUntil(lambda: done.error.isVisible(), timeout=WAIT)
    assert "照片" in done.error.text()
    photo = tmp_path / "阀门.png"
    photo.write_bytes(PNG)
    done.add_photo(photo)
    done.note.setText("已关阀")
    _ok(done)
    qtbot.waitUntil(
        lambda: gas.board.rowCount() == 0, timeout=WAIT
    )  # done: off the list
    qtbot.waitUntil(
        lambda: any(
            t.template == "IV.0" and t.state is TaskState.DONE
            for t in view.board.tasks()
        ),
        timeout=WAIT,
    )

    # the police acknowledge from the keyboard (Alt+1 while their list has focus)
    police = elsewhere.police
    police.activateWindow()
    qtbot.waitUntil(police.isActiveWindow, timeout=WAIT)
    police.table.selectRow(0)
    police.table.setFocus()
    qtbot.keyClick(police.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: police.board.task(0).state is TaskState.ACKNOWLEDGED, timeout=WAIT
    )

    # the commander raises to Ⅲ: the preview, a reason, four more tasks
    view.level_buttons["III"].click()
    qtbot.waitUntil(
        lambda: any(isinstance(c, LevelChangeDialog) for c in view.children()),
        timeout=WAIT,
    )
    raising = next(c for c in view.children() if isinstance(c, LevelChangeDialog))
    raising.reason.setText("发生爆燃")
    _ok(raising)
    qtbot.waitUntil(lambda: view.board.rowCount() == 8, timeout=WAIT)
    assert view.detail is not None
    assert view.detail.level is Level.III

    # twenty-six minutes on: the police cordon (due at 15) is red, and escalated
    clock.advance(minutes=26)
    view.board.tick()
    police_row = next(
        i for i in range(view.board.rowCount()) if view.board.task(i).template == "IV.1"
    )
    background = view.board.data(
        view.board.index(police_row, 0), Qt.ItemDataRole.BackgroundRole
    )
    assert background.color() == RED
    view.escalate_button.click()
    qtbot.waitUntil(
        lambda: any(t.escalated_at is not None for t in view.board.tasks()),
        timeout=WAIT,
    )
    assert view.board.data(view.board.index(police_row, 5)) == "已督办"
    qtbot.waitUntil(
        lambda: (
            elsewhere.police.board.rowCount() == 1
            and elsewhere.police.board.task(0).escalated_at is not None
        ),
        timeout=WAIT,
    )

    # stand-down with a summary
    view.stand_down_button.click()
    standing = next(c for c in view.children() if isinstance(c, StandDownDialog))
    standing.summary.setPlainText("漏点修复，警戒解除")
    _ok(standing)
    qtbot.waitUntil(
        lambda: (
            view.detail is not None and view.detail.state is IncidentState.STOOD_DOWN
        ),
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: not wall.panels["incident"].isVisible(), timeout=WAIT)
    assert wall.panels["league"].isVisible()  # its space given back

    # the report, from the view: a Gantt chart in the PDF, the times in the workbook
    pdf = tmp_path / "incident.pdf"
    with qtbot.waitSignal(view.report_written, timeout=WAIT):
        view.write_report(pdf)
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "甘特图" in text
    assert "燃气公司徐汇营业所" in text
    images = [image for page in reader.pages for image in page.images]
    assert images, "the Gantt chart is drawn into the PDF"
    xlsx = tmp_path / "incident.xlsx"
    with qtbot.waitSignal(view.report_written, timeout=WAIT):
        view.write_report(xlsx)
    assert str(xlsx) in view.message.text()
    sheet = load_workbook(xlsx)["任务"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == 8
    by_task = {row[3]: dict(zip(header, row, strict=True)) for row in body}
    valve = by_task["抢修人员到场，关闭上游阀门并检测浓度"]
    assert valve["状态"] == "done"
    assert valve["目标(分钟)"] == 30
    assert valve["完成(分钟)"] == 0  # the test clock stood still until then
    assert valve["按时"] == "是"
    cordon = by_task["设置警戒区，禁止明火和车辆进入"]
    assert cordon["督办"] == "是"
