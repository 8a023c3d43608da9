"""The case queue dock: tabs with counts, a filter bar and the sortable table.

It owns no data access: the main window loads and upserts `CaseRow` snapshots,
and the widget reports which case the operator selected. The filter (tab,
search text, street, category, department) and the column layout persist in
QSettings between shifts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.kernel.work_calendar import DeadlineStatus
from commandcenter.views.cases.case_queue_filter_model import (
    CaseQueueFilterModel,
    QueueFilter,
    QueueTab,
    tab_title,
)
from commandcenter.views.cases.case_queue_table_model import (
    ROW_ROLE,
    CaseQueueTableModel,
    Column,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime, timedelta

    from commandcenter.services.cases.api import (
        CaseRow,
        FilterChoices,
    )

translate = QCoreApplication.translate
TABS = list(QueueTab)


class CaseQueueWidget(QWidget):
    """Tabs, filters and the table of cases."""

    case_selected = Signal(int)

    def __init__(
        self, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = CaseQueueTableModel(clock, self)
        self.proxy = CaseQueueFilterModel(self.model, self)

        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for tab in TABS:
            self.tabs.addTab(tab_title(tab))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            translate("CaseQueue", "Search number, text, address… (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.street = self._combo(translate("CaseQueue", "All streets"))
        self.category = self._combo(translate("CaseQueue", "All categories"))
        self.department = self._combo(translate("CaseQueue", "All departments"))
        self.grid_chip = QPushButton(self)
        self.grid_chip.setToolTip(translate("CaseQueue", "Show every grid again"))
        self.grid_chip.hide()

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NUMBER, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.NUMBER, 120),
            (Column.CATEGORY, 130),
            (Column.PLACE, 170),
            (Column.SOURCE, 80),
            (Column.PRIORITY, 80),
            (Column.DEPARTMENT, 150),
            (Column.STATE, 130),
            (Column.TIME_LEFT, 140),
        ):
            self.table.setColumnWidth(column, width)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 3)
        for combo in (self.street, self.category, self.department):
            bar.addWidget(combo, 2)
        bar.addWidget(self.grid_chip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.tabs)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        self.tabs.currentChanged.connect(self._on_tab)
        self.search.textChanged.connect(lambda text: self.proxy.narrow(text=text))
        self.street.currentIndexChanged.connect(self._on_combos)
        self.category.currentIndexChanged.connect(self._on_combos)
        self.department.currentIndexChanged.connect(self._on_combos)
        self.grid_chip.clicked.connect(lambda: self.narrow_grid(None))
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        # one recount per event-loop turn; the timer dies with the widget
        self._last_tick: datetime | None = None
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(0)
        self._recount.timeout.connect(self._update_counts)
        self.model.rowsInserted.connect(self._count_later)
        self.model.modelReset.connect(self._count_later)
        # blinking repaints with a role named: the counts stay the same
        self.model.dataChanged.connect(
            lambda _first, _last, roles: None if roles else self._count_later()
        )

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        combo.setMinimumContentsLength(6)
        return combo

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill the filter combos (streets, categories, departments)."""
        for combo, items in (
            (self.street, [(name, name) for name in choices.streets]),
            (self.category, [(c, f"{c} {n}") for c, n in choices.categories]),
            (self.department, [(c, n) for c, n in choices.departments]),
        ):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in items:
                combo.addItem(text, value)
            combo.blockSignals(False)

    # -- data ------------------------------------------------------------------------

    def load(self, rows: Iterable[CaseRow]) -> None:
        self.model.load(rows)

    def upsert(self, rows: Iterable[CaseRow]) -> None:
        self.model.upsert(rows)

    def prune(self, linger: timedelta) -> int:
        """Let ended cases older than `linger` leave the desk (`CaseRow.on_desk`);
        returns how many left."""
        now = self.model.now()
        gone = self.model.prune(lambda row: row.on_desk(now, linger))
        if gone:
            self._count_later()
        return gone

    def tick(self) -> list[CaseRow]:
        """The clock moved: repaint the visible rows (the time columns and their
        lights compute from the clock as they paint; no model signal, so no
        re-sorting). Returns the rows whose light changed since the last tick;
        when one turned red, the overdue tab and the counts follow."""
        now = self.model.now()
        changed = (
            self.model.lights_changed(self._last_tick, now)
            if self._last_tick is not None
            else []
        )
        self._last_tick = now
        if any(row.deadline_status(now) is DeadlineStatus.RED for row in changed):
            if self.proxy.queue_filter.tab is QueueTab.OVERDUE:
                self.proxy.refilter()
            self._count_later()
        self.table.viewport().update()
        return changed

    def current_case(self) -> CaseRow | None:
        index = self.table.currentIndex()
        row: CaseRow | None = index.data(ROW_ROLE) if index.isValid() else None
        return row

    def select_case(self, case_id: int) -> bool:
        """Select a case's row, switching to the All tab if the current tab hides
        it; False if the queue does not hold the case."""
        source_row = self.model.row_of(case_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.tabs.setCurrentIndex(TABS.index(QueueTab.ALL))
            self.narrow_grid(None)
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def narrow_grid(self, code: str | None) -> None:
        """Show only one grid's cases (a grid clicked on the map), or all again."""
        self.proxy.narrow(grid=code)
        if code is None:
            self.grid_chip.hide()
        else:
            self.grid_chip.setText(
                translate("CaseQueue", "Grid %1 ✕").replace("%1", code[-6:])
            )
            self.grid_chip.show()
        self._update_counts()

    def narrow_department(self, code: str) -> bool:
        """Show only one department's cases (clicked in the statistics league);
        False if the department is not among the filter's choices."""
        position = self.department.findData(code)
        if position < 0:
            return False
        self.department.setCurrentIndex(position)
        return True

    # -- state -----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("queue/tab", self.proxy.queue_filter.tab.value)
        settings.setValue("queue/text", self.search.text())
        for key, combo in self._combos().items():
            settings.setValue(f"queue/{key}", combo.currentData() or "")
        settings.setValue("queue/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        tab = str(settings.value("queue/tab", QueueTab.REPORTED.value))
        if tab in QueueTab.__members__.values():
            self.tabs.setCurrentIndex(TABS.index(QueueTab(tab)))
        self._on_tab(self.tabs.currentIndex())  # also when the index did not change
        self.search.setText(str(settings.value("queue/text", "")))
        for key, combo in self._combos().items():
            wanted = str(settings.value(f"queue/{key}", ""))
            position = combo.findData(wanted) if wanted else 0
            combo.setCurrentIndex(max(position, 0))
        header = settings.value("queue/header")
        if header:
            self.table.horizontalHeader().restoreState(header)

    def _combos(self) -> dict[str, QComboBox]:
        return {
            "street": self.street,
            "category": self.category,
            "department": self.department,
        }

    # -- reactions -------------------------------------------------------------------

    def _on_tab(self, position: int) -> None:
        self.proxy.narrow(tab=TABS[position])

    def _on_combos(self) -> None:
        self.proxy.narrow(
            street=self.street.currentData(),
            category=self.category.currentData(),
            department=self.department.currentData(),
        )
        self._update_counts()

    def _on_current(self) -> None:
        row = self.current_case()
        if row is not None:
            self.case_selected.emit(row.id)

    def _count_later(self) -> None:
        """Recount the tabs once per event-loop turn, not once per changed row."""
        if not self._recount.isActive():
            self._recount.start()

    def _update_counts(self) -> None:
        counts = self.proxy.tab_counts()
        for position, tab in enumerate(TABS):
            self.tabs.setTabText(position, f"{tab_title(tab)} {counts[tab]}")

    def current_filter(self) -> QueueFilter:
        return self.proxy.queue_filter
