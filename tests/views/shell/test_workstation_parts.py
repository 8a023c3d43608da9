"""The workstation's smaller parts without a map: category search by pinyin,
the command palette, the queue's saved filters and the move table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from commandcenter.services.cases.details import CategoryChoice
from commandcenter.services.cases.queries import CaseFilter
from commandcenter.services.cases.workflow import TRANSITIONS
from commandcenter.views.cases.case_moves import STYLES
from commandcenter.views.cases.case_queue_filter_model import QueueTab
from commandcenter.views.cases.case_queue_widget import TABS, CaseQueueWidget
from commandcenter.views.cases.new_case_dialog import (
    NewCaseDialog,
    _searchable,
    matches,
)
from commandcenter.views.kernel.pinyin_search import spellings
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.shell.command_palette import CommandPalette
from commandcenter.views.shell.login_dialog import LoginDialog
from commandcenter.views.video.camera_tree import CODE_ROLE, CameraTree
from commandcenter.views.video.video_tile import camera_code
from tests.services.factories import place

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services
    from tests.conftest import Clock


def _choice(code: str, name: str, major: str) -> CategoryChoice:
    return CategoryChoice(code, name, major, code[0], 3, False)


def test_categories_are_found_by_code_chinese_and_pinyin() -> None:
    ads = _searchable(_choice("E0201", "非法小广告", "宣传广告"))
    garbage = _searchable(_choice("E0101", "暴露垃圾", "市容环境"))
    for query in ("E0201", "e02", "小广告", "xgg", "ffxgg", "xiaoguanggao", ""):
        assert matches(ads, query), query
    assert matches(garbage, "bllj")
    assert not matches(garbage, "xgg")
    assert matches(garbage, "市容")  # the major category too


def test_the_palette_runs_actions_by_name_or_pinyin(qtbot: QtBot) -> None:
    ran: list[str] = []
    register = QAction("立案")
    register.triggered.connect(lambda: ran.append("register"))
    dispatch = QAction("派遣…")
    dispatch.triggered.connect(lambda: ran.append("dispatch"))
    disabled = QAction("催办")
    disabled.setEnabled(False)
    palette = CommandPalette([register, dispatch, disabled])
    qtbot.addWidget(palette)
    assert palette.list.count() == 2  # disabled actions are not offered
    palette.search.setText("pq")
    assert palette.list.count() == 1
    palette.search.returnPressed.emit()
    assert ran == ["dispatch"]


def test_the_queue_remembers_its_tab_search_and_columns(
    services: Services, clock: Clock, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = CaseQueueWidget(clock)
    qtbot.addWidget(first)
    first.set_choices(services.details.filter_choices())
    first.tabs.setCurrentIndex(TABS.index(QueueTab.OVERDUE))
    first.search.setText("广告")
    first.category.setCurrentIndex(first.category.findData("E0201"))
    first.table.setColumnWidth(0, 222)
    first.save_state(settings)

    second = CaseQueueWidget(clock)
    qtbot.addWidget(second)
    second.set_choices(services.details.filter_choices())
    second.restore_state(settings)
    queue_filter = second.current_filter()
    assert queue_filter.tab is QueueTab.OVERDUE
    assert queue_filter.text == "广告"
    assert queue_filter.category == "E0201"
    assert second.table.columnWidth(0) == 222


def test_every_move_on_a_case_has_a_style_and_a_unique_shortcut() -> None:
    assert set(STYLES) == set(TRANSITIONS)
    shortcuts = [style.shortcut for style in STYLES.values()]
    assert len(shortcuts) == len(set(shortcuts))


def test_login_refuses_a_wrong_password_then_signs_in(
    services: Services, qtbot: QtBot
) -> None:
    runner = TaskRunner(synchronous=True)
    dialog = LoginDialog(runner, services.auth, ["operator"])
    qtbot.addWidget(dialog)
    dialog.username.setText("operator")
    dialog.password.setText("wrong")
    dialog.buttons.accepted.emit()
    assert dialog.actor is None
    assert dialog.error.text() == "Wrong user name or password."
    dialog.password.setText("demo-2026")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.accepted.emit()
    assert dialog.actor is not None
    assert dialog.actor.username == "operator"


def test_a_refused_photo_saves_no_case(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    runner = TaskRunner(synchronous=True)
    operator = services.auth.actor("operator")
    dialog = NewCaseDialog(runner, services, operator, services.details.categories())
    qtbot.addWidget(dialog)
    dialog.category_search.setText("E0201")
    dialog.category_list.setCurrentRow(0)
    where = place(services, 4)
    dialog.set_picked(where.lon, where.lat)
    dialog.description.setPlainText("广告牌占用人行道")
    assert dialog.place is not None
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    dialog.add_photos([empty])
    before = len(services.queries.find(CaseFilter.for_status("all")))
    dialog.buttons.accepted.emit()  # the duplicate check, then the save
    assert "1 byte to 20 MiB" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(services.queries.find(CaseFilter.for_status("all"))) == before


def test_the_camera_tree_groups_by_street_and_finds_by_pinyin(
    services: Services, qtbot: QtBot
) -> None:
    tree = CameraTree()
    qtbot.addWidget(tree)
    cameras = services.cameras.cameras()
    tree.set_cameras(cameras)
    streets = {c.street for c in cameras}
    assert tree.tree.topLevelItemCount() == len(streets)
    wanted = cameras[0]
    initials, _ = spellings(wanted.name)
    activated: list[str] = []
    tree.camera_activated.connect(activated.append)

    tree.search.setText(initials)
    streets_shown = (
        tree.tree.topLevelItem(i) for i in range(tree.tree.topLevelItemCount())
    )
    shown = [
        street.child(j)
        for street in streets_shown
        if not street.isHidden()
        for j in range(street.childCount())
        if not street.child(j).isHidden()
    ]
    assert wanted.code in [item.data(0, CODE_ROLE) for item in shown]
    assert len(shown) < len(cameras)
    tree.tree.itemActivated.emit(shown[0], 0)
    assert activated == [shown[0].data(0, CODE_ROLE)]
    mime = tree.tree.mimeData([shown[0]])
    assert camera_code(mime) == shown[0].data(0, CODE_ROLE)  # what a tile accepts
