"""The app opened on an empty database offers what `commandcenter init`
does, in a dialog: a district of one's own (refused with the reason when a
field is wrong), after which its administrator signs in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox

from commandcenter.db.database import Database
from commandcenter.services.admin.api import district_of
from commandcenter.services.container import Services
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.shell.first_run_dialog import FirstRunDialog
from tests.views.display import require_display

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def test_the_first_run_sets_up_a_district_and_its_administrator(
    qtbot: QtBot, tmp_path: Path
) -> None:
    require_display("widgets")
    db = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    db.upgrade()  # what `commandcenter run` does to a new file
    services = Services(db)
    runner = TaskRunner()
    try:
        assert not services.auth.has_accounts()
        dialog = FirstRunDialog(runner, services)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.code.setText("330106")
        dialog.name.setText("西湖区")
        dialog.username.setText("lihua")
        dialog.display_name.setText("李华")
        dialog.password.setText("Xihu-admin-2026")
        dialog.repeated.setText("Xihu-admin-2027")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.click()
        assert "differ" in dialog.status.text()
        dialog.repeated.setText("Xihu-admin-2026")
        dialog.code.setText("0601")
        ok.click()
        qtbot.waitUntil(lambda: "GB/T 2260" in dialog.status.text(), timeout=10_000)
        assert not services.auth.has_accounts()  # refused: nothing written
        dialog.code.setText("330106")
        dialog.grab().save(str(tmp_path / "first-run.png"))
        with qtbot.waitSignal(dialog.accepted, timeout=20_000):
            ok.click()
        assert services.auth.login("lihua", "Xihu-admin-2026").display_name == "李华"
        with db.read() as session:
            district = district_of(session)
        assert district is not None
        assert (district.code, district.name) == ("330106", "西湖区")
    finally:
        runner.shutdown()
        services.close()
