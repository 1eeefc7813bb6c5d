"""Users of the program and the people on files, with what locates them over time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, Keyed, Versioned


class Role(StrEnum):
    """What a user may do; the services decide what each role allows."""

    OFFICER = "officer"
    INVESTIGATOR = "investigator"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


class User(Keyed, Versioned, Base):
    """A person who signs in: officer, investigator, supervisor or administrator."""

    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str]
    role: Mapped[str] = mapped_column(String(16))
    team: Mapped[str | None]
    active: Mapped[bool] = mapped_column(default=True)


class Person(Keyed, Versioned, Base):
    """A payor, recipient or child; one person may be on several files."""

    __tablename__ = "people"
    given_name: Mapped[str]
    family_name: Mapped[str]
    birth_date: Mapped[date | None]
    language: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str | None]

    addresses: Mapped[list[Address]] = relationship(
        back_populates="person", order_by="Address.valid_from.desc()")
    phones: Mapped[list[Phone]] = relationship(back_populates="person")
    incomes: Mapped[list[IncomeSource]] = relationship(back_populates="person")
    bank_accounts: Mapped[list[BankAccount]] = relationship(back_populates="person")
    assets: Mapped[list[Asset]] = relationship(back_populates="person")
    aliases: Mapped[list[Alias]] = relationship(back_populates="person")
    identifiers: Mapped[list[Identifier]] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def address_on(self, day: date) -> Address | None:
        """The address in force on a day (the latest one that began by then)."""
        for address in self.addresses:
            if address.valid_from <= day and (address.valid_to is None or address.valid_to >= day):
                return address
        return None


class _PersonOwned(Keyed):
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)


class Address(_PersonOwned, Versioned, Base):
    """Where a person lived or received mail, from one date to another."""

    __tablename__ = "addresses"
    kind: Mapped[str] = mapped_column(String(16), default="residential")
    line1: Mapped[str]
    line2: Mapped[str | None]
    city: Mapped[str]
    region: Mapped[str] = mapped_column(String(32))
    postal_code: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    person: Mapped[Person] = relationship(back_populates="addresses")

    def lines(self) -> list[str]:
        """The address as it is written on an envelope."""
        lines = [self.line1] + ([self.line2] if self.line2 else [])
        lines.append(f"{self.city} {self.region}  {self.postal_code}")
        return lines


class Phone(_PersonOwned, Versioned, Base):
    """A telephone number of a person."""

    __tablename__ = "phones"
    kind: Mapped[str] = mapped_column(String(16), default="mobile")
    number: Mapped[str] = mapped_column(String(32))
    person: Mapped[Person] = relationship(back_populates="phones")


class Employer(Keyed, Versioned, Base):
    """An employer or other payer of income, who can receive a deduction notice."""

    __tablename__ = "employers"
    name: Mapped[str]
    line1: Mapped[str | None]
    city: Mapped[str | None]
    region: Mapped[str | None] = mapped_column(String(32))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2))
    phone: Mapped[str | None] = mapped_column(String(32))
    payroll_contact: Mapped[str | None]

    def lines(self) -> list[str]:
        if not self.line1:
            return []
        return [self.line1, f"{self.city} {self.region}  {self.postal_code}"]


class IncomeSource(_PersonOwned, Versioned, Base):
    """Employment or another source of income (pension, benefits, self-employment)."""

    __tablename__ = "income_sources"
    kind: Mapped[str] = mapped_column(String(24), default="employment")
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"), index=True)
    monthly_gross: Mapped[Decimal | None]
    start: Mapped[date | None]
    end: Mapped[date | None]
    person: Mapped[Person] = relationship(back_populates="incomes")
    employer: Mapped[Employer | None] = relationship()


class BankAccount(_PersonOwned, Versioned, Base):
    """A bank account found for a person (for garnishment)."""

    __tablename__ = "bank_accounts"
    institution: Mapped[str]
    account_number: Mapped[str] = mapped_column(String(34))
    found_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    person: Mapped[Person] = relationship(back_populates="bank_accounts")


class Asset(_PersonOwned, Versioned, Base):
    """Property of a person: land, a vehicle, a business, an account elsewhere."""

    __tablename__ = "assets"
    kind: Mapped[str] = mapped_column(String(24))
    description: Mapped[str]
    estimated_value: Mapped[Decimal | None]
    person: Mapped[Person] = relationship(back_populates="assets")


class Alias(_PersonOwned, Base):
    """Another name a person is known by."""

    __tablename__ = "aliases"
    name: Mapped[str]
    person: Mapped[Person] = relationship(back_populates="aliases")


class Identifier(_PersonOwned, Versioned, Base):
    """A government number (SIN, SSN, driver's licence); stored whole, shown masked."""

    __tablename__ = "identifiers"
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(32))
    person: Mapped[Person] = relationship(back_populates="identifiers")

    @property
    def masked(self) -> str:
        digits = [c for c in self.value if c.isalnum()]
        return "•" * max(len(digits) - 3, 0) + "".join(digits[-3:])
