"""Table models of the Account tab: statement, payments, adjustments, periods, explanations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget

from caseworker.services.explain import Link
from caseworker.services.files import (
    AdjustmentRow,
    ArrangementPeriod,
    PaymentRow,
    StatementLine,
)
from caseworker.ui.widgets.format import day, label, money
from caseworker.ui.widgets.table import MUTED, WARNING, RowsModel


class StatementModel(RowsModel[StatementLine]):
    """The ledger's statement lines with the running balance."""

    COL_DATE, COL_KIND, COL_DESCRIPTION, COL_DEBIT, COL_CREDIT, COL_BALANCE = range(6)
    HEADERS = ("Date", "Kind", "Description", "Debit", "Credit", "Balance")
    EMPTY = "Nothing has been charged or paid on this file yet."
    STRETCH = COL_DESCRIPTION
    RIGHT_ALIGNED = frozenset({COL_DEBIT, COL_CREDIT, COL_BALANCE})

    def display(self, row: StatementLine, column: int) -> str:
        def amount(value: Decimal) -> str:
            return money(value) if value else ""

        return (day(row.date), label(row.kind), row.description, amount(row.debit),
                amount(row.credit), money(row.balance))[column]

    def raw(self, row: StatementLine, column: int) -> Any:
        return (row.date, row.kind, row.description, row.debit, row.credit,
                row.balance)[column]

    def tooltip(self, row: StatementLine, column: int) -> str | None:
        return f"{row.description} ({row.ref})"


class PaymentsModel(RowsModel[PaymentRow]):
    """Payments as received, reversals shown as negative amounts beside their reason."""

    COL_RECEIVED, COL_AMOUNT, COL_SOURCE, COL_REFERENCE, COL_NOTE = range(5)
    HEADERS = ("Received", "Amount", "Source", "Reference", "Note")
    EMPTY = "No payment has been received on this file."
    RIGHT_ALIGNED = frozenset({COL_AMOUNT})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._received: dict[int, PaymentRow] = {}

    def set_rows(self, rows: Sequence[PaymentRow]) -> None:
        self._received = {p.id: p for p in rows}
        super().set_rows(rows)

    @staticmethod
    def signed(row: PaymentRow) -> Decimal:
        """A reversal takes money back: shown (and sorted) as a negative amount."""
        return -row.amount if row.reverses_id else row.amount

    def _note(self, row: PaymentRow) -> str:
        parts = []
        if row.reverses_id:
            original = self._received.get(row.reverses_id)
            when = f" of {day(original.received)}" if original else ""
            parts.append(f"Reverses the payment{when}: {row.reason or 'no reason given'}")
        if row.reversed_by_id:
            reversal = self._received.get(row.reversed_by_id)
            parts.append(f"Reversed on {day(reversal.received)}" if reversal else "Reversed")
        elif row.pending_reversal_id:
            reversal = self._received.get(row.pending_reversal_id)
            when = f" (dated {day(reversal.received)})" if reversal else ""
            parts.append(f"Reversal waiting for approval{when}: counts until approved")
        if row.approval:
            parts.append(f"Approval {row.approval}")
        return "; ".join(parts)

    def display(self, row: PaymentRow, column: int) -> str:
        return (day(row.received), money(self.signed(row)), label(row.source),
                row.reference or "", self._note(row))[column]

    def raw(self, row: PaymentRow, column: int) -> Any:
        if column == self.COL_RECEIVED:
            return row.received
        if column == self.COL_AMOUNT:
            return self.signed(row)
        return self.display(row, column)

    def foreground(self, row: PaymentRow, column: int) -> QBrush | None:
        if row.approval in ("pending", "refused"):
            return MUTED  # a reversal that does not count (yet, or ever)
        if row.reverses_id:
            return WARNING
        return MUTED if row.reversed_by_id else None


class AdjustmentsModel(RowsModel[AdjustmentRow]):
    """Adjustments with their reasons; a credit is negative."""

    COL_DATE, COL_AMOUNT, COL_REASON, COL_APPROVAL = range(4)
    HEADERS = ("Date", "Amount", "Reason", "Approval")
    EMPTY = "No adjustment has been made to this account."
    STRETCH = COL_REASON
    RIGHT_ALIGNED = frozenset({COL_AMOUNT})

    def display(self, row: AdjustmentRow, column: int) -> str:
        return (day(row.date), money(row.amount), row.reason, label(row.approval) or "not needed"
                )[column]

    def raw(self, row: AdjustmentRow, column: int) -> Any:
        if column == self.COL_DATE:
            return row.date
        if column == self.COL_AMOUNT:
            return row.amount
        return self.display(row, column)

    def tooltip(self, row: AdjustmentRow, column: int) -> str | None:
        return row.reason


IN_DEFAULT = "in default"


class ArrangementModel(RowsModel[ArrangementPeriod]):
    """The periods of the file's payment arrangements: expected, received, shortfall."""

    (COL_ARRANGEMENT, COL_START, COL_END, COL_EXPECTED, COL_RECEIVED, COL_SHORTFALL,
     COL_STATUS) = range(7)
    HEADERS = ("Arrangement", "From", "To", "Expected", "Received", "Shortfall", "Status")
    RIGHT_ALIGNED = frozenset({COL_EXPECTED, COL_RECEIVED, COL_SHORTFALL})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.as_of: date | None = None

    def status(self, row: ArrangementPeriod) -> str:
        """How the period stands on the statement date, and whether the arrangement was in
        default by then: a period paid in full after a default still reads as paid."""
        if self.as_of is not None and row.end >= self.as_of:
            base = "In progress"
        else:
            base = "Short" if row.shortfall else "Paid"
        return f"{base} · {IN_DEFAULT}" if row.in_default else base

    def display(self, row: ArrangementPeriod, column: int) -> str:
        return (row.arrangement, day(row.start), day(row.end), money(row.expected),
                money(row.received), money(row.shortfall), self.status(row))[column]

    def raw(self, row: ArrangementPeriod, column: int) -> Any:
        return (row.arrangement, row.start, row.end, row.expected, row.received, row.shortfall,
                self.status(row))[column]

    def foreground(self, row: ArrangementPeriod, column: int) -> QBrush | None:
        # Red for money that fell short; under a default the whole short period is red.
        if row.shortfall and (row.in_default or column == self.COL_SHORTFALL):
            return WARNING
        return WARNING if column == self.COL_STATUS and row.in_default else None


class LinksModel(RowsModel[Link]):
    """The other side of an explained line's allocations: what paid it, or what it paid."""

    COL_DATE, COL_REF, COL_WHAT, COL_AMOUNT, COL_NOTE = range(5)
    HEADERS = ("Date", "Id", "What", "Amount", "Note")
    EMPTY = "Nothing else is linked to this line."
    STRETCH = COL_NOTE
    RIGHT_ALIGNED = frozenset({COL_AMOUNT})

    def display(self, row: Link, column: int) -> str:
        return (day(row.date), row.ref, row.what, money(row.amount), row.note)[column]

    def raw(self, row: Link, column: int) -> Any:
        return (row.date, row.ref, row.what, row.amount, row.note)[column]

    def tooltip(self, row: Link, column: int) -> str | None:
        return row.note or None
