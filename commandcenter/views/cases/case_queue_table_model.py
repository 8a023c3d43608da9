"""The case queue's item model: immutable `CaseRow` snapshots, updated in place.

A feed batch names cases; their fresh snapshots go to `upsert`, which replaces
known rows (one `dataChanged` each) and appends new ones (`beginInsertRows`), never
resetting the model, so selection and scroll position stay where the operator left
them. Sorting and tab filters live in a proxy model above this one.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from commandcenter.views.kernel.domain_text import (
    priority_text,
    source_text,
    state_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from commandcenter.services.cases.api import (
        CaseRow,
    )

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""data(index, ROW_ROLE) gives the row's `CaseRow` snapshot."""

_AMBER = QColor("#b26a00")
_RED = QColor("#c62828")
_FLASH = QBrush(QColor("#ffcdd2"))
FLASH_SECONDS = 12.0
_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0
    CATEGORY = 1
    PLACE = 2
    SOURCE = 3
    PRIORITY = 4
    DEPARTMENT = 5
    STATE = 6
    TIME_LEFT = 7
    AGE = 8


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def header_text(column: Column) -> str:
    return {
        Column.NUMBER: translate("CaseQueue", "Number"),
        Column.CATEGORY: translate("CaseQueue", "Category"),
        Column.PLACE: translate("CaseQueue", "Street / grid"),
        Column.SOURCE: translate("CaseQueue", "Source"),
        Column.PRIORITY: translate("CaseQueue", "Priority"),
        Column.DEPARTMENT: translate("CaseQueue", "Department"),
        Column.STATE: translate("CaseQueue", "State"),
        Column.TIME_LEFT: translate("CaseQueue", "Time left"),
        Column.AGE: translate("CaseQueue", "Age"),
    }[column]


def duration_text(seconds: float) -> str:
    """'2 d 3 h', '3 h 05 min' or '12 min' (translated)."""
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return (
            translate("CaseQueue", "%1 d %2 h")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    if hours:
        return (
            translate("CaseQueue", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{mins:02d}")
        )
    return translate("CaseQueue", "%1 min").replace("%1", str(mins))


_COLUMNS = len(Column)
"""Asked by Qt on every index it makes (300,000 times to sort a large desk):
an enum's len() is slow enough to show."""


class CaseQueueTableModel(QAbstractTableModel):
    """Rows of `CaseRow`; `now` is injected so the time columns can tick."""

    def __init__(
        self,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[CaseRow] = []
        self._row_of: dict[int, int] = {}
        self._flashing: dict[int, float] = {}  # case id -> monotonic end
        self._flash_on = False

    def now(self) -> datetime:
        """The model's clock: what the time columns, the lights and the overdue
        tab are computed against."""
        return self._clock()

    def lights_changed(self, since: datetime, now: datetime) -> list[CaseRow]:
        """Rows whose deadline light changed in (since, now]: turned amber or red."""
        return [
            row
            for row in self._rows
            if row.deadline_status(now) is not None
            and any(
                moment is not None and since < moment <= now
                for moment in (row.amber_at, row.deadline_at)
            )
        ]

    # -- Qt model interface --------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else _COLUMNS

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return header_text(Column(section))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.TIME_LEFT:
            # the light follows the clock, as the text beside it does
            status = row.deadline_status(self._clock())
            colour = {"amber": _AMBER, "red": _RED}.get(status or "")
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and self._flash_on:
            return _FLASH if row.id in self._flashing else None
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.CATEGORY:
            return row.description
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: CaseRow, column: Column) -> str:
        match column:
            case Column.NUMBER:
                return row.number
            case Column.CATEGORY:
                return row.category_name
            case Column.PLACE:
                return f"{row.street_name} {row.grid_code[-6:]}"
            case Column.SOURCE:
                return source_text(row.source)
            case Column.PRIORITY:
                return priority_text(row.priority)
            case Column.DEPARTMENT:
                return row.department_name or ""
            case Column.STATE:
                return state_text(row.state)
            case Column.TIME_LEFT:
                return self._time_left(row, self._clock())
            case Column.AGE:
                return duration_text((self._clock() - row.reported_at).total_seconds())

    @staticmethod
    def _time_left(row: CaseRow, now: datetime) -> str:
        if row.deadline_at is None or row.deadline_status(now) is None:
            return ""
        seconds = (row.deadline_at - now).total_seconds()
        if seconds < 0:
            return translate("CaseQueue", "overdue %1").replace(
                "%1", duration_text(seconds)
            )
        return duration_text(seconds)

    # -- updates -----------------------------------------------------------------

    def row_of(self, case_id: int) -> int | None:
        return self._row_of.get(case_id)

    def snapshot(self, row: int) -> CaseRow:
        return self._rows[row]

    def snapshots(self) -> Sequence[CaseRow]:
        """Every row, in model order (read only)."""
        return self._rows

    def load(self, rows: Iterable[CaseRow]) -> None:
        """Replace everything (first load or a new filter on the database side)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.id: i for i, row in enumerate(self._rows)}
        self.endResetModel()

    def upsert(self, rows: Iterable[CaseRow]) -> None:
        """Replace known cases in place and append new ones; never a reset."""
        fresh: list[CaseRow] = []
        last_column = len(Column) - 1
        for row in rows:
            position = self._row_of.get(row.id)
            if position is None:
                fresh.append(row)
                continue
            self._rows[position] = row
            self.dataChanged.emit(
                self.index(position, 0), self.index(position, last_column)
            )
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for offset, row in enumerate(fresh):
                self._rows.append(row)
                self._row_of[row.id] = first + offset
            self.endInsertRows()

    def prune(self, keep: Callable[[CaseRow], bool]) -> int:
        """Remove the rows `keep` refuses, in place (runs removed from the
        bottom up, never a reset); returns how many left."""
        doomed = [i for i, row in enumerate(self._rows) if not keep(row)]
        if not doomed:
            return 0
        runs: list[tuple[int, int]] = []
        for index in doomed:
            if runs and runs[-1][1] == index - 1:
                runs[-1] = (runs[-1][0], index)
            else:
                runs.append((index, index))
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            for row in self._rows[first : last + 1]:
                self._flashing.pop(row.id, None)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        self._row_of = {row.id: i for i, row in enumerate(self._rows)}
        return len(doomed)

    def flash(self, case_ids: Iterable[int]) -> None:
        """Make new urgent cases blink for a while (see `blink`)."""
        until = time.monotonic() + FLASH_SECONDS
        for case_id in case_ids:
            if case_id in self._row_of:
                self._flashing[case_id] = until

    @property
    def flashing(self) -> frozenset[int]:
        return frozenset(self._flashing)

    def blink(self) -> None:
        """Called twice a second: toggle the flashing rows, drop expired ones."""
        if not self._flashing:
            return
        now = time.monotonic()
        self._flash_on = not self._flash_on
        expired = [case_id for case_id, end in self._flashing.items() if end <= now]
        last_column = len(Column) - 1
        for case_id in list(self._flashing):
            position = self._row_of[case_id]
            self.dataChanged.emit(
                self.index(position, 0),
                self.index(position, last_column),
                [Qt.ItemDataRole.BackgroundRole],
            )
        for case_id in expired:
            del self._flashing[case_id]
