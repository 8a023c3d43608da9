"""The new-case dialog of one window (Ctrl+N, a video snapshot): at most one
open at a time, fed the place the operator picks on the map, and the saved case
shown afterwards.

Split out of the workstation window, which wires it to the map: the map is
another view feature, so they meet through signals (`pick_requested`, and
`set_picked` from the map's click).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.cases.new_case_dialog import NewCaseDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.kernel.task_runner import TaskRunner


class NewCaseController(QObject):
    """Opens, feeds and closes the new-case dialog."""

    pick_requested = Signal(bool)
    """True: let the operator click a place on the map; False: stop."""
    case_saved = Signal(int)
    """The new case's id, once it is saved (the hub has put it in the queue)."""

    def __init__(
        self, services: Services, actor: Actor, runner: TaskRunner, window: QWidget
    ) -> None:
        super().__init__(window)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._window = window
        self._dialog: NewCaseDialog | None = None

    @property
    def dialog(self) -> NewCaseDialog | None:
        """The open dialog, if any."""
        return self._dialog

    def open(self, prepare: Callable[[NewCaseDialog], None] | None = None) -> None:
        """Open the dialog (or raise the open one), then `prepare` it, e.g. with
        a video snapshot."""
        if self._dialog is not None:
            if prepare is not None:
                prepare(self._dialog)
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        self._runner.query(
            "categories",
            self._services.details.categories,
            lambda categories: self._show(categories, prepare),
        )

    def set_picked(self, lon: float, lat: float) -> None:
        """The operator clicked a place on the map."""
        if self._dialog is not None:
            self._dialog.set_picked(lon, lat)
            self._dialog.raise_()

    def _show(
        self, categories: Any, prepare: Callable[[NewCaseDialog], None] | None
    ) -> None:
        dialog = NewCaseDialog(
            self._runner, self._services, self._actor, categories, self._window
        )
        if prepare is not None:
            prepare(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.pick_requested.connect(lambda: self.pick_requested.emit(True))
        dialog.accepted.connect(lambda: self._saved(dialog.last_changes))
        dialog.destroyed.connect(self._closed)
        self._dialog = dialog
        dialog.show()

    def _closed(self) -> None:
        self._dialog = None
        self.pick_requested.emit(False)

    def _saved(self, changes: Changes | None) -> None:
        if changes is not None:
            self.case_saved.emit(changes.ids[EntityKind.CASE][0])
