"""Drills plugged into the workstation (PRODUCT §6): the DRILL banner across
the top of the window (and of the popped-out video wall), the drill tab beside
the case queue while a drill is on, and the drill's incidents among the
incident tabs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget

from commandcenter.services.drills.api import (
    CONTROLLER_ROLES,
    ScenarioFile,
    shipped_scenarios,
)
from commandcenter.services.kernel.validated_file import load_yaml
from commandcenter.views.drills.console import DrillConsole
from commandcenter.views.drills.drill_tab import DrillTab
from commandcenter.views.kernel.drill_banner import DrillBanner, DrillWatch, banner_bar

if TYPE_CHECKING:
    from commandcenter.services.drills.api import DrillStatus
    from commandcenter.views.shell.workstation import Workstation

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class DrillParts:
    """What a workstation keeps of its drills."""

    watch: DrillWatch
    banner: DrillBanner
    wall_banner: DrillBanner
    tab: DrillTab
    dock: QDockWidget
    console: list[DrillConsole]
    """The controller's console, once opened (supervisors)."""

    def start(self) -> None:
        self.watch.start()

    def stop(self) -> None:
        self.watch.stop()
        self.tab.stop()
        for console in self.console:
            console.close()


def wire_drills(window: Workstation) -> DrillParts:
    """The window's drill watch, banners and drill tab."""
    watch = DrillWatch(window.services, window.runner, window.hub, window)
    banner = banner_bar(window, watch, window.services.clock)
    wall_banner = _banner_on_wall(window, watch)
    tab = DrillTab(window.services, window.actor, window.runner, window.hub, watch)
    dock = window.dock("drill", translate("Drill", "Drill"), tab)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(window.queue_dock, dock)
    dock.hide()
    tab.case_chosen.connect(window.show_case)
    tab.activate_requested.connect(window.emergency.activate_drill)

    def changed(status: DrillStatus | None) -> None:
        on = status is not None and status.on
        window.emergency.set_drill(status.id if on and status else None)
        if on and status is not None and dock.isHidden():
            dock.setWindowTitle(
                translate("Drill", "Drill: %1").replace("%1", status.title)
            )
            dock.show()
            dock.raise_()
        elif not on:
            dock.hide()

    watch.changed.connect(changed)
    parts = DrillParts(watch, banner, wall_banner, tab, dock, [])
    if window.actor.role in CONTROLLER_ROLES:
        menu = window.menuBar().addMenu(translate("Drill", "&Drill"))
        action = QAction(translate("Drill", "Drill console…"), window)
        action.triggered.connect(lambda: open_console(window, parts))
        menu.addAction(action)
    return parts


def open_console(window: Workstation, parts: DrillParts) -> None:
    """The controller's console in a window of its own (one per workstation);
    the shipped scenarios are read on the I/O pool."""
    if parts.console:
        parts.console[0].show()
        parts.console[0].raise_()
        return

    def read() -> list[ScenarioFile]:
        return [load_yaml(ScenarioFile, path) for path in shipped_scenarios()]

    def opened(scenarios: list[ScenarioFile]) -> None:
        console = DrillConsole(
            window.services, window.actor, window.runner, window.hub, scenarios
        )
        parts.console.append(console)
        console.resize(1400, 860)
        console.show()
        console.start()

    window.runner.io("drill scenarios", read, opened)


def _banner_on_wall(window: Workstation, watch: DrillWatch) -> DrillBanner:
    """The video wall's dock is a window of its own when popped out: it
    carries the banner too."""
    dock = window.wall_dock
    inner = dock.widget()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    banner = DrillBanner(watch, window.services.clock, holder)
    layout.addWidget(banner)
    layout.addWidget(inner, 1)
    dock.setWidget(holder)
    return banner
