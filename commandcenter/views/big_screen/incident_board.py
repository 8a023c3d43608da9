"""The big screen's incidents under way (PRODUCT §6): each one's name on its
level colour, the time since activation, its tasks done / open / overdue and
the latest lines of its timeline. The panel shows only while there is an
incident; otherwise the panel it goes over has its space back."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from commandcenter.views.big_screen.panels import MUTED, TEXT, UP
from commandcenter.views.kernel.domain_text import level_text
from commandcenter.views.kernel.level_colours import level_colour
from commandcenter.views.kernel.timeline_text import describe

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime, tzinfo

    from commandcenter.services.emergency.api import IncidentDetail, TimelineEntry

translate = QCoreApplication.translate
LATEST_LINES = 3
SHOWN = 2
"""Incidents on the panel at once, the newest first (a third says how many more)."""


class IncidentBoard(QWidget):
    """The incidents under way, as rich text in the wall's type sizes."""

    def __init__(self, unit: int) -> None:
        super().__init__()
        self._unit = unit
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setStyleSheet(f"color: {TEXT}; font-size: {int(unit * 0.9)}px;")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text)
        self.shown: list[int] = []

    def show_incidents(
        self,
        incidents: Sequence[tuple[IncidentDetail, Sequence[TimelineEntry]]],
        now: datetime,
        zone: tzinfo,
    ) -> None:
        self.shown = [detail.id for detail, _lines in incidents]
        blocks = [
            self._block(detail, lines, now, zone) for detail, lines in incidents[:SHOWN]
        ]
        more = len(incidents) - SHOWN
        if more > 0:
            blocks.append(
                f"<p style='color:{MUTED}'>"
                + escape(
                    translate("WallDisplay", "and %1 more incidents").replace(
                        "%1", str(more)
                    )
                )
                + "</p>"
            )
        self.text.setText("".join(blocks))

    def _block(
        self,
        detail: IncidentDetail,
        lines: Sequence[TimelineEntry],
        now: datetime,
        zone: tzinfo,
    ) -> str:
        colour = level_colour(detail.level.value)
        minutes = int((now - detail.activated_at).total_seconds() // 60)
        done, open_tasks, late = detail.counts(now)
        tasks = {task.id: task for task in detail.tasks}
        big = int(self._unit * 1.15)
        heading = (
            f"<div style='background:{colour}; color:white; font-weight:bold;"
            f" font-size:{big}px; padding:2px 6px'>"
            f"{escape(level_text(detail.level.value))}　{escape(detail.title)}</div>"
        )
        status = escape(
            translate("WallDisplay", "%1 min · tasks %2 done · %3 open · ")
            .replace("%1", str(minutes))
            .replace("%2", str(done))
            .replace("%3", str(open_tasks))
        )
        overdue = escape(
            translate("WallDisplay", "%1 overdue").replace("%1", str(late))
        )
        late_colour = UP if late else TEXT
        recent = "".join(
            f"<div style='color:{MUTED}'>"
            f"{entry.at.astimezone(zone).strftime('%H:%M')} "
            f"{escape(describe(entry, tasks))}</div>"
            for entry in list(lines)[-LATEST_LINES:]
        )
        return (
            f"{heading}<div>{status}<span style='color:{late_colour};"
            f" font-weight:bold'>{overdue}</span></div>{recent}<br>"
        )
