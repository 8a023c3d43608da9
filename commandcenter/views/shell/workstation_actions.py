"""The workstation's actions: every command an operator reaches by a key, the
menus, the toolbar and the command palette (PRODUCT §2: everything frequent is
one keystroke away). The window hands over what each action does; this module
only names, binds and arranges them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from commandcenter.views.cases.case_moves import STYLES, move_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow

    from commandcenter.services.cases.api import Move

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Commands:
    """What the window does for each action."""

    run_move: Callable[[Move], None]
    new_case: Callable[[], None]
    palette: Callable[[], None]
    search: Callable[[], None]
    all_grids: Callable[[], None]
    statistics: Callable[[], None]
    district: Callable[[], None]
    quit: Callable[[], Any]


class WorkstationActions:
    """The actions of one window, in its menus and toolbar."""

    def __init__(
        self,
        window: QMainWindow,
        commands: Commands,
        muted: bool,
        extra_view: tuple[QAction, ...],
    ) -> None:
        self._window = window
        self.moves: dict[Move, QAction] = {}
        for move, style in STYLES.items():
            action = QAction(move_text(move), window)
            action.setShortcut(QKeySequence(style.shortcut))
            action.setEnabled(False)
            action.triggered.connect(partial(commands.run_move, move))
            self.moves[move] = action
        self.new_case = self._action(
            translate("Workstation", "New case…"), "Ctrl+N", commands.new_case
        )
        self.palette = self._action(
            translate("Workstation", "Command palette…"), "Ctrl+K", commands.palette
        )
        search = self._action(
            translate("Workstation", "Search the queue"), "Ctrl+F", commands.search
        )
        all_grids = self._action(
            translate("Workstation", "Show every grid"), "Ctrl+G", commands.all_grids
        )
        statistics = self._action(
            translate("Workstation", "Statistics"),
            "Ctrl+Shift+T",
            commands.statistics,
        )
        district = self._action(
            translate("Workstation", "Whole district"), "Ctrl+0", commands.district
        )
        self.mute = self._action(
            translate("Workstation", "Mute urgent alerts"), "Ctrl+Shift+U", None
        )
        self.mute.setCheckable(True)
        self.mute.setChecked(muted)
        self.quit = self._action(
            translate("Workstation", "Quit"), "Ctrl+Q", commands.quit
        )
        self.view = (
            self.palette,
            search,
            all_grids,
            district,
            statistics,
            self.mute,
            *extra_view,
        )
        self._arrange()

    def palette_entries(self) -> list[QAction]:
        """What the command palette offers: every action but the palette itself."""
        return [
            self.new_case,
            *self.moves.values(),
            *(action for action in self.view if action is not self.palette),
            self.quit,
        ]

    def _action(
        self, text: str, shortcut: str, slot: Callable[[], Any] | None
    ) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if slot is not None:
            action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def _arrange(self) -> None:
        window = self._window
        cases = window.menuBar().addMenu(translate("Workstation", "&Case"))
        cases.addAction(self.new_case)
        cases.addSeparator()
        for action in self.moves.values():
            cases.addAction(action)
        cases.addSeparator()
        cases.addAction(self.quit)
        view = window.menuBar().addMenu(translate("Workstation", "&View"))
        for action in self.view:
            view.addAction(action)
        toolbar = window.addToolBar(translate("Workstation", "Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.new_case)
        toolbar.addAction(self.palette)
        toolbar.addAction(self.mute)
