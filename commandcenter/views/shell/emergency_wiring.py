"""Emergencies plugged into the workstation: the activation command on the case
panel, in the menu and the palette; the incident tabs beside the map; the
areas of incidents under way on the map; and, for a department's handlers,
their incident tasks as the first tab of the queue (PRODUCT §6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from commandcenter.models.types import Role
from commandcenter.views.emergency.department_tasks import DepartmentTasks
from commandcenter.views.emergency.emergency_controller import EmergencyController

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from commandcenter.views.shell.workstation import Workstation

translate = QCoreApplication.translate


def wire_emergency(window: Workstation) -> EmergencyController:
    """The controller of `window`'s emergencies, connected to its parts."""
    controller = EmergencyController(
        window.services,
        window.actor,
        window.runner,
        window.hub,
        window.centre,
        lambda: window.map_page,
        lambda: window.panel.detail.row if window.panel.detail is not None else None,
        window,
    )
    window.panel.add_command(controller.activate_action)
    window.panel.add_command(controller.link_action)
    controller.cameras_to_wall.connect(window.show_on_wall)
    controller.message.connect(window.statusBar().showMessage)
    controller.active_changed.connect(window.map.show_incidents)
    controller.pick_requested.connect(lambda: _pick_on_map(window))
    window.map.location_picked.connect(controller.picked)
    return controller


def _pick_on_map(window: Workstation) -> None:
    window.centre.setCurrentWidget(window.map)
    window.map.pick_location()


def department_tasks_dock(window: Workstation) -> QDockWidget | None:
    """For a department's handler: its incident tasks, tabbed in front of the
    case queue while there are any (None for every other role)."""
    if window.actor.role is not Role.HANDLER:
        return None
    tasks = DepartmentTasks(window.services, window.actor, window.runner, window.hub)
    dock = window.dock("incident-tasks", translate("Incident", "Incident tasks"), tasks)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(window.queue_dock, dock)

    shown = 0

    def counted(open_tasks: int) -> None:
        """Titled with the count; brought forward when a new task arrives."""
        nonlocal shown
        dock.setWindowTitle(
            translate("Incident", "Incident tasks (%1)").replace("%1", str(open_tasks))
        )
        if open_tasks > shown:
            dock.raise_()
        shown = open_tasks

    tasks.counted.connect(counted)
    tasks.start()
    return dock
