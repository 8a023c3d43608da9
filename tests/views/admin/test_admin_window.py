"""The administration window on the demo world: accounts disabled and
enabled, a lock released, a password reset (shown once); a category's time
limit edited (the editor says it applies to cases dispatched after), and an
edit on a stale view refused as a conflict with the rows refreshed."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from commandcenter.models import Event
from commandcenter.services.kernel.auth import MOST_FAILED_SIGN_INS
from commandcenter.services.kernel.errors import AuthenticationError
from commandcenter.views.admin.admin_window import AdminWindow
from commandcenter.views.kernel.task_runner import TaskRunner
from tests.services.factories import EMERGENCY_CATEGORY, actor
from tests.views.display import require_display

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services


def test_accounts_and_categories_from_the_administration_window(
    services: Services, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_display("widgets")
    runner = TaskRunner()
    try:
        window = AdminWindow(services, actor(services, "admin"), runner)
        qtbot.addWidget(window)
        window.show()
        window.start()
        users = window.users
        qtbot.waitUntil(lambda: len(users.listed) > 7, timeout=10_000)

        def state_of(name: str) -> str:
            return next(u for u in users.listed if u.username == name).active

        users.select("video")
        users.active_button.click()  # disable
        qtbot.waitUntil(lambda: not state_of("video"), timeout=10_000)
        assert users.active_button.text() in ("Enable", "启用")
        users.active_button.click()
        qtbot.waitUntil(lambda: state_of("video"), timeout=10_000)

        for _ in range(MOST_FAILED_SIGN_INS):  # someone guesses the operator's
            with contextlib.suppress(AuthenticationError):
                services.auth.login("operator", "not-the-password-1")
        users.reload()
        qtbot.waitUntil(
            lambda: (
                next(u for u in users.listed if u.username == "operator").locked_until
                is not None
            ),
            timeout=10_000,
        )
        users.select("operator")
        assert users.unlock_button.isEnabled()
        users.unlock_button.click()
        qtbot.waitUntil(
            lambda: (
                next(u for u in users.listed if u.username == "operator").locked_until
                is None
            ),
            timeout=10_000,
        )
        shown: list[str] = []
        users.password_shown.connect(lambda _user, password: shown.append(password))
        users.reset_button.click()
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        window.grab().save(str(tmp_path / "users.png"))
        for box in users.findChildren(QMessageBox):
            box.close()

        reference = window.reference
        window.tabs.setCurrentWidget(reference)
        qtbot.waitUntil(lambda: len(reference.rows) >= 60, timeout=10_000)
        reference.select(EMERGENCY_CATEGORY)
        dialog = reference.open_edit()
        assert dialog is not None
        dialog.handling.setValue(2)
        window.grab().save(str(tmp_path / "reference.png"))
        dialog.grab().save(str(tmp_path / "category.png"))
        stale = dict(dialog._row)  # what this editor read
        with qtbot.waitSignal(dialog.answered, timeout=10_000):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(
            lambda: (
                next(r for r in reference.rows if r["code"] == EMERGENCY_CATEGORY)[
                    "handling_limit"
                ]
                == "2"
            ),
            timeout=10_000,
        )
        # another editor, opened before that change, is refused and refreshed
        reference.select(EMERGENCY_CATEGORY)
        late = reference.open_edit()
        assert late is not None
        late._row = stale
        late.priority.setCurrentIndex(2)
        with qtbot.waitSignal(late.failed, timeout=10_000):
            late.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert late.error.isVisible()
        row = next(r for r in reference.rows if r["code"] == EMERGENCY_CATEGORY)
        assert row["priority"] == "1"

        # a department of the district's own, then renamed
        reference.lists.setCurrentIndex(1)
        added = reference.open_department(editing=False)
        assert added is not None
        added.code.setText("QXJ")
        added.name_zh.setText("区气象局")
        added.parent_code.setCurrentIndex(added.parent_code.findData("CMD"))
        window.grab().save(str(tmp_path / "departments.png"))
        with qtbot.waitSignal(added.answered, timeout=10_000):
            added.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(
            lambda: any(d["code"] == "QXJ" for d in reference.departments),
            timeout=10_000,
        )
        position = next(
            i for i, d in enumerate(reference.departments) if d["code"] == "QXJ"
        )
        reference.department_table.selectRow(position)
        renamed = reference.open_department(editing=True)
        assert renamed is not None
        assert renamed.code.isReadOnly()
        renamed.name_zh.setText("徐汇区气象局")
        with qtbot.waitSignal(renamed.answered, timeout=10_000):
            renamed.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(
            lambda: any(d["name_zh"] == "徐汇区气象局" for d in reference.departments),
            timeout=10_000,
        )
        with services.db.read() as session:
            kinds = list(session.execute(select(Event.kind)).scalars())
        assert kinds.count("catalog.department_added") == 1
        assert kinds.count("catalog.department_changed") == 1
        assert kinds.count("catalog.category_changed") == 1
    finally:
        runner.shutdown()
