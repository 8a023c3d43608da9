"""The administration window's tables: a record a row, chosen one at a
time, read-only (editing happens in a dialog that runs an operation),
columns fitted to their contents but one that takes the rest."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


def record_table(headers: list[str], stretch: int, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    """Show `rows` (texts, a tuple per record) in `table`."""
    table.setRowCount(len(rows))
    for number, texts in enumerate(rows):
        for column, text in enumerate(texts):
            table.setItem(number, column, QTableWidgetItem(text))


def chosen_row(table: QTableWidget, count: int) -> int | None:
    """The selected row's number, if one of `count` is selected."""
    rows = table.selectionModel().selectedRows()
    if not rows or rows[0].row() >= count:
        return None
    return rows[0].row()
