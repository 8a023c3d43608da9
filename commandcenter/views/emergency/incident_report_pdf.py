"""The incident report as a PDF (应急处置报告), landscape A4.

The overview, then the Gantt chart: one row per task, the plan as a pale bar
from when it was due to start to when it was due to finish, what happened as a
solid bar from when it was given to when it was done (green on time, red late,
grey cancelled, blue still open), ticks where it was acknowledged and on scene;
then the departments' response times against their targets, the timeline and
the linked cases. The chart is painted in pages of rows, so none is cut.
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter, QPen, QTextDocument

from commandcenter.models.types import TaskState
from commandcenter.views.kernel.domain_text import (
    incident_state_text,
    level_text,
    task_state_text,
)
from commandcenter.views.kernel.level_colours import level_colour
from commandcenter.views.kernel.pdf_document import (
    a4_writer,
    cjk_font,
    html_heading,
    html_table,
    print_pages,
    text_document,
)
from commandcenter.views.kernel.timeline_text import describe

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from commandcenter.services.emergency.api import IncidentReport, TaskTimes

translate = QCoreApplication.translate
ROWS_PER_CHART = 24
ON_TIME = QColor("#43a047")
LATE = QColor("#e53935")
CANCELLED = QColor("#9e9e9e")
RUNNING = QColor("#1e88e5")


def write_incident_pdf(report: IncidentReport, path: Path) -> int:
    """Write the report; the number of pages. Needs a QGuiApplication."""
    incident = report.incident
    title = translate("IncidentReport", "Incident report %1").replace(
        "%1", incident.number
    )
    writer = a4_writer(path, title, QPageLayout.Orientation.Landscape)
    document = text_document(
        "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 12px; }"
        "th { background: #1f4e79; color: white; padding: 3px; }"
        "td { padding: 2px 4px; border-bottom: 1px solid #ccc; }"
    )
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    charts = gantt_charts(report, page.width())
    for index, chart in enumerate(charts):
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"gantt:{index}"), chart
        )
    document.setHtml(_html(report, title, charts))
    banner = (
        translate("IncidentReport", "[DRILL] drill data, not real work")
        if incident.drill_id is not None
        else ""
    )
    return print_pages(document, writer, banner)


def _when(report: IncidentReport, moment: datetime | None) -> str:
    return (
        "–"
        if moment is None
        else moment.astimezone(report.zone).strftime("%m-%d %H:%M")
    )


def _html(report: IncidentReport, title: str, charts: list[QImage]) -> str:
    incident = report.incident
    e = html.escape
    done, open_tasks, late = incident.counts(report.taken_at)
    by_id = {t.task.id: t.task for t in report.tasks}

    def minutes(value: float | None) -> str:
        return "–" if value is None else f"{value:.0f}"

    overview = [
        [
            translate("IncidentReport", "Incident"),
            f"{incident.number} {incident.title}",
        ],
        [
            translate("IncidentReport", "Plan"),
            f"{incident.plan_title} {incident.plan_code} {incident.plan_version}",
        ],
        [translate("IncidentReport", "Level"), level_text(incident.level.value)],
        [
            translate("IncidentReport", "State"),
            incident_state_text(incident.state.value),
        ],
        [translate("IncidentReport", "Commander"), incident.commander],
        [
            translate("IncidentReport", "Activated"),
            _when(report, incident.activated_at),
        ],
        [
            translate("IncidentReport", "Stood down"),
            _when(report, incident.stood_down_at),
        ],
        [
            translate("IncidentReport", "Tasks done / open / overdue"),
            f"{done} / {open_tasks} / {late}",
        ],
        [translate("IncidentReport", "Summary"), incident.summary or "–"],
    ]
    parts = [
        f"<h1>{e(title)}</h1>",
        html_table(
            [translate("IncidentReport", "Item"), translate("IncidentReport", "Value")],
            overview,
        ),
        html_heading(translate("IncidentReport", "Plan against actual (Gantt chart)")),
        "<p>"
        + e(
            translate(
                "IncidentReport",
                "Pale bar: as planned · solid bar: as done (green on time, red "
                "late, grey cancelled, blue open) · ticks: acknowledged, on scene",
            )
        )
        + "</p>",
    ]
    for index, chart in enumerate(charts):
        breaking = ' style="page-break-before: always"' if index else ""
        parts.append(
            f'<p{breaking}><img src="gantt:{index}" width="{chart.width()}"'
            f' height="{chart.height()}"></p>'
        )
    parts += [
        html_heading(
            translate("IncidentReport", "Response times by department (minutes)")
        ),
        html_table(
            [
                translate("IncidentReport", "Department"),
                translate("IncidentReport", "Tasks"),
                translate("IncidentReport", "Done"),
                translate("IncidentReport", "On time"),
                translate("IncidentReport", "Mean to acknowledge"),
                translate("IncidentReport", "Mean to done"),
                translate("IncidentReport", "Mean target"),
            ],
            [
                [
                    d.name,
                    str(d.tasks),
                    str(d.done),
                    str(d.on_time),
                    minutes(d.mean_acknowledge),
                    minutes(d.mean_done),
                    minutes(d.mean_target),
                ]
                for d in report.departments
            ],
        ),
        html_heading(translate("IncidentReport", "Tasks")),
        html_table(
            [
                translate("IncidentReport", "Department"),
                translate("IncidentReport", "Task"),
                translate("IncidentReport", "State"),
                translate("IncidentReport", "Target"),
                translate("IncidentReport", "Acknowledged"),
                translate("IncidentReport", "On scene"),
                translate("IncidentReport", "Done"),
            ],
            [
                [
                    t.task.department_name,
                    t.task.text,
                    task_state_text(t.task.state.value),
                    str(t.target),
                    minutes(t.acknowledged),
                    minutes(t.on_scene),
                    minutes(t.done),
                ]
                for t in report.tasks
            ],
        ),
        html_heading(translate("IncidentReport", "Timeline")),
        html_table(
            [
                translate("IncidentReport", "Time"),
                translate("IncidentReport", "By"),
                translate("IncidentReport", "What"),
            ],
            [
                [_when(report, entry.at), entry.actor or "–", describe(entry, by_id)]
                for entry in report.timeline
            ],
        ),
        html_heading(translate("IncidentReport", "Linked cases")),
        html_table(
            [
                translate("IncidentReport", "Case"),
                translate("IncidentReport", "State"),
                translate("IncidentReport", "Description"),
            ],
            [[c.number, c.state, c.description] for c in report.incident.cases],
        ),
    ]
    return "".join(parts)


def gantt_charts(report: IncidentReport, width: int) -> list[QImage]:
    """The chart in images of at most ROWS_PER_CHART tasks, one time axis."""
    tasks = sorted(report.tasks, key=lambda t: (t.task.created_at, t.task.id))
    if not tasks:
        return []
    start = report.incident.activated_at
    ends = [t.task.due_at for t in tasks] + [
        t.task.ended_at or report.taken_at for t in tasks
    ]
    end = max(ends)
    span = max((end - start).total_seconds(), 60.0)
    return [
        _gantt(tasks[first : first + ROWS_PER_CHART], start, span, width, report)
        for first in range(0, len(tasks), ROWS_PER_CHART)
    ]


def _gantt(
    tasks: list[TaskTimes],
    start: datetime,
    span: float,
    width: int,
    report: IncidentReport,
) -> QImage:
    row = 34
    axis = 40
    label_width = int(width * 0.32)
    height = axis + row * len(tasks) + 10
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = cjk_font()
    font.setPixelSize(15)
    painter.setFont(font)
    plot = width - label_width - 10

    def x(moment: datetime) -> float:
        return label_width + plot * (moment - start).total_seconds() / span

    painter.setPen(QPen(QColor("#9e9e9e"), 1))
    step = _tick_minutes(span)
    minute = 0
    while minute * 60 <= span:
        at = x(start + timedelta(minutes=minute))
        painter.drawLine(QPointF(at, axis - 6), QPointF(at, height - 6))
        painter.drawText(
            QRectF(at - 40, 4, 80, axis - 12),
            Qt.AlignmentFlag.AlignCenter,
            (start + timedelta(minutes=minute))
            .astimezone(report.zone)
            .strftime("%H:%M"),
        )
        minute += step
    for index, times in enumerate(tasks):
        task = times.task
        top = axis + index * row
        painter.setPen(QColor("#212121"))
        painter.drawText(
            QRectF(4, top, label_width - 8, row),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            painter.fontMetrics().elidedText(
                f"{task.department_name} · {task.text}",
                Qt.TextElideMode.ElideRight,
                label_width - 8,
            ),
        )
        planned = QRectF(x(task.starts_at), top + 4, 0, row * 0.38)
        planned.setRight(max(planned.left() + 2, x(task.due_at)))
        painter.fillRect(planned, QColor(level_colour(task.level.value)).lighter(170))
        painter.setPen(QPen(QColor(level_colour(task.level.value)), 1))
        painter.drawRect(planned)
        finish = task.ended_at or report.taken_at
        actual = QRectF(x(task.created_at), top + row * 0.5, 0, row * 0.38)
        actual.setRight(max(actual.left() + 2, x(finish)))
        painter.fillRect(actual, _colour(times, report.taken_at))
        painter.setPen(QPen(QColor("#212121"), 2))
        for stamp in (task.acknowledged_at, task.on_scene_at):
            if stamp is not None:
                at = x(stamp)
                painter.drawLine(
                    QPointF(at, top + row * 0.45), QPointF(at, top + row * 0.95)
                )
    painter.end()
    return image


def _colour(times: TaskTimes, now: datetime) -> QColor:
    task = times.task
    if task.state is TaskState.CANCELLED:
        return CANCELLED
    if task.state is TaskState.DONE:
        return ON_TIME if times.on_time else LATE
    return LATE if now > task.due_at else RUNNING


def _tick_minutes(span_seconds: float) -> int:
    """A round step giving at most about twelve ticks."""
    for step in (5, 10, 15, 30, 60, 120, 240, 480, 720, 1440):
        if span_seconds / 60 / step <= 12:
            return step
    return 2880
