"""The command palette (Ctrl+K): run any enabled action of the window by name.

Typing filters by the action's text in the UI language, by its pinyin initials
("la" finds 立案) and by its shortcut; Enter runs the first
match. The list is built from the window's QActions, so every new action is in
the palette without anyone remembering to add it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commandcenter.views.kernel.pinyin_search import spellings

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QAction

translate = QCoreApplication.translate
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1


def action_keys(action: QAction) -> str:
    """Everything a query may match: text, pinyin initials, shortcut."""
    text = action.text().replace("&", "").rstrip("…")
    initials, _ = spellings(text)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return " ".join((text, initials, shortcut)).lower()


class CommandPalette(QDialog):
    """A search box over the window's actions."""

    def __init__(
        self, actions: Sequence[QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Palette", "Command palette"))
        self._actions = [a for a in actions if a.isEnabled() and a.text()]
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("Palette", "Type a command…"))
        self.list = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.resize(460, 380)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._run_current)
        self.list.itemActivated.connect(self._run)
        self._filter("")

    def _filter(self, query: str) -> None:
        needle = query.strip().lower()
        self.list.clear()
        for action in self._actions:
            if needle and needle not in action_keys(action):
                continue
            shortcut = action.shortcut().toString(
                QKeySequence.SequenceFormat.NativeText
            )
            text = action.text().replace("&", "")
            item = QListWidgetItem(f"{text}\t{shortcut}" if shortcut else text)
            item.setData(ACTION_ROLE, action)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def _run_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._run(item)

    def _run(self, item: QListWidgetItem) -> None:
        action: QAction = item.data(ACTION_ROLE)
        self.accept()
        action.trigger()
