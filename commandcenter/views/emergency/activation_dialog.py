"""Activating a plan (启动应急预案): the plan (offered by the case's category),
the level (Ⅳ first), a title, and the cameras in the area to link. The area is
the case's grid and a margin, or the circle picked on the map; the commander
confirms what the activation will create before it runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit

from commandcenter.services.emergency.api import ORDER, Activation, Level
from commandcenter.views.kernel.domain_text import level_text
from commandcenter.views.kernel.operation_dialog import OperationDialog

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtWidgets import QWidget

    from commandcenter.services.container import Services
    from commandcenter.services.emergency.api import LinkedCamera, StoredPlan
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class ActivationDialog(OperationDialog):
    """Plan, level, title and links of a new incident."""

    def __init__(
        self,
        runner: TaskRunner,
        services: Services,
        actor: Actor,
        plans: Sequence[StoredPlan],
        place: tuple[int | None, str],
        cameras: Sequence[LinkedCamera],
        suggestion: tuple[str, str],
        parent: QWidget | None = None,
        drill_id: int | None = None,
    ) -> None:
        """`place`: the source case (or None) and the area; `suggestion`: the
        category the case is of (its plan comes first) and a title;
        `drill_id`: the response is the drill's (演练响应)."""
        super().__init__(runner, translate("Incident", "Activate a plan"), parent)
        self._services = services
        self._actor = actor
        self._case_id, self._area = place
        self._drill_id = drill_id
        self._cameras = [camera.id for camera in cameras]
        category, title = suggestion
        approved = [plan for plan in plans if plan.status == "approved"]
        fitting = [plan for plan in approved if category in plan.categories]
        self._plans = fitting + [plan for plan in approved if plan not in fitting]
        form = QFormLayout(self.form)
        if drill_id is not None:
            drill = QLabel(translate("Incident", "DRILL: this response is the drill's"))
            drill.setStyleSheet(
                "background: #c62828; color: white; font-weight: bold; padding: 3px;"
            )
            form.addRow(drill)
        self.plan = QComboBox()
        for plan in self._plans:
            self.plan.addItem(f"{plan.title}（{plan.code} {plan.version}）", plan.code)
        self.plan.currentIndexChanged.connect(self._levels)
        form.addRow(translate("Incident", "Plan"), self.plan)
        self.level = QComboBox()
        form.addRow(translate("Incident", "Level"), self.level)
        self.title = QLineEdit(title)
        form.addRow(translate("Incident", "Title"), self.title)
        self.triggers = QLabel()
        self.triggers.setWordWrap(True)
        form.addRow(translate("Incident", "Triggers"), self.triggers)
        self.link_cameras = QCheckBox(
            translate("Incident", "Link the %1 cameras in the area").replace(
                "%1", str(len(cameras))
            )
        )
        self.link_cameras.setChecked(bool(cameras))
        self.link_cameras.setEnabled(bool(cameras))
        form.addRow("", self.link_cameras)
        if not self._plans:
            self.show_error(
                translate(
                    "Incident",
                    "No approved plan in this database: import the plans with "
                    "'commandcenter plans import'.",
                )
            )
        self.level.currentIndexChanged.connect(self._show_triggers)
        self._levels()
        self.resize(560, self.sizeHint().height())

    def _plan(self) -> StoredPlan | None:
        index = self.plan.currentIndex()
        return self._plans[index] if 0 <= index < len(self._plans) else None

    def _levels(self) -> None:
        plan = self._plan()
        self.level.clear()
        if plan is None:
            return
        for level in ORDER:  # the stored plan keeps its levels in key order
            if level in plan.plan.levels:
                self.level.addItem(level_text(level.value), level.value)
        self.level.setCurrentIndex(0)  # Ⅳ: respond low, raise as needed

    def _show_triggers(self) -> None:
        plan = self._plan()
        level = self.level.currentData()
        if plan is None or level is None:
            self.triggers.clear()
            return
        chosen = plan.plan.levels[Level(level)]
        self.triggers.setText("；".join(chosen.triggers))

    def operation(self) -> Callable[[], Changes] | None:
        plan = self._plan()
        if plan is None:
            return None
        activation = Activation(
            plan_code=plan.code,
            title=self.title.text(),
            level=Level(self.level.currentData()),
            case_id=self._case_id,
            area=None if self._case_id is not None else self._area,
            cameras=tuple(self._cameras) if self.link_cameras.isChecked() else (),
            drill_id=self._drill_id,
        )
        actor, incidents = self._actor, self._services.incidents
        return lambda: incidents.activate(actor, activation)
