"""The administration window (PRODUCT §11): accounts, reference data and
territory, each
edit a domain operation with its event. Opened from the workstation by an
administrator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from commandcenter.views.admin.reference_tab import ReferenceTab
from commandcenter.views.admin.territory_tab import TerritoryTab
from commandcenter.views.admin.users_tab import UsersTab

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class AdminWindow(QMainWindow):
    """Tabs: users, categories and calendar, territory."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("Admin", "Administration — %1").replace("%1", actor.display_name)
        )
        self.tabs = QTabWidget(self)
        self.users = UsersTab(runner, services.users, actor, self.tabs)
        self.territory = TerritoryTab(
            runner, services.territory_admin, actor, self.tabs
        )
        self.reference = ReferenceTab(runner, services.reference, actor, self.tabs)
        self.tabs.addTab(self.users, translate("Admin", "Users"))
        self.tabs.addTab(self.reference, translate("Admin", "Categories and calendar"))
        self.tabs.addTab(self.territory, translate("Admin", "Territory"))
        self.setCentralWidget(self.tabs)
        self.resize(1100, 700)
        self.territory.imported.connect(lambda _changes: self.users.reload())

    def start(self) -> None:
        self.users.reload()
        self.reference.reload()
