"""Emergencies in the workstation: the activation command, a tab per incident
under way, and for a department's handlers its incident tasks first.

The window hands over where things go (its centre tabs, its map page, the case
on show, picking a place on the map); this controller does the rest, so the
window stays a composition of features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabBar

from commandcenter.models.types import IncidentState, Role
from commandcenter.services.emergency.api import (
    ACTIVATE_ROLES,
    INCIDENT_TRANSITIONS,
    IncidentMove,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.emergency.activation_dialog import ActivationDialog
from commandcenter.views.emergency.incident_view import IncidentView
from commandcenter.views.kernel.coalesced_read import CoalescedRead
from commandcenter.views.kernel.level_colours import LEVEL_NUMERALS
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtWidgets import QTabWidget, QWidget

    from commandcenter.services.cases.api import CaseRow
    from commandcenter.services.container import Services
    from commandcenter.services.emergency.api import (
        IncidentDetail,
        LinkedCamera,
        StoredPlan,
    )
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.change_hub import ChangeHub, EntitiesChanged
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate
PICKED_RADIUS_M = 300
"""The area of an incident activated from a place picked on the map."""
COMMAND_ROLES = frozenset({Role.OPERATOR, Role.SUPERVISOR, Role.VIDEO_SUPERVISOR})
"""Who gets a tab per incident (departments get their tasks; the wall its panel)."""


class EmergencyController(QObject):
    """Activation, incident tabs, department tasks for one window."""

    cameras_to_wall = Signal(list)
    pick_requested = Signal()
    """Ask the map for a place: the activation from scratch waits for it."""
    message = Signal(str)
    incident_opened = Signal(object)
    """The `IncidentView` of a tab just opened."""
    active_changed = Signal(list)
    """The incidents under way (`IncidentDetail`s), after each change to any."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        hub: ChangeHub,
        tabs: QTabWidget,
        map_page: Callable[[], Path | None],
        current_case: Callable[[], CaseRow | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.runner = runner
        self.hub = hub
        self.tabs = tabs
        self._map_page = map_page
        self._current_case = current_case
        self._picking = False
        self._announce: set[int] = set()
        self._active: list[tuple[int, int | None]] = []
        """(id, drill id) of the incidents under way, the newest first."""
        self.drill_id: int | None = None
        """The drill that is on: its incidents get tabs too (set_drill)."""
        self._picking_drill: int | None = None
        self._started = False
        self.views: dict[int, IncidentView] = {}
        self.dialog: ActivationDialog | None = None
        """The activation dialog last opened."""
        self.activate_action = QAction(
            translate("Incident", "Activate an emergency plan…"), parent
        )
        self.activate_action.setShortcut(QKeySequence("Ctrl+E"))
        self.activate_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.activate_action.setEnabled(actor.role in ACTIVATE_ROLES)
        self.activate_action.setVisible(actor.role in ACTIVATE_ROLES)
        self.activate_action.triggered.connect(self.activate)
        parent.addAction(self.activate_action)
        self.link_action = QAction(
            translate("Incident", "Link to the incident"), parent
        )
        self.link_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.link_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        may_link = actor.role in INCIDENT_TRANSITIONS[IncidentMove.LINK].roles
        self.link_action.setVisible(False)  # while an incident is under way
        self._may_link = may_link
        self.link_action.triggered.connect(self.link_case)
        parent.addAction(self.link_action)
        tabs.tabCloseRequested.connect(self._close_tab)
        self._reader = CoalescedRead(
            runner,
            "incidents",
            self._read_active,
            self._arrived,
            self._failed,
            self,
        )
        hub.entities_changed.connect(self._on_changed)

    # -- incident tabs ----------------------------------------------------------------

    def start(self) -> None:
        self._reader.request()

    def set_drill(self, drill_id: int | None) -> None:
        """The drill that is on changed: its incidents join the tabs (the map
        of real work never shows them)."""
        if drill_id != self.drill_id:
            self.drill_id = drill_id
            self._reader.request()

    def _read_active(self) -> list[IncidentDetail]:
        """On the worker: the real incidents under way, then the drill's."""
        queries, drill_id = self.services.incident_queries, self.drill_id
        drill = [] if drill_id is None else queries.active(drill_id)
        return queries.active() + drill

    def open_incident(self, incident: IncidentDetail) -> IncidentView:
        view = self.views.get(incident.id)
        if view is None:
            view = IncidentView(
                self.services,
                self.actor,
                self.runner,
                self.hub,
                incident.id,
                self._map_page,
            )
            view.cameras_to_wall.connect(self.cameras_to_wall)
            self.views[incident.id] = view
            numeral = LEVEL_NUMERALS.get(incident.level.value, "")
            self.tabs.addTab(view, f"{_drill_mark(incident)}{numeral} {incident.title}")
            self._closable()
            view.loaded.connect(lambda: self._retitle(view))
            view.start()
            self.incident_opened.emit(view)
        return view

    def map_page_ready(self, page: Path) -> None:
        """The window's map page is written: the tabs opened before load it."""
        for view in self.views.values():
            view.load_map(page)

    def _retitle(self, view: IncidentView) -> None:
        detail = view.detail
        index = self.tabs.indexOf(view)
        if detail is None or index < 0:
            return
        numeral = LEVEL_NUMERALS.get(detail.level.value, "")
        ended = detail.state is not IncidentState.ACTIVE
        self.tabs.setTabText(
            index,
            f"{_drill_mark(detail)}{'✓' if ended else numeral} "
            f"{detail.number[-2:]} {detail.title}",
        )

    def _closable(self) -> None:
        """Incident tabs close; the window's own (map, statistics) do not."""
        if self.tabs.tabsClosable():
            return
        self.tabs.setTabsClosable(True)
        bar = self.tabs.tabBar()
        for index in range(self.tabs.count()):
            if not isinstance(self.tabs.widget(index), IncidentView):
                bar.setTabButton(index, QTabBar.ButtonPosition.RightSide, None)

    def _close_tab(self, index: int) -> None:
        view = self.tabs.widget(index)
        if isinstance(view, IncidentView):
            view.stop()
            self.views.pop(view.incident_id, None)
            self.tabs.removeTab(index)
            view.deleteLater()

    def _on_changed(self, change: EntitiesChanged) -> None:
        """An incident changed or began, here or on another workstation."""
        if change.kind is EntityKind.INCIDENT:
            self._reader.request()

    def _arrived(self, incidents: list[IncidentDetail]) -> None:
        """The incidents under way: the map redrawn, the link command offered,
        a tab for each new one (brought forward for the supervisor, or for the
        one who activated it; not for those open at start)."""
        self.active_changed.emit([i for i in incidents if i.drill_id is None])
        self._active = [(incident.id, incident.drill_id) for incident in incidents]
        self.link_action.setVisible(self._may_link and bool(incidents))
        if self.actor.role not in COMMAND_ROLES:
            return
        first = not self._started
        self._started = True
        for incident in reversed(incidents):  # the newest tab ends up last
            if incident.id in self.views:
                continue
            view = self.open_incident(incident)
            announced = incident.id in self._announce
            if announced or (not first and self.actor.role is Role.SUPERVISOR):
                self.tabs.setCurrentWidget(view)
            self._announce.discard(incident.id)

    def stop(self) -> None:
        self._reader.stop()
        for view in self.views.values():
            view.stop()

    # -- activation -------------------------------------------------------------------

    def activate(self) -> None:
        """From the case on show, or (none shown) from a place picked on the map."""
        if self.actor.role not in ACTIVATE_ROLES:
            return
        case = self._current_case()
        if case is None:
            self._picking = True
            self.message.emit(
                translate("Incident", "Click the place of the emergency on the map")
            )
            self.pick_requested.emit()
            return
        incidents, queries = self.services.incidents, self.services.incident_queries

        def prepare() -> tuple[list[StoredPlan], str, list[LinkedCamera]]:
            area = incidents.area_for_case(case.id)
            return queries.plans(), area, queries.cameras_in(area)

        title = f"{case.category_name} · {case.address or case.street_name}"
        self.runner.query(
            "activation",
            prepare,
            lambda found: self._open_dialog(
                found, case.id, case.category_code, title, case.drill_id
            ),
            self._failed,
        )

    def activate_drill(self) -> None:
        """The drill's response, from a place picked on the map."""
        if self.actor.role not in ACTIVATE_ROLES or self.drill_id is None:
            return
        self._picking = True
        self._picking_drill = self.drill_id
        self.message.emit(
            translate("Incident", "Click the place of the drill's emergency on the map")
        )
        self.pick_requested.emit()

    def link_case(self) -> None:
        """Link the case on show to the incident of the tab in front, or to
        the newest incident under way."""
        case = self._current_case()
        same = (
            [i for i, drill in self._active if drill == case.drill_id] if case else []
        )
        if case is None or not same:
            return
        current = self.tabs.currentWidget()
        incident_id = (
            current.incident_id
            if isinstance(current, IncidentView) and current.incident_id in same
            else same[0]
        )
        actor, incidents = self.actor, self.services.incidents
        self.runner.mutate(
            translate("Incident", "Link to the incident"),
            lambda: incidents.link(actor, incident_id, "case", case.id),
            lambda _changes: self.message.emit(
                translate("Incident", "Case %1 linked to the incident").replace(
                    "%1", case.number
                )
            ),
            self._failed,
        )

    def picked(self, lon: float, lat: float) -> None:
        """A place picked on the map, when the activation asked for one."""
        if not self._picking:
            return
        self._picking = False
        drill_id, self._picking_drill = self._picking_drill, None
        incidents, queries = self.services.incidents, self.services.incident_queries

        def prepare() -> tuple[list[StoredPlan], str, list[LinkedCamera]]:
            area = incidents.area_around(lon, lat, PICKED_RADIUS_M)
            return queries.plans(), area, queries.cameras_in(area)

        title = (
            translate("Incident", "Emergency at %1, %2")
            .replace("%1", f"{lon:.4f}")
            .replace("%2", f"{lat:.4f}")
        )
        self.runner.query(
            "activation",
            prepare,
            lambda found: self._open_dialog(found, None, "", title, drill_id),
            self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.message.emit(error_text(error))

    def _open_dialog(
        self,
        found: tuple[list[StoredPlan], str, list[LinkedCamera]],
        case_id: int | None,
        category: str,
        title: str,
        drill_id: int | None = None,
    ) -> None:
        plans, area, cameras = found
        dialog = ActivationDialog(
            self.runner,
            self.services,
            self.actor,
            plans,
            (case_id, area),
            cameras,
            (category, title),
            self.tabs,
            drill_id,
        )
        dialog.accepted.connect(lambda: self._activated(dialog))
        self.dialog = dialog
        dialog.open()

    def _activated(self, dialog: ActivationDialog) -> None:
        changes = dialog.last_changes
        if changes is not None:
            (incident_id,) = changes.ids[EntityKind.INCIDENT]
            view = self.views.get(incident_id)
            if view is not None:
                self.tabs.setCurrentWidget(view)
            else:
                self._announce.add(incident_id)


def _drill_mark(incident: IncidentDetail) -> str:
    """A drill's incident says so on its tab."""
    return translate("Incident", "[DRILL] ") if incident.drill_id is not None else ""
