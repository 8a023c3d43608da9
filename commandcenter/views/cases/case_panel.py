"""The case panel dock: every field of one case, its photos, timeline, possible
duplicates and nearest cameras, and a button for each move this user may make.

The buttons are the main window's QActions (one per move, with its shortcut), so
the panel, the menu and the command palette always agree. Every text that comes
from a case is shown as plain text: hostile input never becomes markup here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.cases.api import SHOWN_SECONDS
from commandcenter.views.cases.case_moves import event_text
from commandcenter.views.kernel.domain_text import (
    priority_text,
    source_text,
    state_text,
)

if TYPE_CHECKING:
    from datetime import datetime

    from commandcenter.services.cases.api import (
        CaseDetail,
        CaseDetails,
        Contact,
        Move,
    )
    from commandcenter.views.kernel.task_runner import Task, TaskRunner

translate = QCoreApplication.translate
THUMBNAIL = QSize(96, 72)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # never rich text from data
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def district_time(at: datetime | None, zone: str) -> str:
    """A moment as the district reads it (its calendar's zone, e.g. Beijing
    time), whatever zone the workstation's own clock is set to."""
    if at is None:
        return ""
    return at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def escalation_text(level: str) -> str:
    return {
        "grid": translate("CasePanel", "grid"),
        "community": translate("CasePanel", "community"),
        "street": translate("CasePanel", "street"),
        "district": translate("CasePanel", "district"),
    }.get(level, level)


def _payload_text(payload: dict[str, object]) -> str:
    """The human part of an event's payload: reason, note, department, hours."""
    parts = [
        str(payload[key])
        for key in ("reason", "note", "department", "hours", "filename", "text")
        if payload.get(key)
    ]
    return " · ".join(parts)


class CasePanel(QWidget):
    """Shows one `CaseDetail`; empty until a case is selected."""

    camera_activated = Signal(str)  # code: play it and show where it is
    cameras_to_wall = Signal(list)  # codes of the nearest cameras
    duplicate_activated = Signal(int)
    reveal_requested = Signal(int)  # case id: ask why, then show the contact

    def __init__(
        self, runner: TaskRunner, details: CaseDetails, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._details = details
        self._buttons: dict[Move, QToolButton] = {}
        self._commands: list[QToolButton] = []
        self._thumbnails: list[Task] = []
        self.detail: CaseDetail | None = None

        self.stack = QStackedWidget(self)
        empty = _plain(
            translate("CasePanel", "Select a case in the queue or on the map.")
        )
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(empty)

        body = QWidget()
        self.header = _plain()
        font = QFont(self.header.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.header.setFont(font)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        self._form = form
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, label in (
            ("category", translate("CasePanel", "Category")),
            ("place", translate("CasePanel", "Place")),
            ("address", translate("CasePanel", "Address")),
            ("source", translate("CasePanel", "Source")),
            ("reporter", translate("CasePanel", "Reporter")),
            ("department", translate("CasePanel", "Department")),
            ("deadline", translate("CasePanel", "Deadline")),
            ("reported", translate("CasePanel", "Reported")),
            ("answers", translate("CasePanel", "Details")),
            ("media_url", translate("CasePanel", "Photo link")),
            ("flags", translate("CasePanel", "Notes")),
        ):
            self.fields[key] = _plain()
            if key == "reporter":
                form.addRow(label, self._reporter_row(self.fields[key]))
            else:
                form.addRow(label, self.fields[key])
        self.description = _plain()
        self.description.setStyleSheet(
            "background: #f5f7f8; border: 1px solid #cfd8dc; padding: 6px;"
        )
        self.actions_box = QWidget()
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setContentsMargins(0, 0, 0, 0)

        self.tabs = QTabWidget()
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setHeaderLabels(
            [
                translate("CasePanel", "Time"),
                translate("CasePanel", "By"),
                translate("CasePanel", "Action"),
                translate("CasePanel", "Detail"),
            ]
        )
        self.timeline.setColumnWidth(0, 130)
        self.timeline.setColumnWidth(1, 80)
        self.timeline.setColumnWidth(2, 90)
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(THUMBNAIL)
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photos.itemActivated.connect(self._enlarge)
        self.duplicates = QListWidget()
        self.duplicates.itemActivated.connect(
            lambda item: self.duplicate_activated.emit(item.data(ID_ROLE))
        )
        self.cameras = QListWidget()
        self.cameras.itemActivated.connect(
            lambda item: self.camera_activated.emit(item.data(ID_ROLE))
        )
        self.cameras_button = QPushButton(
            translate("CasePanel", "Show these cameras on the wall")
        )
        self.cameras_button.clicked.connect(
            lambda: self.cameras_to_wall.emit(
                [
                    self.cameras.item(i).data(ID_ROLE)
                    for i in range(self.cameras.count())
                ]
            )
        )
        cameras_tab = QWidget()
        cameras_column = QVBoxLayout(cameras_tab)
        cameras_column.setContentsMargins(0, 0, 0, 0)
        cameras_column.addWidget(self.cameras, 1)
        cameras_column.addWidget(self.cameras_button)
        self.tabs.addTab(self.timeline, translate("CasePanel", "Timeline"))
        self.tabs.addTab(self.photos, translate("CasePanel", "Photos"))
        self.tabs.addTab(self.duplicates, translate("CasePanel", "Duplicates"))
        self.tabs.addTab(cameras_tab, translate("CasePanel", "Cameras"))

        column = QVBoxLayout(body)
        column.addWidget(self.header)
        column.addLayout(form)
        column.addWidget(self.description)
        column.addWidget(self.actions_box)
        column.addWidget(self.tabs, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _reporter_row(self, label: QLabel) -> QWidget:
        """The reporter, masked, and the button that reveals them to whom
        may see them (`reveal_requested`)."""
        self._reporter = QWidget()
        row = QHBoxLayout(self._reporter)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label, 1)
        self.reveal_button = QToolButton(self._reporter)
        self.reveal_button.setText(translate("CasePanel", "Show contact…"))
        self.reveal_button.setToolTip(
            translate(
                "CasePanel",
                "Show the reporter's full name and phone, with a reason "
                "(recorded in the audit log)",
            )
        )
        self.reveal_button.clicked.connect(self._reveal_clicked)
        row.addWidget(self.reveal_button)
        self._revealed: tuple[int, str] | None = None
        self._unreveal = QTimer(self)
        self._unreveal.setSingleShot(True)
        self._unreveal.timeout.connect(self._mask_again)
        return self._reporter

    def _reveal_clicked(self) -> None:
        if self.detail is not None:
            self.reveal_requested.emit(self.detail.row.id)

    def show_contact(self, case_id: int, contact: Contact) -> None:
        """The reporter in full for `SHOWN_SECONDS`, then masked again; kept
        nowhere else, so a redraw of the case meanwhile keeps showing it."""
        text = " ".join(p for p in (contact.name, contact.phone) if p)
        self._revealed = (case_id, text)
        self._unreveal.start(SHOWN_SECONDS * 1000)
        if self.detail is not None and self.detail.row.id == case_id:
            self.show_detail(self.detail)

    def _mask_again(self) -> None:
        self._revealed = None
        if self.detail is not None:
            self.show_detail(self.detail)

    def _reporter_text(self, detail: CaseDetail) -> str:
        if self._revealed is not None and self._revealed[0] == detail.row.id:
            return (
                translate("CasePanel", "%1 (shown for %2 s)")
                .replace("%1", self._revealed[1])
                .replace("%2", str(SHOWN_SECONDS))
            )
        row = detail.row
        return " ".join(p for p in (detail.reporter_name, row.reporter_phone) if p)

    def set_actions(self, actions: dict[Move, QAction]) -> None:
        """One tool button per move action; only the allowed ones are shown."""
        for move, action in actions.items():
            button = QToolButton(self.actions_box)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.hide()
            self._buttons[move] = button

    def add_command(self, action: QAction) -> None:
        """A button for another feature's command on the case shown (启动应急预案),
        after the moves, while its action is visible."""
        button = QToolButton(self.actions_box)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.hide()
        self._commands.append(button)

    def clear(self) -> None:
        self.detail = None
        self._revealed = None
        self.stack.setCurrentIndex(0)

    def show_detail(self, detail: CaseDetail) -> None:
        """Show a case (a fresh detail after every change to it)."""
        self.detail = detail
        row = detail.row
        self.header.setText(f"{row.number}  ·  {state_text(row.state)}")
        self.fields["category"].setText(
            f"{row.category_code} {row.category_name} · {priority_text(row.priority)}"
        )
        self.fields["place"].setText(f"{row.street_name} · {row.grid_code}")
        self.fields["address"].setText(row.address)
        self.fields["source"].setText(source_text(row.source))
        if self._revealed is not None and self._revealed[0] != row.id:
            self._revealed = None  # another case: the contact goes at once
            self._unreveal.stop()
        self.fields["reporter"].setText(self._reporter_text(detail))
        self.reveal_button.setVisible(detail.may_reveal and self._revealed is None)
        self.fields["department"].setText(row.department_name or "")
        self.fields["deadline"].setText(district_time(row.deadline_at, detail.zone))
        self.fields["reported"].setText(district_time(row.reported_at, detail.zone))
        self.fields["answers"].setText(
            "\n".join(
                translate("CasePanel", "%1: %2").replace("%1", q).replace("%2", a)
                for q, a in detail.answers
            )
        )
        self.fields["media_url"].setText(row.media_url or "")  # text, never fetched
        self.fields["flags"].setText(self._flags(detail))
        for key, label in self.fields.items():  # no empty rows: only what is known
            shown = bool(label.text())
            self._form.setRowVisible(
                self._reporter if key == "reporter" else label, shown
            )
        self.description.setText(row.description)
        self._lay_out_buttons(detail.moves)
        self._fill_timeline(detail)
        self._fill_photos(detail)
        self.duplicates.clear()
        for other, distance in detail.duplicates:
            item = QListWidgetItem(
                f"{other.number}  {other.category_name}  {state_text(other.state)}"
                f"  · {distance:.0f} m"
            )
            item.setData(ID_ROLE, other.id)
            self.duplicates.addItem(item)
        self.cameras.clear()
        for camera in detail.cameras:
            item = QListWidgetItem(f"{camera.name}  · {camera.distance_m:.0f} m")
            item.setData(ID_ROLE, camera.code)
            self.cameras.addItem(item)
        self.cameras_button.setEnabled(bool(detail.cameras))
        self.tabs.setTabText(
            2,
            translate("CasePanel", "Duplicates (%1)").replace(
                "%1", str(len(detail.duplicates))
            ),
        )
        self.stack.setCurrentIndex(1)

    def _lay_out_buttons(self, moves: tuple[Move, ...]) -> None:
        """The allowed moves' buttons, three to a row, in the table's order."""
        for button in self._buttons.values():
            self.actions_grid.removeWidget(button)
            button.hide()
        for button in self._commands:
            self.actions_grid.removeWidget(button)
            button.hide()
        shown = [self._buttons[move] for move in moves if move in self._buttons]
        shown += [b for b in self._commands if b.defaultAction().isVisible()]
        for position, button in enumerate(shown):
            self.actions_grid.addWidget(button, position // 3, position % 3)
            button.show()

    @staticmethod
    def _flags(detail: CaseDetail) -> str:
        row = detail.row
        flags = []
        if row.escalation != "grid":
            flags.append(
                translate("CasePanel", "escalated: %1").replace(
                    "%1", escalation_text(row.escalation)
                )
            )
        if row.rework_count:
            flags.append(
                translate("CasePanel", "reworked %1×").replace(
                    "%1", str(row.rework_count)
                )
            )
        if detail.postpone_pending_hours:
            flags.append(
                translate("CasePanel", "postponement of %1 h requested").replace(
                    "%1", str(detail.postpone_pending_hours)
                )
            )
        if row.is_drill:
            flags.append(translate("CasePanel", "DRILL"))
        return " · ".join(flags)

    def _fill_timeline(self, detail: CaseDetail) -> None:
        self.timeline.clear()
        for entry in detail.timeline:
            self.timeline.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        district_time(entry.at, detail.zone),
                        entry.actor,
                        event_text(entry.move),
                        _payload_text(entry.payload),
                    ]
                )
            )

    def timeline_actions(self) -> list[str]:
        """The action column of the timeline, oldest first (what tests read)."""
        items = (
            self.timeline.topLevelItem(i)
            for i in range(self.timeline.topLevelItemCount())
        )
        return [item.text(2) for item in items if item is not None]

    def _fill_photos(self, detail: CaseDetail) -> None:
        # thumbnails still being read belong to the items about to go: their
        # results must not reach deleted items
        for pending in self._thumbnails:
            pending.cancel()
        self._thumbnails.clear()
        self.photos.clear()
        self.tabs.setTabText(
            1,
            translate("CasePanel", "Photos (%1)").replace(
                "%1", str(len(detail.attachments))
            ),
        )
        for attachment in detail.attachments:
            item = QListWidgetItem(attachment.filename)
            item.setData(ID_ROLE, attachment.id)
            self.photos.addItem(item)
            if attachment.media_type.startswith("image/"):
                task = self._runner.query(
                    "thumbnail",
                    partial(self._details.attachment_data, attachment.id),
                    partial(self._set_thumbnail, item),
                )
                self._thumbnails.append(task)

    def _set_thumbnail(self, item: QListWidgetItem, data: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(data):
            item.setIcon(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
            item.setData(Qt.ItemDataRole.UserRole + 2, data)

    def _enlarge(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole + 2)
        if not data:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        dialog = QDialog(self)
        dialog.setWindowTitle(item.text())
        label = QLabel(dialog)
        label.setPixmap(
            pixmap.scaled(QSize(1200, 900), Qt.AspectRatioMode.KeepAspectRatio)
        )
        QVBoxLayout(dialog).addWidget(label)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
