"""Running a move on the case the panel shows: ask for what the move needs
(nothing, a reason, a department, a file, a duplicate), then run it on the
worker with the version the operator saw, so a concurrent edit is a conflict,
never an overwrite.

Split out of the workstation window, which only wires it: its actions call
`run_move`, and it reports back through signals (a message for the status bar,
a case to show again after a conflict).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from commandcenter.services.kernel.errors import ConflictError
from commandcenter.views.cases.case_moves import STYLES, MoveInput, Needs, call
from commandcenter.views.cases.move_dialogs import DispatchDialog, MoveDialog
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.cases.api import DispatchPreview, Move
    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.cases.case_panel import CasePanel
    from commandcenter.views.kernel.operation_dialog import OperationDialog
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class MoveController(QObject):
    """The moves of one window on the case its panel shows."""

    message = Signal(str)
    """A refusal or failure in words, for the status bar."""
    case_stale = Signal(int)
    """Someone changed this case first: show it again before deciding anew."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        panel: CasePanel,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._panel = panel
        self._window = window
        self._dialogs: list[OperationDialog] = []

    @property
    def open_dialogs(self) -> tuple[OperationDialog, ...]:
        """The move dialogs now open (non-modal: the operator may look around)."""
        return tuple(self._dialogs)

    def run_move(self, move: Move) -> None:
        """Run a move on the shown case, asking first for what it needs."""
        detail = self._panel.detail
        if detail is None or move not in detail.moves:
            return
        case_id = detail.row.id
        number = detail.row.number

        def build(given: MoveInput) -> Callable[[], Changes]:
            operation = call(
                self._services.cases,
                move,
                self._actor,
                case_id,
                self._current_version(case_id),
            )
            return partial(operation, given)

        needs = STYLES[move].needs
        if needs is Needs.NOTHING:
            self._runner.mutate(move.value, build(MoveInput()), failed=self.failed)
        elif needs is Needs.DEPARTMENT:
            self._runner.query(
                "dispatch preview",
                lambda: self._services.details.dispatch_preview(case_id),
                lambda preview: self._open_dispatch(number, preview, build),
                failed=self.failed,
            )
        elif needs is Needs.FILE:
            self._attach(build)
        else:
            targets = [
                (row.id, f"{row.number} {row.category_name} · {d:.0f} m")
                for row, d in detail.duplicates
            ]
            self._open(
                MoveDialog(
                    self._runner, move, needs, number, build, targets, self._window
                )
            )

    def failed(self, error: Exception) -> None:
        """A move was refused or failed: say why; on a conflict, show the case
        as it is now."""
        self.message.emit(error_text(error))
        self._refresh_on_conflict(error)

    def _current_version(self, case_id: int) -> int:
        detail = self._panel.detail
        assert detail is not None
        assert detail.row.id == case_id, "the panel still shows the case"
        return detail.row.version

    def _open_dispatch(
        self,
        number: str,
        preview: DispatchPreview,
        build: Callable[[MoveInput], Callable[[], Changes]],
    ) -> None:
        self._open(DispatchDialog(self._runner, number, preview, build, self._window))

    def _open(self, dialog: OperationDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.failed.connect(self._refresh_on_conflict)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda: self._dialogs.remove(dialog))
        dialog.open()

    def _attach(self, build: Callable[[MoveInput], Callable[[], Changes]]) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            translate("Workstation", "Attach file"),
            "",
            translate("Workstation", "Images and PDF (*.jpg *.jpeg *.png *.pdf)"),
        )
        if not name:
            return
        path = Path(name)
        media = (
            "application/pdf"
            if path.suffix.lower() == ".pdf"
            else ("image/png" if path.suffix.lower() == ".png" else "image/jpeg")
        )

        def send(data: bytes) -> None:
            given = MoveInput(filename=path.name, media_type=media, data=data)
            self._runner.mutate("attach", build(given), failed=self.failed)

        self._runner.io("read attachment", path.read_bytes, send, self.failed)

    def _refresh_on_conflict(self, error: Exception) -> None:
        shown = self._panel.detail
        if isinstance(error, ConflictError) and shown is not None:
            self.case_stale.emit(shown.row.id)
