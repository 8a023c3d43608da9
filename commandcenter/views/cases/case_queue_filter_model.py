"""Tabs, filters, search and sorting of the case queue, above the item model.

Filtering and sorting read the `CaseRow` snapshots (ROW_ROLE), never display
text, so they do not depend on the UI language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from commandcenter.models.types import CaseState
from commandcenter.services.kernel.work_calendar import DeadlineStatus
from commandcenter.views.cases.case_queue_table_model import (
    ROW_ROLE,
    CaseQueueTableModel,
    Column,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from commandcenter.services.cases.api import (
        CaseRow,
    )

translate = QCoreApplication.translate
_Index = QModelIndex | QPersistentModelIndex


class QueueTab(StrEnum):
    """The queue's tabs, in the order an operator works through them."""

    REPORTED = "reported"  # 待受理
    REGISTERED = "registered"  # 待派遣
    HANDLING = "handling"  # 处置中
    HANDLED = "handled"  # 待核查
    OVERDUE = "overdue"  # 超期
    SUSPENDED = "suspended"  # 挂账
    ALL = "all"  # 全部


_TAB_STATES: dict[QueueTab, frozenset[CaseState]] = {
    QueueTab.REPORTED: frozenset({CaseState.REPORTED}),
    QueueTab.REGISTERED: frozenset({CaseState.REGISTERED}),
    QueueTab.HANDLING: frozenset({CaseState.DISPATCHED, CaseState.IN_PROGRESS}),
    QueueTab.HANDLED: frozenset({CaseState.HANDLED}),
    QueueTab.SUSPENDED: frozenset({CaseState.SUSPENDED}),
}
"""The tabs that show the cases in some states; OVERDUE shows the red
deadlines, ALL everything."""


def _in_tab(tab: QueueTab, row: CaseRow, now: datetime) -> bool:
    if tab is QueueTab.ALL:
        return True
    if tab is QueueTab.OVERDUE:
        return row.deadline_status(now) is DeadlineStatus.RED
    return row.state in _TAB_STATES[tab]


def tab_title(tab: QueueTab) -> str:
    return {
        QueueTab.REPORTED: translate("CaseQueue", "To register"),
        QueueTab.REGISTERED: translate("CaseQueue", "To dispatch"),
        QueueTab.HANDLING: translate("CaseQueue", "Being handled"),
        QueueTab.HANDLED: translate("CaseQueue", "To verify"),
        QueueTab.OVERDUE: translate("CaseQueue", "Overdue"),
        QueueTab.SUSPENDED: translate("CaseQueue", "Ledger"),
        QueueTab.ALL: translate("CaseQueue", "All"),
    }[tab]


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows: a tab, then optional narrowing, then free text."""

    tab: QueueTab = QueueTab.ALL
    text: str = ""
    street: str | None = None  # street name
    grid: str | None = None  # 15-digit grid code
    category: str | None = None  # category code
    department: str | None = None  # department code

    def accepts(self, row: CaseRow, now: datetime) -> bool:
        return _in_tab(self.tab, row, now) and self.narrows(row)

    @property
    def narrowed(self) -> bool:
        """Whether anything but the tab narrows the queue."""
        wanted = (self.street, self.grid, self.category, self.department)
        return bool(self.text) or any(w is not None for w in wanted)

    def narrows(self, row: CaseRow) -> bool:
        """Whether the row passes everything but the tab."""
        narrowing = (
            (self.street, row.street_name),
            (self.grid, row.grid_code),
            (self.category, row.category_code),
            (self.department, row.department_code),
        )
        if any(wanted is not None and wanted != actual for wanted, actual in narrowing):
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = (row.number, row.description, row.address, row.category_name)
            return any(needle in field.casefold() for field in haystack)
        return True


_SORT_KEYS: dict[int, Callable[[CaseRow], Any]] = {
    Column.NUMBER: lambda row: row.number,
    Column.CATEGORY: lambda row: row.category_code,
    Column.PLACE: lambda row: row.grid_code,
    Column.SOURCE: lambda row: row.source,
    Column.PRIORITY: lambda row: row.priority,
    Column.DEPARTMENT: lambda row: row.department_code or "",
    Column.STATE: lambda row: row.state,
    # cases without a deadline sort after every case that has one
    Column.TIME_LEFT: lambda row: (row.deadline_at is None, row.deadline_at or 0),
    Column.AGE: lambda row: row.reported_at,
}
"""Each column's sort key, by column number (what `lessThan` is given)."""


class CaseQueueFilterModel(QSortFilterProxyModel):
    """The queue as the operator sees it: one tab, filtered, sorted."""

    def __init__(
        self, source: CaseQueueTableModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._rows = source
        self.setSourceModel(source)
        # sorting and filtering read the snapshot, so only a new snapshot (not
        # the clock repainting the time columns) makes the proxy sort again
        self.setSortRole(ROW_ROLE)
        self.setFilterRole(ROW_ROLE)
        self._filter = QueueFilter()

    @property
    def queue_filter(self) -> QueueFilter:
        return self._filter

    def set_filter(self, queue_filter: QueueFilter) -> None:
        self.beginFilterChange()
        self._filter = queue_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def narrow(self, **changes: Any) -> None:
        """Change some fields of the filter, e.g. narrow(grid=code) on a grid click."""
        self.set_filter(replace(self._filter, **changes))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        row = self._source_row(source_row)
        return row is not None and self._filter.accepts(row, self._rows.now())

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802
        # called n·log n times on every load: the snapshots straight from the
        # source, not through QModelIndex.data (a desk of 20,000 open cases
        # took 2.4 s to sort that way, with the GUI frozen)
        key = _SORT_KEYS[left.column()]
        rows = self._rows
        return bool(key(rows.snapshot(left.row())) < key(rows.snapshot(right.row())))

    def tab_counts(self) -> dict[QueueTab, int]:
        """How many cases each tab would show under the current narrowing.
        Counted by state in one pass, not by testing every row for every
        tab: it runs on every change the feed brings, and a desk may hold
        tens of thousands of open cases."""
        now = self._rows.now()
        rows: Sequence[CaseRow] = self._rows.snapshots()
        if self._filter.narrowed:
            rows = [row for row in rows if self._filter.narrows(row)]
        states = Counter(row.state for row in rows)
        counts = {
            tab: sum(states[state] for state in tab_states)
            for tab, tab_states in _TAB_STATES.items()
        }
        counts[QueueTab.OVERDUE] = sum(
            row.deadline_status(now) is DeadlineStatus.RED for row in rows
        )
        counts[QueueTab.ALL] = len(rows)
        return {tab: counts[tab] for tab in QueueTab}

    def refilter(self) -> None:
        """Apply the same filter again: the clock moved a row across a deadline."""
        self.set_filter(self._filter)

    def _source_row(self, source_row: int) -> CaseRow | None:
        # straight from the snapshots: going through QModelIndex.data costs
        # more than the test itself
        if 0 <= source_row < self._rows.rowCount():
            return self._rows.snapshot(source_row)
        return None
