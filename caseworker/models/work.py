"""The officer's work on a file: enforcement, stays, tasks, referrals, running record,
notices, and the audit trail."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, Keyed, Versioned
from caseworker.models.people import User
from caseworker.models.types import utcnow

RECORD_KINDS = ("call_in", "call_out", "letter", "note", "visit", "system")


class EnforcementAction(Keyed, Versioned, Base):
    """A step taken to collect: deduction notice, licence suspension, credit report, lien..."""

    __tablename__ = "enforcement_actions"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="active")
    started: Mapped[date]
    ended: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)


class Stay(Keyed, Versioned, Base):
    """A stay that stops some or all enforcement on a file for a time."""

    __tablename__ = "stays"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(32), default="all")  # "all" or an action kind
    reason: Mapped[str] = mapped_column(Text)
    start: Mapped[date]
    end: Mapped[date | None]


class Task(Keyed, Versioned, Base):
    """A bring-forward: something to do on a file by a date."""

    __tablename__ = "tasks"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(24), default="review")
    description: Mapped[str] = mapped_column(Text)
    done_on: Mapped[date | None]


class Referral(Keyed, Versioned, Base):
    """A file sent to another office: legal, locate, another jurisdiction."""

    __tablename__ = "referrals"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    to: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    made_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="open")


class RecordEntry(Keyed, Base):
    """One entry of a file's running record; append-only, a correction is a new entry."""

    __tablename__ = "record_entries"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("record_entries.id"))
    author: Mapped[User] = relationship()


class Notice(Keyed, Base):
    """A notice issued from a file, with the PDF exactly as sent and a hash of its bytes."""

    __tablename__ = "notices"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    addressee_role: Mapped[str] = mapped_column(String(16))
    addressee_name: Mapped[str]
    as_of: Mapped[date]
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))


class AuditEvent(Keyed, Base):
    """Who read or changed what, when; append-only and hash-chained."""

    __tablename__ = "audit_events"
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    detail: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Facts about the database file itself: that it is Caseworker's, shared or personal."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
