"""Files (cases), the people on them, court orders, terms and assignment periods."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, Keyed, Versioned
from caseworker.models.people import Person, User
from caseworker.models.types import utcnow

FLAGS = ("family_violence", "safety_risk", "bankruptcy", "incarcerated", "deceased",
         "interjurisdictional")
STATUSES = ("open", "enforcement", "arrangement", "suspended", "closed")
PARTY_ROLES = ("payor", "recipient", "child")


class Case(Keyed, Versioned, Base):
    """One enforcement file, from registration to closure."""

    __tablename__ = "cases"
    file_no: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    team: Mapped[str | None] = mapped_column(String(32), index=True)
    policy: Mapped[str] = mapped_column(String(32))
    currency: Mapped[str] = mapped_column(String(3), default="CAD")
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    family_violence: Mapped[bool] = mapped_column(default=False)
    safety_risk: Mapped[bool] = mapped_column(default=False)
    bankruptcy: Mapped[bool] = mapped_column(default=False)
    incarcerated: Mapped[bool] = mapped_column(default=False)
    deceased: Mapped[bool] = mapped_column(default=False)
    interjurisdictional: Mapped[bool] = mapped_column(default=False)

    officer: Mapped[User | None] = relationship()
    parties: Mapped[list[CaseParty]] = relationship(back_populates="case", order_by="CaseParty.id")
    orders: Mapped[list[CourtOrder]] = relationship(
        back_populates="case", order_by="CourtOrder.made_on")
    assignments: Mapped[list[Assignment]] = relationship(order_by="Assignment.start")

    @property
    def flags(self) -> list[str]:
        return [flag for flag in FLAGS if getattr(self, flag)]

    def people(self, role: str) -> list[Person]:
        return [party.person for party in self.parties if party.role == role]


class CaseParty(Keyed, Base):
    """The role a person plays on a file: payor, recipient or child."""

    __tablename__ = "case_parties"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    case: Mapped[Case] = relationship(back_populates="parties")
    person: Mapped[Person] = relationship()


class CourtOrder(Keyed, Versioned, Base):
    """A court order or registered agreement; a variation points at the order it varies."""

    __tablename__ = "orders"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    court: Mapped[str]
    court_file: Mapped[str | None] = mapped_column(String(32))
    made_on: Mapped[date]
    varies_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    case: Mapped[Case] = relationship(back_populates="orders")
    terms: Mapped[list[Term]] = relationship(back_populates="order", order_by="Term.id")


term_supersedes = Table(
    "term_supersedes", Base.metadata,
    Column("term_id", ForeignKey("terms.id", ondelete="CASCADE"), primary_key=True),
    Column("superseded_id", ForeignKey("terms.id"), primary_key=True),
)


class Term(Keyed, Versioned, Base):
    """One obligation of an order, in the shape of a LEDGER.md term."""

    __tablename__ = "terms"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # periodic, lump_sum, fixed_arrears, ...
    category: Mapped[str | None] = mapped_column(String(24))
    amount: Mapped[Decimal]
    frequency: Mapped[str | None] = mapped_column(String(16))
    day: Mapped[int | None]
    days: Mapped[str | None] = mapped_column(String(16))  # semi-monthly days, "1,15"
    start: Mapped[date | None]
    end: Mapped[date | None]
    due: Mapped[date | None]
    child_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    order: Mapped[CourtOrder] = relationship(back_populates="terms")
    child: Mapped[Person | None] = relationship()
    supersedes: Mapped[list[Term]] = relationship(
        secondary=term_supersedes,
        primaryjoin=lambda: Term.id == term_supersedes.c.term_id,
        secondaryjoin=lambda: Term.id == term_supersedes.c.superseded_id)


class Assignment(Keyed, Versioned, Base):
    """A period in which support is owed to the Crown or the state instead of the recipient."""

    __tablename__ = "assignments"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    start: Mapped[date]
    end: Mapped[date | None]
    assignee: Mapped[str] = mapped_column(String(24))


class CaseBalance(Base):
    """The figures the queue sorts on, kept from the last recalculation (a cache, not a record).

    The ledger is the truth; this row only saves recomputing every file to draw the queue.
    """

    __tablename__ = "case_balances"
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    as_of: Mapped[date]
    total_owing: Mapped[Decimal]
    arrears: Mapped[Decimal]
    monthly_support: Mapped[Decimal]
    last_payment_on: Mapped[date | None]
    delinquent_since: Mapped[date | None]
    arrangement_default: Mapped[bool] = mapped_column(default=False)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    queue_reason: Mapped[str | None] = mapped_column(Text)
    queue_rank: Mapped[int] = mapped_column(default=0, index=True)
