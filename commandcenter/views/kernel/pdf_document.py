"""Reports as PDF through Qt: an A4 writer, a CJK font, and a QTextDocument
printed page by page. The evaluation report and the incident report both lay
their text out this way, so Chinese renders as searchable text, not boxes."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

if TYPE_CHECKING:
    from pathlib import Path

CJK_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Noto Sans SC"]
RESOLUTION = 150  # dpi: sharp text, small files
BANNER_RED = "#c62828"


def cjk_font(points: float = 9.5) -> QFont:
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSizeF(points)
    return font


def a4_writer(
    path: Path, title: str, orientation: QPageLayout.Orientation
) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("commandcenter")
    return writer


def text_document(style: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(cjk_font())
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(style)
    return document


def print_pages(document: QTextDocument, writer: QPdfWriter, banner: str = "") -> int:
    """Lay `document` out on the writer's pages; the number of pages. A
    `banner` (a drill's) heads every page in white on red."""
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    top = round(writer.resolution() * 0.3) if banner else 0  # 0.3 inch strip
    height = page.height() - top
    document.setPageSize(QSizeF(page.width(), height))
    painter = QPainter(writer)
    pages = document.pageCount()
    for number in range(pages):
        if number:
            writer.newPage()
        if banner:
            strip = QRectF(0, 0, page.width(), top * 0.8)
            painter.fillRect(strip, QColor(BANNER_RED))
            painter.setPen(QColor("white"))
            font = cjk_font(10)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(strip, Qt.AlignmentFlag.AlignCenter, banner)
        painter.save()
        painter.translate(0, top - number * height)
        document.drawContents(painter, QRectF(0, number * height, page.width(), height))
        painter.restore()
    painter.end()
    return pages


def html_table(header: list[str], rows: list[list[str]]) -> str:
    """A full-width table for a report's text document, every cell escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f'<table width="100%" cellspacing="0"><tr>{head}</tr>{body}</table>'


def html_heading(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"
