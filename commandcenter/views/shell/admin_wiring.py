"""Administration plugged into the workstation (PRODUCT §11): for an
administrator, a menu that opens the administration window (users,
territory), one per workstation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from commandcenter.services.admin.api import ADMIN_ROLES
from commandcenter.views.admin.admin_window import AdminWindow

if TYPE_CHECKING:
    from commandcenter.views.shell.workstation import Workstation

translate = QCoreApplication.translate


class AdminParts:
    """The window's administration menu and, once opened, its window."""

    def __init__(self, window: Workstation) -> None:
        self._workstation = window
        self.window: AdminWindow | None = None
        self.action: QAction | None = None
        if window.actor.role in ADMIN_ROLES:
            menu = window.menuBar().addMenu(translate("Admin", "&Administration"))
            self.action = QAction(translate("Admin", "Users and territory…"), window)
            self.action.setShortcut(QKeySequence("Ctrl+Shift+A"))
            self.action.triggered.connect(self.open)
            menu.addAction(self.action)

    def open(self) -> AdminWindow:
        if self.window is None:
            ws = self._workstation
            self.window = AdminWindow(ws.services, ws.actor, ws.runner)
            self.window.start()
        self.window.show()
        self.window.raise_()
        return self.window

    def stop(self) -> None:
        if self.window is not None:
            self.window.close()
