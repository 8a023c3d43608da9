"""An incident (a drill's too) played back on the map (回放): a time slider
from activation to the last event, play and pause at ×1 to ×600, the area in
the level's colour at that moment, the linked cases in their states then,
and each task's state then.

Everything comes from one read of the incident's log (`Replay`); moving the
slider only picks another frame, so playback costs no database work.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.cases.api import Marker
from commandcenter.services.emergency.api import Level
from commandcenter.views.kernel.domain_text import (
    level_text,
    state_text,
    task_state_text,
)
from commandcenter.views.map.map_view import MapView

if TYPE_CHECKING:
    from datetime import datetime, tzinfo
    from pathlib import Path

    from commandcenter.services.emergency.api import (
        IncidentDetail,
        Replay,
        ReplayFrame,
    )

translate = QCoreApplication.translate
STEPS = 1000
"""Slider positions from activation to the last event."""
TICK_MS = 200
SPEEDS = (1, 10, 60, 600)


class ReplayView(QWidget):
    """One incident's playback; `show_at` a moment, or play."""

    def __init__(
        self,
        replay: Replay,
        detail: IncidentDetail | None,
        map_page: Path | None,
        zone: tzinfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.replay = replay
        self._detail = detail
        self._zone = zone
        self._tasks = {t.id: t for t in detail.tasks} if detail else {}
        self._shown: ReplayFrame | None = None
        self.moment = replay.start
        title = translate("Incident", "Replay: %1 %2")
        drill = translate("Incident", "[DRILL] ") if replay.drill_id is not None else ""
        self.setWindowTitle(
            drill + title.replace("%1", replay.number).replace("%2", replay.title)
        )
        self.when = QLabel()
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        self.level = QLabel()
        self.level.setTextFormat(Qt.TextFormat.PlainText)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, STEPS)
        self.slider.valueChanged.connect(self._slid)
        self.play_button = QPushButton(translate("Incident", "Play"))
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._play)
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(f"×{speed}", speed)
        self.speed.setCurrentIndex(SPEEDS.index(60))
        self.map = MapView(self)
        self.map.ready.connect(self._draw)
        self.tasks = QListWidget()
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.speed)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.when)
        split = QSplitter()
        split.addWidget(self.map)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.level)
        side_layout.addWidget(self.tasks, 1)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._advance)
        if map_page is not None:
            self.map.load_page(map_page)
        self.show_at(replay.start)

    @property
    def frame(self) -> ReplayFrame:
        return self.replay.at(self.moment)

    def show_at(self, moment: datetime) -> None:
        """The incident as it stood at `moment` (kept within its span)."""
        replay = self.replay
        self.moment = min(max(moment, replay.start), replay.end)
        span = (replay.end - replay.start).total_seconds() or 1.0
        position = round((self.moment - replay.start).total_seconds() / span * STEPS)
        self.slider.blockSignals(True)
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        frame = self.frame
        local = self.moment.astimezone(self._zone)
        elapsed = int((self.moment - replay.start).total_seconds() // 60)
        self.when.setText(
            translate("Incident", "%1 (%2 min in)")
            .replace("%1", local.strftime("%m-%d %H:%M:%S"))
            .replace("%2", str(elapsed))
        )
        state = (
            translate("Incident", "stood down")
            if frame.stood_down
            else level_text(frame.level)
        )
        done = sum(s == "done" for s in frame.tasks.values())
        self.level.setText(
            translate("Incident", "%1 · tasks done %2 of %3")
            .replace("%1", state)
            .replace("%2", str(done))
            .replace("%3", str(len(frame.tasks)))
        )
        if frame is not self._shown:
            self._shown = frame
            self._list_tasks(frame)
            self._draw()

    def _list_tasks(self, frame: ReplayFrame) -> None:
        self.tasks.clear()
        for task_id, task_state in sorted(frame.tasks.items()):
            task = self._tasks.get(task_id)
            name = f"{task.department_name} · {task.text}" if task else f"#{task_id}"
            self.tasks.addItem(f"{task_state_text(task_state)}  {name}")
        for case_id, case_state in sorted(frame.cases.items()):
            number = self.replay.numbers.get(case_id, f"#{case_id}")
            self.tasks.addItem(
                translate("Incident", "Case %1: %2")
                .replace("%1", number)
                .replace("%2", state_text(case_state))
            )

    def _draw(self) -> None:
        if not self.map.is_ready:
            return
        frame = self.frame
        if self._detail is not None:
            self.map.show_incidents([replace(self._detail, level=Level(frame.level))])
        self.map.show_markers(
            Marker(
                id=case_id,
                number=self.replay.numbers.get(case_id, f"#{case_id}"),
                lon=place[0],
                lat=place[1],
                state=frame.cases[case_id],
                deadline=None,
                priority=2,
                category="",
                description="",
                grid="",
            )
            for case_id in frame.cases
            if (place := self.replay.places.get(case_id)) is not None
        )
        if self._detail is not None and frame is self.replay.frames[0]:
            self.map.fit_area(self._detail.area)

    def _slid(self, position: int) -> None:
        span = (self.replay.end - self.replay.start).total_seconds()
        self.show_at(self.replay.start + timedelta(seconds=span * position / STEPS))

    def _play(self, playing: bool) -> None:
        self.play_button.setText(
            translate("Incident", "Pause") if playing else translate("Incident", "Play")
        )
        if playing:
            if self.moment >= self.replay.end:
                self.show_at(self.replay.start)
            self._timer.start()
        else:
            self._timer.stop()

    def _advance(self) -> None:
        step = timedelta(milliseconds=TICK_MS * int(self.speed.currentData()))
        self.show_at(self.moment + step)
        if self.moment >= self.replay.end:
            self.play_button.setChecked(False)
