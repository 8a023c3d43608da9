"""The wall display's panels: dark boxes whose type scales with the wall.

Every size here is a multiple of `unit`, the wall's basic glyph height (a 56th
of the screen height), so a panel reads the same from 10 m on a 1080p screen,
a 4K screen or a 3x3 LCD wall. The painted charts keep their data and repaint;
nothing is rebuilt when numbers change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent

    from commandcenter.services.evaluation.api import (
        HourlyTrend,
        KpiRow,
    )

translate = QCoreApplication.translate
BACKGROUND = "#0b1220"
PANEL = "#111a2e"
TEXT = "#e8eefc"
MUTED = "#8fa3c7"
ACCENT = "#4fc3f7"
MEAN = "#ffca28"
UP = "#ef5350"  # more cases is worse on this wall
DOWN = "#66bb6a"


def rate_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _font(unit: int, scale: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, int(unit * scale)))
    font.setBold(bold)
    return font


class WallPanel(QFrame):
    """A titled dark box around one body widget."""

    def __init__(self, title: str, body: QWidget, unit: int) -> None:
        super().__init__()
        self.setObjectName("panel")
        self.setStyleSheet(
            f"#panel {{ background: {PANEL}; border: 1px solid #1d2b4a;"
            f" border-radius: {unit // 3}px; }}"
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(unit // 2, unit // 3, unit // 2, unit // 3)
        heading = QLabel(title)
        heading.setStyleSheet(
            f"color: {ACCENT}; font-size: {int(unit * 1.05)}px; font-weight: 600;"
        )
        column.addWidget(heading)
        column.addWidget(body, 1)


class WallHeader(QWidget):
    """The district's name, the reconnecting badge and the clock."""

    def __init__(self, unit: int) -> None:
        super().__init__()
        self.title = QLabel("")
        self.title.setStyleSheet(f"font-size: {int(unit * 1.9)}px; font-weight: 700;")
        self.badge = QLabel("")
        self.badge.setStyleSheet(
            f"color: white; background: #c62828; font-size: {unit}px;"
            f" padding: {unit // 4}px {unit // 2}px; border-radius: {unit // 3}px;"
        )
        self.badge.hide()
        self.clock = QLabel("")
        self.clock.setStyleSheet(f"font-size: {int(unit * 1.6)}px; color: {MUTED};")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title)
        row.addStretch(1)
        row.addWidget(self.badge)
        row.addSpacing(unit)
        row.addWidget(self.clock)


class WallCounter(QWidget):
    """A name, today's number, and the change against yesterday at this time."""

    def __init__(self, name: str, unit: int) -> None:
        super().__init__()
        self.name = QLabel(name)
        self.value = QLabel("–")
        self.change = QLabel("")
        self.name.setStyleSheet(f"color: {MUTED}; font-size: {unit}px;")
        self._unit = unit
        self.set_compact(False)
        self.change.setStyleSheet(f"font-size: {int(unit * 0.9)}px;")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for label in (self.name, self.value, self.change):
            column.addWidget(label)

    def set_compact(self, compact: bool) -> None:
        """Smaller figures, for four counters abreast."""
        size = int(self._unit * (2.0 if compact else 2.6))
        self.value.setStyleSheet(
            f"color: {TEXT}; font-size: {size}px; font-weight: 700;"
        )

    def show_value(self, text: str, change: float | None, rate: bool) -> None:
        self.value.setText(text)
        if change is None:
            self.change.setText("")
            return
        sign = "+" if change > 0 else ""
        amount = f"{sign}{change * 100:.1f} %" if rate else f"{sign}{change:.0f}"
        self.change.setText(
            translate("WallDisplay", "vs this time yesterday %1").replace("%1", amount)
        )
        colour = MUTED if change == 0 else (UP if change > 0 else DOWN)
        if rate:  # a higher rate is better
            colour = MUTED if change == 0 else (DOWN if change > 0 else UP)
        self.change.setStyleSheet(
            f"color: {colour}; font-size: {self.change.font().pixelSize()}px;"
        )


class CounterGrid(QWidget):
    """The counters in two columns, or four where the panel is wide (a screen
    of a 3x3 wall): they are laid out again when the panel's shape changes."""

    def __init__(self, counters: list[WallCounter], unit: int) -> None:
        super().__init__()
        self._counters = counters
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(unit // 2)
        self._arrange(2)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for index, counter in enumerate(self._counters):
            counter.set_compact(columns > 2)
            self._grid.removeWidget(counter)
            self._grid.addWidget(counter, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        size = event.size()
        self._arrange(4 if size.width() > 1.6 * size.height() else 2)
        super().resizeEvent(event)


class TrendChart(QWidget):
    """Today's reports per hour (bars) over the 30-day mean (line)."""

    def __init__(self, unit: int) -> None:
        super().__init__()
        self._unit = unit
        self._trend: HourlyTrend | None = None
        self._hour = 0
        self.setMinimumHeight(unit * 4)

    def show_trend(self, trend: HourlyTrend, hour: int) -> None:
        self._trend, self._hour = trend, hour
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        trend = self._trend
        if trend is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = self._unit
        painter.setFont(_font(unit, 0.8))
        area = QRectF(
            unit * 0.5, unit * 0.4, self.width() - unit, self.height() - unit * 1.6
        )
        top = max([*trend.counts, *trend.average, 1.0])
        slot = area.width() / 24
        for hour, count in enumerate(trend.counts):
            if hour > self._hour:
                break
            height = area.height() * count / top
            painter.fillRect(
                QRectF(
                    area.left() + hour * slot + slot * 0.15,
                    area.bottom() - height,
                    slot * 0.7,
                    height,
                ),
                QColor(ACCENT),
            )
        path = QPainterPath()
        for hour, mean in enumerate(trend.average):
            point = QPointF(
                area.left() + (hour + 0.5) * slot,
                area.bottom() - area.height() * mean / top,
            )
            if hour == 0:
                path.moveTo(point)
            else:
                path.lineTo(point)
        painter.setPen(QPen(QColor(MEAN), max(2, unit // 8)))
        painter.drawPath(path)
        painter.setPen(QColor(MUTED))
        for hour in range(0, 24, 3):
            painter.drawText(
                QRectF(area.left() + hour * slot, area.bottom() + 2, slot * 3, unit),
                Qt.AlignmentFlag.AlignLeft,
                f"{hour:02d}",
            )
        painter.end()


class StreetBars(QWidget):
    """Today's reports (upper bar) and closures (lower bar) per street, most
    reported first; as many streets as fit at a readable size. Closures count
    cases closed today whenever reported, so they may pass the reports."""

    def __init__(self, unit: int) -> None:
        super().__init__()
        self._unit = unit
        self.rows: tuple[KpiRow, ...] = ()

    def show_rows(self, rows: tuple[KpiRow, ...]) -> None:
        self.rows = rows
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        unit = self._unit
        line = unit * 1.35
        shown = self.rows[: max(0, int(self.height() // line))]
        if not shown:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(_font(unit, 0.85))
        name_width = unit * 6.5
        number_width = unit * 4.5
        bar_left = name_width + unit * 0.3
        bar_width = max(1.0, self.width() - bar_left - number_width)
        top = max(max(max(row.reported, row.closed) for row in shown), 1)
        for index, row in enumerate(shown):
            y = index * line
            painter.setPen(QColor(TEXT))
            painter.drawText(
                QRectF(0, y, name_width, line),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                row.name,
            )
            for count, offset, colour in (
                (row.reported, 0.18, ACCENT),
                (row.closed, 0.52, DOWN),
            ):
                bar = QRectF(bar_left, y + line * offset, bar_width * count / top, 0)
                painter.fillRect(bar.adjusted(0, 0, 0, line * 0.3), QColor(colour))
            painter.setPen(QColor(MUTED))
            painter.drawText(
                QRectF(self.width() - number_width, y, number_width, line),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{row.reported} / {row.closed}",
            )
        painter.end()
