"""The caseload queue's table model: holds only file ids and fetches visible rows in blocks."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from caseworker.services import caseload
from caseworker.services.caseload import FLAG_BADGES, QueueRow
from caseworker.ui.hub import AppContext

COL_FILE, COL_PAYOR, COL_RECIPIENT, COL_OWING, COL_DAYS, COL_NEXT_DUE, COL_STATUS, COL_FLAGS, \
    COL_REASON = range(9)
HEADERS = ("File", "Payor", "Recipient", "Owing", "Days", "Next task", "Status", "Flags",
           "Reason")
HEADER_TIPS = ("File number", "The payor (family name, given name)", "The recipient",
               "Total owing on the file", "Days since the last payment",
               "The earliest open task", "The file's status",
               "FV family violence, SR safety risk, BK bankruptcy, INC incarcerated, "
               "DEC deceased, IJ interjurisdictional",
               "Why the file needs you today (sorts by urgency)")
# The service's sort key for each column; the Reason column sorts by the queue's rank.
SORT_KEYS = ("file_no", "payor", "recipient", "owing", "days_since_payment", "next_due",
             "status", "flags", "rank")
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The Days column of a file never paid; its raw value (UserRole) stays None, and the SQL
# sort counts it as the most days (caseload._sort_columns).
NEVER_PAID = "never"
BLOCK = 100
MAX_BLOCKS = 20
SAFETY_FLAGS = ("family_violence", "safety_risk")
FLAG_NAMES = {flag: flag.replace("_", " ").capitalize() for flag in FLAG_BADGES}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the table's invisible parent


def money(amount: Decimal | None) -> str:
    """"$1,234.56"; negative amounts (a credit) as "-$12.00"."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


class QueueModel(QAbstractTableModel):
    """Ids of the queue in the database's order; rows are read a block at a time when shown."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self._ctx = ctx
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self.filters: tuple[str, ...] = ()
        self.search = ""
        self.sort_column = COL_REASON
        self.sort_order = Qt.SortOrder.DescendingOrder
        self.today = date.today()

    # -- the query -----------------------------------------------------------------------
    def reload(self) -> None:
        """Ask the database again for the ids with the current filter, search and sort."""
        self.beginResetModel()
        self.today = date.today()
        with self._ctx.db.reader() as session:
            self._ids = caseload.queue_ids(
                session, actor=self._ctx.actor, filters=self.filters, search=self.search,
                sort=SORT_KEYS[self.sort_column],
                descending=self.sort_order == Qt.SortOrder.DescendingOrder, today=self.today)
        self._blocks.clear()
        self.endResetModel()

    def set_query(self, *, filters: Sequence[str] | None = None,
                  search: str | None = None) -> None:
        if filters is not None:
            self.filters = tuple(filters)
        if search is not None:
            self.search = search.strip()
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting goes back to the database; a proxy model would have to load every row.
        if not 0 <= column < len(HEADERS):
            return
        self.sort_column, self.sort_order = column, order
        self.reload()

    def refresh_case(self, case_id: int) -> None:
        """Read one file's row again (its figures changed); the order waits for a reload."""
        row = self.row_of(case_id)
        if row is None:
            return
        self._blocks.pop(row // BLOCK, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: int) -> int | None:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    def _row(self, row: int) -> QueueRow | None:
        number = row // BLOCK
        block = self._blocks.get(number)
        if block is None:
            ids = self._ids[number * BLOCK:(number + 1) * BLOCK]
            with self._ctx.db.reader() as session:
                fetched = {r.case_id: r for r in caseload.queue_rows(
                    session, actor=self._ctx.actor, ids=ids, today=self.today)}
            block = [fetched.get(case_id) for case_id in ids]
            self._blocks[number] = block
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block[row % BLOCK]

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (COL_OWING, COL_DAYS):
                return int(_RIGHT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Never fetches: the view asks for flags of every visible cell, often.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == CASE_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole,
                        Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT) if column in (COL_OWING, COL_DAYS) else None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return _raw(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_FLAGS and any(f in SAFETY_FLAGS for f in row.flags):
                return QBrush(QColor("#b00020"))
            return None
        return _display(row, column)


def _raw(row: QueueRow, column: int):
    return (row.file_no, row.payor, row.recipient, row.owing, row.days_since_payment,
            row.next_due, row.status, ",".join(row.flags), row.reason)[column]


def _display(row: QueueRow, column: int) -> str:
    if column == COL_OWING:
        return money(row.owing)
    if column == COL_DAYS:
        if row.days_since_payment is not None:
            return str(row.days_since_payment)
        # No payment on record; without figures (owing unknown) there is no record to read.
        return "" if row.owing is None else NEVER_PAID
    if column == COL_NEXT_DUE:
        return row.next_due.isoformat() if row.next_due else ""
    if column == COL_STATUS:
        return row.status.capitalize()
    if column == COL_FLAGS:
        return " ".join(FLAG_BADGES[flag] for flag in row.flags)
    if column == COL_REASON:
        # The worst reason comes first; the others are counted here and listed in the tooltip.
        reasons = [r for r in row.reason.split("; ") if r]
        return reasons[0] + (f" (+{len(reasons) - 1})" if len(reasons) > 1 else "") \
            if reasons else ""
    return str(_raw(row, column))


def _tooltip(row: QueueRow, column: int) -> str | None:
    if column == COL_FLAGS and row.flags:
        return ", ".join(FLAG_NAMES[flag] for flag in row.flags)
    if column == COL_DAYS and row.days_since_payment is None:
        return "No payment on record" if row.owing is not None else "No figures calculated yet"
    if column == COL_REASON:
        return row.reason.replace("; ", "\n") or None
    if column in (COL_PAYOR, COL_RECIPIENT):
        return _display(row, column) or None
    return None
