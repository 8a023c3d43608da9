"""The controller's console (演练导调台): pick a scenario, announced or
unannounced, start; pause, resume, change speed (×1 to ×60), skip to an
inject, send a manual inject, end or abort; watch each inject go out and each
expected action met, late or missed; after the drill, confirm or override the
ratings with a note and add the improvement plan's items.

The runner (services/drills/runner.py) sends the injects on a thread of its
own; every command goes to it through the task runner, never on the GUI
thread. What the console shows of the expectations is the drill's log, read
once per change the hub reports.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commandcenter.models.types import DrillState
from commandcenter.services.drills.api import (
    MAX_SPEED,
    DrillRunner,
    Mode,
    Rating,
    drill_clock,
    offset_seconds,
    read_drill_log,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.drills.after_action_pdf import rating_text
from commandcenter.views.kernel.coalesced_read import CoalescedRead
from commandcenter.views.kernel.domain_text import channel_text, who_text
from commandcenter.views.kernel.drill_banner import DrillWatch, banner_bar
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.cases.api import FilterChoices
    from commandcenter.services.container import Services
    from commandcenter.services.drills.api import (
        Inject,
        Observation,
        ScenarioFile,
    )
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.change_hub import (
        CasesChanged,
        ChangeHub,
        EntitiesChanged,
    )
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


def timing_text(inject: Inject) -> str:
    if inject.at is not None:
        return translate("Drill", "at %1").replace(
            "%1", drill_clock(offset_seconds(inject.at))
        )
    if inject.after is not None:
        return (
            translate("Drill", "%1 min after %2")
            .replace("%1", str(inject.after.minutes))
            .replace("%2", inject.after.inject)
        )
    if inject.when_missed is not None:
        return translate("Drill", "if %1 is missed").replace("%1", inject.when_missed)
    return translate("Drill", "on the controller's word")


class DrillConsole(QMainWindow):
    """One controller's console onto one database."""

    drill_started = Signal(int)
    """The id of a drill this console started."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        hub: ChangeHub,
        scenarios: list[ScenarioFile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.tasks = runner
        self.scenarios = scenarios
        self.runner: DrillRunner | None = None
        self.drill_id: int | None = None
        self._thread: threading.Thread | None = None
        self.observations: list[Observation] = []
        self.setWindowTitle(translate("Drill", "Drill console"))
        self.watch = DrillWatch(services, runner, hub, self)
        self.banner = banner_bar(self, self.watch, services.clock)

        self.scenario = QComboBox()
        for scenario in scenarios:
            self.scenario.addItem(
                f"{scenario.title}（{len(scenario.injects)}）", scenario.id
            )
        self.mode = QComboBox()
        self.mode.addItem(translate("Drill", "announced"), Mode.ANNOUNCED.value)
        self.mode.addItem(translate("Drill", "unannounced"), Mode.UNANNOUNCED.value)
        self.speed = QSpinBox()
        self.speed.setRange(1, MAX_SPEED)
        self.speed.setPrefix("×")
        self.start_button = QPushButton(translate("Drill", "Start"))
        self.start_button.clicked.connect(self.start_drill)
        self.pause_button = QPushButton(translate("Drill", "Pause"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.speed_button = QPushButton(translate("Drill", "Set speed"))
        self.speed_button.clicked.connect(
            lambda: self._command("speed", lambda r: r.set_speed(self.speed.value()))
        )
        self.skip_button = QPushButton(translate("Drill", "Skip to inject"))
        self.skip_button.clicked.connect(self.skip)
        self.send_button = QPushButton(translate("Drill", "Send now"))
        self.send_button.clicked.connect(self.send_now)
        self.end_button = QPushButton(translate("Drill", "End"))
        self.end_button.clicked.connect(lambda: self._command("end", lambda r: r.end()))
        self.abort_button = QPushButton(translate("Drill", "Abort…"))
        self.abort_button.clicked.connect(self.abort)
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.clock_label.setTextFormat(Qt.TextFormat.PlainText)
        setup = QFormLayout()
        setup.addRow(translate("Drill", "Scenario"), self.scenario)
        setup.addRow(translate("Drill", "Mode"), self.mode)
        setup.addRow(translate("Drill", "Speed"), self.speed)
        controls = QHBoxLayout()
        for button in (
            self.start_button,
            self.pause_button,
            self.speed_button,
            self.skip_button,
            self.send_button,
            self.end_button,
            self.abort_button,
        ):
            controls.addWidget(button)
        controls.addStretch(1)
        controls.addWidget(self.clock_label)

        self.injects = QTableWidget(0, 5)
        self.injects.setHorizontalHeaderLabels(
            [
                translate("Drill", "Inject"),
                translate("Drill", "When"),
                translate("Drill", "Channel"),
                translate("Drill", "Title"),
                translate("Drill", "Sent"),
            ]
        )
        self.expectations = QTableWidget(0, 6)
        self.expectations.setHorizontalHeaderLabels(
            [
                translate("Drill", "Expected"),
                translate("Drill", "Who"),
                translate("Drill", "Action"),
                translate("Drill", "Target"),
                translate("Drill", "Observed"),
                translate("Drill", "Rating"),
            ]
        )
        for table in (self.injects, self.expectations):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            table.horizontalHeader().setStretchLastSection(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.injects.currentCellChanged.connect(self._show_notes)

        self.evaluation = self._evaluation_box()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.expectations, 1)
        right_layout.addWidget(self.evaluation)
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.injects, 1)
        left_layout.addWidget(self.notes)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([700, 600])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(setup)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        self.setCentralWidget(body)

        self._reader = CoalescedRead(
            runner, "drill log", self._read_log, self._log_arrived, parent=self
        )
        hub.entities_changed.connect(self._on_entities)
        hub.cases_changed.connect(self._on_cases)
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._refresh)
        self.scenario.currentIndexChanged.connect(self._fill_injects)
        self._fill_injects()
        self._enable()

    # -- building ----------------------------------------------------------------

    def _evaluation_box(self) -> QGroupBox:
        box = QGroupBox(translate("Drill", "Evaluation"))
        self.rating = QComboBox()
        for rating in Rating:
            self.rating.addItem(rating_text(rating), rating.value)
        self.rating_note = QLineEdit()
        self.rating_note.setPlaceholderText(
            translate("Drill", "Why (needed to override the automatic rating)")
        )
        self.rate_button = QPushButton(translate("Drill", "Rate the selected action"))
        self.rate_button.clicked.connect(self.rate)
        self.finding = QLineEdit()
        self.finding.setPlaceholderText(translate("Drill", "Finding"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(translate("Drill", "Corrective action"))
        self.department = QComboBox()
        self.due = QDateEdit(QDate.currentDate().addMonths(1))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.improve_button = QPushButton(translate("Drill", "Add to the plan"))
        self.improve_button.clicked.connect(self.improve)
        form = QFormLayout(box)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rating)
        rate_row.addWidget(self.rating_note, 1)
        rate_row.addWidget(self.rate_button)
        form.addRow(translate("Drill", "Rating"), rate_row)
        improve_row = QHBoxLayout()
        for widget in (self.finding, self.action, self.department, self.due):
            improve_row.addWidget(widget)
        improve_row.addWidget(self.improve_button)
        form.addRow(translate("Drill", "Improvement"), improve_row)
        return box

    def start(self) -> None:
        """Follow the drills; the departments for the improvement plan."""
        self.watch.start()
        self.tasks.query(
            "departments",
            self.services.details.filter_choices,
            self._departments,
        )

    def _departments(self, choices: FilterChoices) -> None:
        for code, name in choices.departments:
            self.department.addItem(name, code)

    # -- the drill ---------------------------------------------------------------

    def _scenario(self) -> ScenarioFile:
        return self.scenarios[max(0, self.scenario.currentIndex())]

    def start_drill(self) -> None:
        scenario = self._scenario()
        services, actor = self.services, self.actor
        mode, speed = Mode(self.mode.currentData()), float(self.speed.value())

        def start() -> DrillRunner:
            return DrillRunner.start(
                services.drills,
                services.db,
                actor,
                scenario,
                mode,
                services.clock,
                speed,
            )

        self.start_button.setEnabled(False)
        self.tasks.query("start drill", start, self._started, self._failed)

    def _started(self, runner: DrillRunner) -> None:
        self.runner = runner
        self.drill_id = runner.drill_id
        self._thread = threading.Thread(
            target=runner.run, name=f"drill-{runner.drill_id}", daemon=True
        )
        self._thread.start()
        self._tick.start()
        self._enable()
        self._reader.request()
        self.drill_started.emit(runner.drill_id)

    def toggle_pause(self) -> None:
        runner = self.runner
        if runner is None:
            return
        if runner.state is DrillState.PAUSED:
            self._command("resume", lambda r: r.resume())
        else:
            self._command("pause", lambda r: r.pause())

    def skip(self) -> None:
        inject = self._selected_inject()
        if inject is not None:
            self._command("skip", lambda r: r.skip_to(inject))

    def send_now(self) -> None:
        inject = self._selected_inject()
        if inject is not None:
            self._command("send", lambda r: r.send_now(inject))

    def abort(self) -> None:
        reason, given = QInputDialog.getText(
            self,
            translate("Drill", "Abort the drill"),
            translate("Drill", "Why is the drill stopped?"),
        )
        if given:
            self._command("abort", lambda r: r.abort(reason))

    def _command(self, name: str, act: Callable[[DrillRunner], object]) -> None:
        """A controller's command, on the worker (it writes its event)."""
        runner = self.runner
        if runner is None:
            return
        self.tasks.query(
            f"drill {name}",
            lambda: act(runner),
            lambda _r: self._refresh(),
            self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.start_button.setEnabled(self.runner is None or self.runner.over)
        self.statusBar().showMessage(error_text(error), 10_000)

    def _selected_inject(self) -> str | None:
        row = self.injects.currentRow()
        item = self.injects.item(row, 0) if row >= 0 else None
        return None if item is None else item.text()

    # -- evaluation --------------------------------------------------------------

    def rate(self) -> None:
        row = self.expectations.currentRow()
        if self.drill_id is None or not 0 <= row < len(self.observations):
            return
        seen = self.observations[row]
        automatic = seen.automatic
        if automatic is None:
            return
        rating = Rating(self.rating.currentData())
        note, drill_id = self.rating_note.text(), self.drill_id
        drills, actor = self.services.drills, self.actor
        self.tasks.mutate(
            "rate",
            lambda: drills.rate(
                actor, drill_id, seen.expectation.id, rating, note, automatic
            ),
            lambda _changes: self.rating_note.clear(),
            self._failed,
        )

    def improve(self) -> None:
        if self.drill_id is None:
            return
        drill_id, actor, drills = self.drill_id, self.actor, self.services.drills
        finding, action = self.finding.text(), self.action.text()
        department = str(self.department.currentData() or "")
        due = dt.date.fromisoformat(self.due.date().toString(Qt.DateFormat.ISODate))

        def added(_changes: object) -> None:
            self.finding.clear()
            self.action.clear()
            self.statusBar().showMessage(
                translate("Drill", "Added to the improvement plan"), 5000
            )

        self.tasks.mutate(
            "improve",
            lambda: drills.improve(actor, drill_id, finding, action, department, due),
            added,
            self._failed,
        )

    # -- showing -----------------------------------------------------------------

    def _fill_injects(self) -> None:
        scenario = self._scenario()
        self.injects.setRowCount(len(scenario.injects))
        for row, inject in enumerate(scenario.injects):
            for column, text in enumerate(
                (
                    inject.id,
                    timing_text(inject),
                    channel_text(inject.channel.value),
                    inject.title,
                    "",
                )
            ):
                self.injects.setItem(row, column, QTableWidgetItem(text))
        self.injects.resizeColumnsToContents()
        self.expectations.setRowCount(0)

    def _show_notes(self, row: int, *_rest: int) -> None:
        scenario = self._scenario()
        if 0 <= row < len(scenario.injects):
            inject = scenario.injects[row]
            text = inject.text or (inject.case.text if inject.case else "")
            notes = inject.notes or ""
            self.notes.setText(
                text
                + (
                    "\n"
                    + translate("Drill", "Controller's notes: %1").replace("%1", notes)
                    if notes
                    else ""
                )
            )

    def _refresh(self) -> None:
        """The clock and what has gone out, from the runner (in memory)."""
        runner = self.runner
        if runner is None:
            return
        self._enable()
        state = {
            DrillState.RUNNING: translate("Drill", "running ×%1").replace(
                "%1", f"{runner.clock.speed:g}"
            ),
            DrillState.PAUSED: translate("Drill", "paused"),
            DrillState.ENDED: translate("Drill", "ended"),
            DrillState.ABORTED: translate("Drill", "aborted"),
        }.get(runner.state, "")
        self.clock_label.setText(f"{drill_clock(runner.clock.now())}  {state}")
        sent = dict(runner.progress.sent)
        for row, inject in enumerate(runner.scenario.injects):
            item = self.injects.item(row, 4)
            if item is not None:
                at = sent.get(inject.id)
                item.setText("" if at is None else drill_clock(at))
        if runner.over:
            self._tick.stop()
        elif runner.failure is not None:
            self._tick.stop()
            self.statusBar().showMessage(
                translate("Drill", "The drill stopped sending injects: %1").replace(
                    "%1", error_text(runner.failure)
                )
            )

    def _enable(self) -> None:
        runner = self.runner
        on = runner is not None and not runner.over
        self.start_button.setEnabled(not on)
        self.scenario.setEnabled(not on)
        self.mode.setEnabled(not on)
        for button in (
            self.pause_button,
            self.speed_button,
            self.skip_button,
            self.send_button,
            self.end_button,
            self.abort_button,
        ):
            button.setEnabled(on)
        paused = runner is not None and runner.state is DrillState.PAUSED
        self.pause_button.setText(
            translate("Drill", "Resume") if paused else translate("Drill", "Pause")
        )
        self.evaluation.setEnabled(runner is not None)

    def _on_entities(self, change: EntitiesChanged) -> None:
        if self.drill_id is not None and change.kind in (
            EntityKind.DRILL,
            EntityKind.INCIDENT,
        ):
            self._reader.request()

    def _on_cases(self, _change: CasesChanged) -> None:
        if self.drill_id is not None:
            self._reader.request()

    def _read_log(self) -> tuple[list[Observation], dict[str, Rating]]:
        """On the worker: each expectation against the log, and the ratings
        the evaluators gave."""
        drill_id, db = self.drill_id, self.services.db
        if drill_id is None:
            return [], {}
        with db.read() as session:
            log = read_drill_log(session, drill_id)
        given = {key: value[0] for key, value in log.ratings().items()}
        return log.observe(), given

    def _log_arrived(self, found: tuple[list[Observation], dict[str, Rating]]) -> None:
        observations, ratings = found
        self.observations = observations
        self.expectations.setRowCount(len(observations))
        for row, seen in enumerate(observations):
            expectation = seen.expectation
            minutes = seen.minutes
            given = ratings.get(expectation.id)
            rating = given or seen.automatic
            deadline = seen.deadline_t
            open_yet = (
                seen.done is None
                and deadline is not None
                and self.runner is not None
                and not self.runner.over
                and self.runner.clock.now() < deadline
            )
            if seen.sent_t is None:
                status = "–"
            elif open_yet:
                status = translate("Drill", "waiting")
            elif seen.done is None:
                status = translate("Drill", "missed")
            else:
                status = f"{minutes:.1f}" if minutes is not None else "–"
            texts = (
                expectation.id,
                who_text(expectation.who),
                expectation.action,
                str(expectation.within_minutes),
                status,
                ""
                if seen.sent_t is None or (open_yet and given is None)
                else (rating.value if rating else ""),
            )
            for column, text in enumerate(texts):
                self.expectations.setItem(row, column, QTableWidgetItem(text))
        self.expectations.resizeColumnsToContents()

    def closeEvent(self, event: object) -> None:  # noqa: N802
        """Closing the console aborts a drill still on (its clock would run
        with nobody at the controls)."""
        runner = self.runner
        if runner is not None and not runner.over:
            # one short write, here and now: the process may end with the window
            runner.abort(translate("Drill", "the console was closed"))
        self._tick.stop()
        self._reader.stop()
        self.watch.stop()
        super().closeEvent(event)  # type: ignore[arg-type]
