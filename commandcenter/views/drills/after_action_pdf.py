"""The after-action report of a drill as a PDF (演练评估报告), landscape A4,
with the drill banner on every page.

The overview; each objective with its on-target count, ratings and score; a
bar per expected action, observed minutes against the target (green P, amber
S, orange M, red U: never done); the expected actions table with the
evaluators' word; the improvement plan; each department's on-target rate
across drills; the timeline in drill time.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter, QTextDocument

from commandcenter.services.drills.api import Rating, drill_clock
from commandcenter.views.kernel.domain_text import who_text
from commandcenter.views.kernel.pdf_document import (
    a4_writer,
    cjk_font,
    html_heading,
    html_table,
    print_pages,
    text_document,
)

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from commandcenter.services.drills.api import ActionRow, AfterActionReport

translate = QCoreApplication.translate
RATING_COLOURS = {
    Rating.P: QColor("#43a047"),
    Rating.S: QColor("#f9a825"),
    Rating.M: QColor("#ef6c00"),
    Rating.U: QColor("#e53935"),
}
ROW_PX = 22


def rating_text(rating: Rating | None) -> str:
    if rating is None:
        return translate("Drill", "not sent")
    return {
        Rating.P: translate("Drill", "P · performed without challenges"),
        Rating.S: translate("Drill", "S · performed with some challenges"),
        Rating.M: translate("Drill", "M · performed with major challenges"),
        Rating.U: translate("Drill", "U · unable to be performed"),
    }[rating]


def write_after_action_pdf(report: AfterActionReport, path: Path) -> int:
    """Write the report; the number of pages. Needs a QGuiApplication."""
    title = translate("Drill", "After-action report: %1").replace("%1", report.title)
    writer = a4_writer(path, title, QPageLayout.Orientation.Landscape)
    document = text_document(
        "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 12px; }"
        "th { background: #1f4e79; color: white; padding: 3px; }"
        "td { padding: 2px 4px; border-bottom: 1px solid #ccc; }"
    )
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    chart = action_chart(report.actions, page.width())
    document.addResource(
        QTextDocument.ResourceType.ImageResource, QUrl("actions:0"), chart
    )
    document.setHtml(_html(report, title, chart))
    banner = translate("Drill", "DRILL · %1 · drill data, not real work").replace(
        "%1", report.title
    )
    return print_pages(document, writer, banner)


def _when(
    report: AfterActionReport, moment: datetime | None, form: str = "%Y-%m-%d %H:%M"
) -> str:
    if moment is None:
        return "–"
    return moment.astimezone(report.zone).strftime(form)


def _html(report: AfterActionReport, title: str, chart: QImage) -> str:
    e = html.escape

    def minutes(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    mode = (
        translate("Drill", "unannounced")
        if report.mode == "unannounced"
        else translate("Drill", "announced")
    )
    overview = [
        [translate("Drill", "Drill"), f"{report.drill_id} · {report.title}"],
        [translate("Drill", "Scenario"), f"{report.scenario} · {report.description}"],
        [translate("Drill", "Plan and starting level"), report.plan],
        [translate("Drill", "Mode"), mode],
        [translate("Drill", "Controller"), report.controller],
        [translate("Drill", "Started"), _when(report, report.started_at)],
        [translate("Drill", "Ended"), _when(report, report.ended_at)],
        [translate("Drill", "Drill time"), drill_clock(report.drill_seconds)],
        [
            translate("Drill", "Injects sent"),
            f"{report.injects_sent} / {report.injects_total}",
        ],
    ]
    rated = [a for a in report.actions if a.rating is not None]
    on_target = sum(a.rating is Rating.P for a in rated)
    overview.append(
        [
            translate("Drill", "Expected actions on target"),
            f"{on_target} / {len(rated)}",
        ]
    )
    parts = [
        f"<h1>{e(title)}</h1>",
        html_table([translate("Drill", "Item"), translate("Drill", "Value")], overview),
        html_heading(translate("Drill", "Objectives")),
        html_table(
            [
                translate("Drill", "Objective"),
                translate("Drill", "Indicator"),
                translate("Drill", "Actions"),
                translate("Drill", "On target"),
                "P / S / M / U",
                translate("Drill", "Score"),
            ],
            [
                [
                    f"{o.id} {o.text}",
                    o.indicator,
                    str(o.actions),
                    str(o.on_target),
                    " / ".join(str(o.ratings.get(r.value, 0)) for r in Rating),
                    "–" if o.score is None else f"{o.score * 100:.0f}",
                ]
                for o in report.objectives
            ],
        ),
        html_heading(translate("Drill", "Observed against target (minutes)")),
        "<p>"
        + e(
            translate(
                "Drill",
                "Grey bar: the target · coloured bar: as observed (green P, amber "
                "S, orange M); red: never done",
            )
        )
        + "</p>",
        f'<p><img src="actions:0" width="{chart.width()}"'
        f' height="{chart.height()}"></p>',
        html_heading(translate("Drill", "Expected actions")),
        html_table(
            [
                translate("Drill", "Inject"),
                translate("Drill", "Who"),
                translate("Drill", "Action"),
                translate("Drill", "Target"),
                translate("Drill", "Observed"),
                translate("Drill", "Done by"),
                translate("Drill", "Rating"),
                translate("Drill", "Evaluator's note"),
            ],
            [
                [
                    f"{a.inject} {a.inject_title}",
                    who_text(a.who),
                    a.action,
                    str(a.target_minutes),
                    minutes(a.observed_minutes),
                    a.done_by or "–",
                    rating_text(a.rating)
                    + (
                        translate("Drill", " (automatic: %1)").replace(
                            "%1", a.automatic.value if a.automatic else "–"
                        )
                        if a.overridden
                        else ""
                    ),
                    (f"{a.note}（{a.evaluator}）" if a.evaluator else ""),
                ]
                for a in report.actions
            ],
        ),
        html_heading(translate("Drill", "Improvement plan")),
        html_table(
            [
                "#",
                translate("Drill", "Finding"),
                translate("Drill", "Action"),
                translate("Drill", "Department"),
                translate("Drill", "Due"),
                translate("Drill", "Done"),
            ],
            [
                [
                    str(i.item),
                    i.finding,
                    i.action,
                    i.department,
                    i.due.isoformat(),
                    i.note if i.done else "–",
                ]
                for i in report.improvements
            ],
        ),
        html_heading(translate("Drill", "On-target rate by drill (%)")),
        html_table(
            [translate("Drill", "Who"), translate("Drill", "Drills, oldest first")],
            [
                [
                    who_text(who),
                    "  ".join(f"#{p.drill_id} {p.rate * 100:.0f}" for p in points),
                ]
                for who, points in report.trend.items()
            ],
        ),
        html_heading(translate("Drill", "Timeline (drill time)")),
        html_table(
            [
                translate("Drill", "Drill time"),
                translate("Drill", "Time"),
                translate("Drill", "By"),
                translate("Drill", "What"),
            ],
            [
                [
                    drill_clock(t.drill_t),
                    _when(report, t.at, "%m-%d %H:%M:%S"),
                    t.actor or "–",
                    t.kind
                    + (f" {t.payload['inject']}" if "inject" in t.payload else "")
                    + (f" {t.payload['title']}" if "title" in t.payload else ""),
                ]
                for t in report.timeline
            ],
        ),
    ]
    return "".join(parts)


def action_chart(actions: tuple[ActionRow, ...], width: int) -> QImage:
    """One row per expected action sent: the target as a grey bar, the
    observed minutes as a bar coloured by its rating; never done in red."""
    shown = [a for a in actions if a.sent]
    label_px = int(width * 0.28)
    height = max(1, len(shown)) * ROW_PX + 30
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    longest = max(
        [float(a.target_minutes) for a in shown]
        + [a.observed_minutes for a in shown if a.observed_minutes is not None]
        + [1.0]
    )
    scale = (width - label_px - 60) / longest
    painter = QPainter(image)
    painter.setFont(cjk_font(8))
    for row, action in enumerate(shown):
        y = row * ROW_PX
        painter.setPen(QColor("#333"))
        painter.drawText(
            QRectF(0, y, label_px - 6, ROW_PX),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{action.expectation} {who_text(action.who)} {action.action}",
        )
        painter.fillRect(
            QRectF(label_px, y + 3, action.target_minutes * scale, ROW_PX - 6),
            QColor("#cfd8dc"),
        )
        if action.observed_minutes is None:
            painter.setPen(RATING_COLOURS[Rating.U])
            painter.drawText(
                QRectF(label_px + 4, y, 200, ROW_PX),
                Qt.AlignmentFlag.AlignVCenter,
                translate("Drill", "never done"),
            )
            continue
        colour = RATING_COLOURS[action.automatic or Rating.P]
        painter.fillRect(
            QRectF(
                label_px, y + 7, max(2.0, action.observed_minutes * scale), ROW_PX - 14
            ),
            colour,
        )
        painter.setPen(QColor("#333"))
        painter.drawText(
            QRectF(
                label_px
                + max(action.observed_minutes, action.target_minutes) * scale
                + 4,
                y,
                60,
                ROW_PX,
            ),
            Qt.AlignmentFlag.AlignVCenter,
            f"{action.observed_minutes:.1f}",
        )
    painter.end()
    return image
