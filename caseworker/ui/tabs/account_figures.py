"""The Account tab's grid of figures: owing, the account to date, aging and by payee."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from caseworker.services.files import Statement
from caseworker.ui.widgets.format import label, money

# (key in the statement's totals, caption), by group; LEDGER.md §7 names the keys.
OWING = (("principal_owing", "Principal"), ("interest_owing", "Interest"),
         ("fees_owing", "Fees"), ("credit", "Less credit"))
TO_DATE = (("charged", "Charged"), ("interest_charged", "Interest charged"),
           ("adjusted", "Adjusted"), ("collected", "Collected"))
AGING_KEYS = ("0-30", "31-90", "91-180", "181-365", "366-730", "731+")
GROUP_ROWS = 4   # the tallest group decides the grid's height: keep them all this short
CAPTION_STYLE = "color: #4b5563;"


class _Group(QWidget):
    """A titled block of caption/value pairs, laid out in columns of GROUP_ROWS rows."""

    def __init__(self, title: str, parent: QWidget, rows: int = GROUP_ROWS):
        super().__init__(parent)
        self.rows = rows
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(QLabel(f"<b>{title}</b>", self))
        layout.addLayout(self.grid)
        layout.addStretch(1)

    def fill(self, pairs: Sequence[tuple[str, str, QLabel]]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
        for i, (_, caption, value) in enumerate(pairs):
            row, column = i % self.rows, 2 * (i // self.rows)
            name = QLabel(caption, self)
            name.setStyleSheet(CAPTION_STYLE)
            self.grid.addWidget(name, row, column)
            self.grid.addWidget(value, row, column + 1, Qt.AlignmentFlag.AlignRight)


class FiguresGrid(QWidget):
    """Every figure of the statement besides the headline, each in a labelled cell.

    `values` maps a key to its value label: the totals' keys, `aging:<bucket>` and
    `payee:<payee>` (tests read them).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("account_grid")
        self.values: dict[str, QLabel] = {}
        self.owing = _Group("Owing", self)
        self.to_date = _Group("Account to date", self)
        self.aging = _Group("Unpaid principal by days past due", self, rows=3)
        self.payees = _Group("Owing by payee", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(28)
        for group in (self.owing, self.to_date, self.aging, self.payees):
            layout.addWidget(group)
        layout.addStretch(1)

    def _value(self, key: str, amount: Decimal) -> QLabel:
        value = QLabel(money(amount), self)
        value.setObjectName(f"figure_{key}")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if amount < 0:
            value.setToolTip("A credit: received and not yet applied to a charge")
        self.values[key] = value
        return value

    def set_statement(self, statement: Statement | None) -> None:
        """Show the statement's figures; hidden when there is no statement."""
        self.values = {}
        self.setVisible(statement is not None)
        if statement is None:
            return
        totals = dict(statement.totals)
        self.owing.fill([(k, c, self._value(k, totals[k])) for k, c in OWING if k in totals])
        self.to_date.fill([(k, c, self._value(k, totals[k])) for k, c in TO_DATE if k in totals])
        aging = dict(statement.aging)
        self.aging.fill([(k, f"{k} days", self._value(f"aging:{k}", aging[k]))
                         for k in AGING_KEYS if k in aging])
        self.payees.fill([(k, label(k), self._value(f"payee:{k}", v))
                          for k, v in statement.by_payee])
