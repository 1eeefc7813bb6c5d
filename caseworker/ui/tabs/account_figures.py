"""The Account tab's grid of figures: owing, the account to date, aging and by payee."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QLayoutItem, QVBoxLayout, QWidget

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


class FlowLayout(QLayout):
    """Items side by side while they fit, wrapping to a new row when they do not.

    So the figures never make the file view (and with it the main splitter) wider than
    its narrowest group: in a narrow file view the groups stack instead.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 28, row_spacing: int = 8):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._row_spacing = row_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def sizeHint(self) -> QSize:  # noqa: N802 - all on one row
        items = self._shown()
        if not items:
            return QSize(0, 0)
        hints = [item.sizeHint() for item in items]
        margins = self.contentsMargins()
        return QSize(sum(h.width() for h in hints) + self._spacing * (len(hints) - 1)
                     + margins.left() + margins.right(),
                     max(h.height() for h in hints) + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - the widest item, one per row
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self._row_spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


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
        layout = FlowLayout(self)
        for group in (self.owing, self.to_date, self.aging, self.payees):
            layout.addWidget(group)

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
