"""The new-case dialog for hotline calls and walk-ins (Ctrl+N).

Category by search (code, Chinese, or pinyin initials: "xgg" finds 非法小广告),
location by clicking the map or typing a grid code, the reporter's contact (shown
masked once saved), description, priority and photos. Before saving it looks for
open cases of the same category nearby and shows them, so the operator can stop
and merge instead of creating a duplicate. The dialog is not modal: the map stays
usable for picking the place.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from commandcenter.models.types import Source
from commandcenter.services.cases.api import (
    GridPlace,
    NewAttachment,
    NewCase,
)
from commandcenter.services.territory.api import (
    GridRef,
)
from commandcenter.views.kernel.domain_text import priority_text, source_text
from commandcenter.views.kernel.operation_dialog import OperationDialog
from commandcenter.views.kernel.pinyin_search import spellings

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from commandcenter.services.cameras.api import (
        CameraInfo,
    )
    from commandcenter.services.cases.api import (
        CaseRow,
        CategoryChoice,
    )
    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class _Photo:
    """A photo to attach: a file chosen by the operator or a wall snapshot,
    read on the worker when the case is saved."""

    name: str
    read: Callable[[], bytes]


@dataclass(frozen=True, slots=True)
class _Searchable:
    choice: CategoryChoice
    keys: tuple[str, ...]  # lower-case texts a query may be found in


def _searchable(choice: CategoryChoice) -> _Searchable:
    initials, spelled = spellings(choice.name)
    return _Searchable(
        choice,
        (
            choice.code.lower(),
            choice.name,
            choice.major,
            initials,
            spelled,
        ),
    )


def matches(entry: _Searchable, query: str) -> bool:
    needle = query.strip().lower()
    return not needle or any(needle in key for key in entry.keys)


@dataclass(frozen=True, slots=True)
class Place:
    lon: float
    lat: float
    grid_code: str


class NewCaseDialog(OperationDialog):
    """Register a report from the desk."""

    pick_requested = Signal()
    """The operator wants to click the place on the map."""

    def __init__(
        self,
        runner: TaskRunner,
        services: Services,
        actor: Actor,
        categories: Sequence[CategoryChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, translate("NewCase", "New case"), parent)
        self._services = services
        self._actor = actor
        self._entries = [_searchable(choice) for choice in categories]
        self._place: Place | None = None
        self._duplicates_checked = False
        self._photos: list[_Photo] = []

        self.category_search = QLineEdit(self.form)
        self.category_search.setPlaceholderText(
            translate("NewCase", "Code, name or pinyin initials, e.g. xgg")
        )
        self.category_list = QListWidget(self.form)
        self.category_list.setMinimumHeight(150)
        self.grid_code = QLineEdit(self.form)
        self.grid_code.setPlaceholderText(translate("NewCase", "Grid code"))
        self.pick = QPushButton(translate("NewCase", "Pick on map"), self.form)
        self.place_label = QLabel(translate("NewCase", "No place yet"), self.form)
        self.place_label.setTextFormat(Qt.TextFormat.PlainText)
        self.address = QLineEdit(self.form)
        self.description = QPlainTextEdit(self.form)
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(80)
        self.priority = QComboBox(self.form)
        self.priority.addItem(translate("NewCase", "As the category says"), None)
        for level in (1, 2, 3):
            self.priority.addItem(priority_text(level), level)
        self.source = QComboBox(self.form)
        for source in (Source.HOTLINE, Source.CITIZEN, Source.PATROL, Source.VIDEO):
            self.source.addItem(source_text(source.value), source)
        self.reporter_name = QLineEdit(self.form)
        self.reporter_phone = QLineEdit(self.form)
        self.reporter_phone.setPlaceholderText(
            translate("NewCase", "Shown masked after saving")
        )
        self.photos_button = QPushButton(translate("NewCase", "Add photos…"), self.form)
        self.photos_label = QLabel(self.form)
        self.warning = QListWidget(self)
        self.warning.hide()

        where = QHBoxLayout()
        where.addWidget(self.grid_code, 2)
        where.addWidget(self.pick)
        where.addWidget(self.place_label, 3)
        photos = QHBoxLayout()
        photos.addWidget(self.photos_button)
        photos.addWidget(self.photos_label, 1)
        layout = QFormLayout(self.form)
        layout.addRow(translate("NewCase", "Category"), self.category_search)
        layout.addRow("", self.category_list)
        layout.addRow(translate("NewCase", "Place"), where)
        layout.addRow(translate("NewCase", "Address"), self.address)
        layout.addRow(translate("NewCase", "Description"), self.description)
        layout.addRow(translate("NewCase", "Priority"), self.priority)
        layout.addRow(translate("NewCase", "Source"), self.source)
        layout.addRow(translate("NewCase", "Reporter"), self.reporter_name)
        layout.addRow(translate("NewCase", "Phone"), self.reporter_phone)
        layout.addRow(translate("NewCase", "Photos"), photos)
        self.body.insertWidget(2, self.warning)
        self.setMinimumWidth(560)
        # Return belongs to the fields (pick the first category, look up the
        # grid); saving is the button or Ctrl+Return
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setAutoDefault(False)
        ok.setDefault(False)
        save = QShortcut(QKeySequence("Ctrl+Return"), self)
        save.activated.connect(self._submit)

        self.category_search.textChanged.connect(self._filter_categories)
        self.category_search.returnPressed.connect(self._first_category)
        self.category_list.currentItemChanged.connect(self._changed)
        self.grid_code.editingFinished.connect(self._grid_typed)
        self.pick.clicked.connect(self.pick_requested.emit)
        self.photos_button.clicked.connect(self._add_photos)
        for edit in (self.address, self.reporter_name, self.reporter_phone):
            edit.textChanged.connect(self._changed)
        self.description.textChanged.connect(self._changed)
        self._filter_categories("")
        self.category_search.setFocus()

    # -- category ------------------------------------------------------------------

    def _filter_categories(self, query: str) -> None:
        current = self.selected_category()
        self.category_list.clear()
        for entry in self._entries:
            if matches(entry, query):
                choice = entry.choice
                item = QListWidgetItem(
                    f"{choice.code}  {choice.name}  · {choice.major}"
                )
                item.setData(CATEGORY_ROLE, choice.code)
                self.category_list.addItem(item)
                if current == choice.code:
                    self.category_list.setCurrentItem(item)

    def _first_category(self) -> None:
        if self.category_list.count():
            self.category_list.setCurrentRow(0)
            self.grid_code.setFocus()

    def selected_category(self) -> str | None:
        item = self.category_list.currentItem()
        code: str | None = item.data(CATEGORY_ROLE) if item is not None else None
        return code

    # -- place ---------------------------------------------------------------------

    def _grid_typed(self) -> None:
        code = self.grid_code.text().strip()
        if not code or (self._place is not None and self._place.grid_code == code):
            return  # already placed in that grid (on the map or at a camera)
        self._runner.query(
            "grid", lambda: self._services.details.grid(code), self._grid_found
        )

    def _grid_found(self, grid: object) -> None:
        if not isinstance(grid, GridPlace):
            self.place_label.setText(translate("NewCase", "No such grid"))
            self._place = None
            return
        self._set_place(Place(grid.lon, grid.lat, grid.code), grid.name)

    def set_picked(self, lon: float, lat: float) -> None:
        """A place clicked on the map."""
        self._runner.query(
            "locate",
            lambda: self._services.territory.locate(lon, lat),
            lambda found: self._picked_in(lon, lat, found),
        )

    def _picked_in(self, lon: float, lat: float, found: object) -> None:
        if not isinstance(found, GridRef):
            self.place_label.setText(translate("NewCase", "Outside the district"))
            return
        self.grid_code.setText(found.grid_code)
        self._set_place(Place(lon, lat, found.grid_code), f"{lon:.5f}, {lat:.5f}")

    def _set_place(self, place: Place, text: str) -> None:
        self._place = place
        self.place_label.setText(text)
        self._changed()

    @property
    def place(self) -> Place | None:
        return self._place

    # -- photos --------------------------------------------------------------------

    def _add_photos(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            translate("NewCase", "Photos"),
            "",
            translate("NewCase", "Images (*.jpg *.jpeg *.png)"),
        )
        self.add_photos([Path(name) for name in names])

    def add_photos(self, paths: Sequence[Path]) -> None:
        self._photos.extend(_Photo(path.name, path.read_bytes) for path in paths)
        self._show_photos()

    def add_snapshot(self, camera: CameraInfo, png: bytes, taken: str) -> None:
        """A frame grabbed from the video wall: attached, and the case placed
        at the camera, reported from video (a video supervisor's case)."""
        name = f"snapshot-{camera.code}-{taken}.png"
        self._photos.append(_Photo(name, lambda: png))
        self._show_photos()
        self.source.setCurrentIndex(self.source.findData(Source.VIDEO))
        self.grid_code.setText(camera.grid_code)
        self.address.setText(camera.name)
        self._set_place(
            Place(camera.lon, camera.lat, camera.grid_code),
            f"{camera.name} ({camera.code})",
        )

    def _show_photos(self) -> None:
        self.photos_label.setText(", ".join(p.name for p in self._photos))

    # -- saving --------------------------------------------------------------------

    def _changed(self) -> None:
        """Any edit means the duplicate check must run again before saving."""
        self._duplicates_checked = False
        self.warning.hide()
        self.buttons.button(self.buttons.StandardButton.Ok).setText(
            translate("NewCase", "Save")
        )

    def new_case(self) -> NewCase | None:
        category = self.selected_category()
        if category is None:
            self.show_error(translate("NewCase", "Choose a category."))
            return None
        if self._place is None:
            self.show_error(
                translate(
                    "NewCase", "Give the place: click the map or type a grid code."
                )
            )
            return None
        phone = self.reporter_phone.text().strip()
        name = self.reporter_name.text().strip()
        return NewCase(
            category_code=category,
            source=Source(self.source.currentData()),
            description=self.description.toPlainText().strip(),
            lon=self._place.lon,
            lat=self._place.lat,
            address=self.address.text().strip(),
            priority=self.priority.currentData(),
            reporter_name=name or None,
            reporter_phone=phone or None,
        )

    def _submit(self) -> None:
        new = self.new_case()
        if new is None:
            return
        if self._duplicates_checked:
            super()._submit()
            return
        self._runner.query(
            "duplicates",
            lambda: self._services.queries.duplicates(
                new.category_code, new.lon, new.lat
            ),
            self._show_duplicates,
            failed=lambda error: self.show_error(str(error)),
        )

    def _show_duplicates(self, found: list[tuple[CaseRow, float]]) -> None:
        self._duplicates_checked = True
        if not found:
            super()._submit()
            return
        self.warning.clear()
        self.warning.addItem(
            translate("NewCase", "Possible duplicates nearby — save anyway?")
        )
        for row, distance in found:
            where = f"{distance:.0f} m"
            self.warning.addItem(
                f"{row.number}  {row.category_name}  · {where}  · {row.description}"
            )
        self.warning.setMaximumHeight(120)
        self.warning.show()
        self.buttons.button(self.buttons.StandardButton.Ok).setText(
            translate("NewCase", "Save anyway")
        )

    def operation(self) -> Callable[[], Changes] | None:
        new = self.new_case()
        if new is None:
            return None
        cases = self._services.cases
        actor = self._actor
        photos = list(self._photos)

        def work() -> Changes:
            # the case and its photos are one transaction: a refused photo
            # saves nothing, and a retry cannot report the case twice
            files = tuple(
                NewAttachment(
                    photo.name,
                    mimetypes.guess_type(photo.name)[0] or "",
                    photo.read(),
                )
                for photo in photos
            )
            return cases.report(actor, replace(new, attachments=files))

        return work
