"""Plumbing shared by the small read-only table models and their views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
WARNING = QBrush(QColor("#b3261e"))
MUTED = QBrush(QColor("#6b7280"))
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A table of frozen rows: subclasses give HEADERS and say what each column shows.

    The raw value (Decimal, date) of each cell sits under UserRole for sorting; the
    display string is for people only.
    """

    HEADERS: tuple[str, ...] = ()
    RIGHT_ALIGNED: frozenset[int] = frozenset()
    STRETCH: int = -1  # the column that takes the spare width (the text one); -1: the last
    EMPTY: str = ""  # what an empty table says in its body ("No stays on this file.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return self.raw(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_ALIGNED:
            return RIGHT
        return None

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def longest(self, column: int) -> str:
        """The longest text of a column (amounts: the width every row of it needs)."""
        return max((self.display(row, column) for row in self._rows), key=len, default="")

    def raw(self, row: Row, column: int) -> Any:
        return self.display(row, column)

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    def foreground(self, row: Row, column: int) -> QBrush | None:
        return None


def _sort_key(value: Any) -> tuple[int, Any]:
    # Empty cells sort last, whatever the type of the others.
    return (1, 0) if value is None or value == "" else (0, value)


class RawSortProxy(QSortFilterProxyModel):
    """Sorts on the raw UserRole values (Decimal, date), which Qt itself cannot compare."""

    def lessThan(self, left: Index, right: Index) -> bool:
        a = _sort_key(left.data(Qt.ItemDataRole.UserRole))
        b = _sort_key(right.data(Qt.ItemDataRole.UserRole))
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


class RowsView(QTableView):
    """A table of a RowsModel: says so in its body when it has no rows (the model's EMPTY),
    and its stretching column takes the spare width but never shrinks below its header."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows_model = model
        self.stretch_column = model.STRETCH % len(model.HEADERS)

    def empty_text(self) -> str:
        """The text painted in the body now: the model's EMPTY when it has no rows."""
        return "" if self.rows_model.rowCount() else self.rows_model.EMPTY

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self.empty_text()
        if not text:
            return
        painter = QPainter(self.viewport())
        painter.setPen(MUTED.color())
        area = self.viewport().rect().adjusted(8, 8, -8, -8)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                   | Qt.TextFlag.TextWordWrap), text)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.stretch()

    def stretch(self) -> None:
        """Give the stretching column what the others leave, at least its header's width
        (a horizontal scroll bar then, rather than a clipped header)."""
        header = self.horizontalHeader()
        column = self.stretch_column
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != column and not header.isSectionHidden(c))
        spare = self.viewport().width() - others
        header.resizeSection(column, max(spare, header_width(self, column)))


def header_width(view: QTableView, column: int) -> int:
    """The width a column's header text needs, with the sort indicator's room."""
    return view.horizontalHeader().sectionSizeFromContents(column).width()


def table_view(model: RowsModel, parent: QWidget | None = None, *,
               sortable: bool = True) -> QTableView:
    """A read-only, row-selecting view with fixed row heights and elided text."""
    view = RowsView(model, parent)
    if sortable:
        proxy = RawSortProxy(view)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order at first
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    # Fitting a column reads this many rows, not all of a 30-year account's thousands.
    header.setResizeContentsPrecision(100)
    model.modelReset.connect(lambda: fit_columns(view, model))
    return view


def fit_columns(view: QTableView, model: RowsModel, widest: int = 320) -> None:
    """Size columns to their contents, within reason; amounts always fit whole."""
    header = view.horizontalHeader()
    stretch = getattr(view, "stretch_column", None)
    for column in range(header.count()):
        if column == stretch:
            continue
        if column in model.RIGHT_ALIGNED:
            # The sampled rows may miss the largest amount further down a long account.
            needed = view.fontMetrics().horizontalAdvance(model.longest(column)) + 16
            header.resizeSection(column, max(header.sectionSizeHint(column), needed))
            continue
        view.resizeColumnToContents(column)
        header.resizeSection(column, min(header.sectionSize(column), widest))
    if isinstance(view, RowsView):
        view.stretch()


def source_row(view: QTableView, index: QModelIndex) -> int:
    """The model row behind a view index, through the sorting proxy when there is one."""
    model = view.model()
    if isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
    return index.row()
