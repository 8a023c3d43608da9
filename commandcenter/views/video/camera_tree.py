"""The wall's camera list: cameras grouped by street, searchable by name, code
or pinyin, dragged onto a tile or double-clicked to play on the focused one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commandcenter.views.kernel.pinyin_search import spellings
from commandcenter.views.video.video_tile import CAMERA_MIME

if TYPE_CHECKING:
    from collections.abc import Sequence

    from commandcenter.services.cameras.api import (
        CameraInfo,
    )

translate = QCoreApplication.translate
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KEYS_ROLE = Qt.ItemDataRole.UserRole + 2


class _Tree(QTreeWidget):
    """Drags carry the camera's code; street rows are not draggable."""

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        codes = [item.data(0, CODE_ROLE) for item in items if item.data(0, CODE_ROLE)]
        if codes:
            mime.setData(CAMERA_MIME, codes[0].encode("utf-8"))
        return mime

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CAMERA_MIME]


class CameraTree(QWidget):
    camera_activated = Signal(str)  # code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            translate("CameraTree", "Search cameras: name, code or pinyin")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = _Tree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.itemActivated.connect(self._activated)
        self._items: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        """Each street's row and its cameras' rows, for filtering."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

    def set_cameras(self, cameras: Sequence[CameraInfo]) -> None:
        self.tree.clear()
        self._items = []
        streets: dict[str, QTreeWidgetItem] = {}
        for camera in cameras:
            street = camera.street or translate("CameraTree", "Other")
            parent = streets.get(street)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [street])
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                parent.setData(0, KEYS_ROLE, " ".join((street, *spellings(street))))
                streets[street] = parent
                self._items.append((parent, []))
            item = QTreeWidgetItem(parent, [camera.name])
            self._items[-1][1].append(item)
            item.setToolTip(0, f"{camera.code} · {camera.grid_code}")
            item.setData(0, CODE_ROLE, camera.code)
            keys = (camera.name, camera.code.lower(), *spellings(camera.name))
            item.setData(0, KEYS_ROLE, " ".join(keys))
        for parent in streets.values():
            parent.setText(0, f"{parent.text(0)} ({parent.childCount()})")
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        """A street stays when it or any of its cameras matches."""
        query = text.strip().lower()
        for street, items in self._items:
            street_hit = not query or query in street.data(0, KEYS_ROLE).lower()
            shown = 0
            for item in items:
                hit = street_hit or query in item.data(0, KEYS_ROLE)
                item.setHidden(not hit)
                shown += hit
            street.setHidden(shown == 0)
            street.setExpanded(bool(query) and shown > 0)

    def _activated(self, item: QTreeWidgetItem) -> None:
        code = item.data(0, CODE_ROLE)
        if code:
            self.camera_activated.emit(code)
