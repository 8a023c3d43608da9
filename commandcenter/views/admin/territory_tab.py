"""The administration window's territory import: a GIS file, its layer,
coordinate system and fields chosen, checked whole off the GUI thread, its
areas previewed over the stored ones with every warning listed, and only
then committed (all of it, or nothing)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.territory.api import Layout
from commandcenter.views.admin.preview_map import PreviewMap
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from commandcenter.services.admin.api import TerritoryAdmin
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.services.territory.api import TerritoryPlan
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


def crs_choices() -> list[tuple[str, str | None]]:
    """(label, --crs value) of the systems districts' files come in."""
    return [
        (translate("Admin", "As the file says"), None),
        (translate("Admin", "WGS-84 (GPS)"), "wgs84"),
        (translate("Admin", "CGCS2000 (EPSG:4490)"), "EPSG:4490"),
        (translate("Admin", "GCJ-02 (AMap, Tencent)"), "gcj02"),
        (translate("Admin", "BD-09 (Baidu)"), "bd09"),
    ]


class TerritoryTab(QWidget):
    """Choose, check, preview, commit."""

    imported = Signal(object)  # the Changes of a committed import

    def __init__(
        self,
        runner: TaskRunner,
        territory_admin: TerritoryAdmin,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._admin = territory_admin
        self._actor = actor
        self.plan: TerritoryPlan | None = None
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(
            translate("Admin", "a .shp, a zipped Shapefile, a .gpkg or a .geojson")
        )
        browse = QPushButton(translate("Admin", "Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.layer = QLineEdit(self)
        self.layer.setPlaceholderText(translate("Admin", "the only one"))
        self.crs = QComboBox(self)
        for label, value in crs_choices():
            self.crs.addItem(label, value)
        self.crs.setEditable(True)  # or EPSG:<code> typed in
        self.code_field = QLineEdit("code", self)
        self.name_field = QLineEdit("name", self)
        form = QFormLayout()
        form.addRow(translate("Admin", "File"), row)
        form.addRow(translate("Admin", "Layer"), self.layer)
        form.addRow(translate("Admin", "Coordinates"), self.crs)
        form.addRow(translate("Admin", "Code field"), self.code_field)
        form.addRow(translate("Admin", "Name field"), self.name_field)
        self.check_button = QPushButton(translate("Admin", "Check and preview"), self)
        self.commit_button = QPushButton(translate("Admin", "Import"), self)
        self.commit_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)
        self.commit_button.clicked.connect(self.commit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.commit_button)
        buttons.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.findings = QPlainTextEdit(self)
        self.findings.setReadOnly(True)
        self.findings.setMaximumHeight(110)
        self.map = PreviewMap(self)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.summary)
        left.addWidget(self.findings)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.map, 3)

    def _browse(self) -> None:
        chosen, _kind = QFileDialog.getOpenFileName(
            self,
            translate("Admin", "Territory file"),
            "",
            translate("Admin", "GIS files (*.shp *.zip *.gpkg *.geojson *.json)"),
        )
        if chosen:
            self.path.setText(chosen)

    def layout_chosen(self) -> Layout:
        typed = self.crs.currentText().strip()
        value = self.crs.currentData()
        if self.crs.currentIndex() < 0 or typed != self.crs.itemText(
            self.crs.currentIndex()
        ):
            value = typed or None  # an EPSG code typed in
        return Layout(
            layer=self.layer.text().strip() or None,
            crs=value,
            code_field=self.code_field.text().strip() or "code",
            name_field=self.name_field.text().strip() or "name",
        )

    def check(self) -> None:
        self.plan = None
        self.commit_button.setEnabled(False)
        self.map.clear()
        self.findings.clear()
        self.summary.setText(translate("Admin", "Checking…"))
        admin, actor = self._admin, self._actor
        path, layout = Path(self.path.text().strip()), self.layout_chosen()

        def plan() -> tuple[TerritoryPlan, list[BaseGeometry]]:
            return admin.plan(actor, path, layout), admin.stored_grids()

        self._runner.query("check territory", plan, self._planned, failed=self._refused)

    def _planned(self, planned: tuple[TerritoryPlan, list[BaseGeometry]]) -> None:
        plan, stored = planned
        self.plan = plan
        counts = plan.counts()
        self.summary.setText(
            translate("Admin", "Ready to import: %1. Nothing is written yet.").replace(
                "%1",
                ", ".join(
                    f"{count} × {level_text(level.value)}"
                    for level, count in counts.items()
                ),
            )
        )
        self.findings.setPlainText("\n".join(plan.warnings))
        self.map.show_plan(plan.features, stored)
        self.commit_button.setEnabled(True)

    def _refused(self, error: Exception) -> None:
        self.summary.setText(translate("Admin", "Not imported: the file was refused."))
        self.findings.setPlainText(error_text(error))

    def commit(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.commit_button.setEnabled(False)
        self._runner.mutate(
            "import territory",
            partial(self._admin.commit, self._actor, plan),
            done=self._committed,
            failed=self._refused,
        )

    def _committed(self, changes: Changes) -> None:
        self.plan = None
        self.summary.setText(
            translate("Admin", "Imported %1 areas.").replace(
                "%1", str(len(changes.ids.get(EntityKind.AREA, ())))
            )
        )
        self.imported.emit(changes)


def level_text(level: str) -> str:
    return {
        "district": translate("Admin", "district"),
        "street": translate("Admin", "street"),
        "community": translate("Admin", "community"),
        "grid": translate("Admin", "grid"),
    }.get(level, level)
