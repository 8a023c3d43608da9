"""The `run` and `screenshot` commands: login, then the workstation; a PNG of it."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog

from commandcenter.cli import main
from commandcenter.views.shell.login_dialog import LoginDialog
from commandcenter.views.shell.workstation import Workstation
from tests.views.display import require_display

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.screenshot


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    require_display("screenshot")
    url = f"sqlite:///{tmp_path_factory.mktemp('app')}/app.sqlite3"
    assert main(["demo-data", "--db", url, "--small", "--seed", "5"]) == 0
    return url


def test_run_signs_in_and_opens_the_workstation(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    seen: list[Workstation] = []

    def sign_in(dialog: LoginDialog) -> int:
        # the demo accounts are offered, and the right password is accepted
        assert "operator" in dialog.hint.text()
        assert not dialog.hint.isHidden()
        dialog.username.setText("supervisor")
        dialog.password.setText("demo-2026")
        with qtbot.waitSignal(dialog.finished, timeout=10_000):
            dialog.buttons.accepted.emit()  # signs in on the worker
        return int(dialog.result())

    def event_loop(app: QApplication) -> int:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, Workstation)]
        seen.extend(w for w in windows if w.isVisible())
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(LoginDialog, "exec", sign_in)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert main(["run", "--db", demo_url, "--lang", "en"]) == 0
    assert len(seen) == 1
    assert seen[0].actor.username == "supervisor"


def test_a_cancelled_login_exits_without_a_window(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        LoginDialog, "exec", lambda _self: QDialog.DialogCode.Rejected.value
    )
    assert main(["run", "--db", demo_url]) == 1


def test_screenshot_writes_the_workstation(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "ws.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "commandcenter.cli",
            "screenshot",
            "workstation",
            "--db",
            demo_url,
            "--out",
            str(out),
            "--size",
            "1280x800",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    # a real picture, not a blank window: many distinct colours
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, 1280, 40)
        for y in range(0, 800, 40)
    }
    assert len(colours) > 20
