"""The Orders tab: court orders and variations, and the terms of the one selected."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from caseworker.services.files import FileDetail, OrderRow, TermRow
from caseworker.ui.widgets.format import day, frequency, label, money
from caseworker.ui.widgets.table import MUTED, RowsModel, source_row, table_view


def term_name(term: TermRow) -> str:
    """How an officer names a term: `Child $450.00 monthly` or `Costs $1,500.00 lump sum`."""
    what = label(term.category) if term.category else label(term.kind)
    how = frequency(term.frequency) if term.kind == "periodic" else label(term.kind)
    how = how.lower()
    return f"{what} {money(term.amount)} {how}"


class OrdersModel(RowsModel[OrderRow]):
    """The file's orders, oldest first; a variation names the order it varies."""

    COL_MADE, COL_COURT, COL_COURT_FILE, COL_VARIES, COL_TERMS = range(5)
    HEADERS = ("Made", "Court", "Court file", "Varies", "Terms")
    EMPTY = "No court order has been entered on this file."
    STRETCH = COL_COURT
    RIGHT_ALIGNED = frozenset({COL_TERMS})

    def display(self, row: OrderRow, column: int) -> str:
        varies = f"order of {day(row.varies_made_on)}" if row.varies_id else ""
        return (day(row.made_on), row.court, row.court_file or "", varies,
                str(len(row.terms)))[column]

    def raw(self, row: OrderRow, column: int) -> Any:
        if column == self.COL_MADE:
            return row.made_on
        if column == self.COL_VARIES:
            return row.varies_made_on
        if column == self.COL_TERMS:
            return len(row.terms)
        return self.display(row, column)


class TermsModel(RowsModel[TermRow]):
    """The terms of one order, with what they replace and what replaced them."""

    COL_TERM, COL_AMOUNT, COL_FROM, COL_TO, COL_CHILD, COL_VARIATION = range(6)
    HEADERS = ("Term", "Amount", "From / due", "To", "Child", "Variation")
    EMPTY = "Select an order above to see its terms."
    RIGHT_ALIGNED = frozenset({COL_AMOUNT})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._names: dict[int, str] = {}

    def set_terms(self, terms: tuple[TermRow, ...], names: dict[int, str]) -> None:
        """The order's terms; `names` names every term of the file, for the variation column."""
        self._names = names
        self.set_rows(terms)

    def _variation(self, row: TermRow) -> str:
        parts = [f"replaces {self._names.get(i, '?')}" for i in row.supersedes]
        parts += [f"replaced by {self._names.get(i, '?')}" for i in row.superseded_by]
        return "; ".join(parts)

    def display(self, row: TermRow, column: int) -> str:
        return (term_name(row), money(row.amount), day(row.start or row.due), day(row.end),
                row.child or "", self._variation(row))[column]

    def raw(self, row: TermRow, column: int) -> Any:
        if column == self.COL_AMOUNT:
            return row.amount
        if column == self.COL_FROM:
            return row.start or row.due
        if column == self.COL_TO:
            return row.end
        return self.display(row, column)

    def foreground(self, row: TermRow, column: int) -> QBrush | None:
        # A superseded term still shows (the history counts) but reads as past.
        return MUTED if row.superseded_by else None


class OrdersTab(QWidget):
    """Orders above, the selected order's terms below; the latest order is selected first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.orders = OrdersModel(self)
        self.terms = TermsModel(self)
        self.orders_view = table_view(self.orders, self, sortable=False)
        self.orders_view.setObjectName("orders_view")
        self.terms_view = table_view(self.terms, self)
        self.terms_view.setObjectName("terms_view")
        self.terms_caption = QLabel(self)
        self._names: dict[int, str] = {}
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.terms_caption)
        lower_layout.addWidget(self.terms_view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.orders_view)
        splitter.addWidget(lower)
        splitter.setSizes([160, 320])
        QVBoxLayout(self).addWidget(splitter)
        self.orders_view.selectionModel().selectionChanged.connect(self._selected)

    def set_file(self, detail: FileDetail | None) -> None:
        orders = detail.orders if detail else ()
        # Several children's terms may read the same; the child's name tells them apart.
        self._names = {t.id: term_name(t) + (f" for {t.child}" if t.child else "")
                       for o in orders for t in o.terms}
        rows = self.orders_view.selectionModel().selectedRows()
        shown = self.orders.row_at(rows[0].row()).id if rows else None
        self.orders.set_rows(orders)
        ids = [o.id for o in orders]
        if ids:  # the order looked at before a reload, else the latest
            self.orders_view.selectRow(ids.index(shown) if shown in ids else len(ids) - 1)
        else:
            self.terms.set_terms((), {})
            self.terms_caption.setText("No order registered on this file.")

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        order = self.orders.row_at(source_row(self.orders_view, indexes[0]))
        kind = "Variation" if order.varies_id else "Order"
        self.terms_caption.setText(f"<b>{kind} of {day(order.made_on)}</b>, {order.court}")
        self.terms.set_terms(order.terms, self._names)
