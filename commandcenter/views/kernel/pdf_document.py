"""Reports as PDF through Qt: an A4 writer, a CJK font, and a QTextDocument
printed page by page. The evaluation report and the incident report both lay
their text out this way, so Chinese renders as searchable text, not boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
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


def print_pages(document: QTextDocument, writer: QPdfWriter) -> int:
    """Lay `document` out on the writer's pages; the number of pages."""
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(page.width(), page.height()))
    painter = QPainter(writer)
    pages = document.pageCount()
    for number in range(pages):
        if number:
            writer.newPage()
        painter.save()
        painter.translate(0, -number * page.height())
        document.drawContents(
            painter, QRectF(0, number * page.height(), page.width(), page.height())
        )
        painter.restore()
    painter.end()
    return pages
