"""The administration window's reference data: each category's four fixes
(department, time limits, priority, self-handling, criteria), edited one at
a time, and the working calendar's own holidays and make-up days. Edits go
through services/admin/reference.py (each an event; a stale edit is a
conflict); new time limits apply to cases dispatched after them, and the
editor says so."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commandcenter.views.admin.record_table import chosen_row, fill, record_table
from commandcenter.views.kernel.domain_text import priority_text, unit_text
from commandcenter.views.kernel.operation_dialog import AnsweringDialog, error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.admin.api import ReferenceAdmin
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate
UNITS = ("hour", "day", "clock_hour")


class ReferenceTab(QWidget):
    """Categories (edit one), and the calendar's own days."""

    def __init__(
        self,
        runner: TaskRunner,
        reference: ReferenceAdmin,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._reference = reference
        self._actor = actor
        self.rows: list[dict[str, str]] = []
        self.departments: list[dict[str, str]] = []
        self.table = record_table(
            [
                translate("Admin", "Code"),
                translate("Admin", "Category"),
                translate("Admin", "Department"),
                translate("Admin", "Handling limit"),
                translate("Admin", "Verification limit"),
                translate("Admin", "Priority"),
                translate("Admin", "Self-handling"),
            ],
            1,
            self,
        )
        self.table.doubleClicked.connect(lambda _index: self.open_edit())
        self.edit_button = QPushButton(translate("Admin", "Edit category…"), self)
        self.edit_button.clicked.connect(lambda: self.open_edit())
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        categories = QWidget(self)
        column = QVBoxLayout(categories)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.table, 1)
        self.lists = QTabWidget(self)
        self.lists.addTab(categories, translate("Admin", "Categories"))
        self.lists.addTab(self._departments_page(), translate("Admin", "Departments"))
        left = QVBoxLayout()
        left.addWidget(self.error)
        left.addWidget(self.lists, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self._calendar_box(), 1)

    def _departments_page(self) -> QWidget:
        page = QWidget(self)
        self.department_table = record_table(
            [
                translate("Admin", "Code"),
                translate("Admin", "Name"),
                translate("Admin", "Kind"),
                translate("Admin", "Under"),
                translate("Admin", "Territory"),
            ],
            1,
            page,
        )
        table = self.department_table
        table.doubleClicked.connect(lambda _index: self.open_department(editing=True))
        add = QPushButton(translate("Admin", "New department…"), page)
        edit = QPushButton(translate("Admin", "Edit department…"), page)
        add.clicked.connect(lambda: self.open_department(editing=False))
        edit.clicked.connect(lambda: self.open_department(editing=True))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(edit)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.addLayout(buttons)
        column.addWidget(table, 1)
        return page

    def _calendar_box(self) -> QGroupBox:
        box = QGroupBox(translate("Admin", "Working calendar: the district's own days"))
        self.days = QListWidget(box)
        self.day = QDateEdit(box)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        holiday = QPushButton(translate("Admin", "Holiday"), box)
        workday = QPushButton(translate("Admin", "Make-up working day"), box)
        normal = QPushButton(translate("Admin", "As usual"), box)
        holiday.clicked.connect(partial(self._set_day, "holiday"))
        workday.clicked.connect(partial(self._set_day, "workday"))
        normal.clicked.connect(partial(self._set_day, None))
        note = QLabel(
            translate(
                "Admin",
                "Statutory holidays and make-up days come from chinese-calendar; "
                "add the years it does not know yet, and local changes, here.",
            ),
            box,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(note)
        layout.addWidget(self.days, 1)
        layout.addWidget(self.day)
        for button in (holiday, workday, normal):
            layout.addWidget(button)
        return box

    def reload(self) -> None:
        actor = self._actor

        def read() -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, Any]]:
            return (
                self._reference.categories(actor),
                self._reference.departments(actor),
                self._reference.calendar(actor),
            )

        self._runner.query("reference data", read, self._loaded, failed=self._failed)

    def _loaded(
        self, loaded: tuple[list[dict[str, str]], list[dict[str, str]], dict[str, Any]]
    ) -> None:
        self.rows, self.departments, calendar = loaded
        chosen = self.selected()
        names = {d["code"]: d["name_zh"] for d in self.departments}
        fill(
            self.table,
            [
                (
                    row["code"],
                    row["name_zh"],
                    names.get(row["department"], translate("Admin", "by territory")),
                    f"{row['handling_limit']} {unit_text(row['handling_unit'])}",
                    f"{row['verify_limit']} {unit_text(row['verify_unit'])}",
                    priority_text(int(row["priority"])),
                    "✓" if row["self_handle"] == "1" else "",
                )
                for row in self.rows
            ],
        )
        if chosen is not None:
            self.select(chosen["code"])
        fill(
            self.department_table,
            [
                (
                    d["code"],
                    d["name_zh"],
                    kind_text(d["kind"]),
                    d["parent_code"],
                    d["area_code"],
                )
                for d in self.departments
            ],
        )
        self.days.clear()
        for text, kind in (
            *(
                (d, translate("Admin", "holiday"))
                for d in calendar.get("extra_holidays", [])
            ),
            *(
                (d, translate("Admin", "make-up working day"))
                for d in calendar.get("extra_workdays", [])
            ),
        ):
            self.days.addItem(f"{text}  {kind}")
        self.days.sortItems()

    def selected(self) -> dict[str, str] | None:
        number = chosen_row(self.table, len(self.rows))
        return None if number is None else self.rows[number]

    def select(self, code: str) -> None:
        for number, row in enumerate(self.rows):
            if row["code"] == code:
                self.table.selectRow(number)

    def open_edit(self) -> CategoryDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = CategoryDialog(
            self._runner,
            row,
            self.departments,
            partial(self._reference.edit_category, self._actor, row["code"]),
            self,
        )
        dialog.answered.connect(lambda _answer: self.reload())
        dialog.failed.connect(lambda _error: self.reload())  # a conflict: fresh rows
        dialog.open()
        return dialog

    def open_department(self, editing: bool) -> DepartmentDialog | None:
        """A new department, or the selected one's names, kind and place."""
        row = None
        if editing:
            number = chosen_row(self.department_table, len(self.departments))
            if number is None:
                return None
            row = self.departments[number]
        dialog = DepartmentDialog(
            self._runner,
            row,
            self.departments,
            partial(self._reference.save_department, self._actor),
            self,
        )
        dialog.answered.connect(lambda _answer: self.reload())
        dialog.open()
        return dialog

    def _set_day(self, kind: str | None) -> None:
        picked = self.day.date()
        day = date(picked.year(), picked.month(), picked.day())
        self.error.clear()
        self._runner.query(
            "calendar day",
            partial(self._reference.set_day, self._actor, day, kind),
            lambda _none: self.reload(),
            failed=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.error.setText(error_text(error))


class CategoryDialog(AnsweringDialog):
    """One category's four fixes."""

    def __init__(
        self,
        runner: TaskRunner,
        row: dict[str, str],
        departments: list[dict[str, str]],
        edit: Callable[[dict[str, str], dict[str, str]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner,
            translate("Admin", "%1 %2")
            .replace("%1", row["code"])
            .replace("%2", row["name_zh"]),
            parent,
        )
        self._row = row
        self._edit = edit
        form = QFormLayout(self.form)
        self.department = QComboBox(self.form)
        self.department.addItem(
            translate("Admin", "by territory (the street office)"), ""
        )
        for department in departments:
            self.department.addItem(
                f"{department['code']} {department['name_zh']}", department["code"]
            )
        self.department.setCurrentIndex(
            max(0, self.department.findData(row["department"]))
        )
        self.handling, self.handling_unit = self._limit(
            row["handling_limit"], row["handling_unit"]
        )
        self.verify, self.verify_unit = self._limit(
            row["verify_limit"], row["verify_unit"]
        )
        self.priority = QComboBox(self.form)
        for level in (1, 2, 3):
            self.priority.addItem(priority_text(level), str(level))
        self.priority.setCurrentIndex(self.priority.findData(row["priority"]))
        self.self_handle = QCheckBox(
            translate("Admin", "a grid worker may handle it on the spot"), self.form
        )
        self.self_handle.setChecked(row["self_handle"] == "1")
        self.registration = QPlainTextEdit(row["registration_criteria"], self.form)
        self.closure = QPlainTextEdit(row["closure_criteria"], self.form)
        for text in (self.registration, self.closure):
            text.setTabChangesFocus(True)
            text.setMaximumHeight(70)
        form.addRow(translate("Admin", "Department"), self.department)
        form.addRow(
            translate("Admin", "Handling limit"),
            _pair(self.handling, self.handling_unit),
        )
        form.addRow(
            translate("Admin", "Verification limit"),
            _pair(self.verify, self.verify_unit),
        )
        form.addRow(translate("Admin", "Priority"), self.priority)
        form.addRow("", self.self_handle)
        form.addRow(translate("Admin", "Registration criteria"), self.registration)
        form.addRow(translate("Admin", "Closure criteria"), self.closure)
        note = QLabel(
            translate(
                "Admin",
                "New time limits apply to cases dispatched from now on; the "
                "deadlines of cases already dispatched do not change.",
            ),
            self.form,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #455a64;")
        form.addRow(note)
        self.setMinimumWidth(520)

    def _limit(self, value: str, unit: str) -> tuple[QSpinBox, QComboBox]:
        spin = QSpinBox(self.form)
        spin.setRange(1, 999)
        spin.setValue(int(value))
        units = QComboBox(self.form)
        for name in UNITS:
            units.addItem(unit_text(name), name)
        units.setCurrentIndex(units.findData(unit))
        return spin, units

    def fixes(self) -> dict[str, str]:
        return {
            "department": self.department.currentData(),
            "handling_limit": str(self.handling.value()),
            "handling_unit": self.handling_unit.currentData(),
            "verify_limit": str(self.verify.value()),
            "verify_unit": self.verify_unit.currentData(),
            "priority": self.priority.currentData(),
            "self_handle": "1" if self.self_handle.isChecked() else "0",
            "registration_criteria": self.registration.toPlainText().strip(),
            "closure_criteria": self.closure.toPlainText().strip(),
        }

    def operation(self) -> Callable[[], Any] | None:
        return partial(self._edit, self.fixes(), self._row)


def kind_text(kind: str) -> str:
    return {
        "command": translate("Admin", "command centre"),
        "line": translate("Admin", "line department"),
        "street_office": translate("Admin", "street office"),
    }.get(kind, kind)


class DepartmentDialog(AnsweringDialog):
    """A department's code (new ones only), names, kind, parent and the
    territory it answers for (a street office's street)."""

    def __init__(
        self,
        runner: TaskRunner,
        row: dict[str, str] | None,
        departments: list[dict[str, str]],
        save: Callable[[dict[str, str]], None],
        parent: QWidget | None = None,
    ) -> None:
        title = (
            translate("Admin", "New department")
            if row is None
            else translate("Admin", "Department %1").replace("%1", row["code"])
        )
        super().__init__(runner, title, parent)
        self._save = save
        row = row or {}
        form = QFormLayout(self.form)
        self.code = QLineEdit(row.get("code", ""), self.form)
        self.code.setReadOnly(bool(row))
        self.name_zh = QLineEdit(row.get("name_zh", ""), self.form)
        self.name_en = QLineEdit(row.get("name_en", ""), self.form)
        self.kind = QComboBox(self.form)
        for kind in ("line", "street_office", "command"):
            self.kind.addItem(kind_text(kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.get("kind", "line"))))
        self.parent_code = QComboBox(self.form)
        self.parent_code.addItem(translate("Admin", "none"), "")
        for department in departments:
            if department["code"] != row.get("code"):
                self.parent_code.addItem(
                    f"{department['code']} {department['name_zh']}", department["code"]
                )
        self.parent_code.setCurrentIndex(
            max(0, self.parent_code.findData(row.get("parent_code", "")))
        )
        self.area_code = QLineEdit(row.get("area_code", ""), self.form)
        self.area_code.setPlaceholderText(translate("Admin", "a street's code"))
        form.addRow(translate("Admin", "Code"), self.code)
        form.addRow(translate("Admin", "Name"), self.name_zh)
        form.addRow(translate("Admin", "Name in English"), self.name_en)
        form.addRow(translate("Admin", "Kind"), self.kind)
        form.addRow(translate("Admin", "Under"), self.parent_code)
        form.addRow(translate("Admin", "Territory"), self.area_code)
        self.setMinimumWidth(440)

    def values(self) -> dict[str, str]:
        return {
            "code": self.code.text().strip(),
            "name_zh": self.name_zh.text().strip(),
            "name_en": self.name_en.text().strip(),
            "kind": self.kind.currentData(),
            "parent_code": self.parent_code.currentData(),
            "area_code": self.area_code.text().strip(),
        }

    def operation(self) -> Callable[[], Any] | None:
        return partial(self._save, self.values())


def _pair(spin: QSpinBox, units: QComboBox) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(spin)
    row.addWidget(units, 1)
    return holder
