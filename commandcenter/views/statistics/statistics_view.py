"""The statistics view (统计分析) of the workstation: a period's numbers as charts.

Cases per hour against the 30-day mean, the 15 most reported categories, the
streets, the distribution of handling times and the sortable department league,
for a day, week or month picked at the top. It follows the feed: changes mark
it stale, and one `Statistics` read runs at most four times a second, off the
GUI thread, and only while the view is visible (a hidden view catches up when
shown). Clicking a department asks the queue to show that department's cases.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.evaluation.api import (
    HANDLING_EDGES_HOURS,
    PeriodKind,
    Statistics,
    take_statistics,
)
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QShowEvent

    from commandcenter.services.container import Services
    from commandcenter.services.evaluation.api import (
        KpiRow,
    )
    from commandcenter.views.kernel.change_hub import ChangeHub
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate
REFRESH_MS = 250  # at most four reads a second, however busy the feed
BAR = QColor("#1976d2")
CLOSED = QColor("#66bb6a")
MEAN = QColor("#f57c00")
INK = QColor("#37474f")


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


class _SortItem(QTableWidgetItem):
    """A cell shown as text and sorted by a number (an undefined rate sorts low)."""

    def __init__(self, text: str, key: float) -> None:
        super().__init__(text)
        self.key = key
        self.setTextAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _SortItem):
            return self.key < other.key
        return super().__lt__(other)


def _league_columns() -> list[tuple[str, Callable[[KpiRow], tuple[str, float]]]]:
    """(header, row → (text, sort key)) for every column after the name."""

    def count(name: str) -> Callable[[KpiRow], tuple[str, float]]:
        return lambda row: (str(getattr(row, name)), float(getattr(row, name)))

    def rate(name: str) -> Callable[[KpiRow], tuple[str, float]]:
        def cell(row: KpiRow) -> tuple[str, float]:
            value = getattr(row, name)
            return _rate(value), -1.0 if value is None else value

        return cell

    def hours(name: str) -> Callable[[KpiRow], tuple[str, float]]:
        def cell(row: KpiRow) -> tuple[str, float]:
            value = getattr(row, name)
            return _hours(value), float("inf") if value is None else value

        return cell

    return [
        (translate("StatisticsView", "Dispatched"), count("dispatched")),
        (translate("StatisticsView", "Due"), count("closures_due")),
        (translate("StatisticsView", "Closed"), count("closed_due")),
        (translate("StatisticsView", "On time"), count("on_time")),
        (translate("StatisticsView", "On-time rate"), rate("on_time_rate")),
        (translate("StatisticsView", "Closure rate"), rate("closure_rate")),
        (translate("StatisticsView", "Rework rate"), rate("rework_rate")),
        (
            translate("StatisticsView", "Handling median (h)"),
            hours("handling_median_hours"),
        ),
        (translate("StatisticsView", "Handling P90 (h)"), hours("handling_p90_hours")),
        (translate("StatisticsView", "Overdue now"), count("overdue_now")),
    ]


class _Chart(pg.PlotWidget):  # type: ignore[misc]
    """A white plot with readable CJK axis labels. Its title is a QLabel above
    it (`_titled`): a plot's own title would set the plot's minimum width."""

    def __init__(self) -> None:
        super().__init__(background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        font = QFont()
        font.setPixelSize(12)
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setTextPen(INK)
            axis.setPen(INK)
            axis.setStyle(tickFont=font)
        self.showGrid(x=False, y=False)

    def label_axis(self, side: str, labels: list[str]) -> None:
        self.getAxis(side).setTicks([list(enumerate(labels))])


class _RankedBars(_Chart):
    """Horizontal bars, largest on top, labelled with names."""

    def __init__(self) -> None:
        super().__init__()
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brush=BAR)
        self.closed = pg.BarGraphItem(x0=[], y=[], height=0.35, width=[], brush=CLOSED)
        self.addItem(self.bars)
        self.addItem(self.closed)
        self.getAxis("left").setWidth(130)

    def show_rows(self, rows: tuple[KpiRow, ...]) -> None:
        ordered = list(reversed(rows))  # the largest on top
        positions = list(range(len(ordered)))
        self.bars.setOpts(
            x0=[0] * len(ordered), y=positions, width=[r.reported for r in ordered]
        )
        self.closed.setOpts(
            x0=[0] * len(ordered), y=positions, width=[r.closed for r in ordered]
        )
        self.label_axis("left", [r.name for r in ordered])
        self.setYRange(-0.6, max(len(ordered), 1) - 0.4, padding=0)
        self.setXRange(0, max([r.reported for r in ordered] + [1]), padding=0.05)


class StatisticsView(QWidget):
    """Period picker, headline numbers, four charts and the department league."""

    refreshed = Signal()
    """A fresh `Statistics` is on screen."""
    department_chosen = Signal(str)
    """A department's code, clicked in the league."""

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        hub: ChangeHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        hub.cases_changed.connect(self.changes_arrived)
        self.statistics: Statistics | None = None
        self._stale = True
        self._reading = False
        self._league: tuple[KpiRow, ...] = ()

        self.kind = QComboBox(self)
        for kind, text in (
            (PeriodKind.DAY, translate("StatisticsView", "Day")),
            (PeriodKind.WEEK, translate("StatisticsView", "Week")),
            (PeriodKind.MONTH, translate("StatisticsView", "Month")),
        ):
            self.kind.addItem(text, kind.value)
        self.kind.setCurrentIndex(2)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        # today in the district's zone arrives with the first read (the zone is
        # the calendar's, read on the worker); until the operator picks a
        # date, the view follows today
        self._following_today = True
        self.date.setDate(QDate.currentDate())
        self.period_label = QLabel(self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("StatisticsView", "Period"), self))
        bar.addWidget(self.kind)
        bar.addWidget(self.date)
        bar.addWidget(self.period_label)
        bar.addStretch(1)
        self.summary.setWordWrap(True)

        self.hourly = _Chart()
        self.hourly_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=BAR)
        self.hourly_mean = pg.PlotDataItem(pen=pg.mkPen(MEAN, width=2))
        self.hourly.addItem(self.hourly_bars)
        self.hourly.addItem(self.hourly_mean)
        self.hourly.label_axis(
            "bottom", [f"{h:02d}" if h % 3 == 0 else "" for h in range(24)]
        )
        self.categories = _RankedBars()
        self.streets = _RankedBars()
        self.handling = _Chart()
        self.handling_bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=BAR)
        self.handling.addItem(self.handling_bars)
        self.handling.label_axis("bottom", _bin_labels())

        self.league = QTableWidget(self)
        self.league.setSortingEnabled(True)
        self.league.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.league.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.league.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.league.verticalHeader().hide()
        self.league.setAlternatingRowColors(True)
        self.league.setMinimumHeight(5 * 28)  # the header and four departments
        columns = _league_columns()
        self.league.setColumnCount(2 + len(columns))
        self.league.setHorizontalHeaderLabels(
            [
                translate("StatisticsView", "Rank"),
                translate("StatisticsView", "Department"),
                *(header for header, _ in columns),
            ]
        )
        header = self.league.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # by rank
        # fitted once after each fill: fitting on every cell set cost 1 ms a cell
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.league.setToolTip(
            translate(
                "StatisticsView", "Click a department to show its cases in the queue"
            )
        )
        league_title = QLabel(
            translate(
                "StatisticsView", "Department league (click to filter the queue)"
            ),
            self,
        )
        league_title.setStyleSheet("font-weight: 600;")

        # the ranked bars get the full height: 15 names must each find a line
        charts = QGridLayout()
        charts.addWidget(
            _titled(
                translate("StatisticsView", "Reports per hour · 30-day mean"),
                self.hourly,
            ),
            0,
            0,
        )
        charts.addWidget(
            _titled(
                translate("StatisticsView", "Handling time (hours) · cases"),
                self.handling,
            ),
            1,
            0,
        )
        charts.addWidget(
            _titled(
                translate("StatisticsView", "Top 15 categories · reported (closed)"),
                self.categories,
            ),
            0,
            1,
            2,
            1,
        )
        charts.addWidget(
            _titled(
                translate("StatisticsView", "Streets · reported (closed)"), self.streets
            ),
            0,
            2,
            2,
            1,
        )
        for column in range(3):
            charts.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addLayout(charts, 3)
        layout.addWidget(league_title)
        layout.addWidget(self.league, 2)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._read)
        self.kind.currentIndexChanged.connect(self.refresh_now)
        self.date.dateChanged.connect(self._date_picked)
        self.league.cellClicked.connect(self._league_clicked)

    # -- following changes -------------------------------------------------------

    def changes_arrived(self, _change: object = None) -> None:
        """Cases changed: read again within REFRESH_MS, once, if visible; a
        hidden view only remembers, and reads when it is shown."""
        self._stale = True
        if self.isVisible() and not self._timer.isActive():
            self._timer.start()

    def refresh_now(self) -> None:
        self._stale = True
        self._timer.stop()
        self._read()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh_now()

    def _read(self) -> None:
        if self._reading:  # one read at a time; the stale flag asks for another
            return
        self._stale = False
        self._reading = True
        kind = PeriodKind(self.kind.currentData())
        picked = self.date.date()
        day = dt.date(picked.year(), picked.month(), picked.day())
        services = self.services
        following = self._following_today

        def read() -> Statistics:
            if following:
                return take_statistics(services, kind, _today(services))
            return take_statistics(services, kind, day)

        self.runner.query("statistics", read, self.show_statistics, self._read_failed)

    def _date_picked(self) -> None:
        self._following_today = False
        self.refresh_now()

    def _read_failed(self, error: Exception) -> None:
        """Say so where the numbers go; the next change or period pick retries."""
        self._reading = False
        self._stale = True
        self.summary.setText(
            translate("StatisticsView", "Could not read the statistics: %1").replace(
                "%1", error_text(error)
            )
        )

    # -- showing -------------------------------------------------------------------

    def show_statistics(self, statistics: Statistics) -> None:
        self._reading = False
        self.statistics = statistics
        if self._following_today:
            shown = statistics.day
            self.date.blockSignals(True)
            self.date.setDate(QDate(shown.year, shown.month, shown.day))
            self.date.blockSignals(False)
        self._show_summary(statistics)
        trend = statistics.hourly
        self.hourly_bars.setOpts(x=list(range(24)), height=list(trend.counts))
        self.hourly_mean.setData(list(range(24)), list(trend.average))
        self.hourly.setYRange(
            0, max([*trend.counts, *trend.average, 1.0]), padding=0.05
        )
        self.hourly.setXRange(-0.6, 23.6, padding=0)
        bins = statistics.handling_histogram
        self.handling_bars.setOpts(x=list(range(len(bins))), height=list(bins))
        self.handling.setXRange(-0.6, len(bins) - 0.4, padding=0)
        self.handling.setYRange(0, max([*bins, 1]), padding=0.05)
        self.categories.show_rows(statistics.categories)
        self.streets.show_rows(statistics.streets)
        self._show_league(statistics.league)
        if self._stale and self.isVisible():
            self._timer.start()
        self.refreshed.emit()

    def _show_summary(self, statistics: Statistics) -> None:
        period = statistics.period
        last = period.end.astimezone(ZoneInfo(statistics.zone)).date() - dt.timedelta(
            days=1
        )
        self.period_label.setText(
            period.first_day.isoformat()
            if last == period.first_day
            else f"{period.first_day.isoformat()} – {last.isoformat()}"
        )
        row = statistics.district
        items = [
            (translate("StatisticsView", "Reported"), str(row.reported)),
            (translate("StatisticsView", "Registered"), str(row.registered)),
            (translate("StatisticsView", "Closed"), str(row.closed)),
            (translate("StatisticsView", "Overdue now"), str(row.overdue_now)),
            (
                translate("StatisticsView", "Registration rate"),
                _rate(row.registration_rate),
            ),
            (translate("StatisticsView", "Closure rate"), _rate(row.closure_rate)),
            (translate("StatisticsView", "On-time rate"), _rate(row.on_time_rate)),
            (translate("StatisticsView", "Rework rate"), _rate(row.rework_rate)),
            (
                translate("StatisticsView", "Handling median / P90 (h)"),
                f"{_hours(row.handling_median_hours)}"
                f" / {_hours(row.handling_p90_hours)}",
            ),
        ]
        self.summary.setText(
            " &nbsp; ".join(f"{name} <b>{value}</b>" for name, value in items)
        )

    def _show_league(self, league: tuple[KpiRow, ...]) -> None:
        table = self.league
        header = table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        table.setSortingEnabled(False)  # filling a sorting table scrambles rows
        table.setRowCount(len(league))
        columns = _league_columns()
        for index, row in enumerate(league):
            table.setItem(index, 0, _SortItem(str(index + 1), index + 1))
            name = QTableWidgetItem(row.name)
            name.setData(Qt.ItemDataRole.UserRole, row.key)
            table.setItem(index, 1, name)
            for offset, (_, cell) in enumerate(columns, start=2):
                text, key = cell(row)
                table.setItem(index, offset, _SortItem(text, key))
        table.setSortingEnabled(True)
        table.sortItems(column, order)
        table.resizeColumnsToContents()
        self._league = league

    def _league_clicked(self, row: int, _column: int) -> None:
        item = self.league.item(row, 1)
        if item is not None:
            self.department_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def league_codes(self) -> list[str]:
        """The departments' codes in the order the table shows them."""
        items = (self.league.item(r, 1) for r in range(self.league.rowCount()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i is not None]


def _titled(title: str, chart: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    label = QLabel(title)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"color: {INK.name()}; font-weight: 600;")
    column.addWidget(label)
    column.addWidget(chart, 1)
    return box


def _bin_labels() -> list[str]:
    edges = HANDLING_EDGES_HOURS
    labels = [f"{edges[i]:g}-{edges[i + 1]:g}" for i in range(len(edges) - 1)]
    return [*labels, f"≥{edges[-1]:g}"]


def _today(services: Services) -> dt.date:
    """Today in the district's zone (on the worker: the zone is read once)."""
    return services.clock().astimezone(services.calendars.zone).date()
