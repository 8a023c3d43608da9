"""A map of a territory about to be imported, before it is: the planned
areas drawn over the stored ones, so an administrator sees at a glance that
the grids fall where the district is (a file in the wrong offsets lands
hundreds of metres off; one in the wrong system lands nowhere near).

Painted here with QPainter from the plan's WGS-84 polygons (a plate carrée
scaled by the cosine of the latitude: true shapes at district scale), so it
needs no tiles, no web page and nothing online."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from commandcenter.models.types import AreaLevel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QPaintEvent
    from shapely.geometry.base import BaseGeometry

    from commandcenter.services.territory.api import AreaFeature

translate = QCoreApplication.translate
_FILL = {
    AreaLevel.DISTRICT: QColor(21, 101, 192, 18),
    AreaLevel.STREET: QColor(21, 101, 192, 30),
    AreaLevel.COMMUNITY: QColor(0, 137, 123, 40),
    AreaLevel.GRID: QColor(255, 143, 0, 110),
}
_MARGIN = 16


def _rings(geometry: BaseGeometry) -> list[list[tuple[float, float]]]:
    polygons = getattr(geometry, "geoms", [geometry])
    rings = []
    for polygon in polygons:
        rings.append(list(polygon.exterior.coords))
        rings.extend(list(hole.coords) for hole in polygon.interiors)
    return rings


class PreviewMap(QWidget):
    """Stored areas in grey outline, planned ones filled by level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(420, 320)
        self._stored: list[BaseGeometry] = []
        self._planned: list[AreaFeature] = []

    def show_plan(
        self, planned: Sequence[AreaFeature], stored: Sequence[BaseGeometry]
    ) -> None:
        self._planned = list(planned)
        self._stored = list(stored)
        self.update()

    def clear(self) -> None:
        self.show_plan([], [])

    def _bounds(self) -> tuple[float, float, float, float] | None:
        shapes = [f.geometry for f in self._planned] or self._stored
        if not shapes:
            return None
        boxes = [shape.bounds for shape in shapes]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fafafa"))
        bounds = self._bounds()
        if bounds is None:
            painter.setPen(QColor("#78909c"))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                translate("Admin", "Check a file to see its areas here."),
            )
            return
        west, south, east, north = bounds
        squeeze = math.cos(math.radians((south + north) / 2))
        width = max((east - west) * squeeze, 1e-9)
        height = max(north - south, 1e-9)
        scale = min(
            (self.width() - 2 * _MARGIN) / width, (self.height() - 2 * _MARGIN) / height
        )
        left = (self.width() - width * scale) / 2
        top = (self.height() - height * scale) / 2

        def point(lon: float, lat: float) -> QPointF:
            return QPointF(
                left + (lon - west) * squeeze * scale, top + (north - lat) * scale
            )

        def path(geometry: BaseGeometry) -> QPainterPath:
            drawn = QPainterPath()
            for ring in _rings(geometry):
                drawn.moveTo(point(*ring[0]))
                for lon, lat in ring[1:]:
                    drawn.lineTo(point(lon, lat))
                drawn.closeSubpath()
            return drawn

        painter.setPen(QPen(QColor("#b0bec5"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for geometry in self._stored:
            painter.drawPath(path(geometry))
        for feature in sorted(self._planned, key=lambda f: len(f.code)):
            painter.setBrush(QBrush(_FILL[feature.level]))
            grid = feature.level is AreaLevel.GRID
            painter.setPen(QPen(QColor("#e65100" if grid else "#1565c0"), 1.2))
            drawn = path(feature.geometry)
            painter.drawPath(drawn)
            box: QRectF = drawn.boundingRect()
            if grid and box.width() > 28 and box.height() > 14:
                painter.setPen(QColor("#3e2723"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, feature.code[-3:])
        painter.setPen(QColor("#455a64"))
        metres = (east - west) * squeeze * 111_320
        painter.drawText(
            QRectF(_MARGIN, self.height() - _MARGIN - 16, 300, 16),
            Qt.AlignmentFlag.AlignLeft,
            translate("Admin", "%1 km across").replace("%1", f"{metres / 1000:.1f}"),
        )
