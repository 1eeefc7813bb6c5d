"""Money rows: payments, reversals, adjustments, approvals and payment arrangements.

Payments, adjustments and approvals are append-only (database triggers refuse
UPDATE and DELETE): a correction is a new row that points at the old one. Each
money row carries a per-file sequence number so a write lost on a shared file
shows up as a gap.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, Keyed, Versioned
from caseworker.models.types import utcnow

APPEND_ONLY_TABLES = ("payments", "adjustments", "approvals", "record_entries", "audit_events")


class Payment(Keyed, Base):
    """Money received by the program for a file, or the reversal of such a payment."""

    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int]
    received: Mapped[date]
    amount: Mapped[Decimal]
    source: Mapped[str] = mapped_column(String(24))
    reference: Mapped[str | None] = mapped_column(String(64))
    # Not unique: a reversal a supervisor refused never counts, and a later real one (an
    # NSF after all) points at the same payment; the services allow one that counts.
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    needs_approval: Mapped[bool] = mapped_column(default=False)
    entered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    reverses: Mapped[Payment | None] = relationship(remote_side="Payment.id")


class Adjustment(Keyed, Base):
    """A correction of the account with its reason: a credit (negative) or a new charge."""

    __tablename__ = "adjustments"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int]
    date: Mapped[date]
    amount: Mapped[Decimal]
    term_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id"))
    reason: Mapped[str] = mapped_column(Text)
    needs_approval: Mapped[bool] = mapped_column(default=False)
    entered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)


class Approval(Keyed, Base):
    """A supervisor's decision on a reversal or adjustment over the policy's threshold."""

    __tablename__ = "approvals"
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), index=True)
    adjustment_id: Mapped[int | None] = mapped_column(ForeignKey("adjustments.id"), index=True)
    decision: Mapped[str] = mapped_column(String(8))  # approved | refused
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class Arrangement(Keyed, Versioned, Base):
    """A payment arrangement negotiated with the payor to pay down arrears."""

    __tablename__ = "arrangements"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal]
    frequency: Mapped[str] = mapped_column(String(16), default="monthly")
    day: Mapped[int | None]
    start: Mapped[date]
    end: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="active")
    negotiated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
