"""The evaluation report as a PDF, through Qt's PDF writer.

The text is laid out by a QTextDocument from the report's JSON (every value
escaped), in the CJK font fontconfig offers, so Chinese renders as text, not
boxes, and stays searchable. Two bar charts (reports by category, closure rate
by street) are painted with QPainter and embedded as images.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPainter,
    QTextDocument,
)

from commandcenter.services.evaluation.api import (
    CATEGORY_COLUMNS,
    HEADLINE,
    LABELS,
    LEAGUE_COLUMNS,
    RATES,
    STREET_COLUMNS,
    TIMES,
    EvaluationReport,
    report_json,
)
from commandcenter.views.kernel.pdf_document import (
    CJK_FAMILIES,
    a4_writer,
    print_pages,
    text_document,
)

if TYPE_CHECKING:
    from pathlib import Path

CHART_HEIGHT = 0.38  # of the text width


def write_pdf(report: EvaluationReport, path: Path, lang: str = "zh_CN") -> int:
    """Write the report; returns the number of pages. Needs a QGuiApplication."""
    data = report_json(report, lang)
    words = LABELS[lang]
    writer = a4_writer(path, data["title"], QPageLayout.Orientation.Portrait)
    document = text_document(
        "h1 { font-size: 17pt; } h2 { font-size: 12.5pt; margin-top: 14px; }"
        "table { border-collapse: collapse; }"
        "th { background: #1f4e79; color: white; padding: 3px; }"
        "td { padding: 2px 4px; border-bottom: 1px solid #ccc; }"
    )
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    chart = (page.width(), int(page.width() * CHART_HEIGHT))
    document.addResource(
        QTextDocument.ResourceType.ImageResource,
        QUrl("chart:categories"),
        _bar_chart(
            [(e["name"], float(e["reported"])) for e in data["categories"]],
            words["categories"] + " · " + words["reported"],
            percent=False,
            size=chart,
        ),
    )
    document.addResource(
        QTextDocument.ResourceType.ImageResource,
        QUrl("chart:streets"),
        _bar_chart(
            [(e["name"], float(e["closure_rate"] or 0.0)) for e in data["streets"]],
            words["streets"] + " · " + words["closure_rate"],
            percent=True,
            size=chart,
        ),
    )
    zone = ZoneInfo(report.zone)
    deadlines = [
        f"{case.deadline.astimezone(zone):%Y-%m-%d %H:%M}" for case in report.overdue
    ]
    document.setHtml(_html(data, words, deadlines, chart))
    return print_pages(document, writer)


def _html(
    data: dict[str, Any],
    words: dict[str, str],
    deadlines: list[str],
    chart: tuple[int, int],
) -> str:
    """The report's body; `deadlines` are the overdue cases' in district time.
    Each chart opens a new page with its table, so no image is cut."""
    image = (
        '<p style="page-break-before: always">'
        '<img src="chart:{}" width="{}" height="{}"></p>'
    )

    def cell(value: Any, rate: bool) -> str:
        if value is None:
            return "<td>–</td>"
        text = f"{value:.2%}" if rate else str(value)
        align = "right" if isinstance(value, int | float) else "left"
        return f'<td align="{align}">{html.escape(text)}</td>'

    def table(header: list[str], rows: list[list[tuple[Any, bool]]]) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(cell(v, rate) for v, rate in row) + "</tr>" for row in rows
        )
        return f'<table width="100%" cellspacing="0"><tr>{head}</tr>{body}</table>'

    def keyed(entries: list[dict[str, Any]], keys: tuple[str, ...]) -> str:
        return table(
            [words[k] for k in keys],
            [[(entry[k], k in RATES) for k in keys] for entry in entries],
        )

    parts = [
        f"<h1>{html.escape(data['title'])}</h1>",
        f"<p>{html.escape(words['period'])}: {html.escape(data['period']['text'])}"
        f" · {html.escape(words['generated'])}: "
        f"{html.escape(data['generated_at'][:16].replace('T', ' '))} UTC</p>",
        f"<h2>{html.escape(words['headline'])}</h2>",
        table(
            [words["measure"], words["this"], words["before"]],
            [
                [
                    (words[m], False),
                    (data["headline"][m], m in RATES),
                    (data["before"][m], m in RATES),
                ]
                for m in (*HEADLINE, *RATES, *TIMES)
            ],
        ),
        f"<h2>{html.escape(words['league'])}</h2>",
        keyed(data["league"], ("rank", "name", *LEAGUE_COLUMNS)),
        image.format("streets", *chart),
        f"<h2>{html.escape(words['streets'])}</h2>",
        keyed(data["streets"], ("name", *STREET_COLUMNS)),
        image.format("categories", *chart),
        f"<h2>{html.escape(words['categories'])}</h2>",
        keyed(data["categories"], ("code", "name", *CATEGORY_COLUMNS)),
        f"<h2>{html.escape(words['overdue'])} ({len(data['overdue'])})</h2>",
        table(
            [
                words[k]
                for k in ("number", "category", "street", "department", "deadline")
            ]
            + [words["overdue_hours"]],
            [
                [
                    (case["number"], False),
                    (case["category"], False),
                    (case["place"], False),
                    (case["department"], False),
                    (deadline, False),
                    (case["overdue_hours"], False),
                ]
                for case, deadline in zip(data["overdue"], deadlines, strict=True)
            ],
        ),
    ]
    return "".join(parts)


def _bar_chart(
    bars: list[tuple[str, float]], title: str, percent: bool, size: tuple[int, int]
) -> QImage:
    """Vertical bars, labels under them and values above, at the size it is
    printed (pixels at the writer's resolution)."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPixelSize(max(12, height // 18))
    painter.setFont(font)
    painter.drawText(
        QRectF(0, 0, width, height / 10), Qt.AlignmentFlag.AlignLeft, title
    )
    top, bottom = height // 8, height - height // 4
    largest = max((value for _, value in bars), default=0.0) or 1.0
    slot = width / max(1, len(bars))
    font.setPixelSize(max(10, height // 26))
    painter.setFont(font)
    for index, (label, value) in enumerate(bars):
        left = index * slot + slot * 0.15
        bar_height = (bottom - top) * value / largest
        painter.fillRect(
            QRectF(left, bottom - bar_height, slot * 0.7, bar_height), QColor("#1f77b4")
        )
        text = f"{value:.1%}" if percent else f"{value:.0f}"
        painter.drawText(
            QRectF(index * slot, bottom - bar_height - height / 18, slot, height / 20),
            Qt.AlignmentFlag.AlignCenter,
            text,
        )
        painter.drawText(
            QRectF(index * slot, bottom + 4, slot, height / 4 - 4),
            Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
            label,
        )
    painter.setPen(QColor("#444"))
    painter.drawLine(0, bottom, width, bottom)
    painter.end()
    return image
