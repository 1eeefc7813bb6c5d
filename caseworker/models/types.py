"""Column types: money as integer cents, timestamps as UTC."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> int:
    """Whole cents of a Decimal amount; refuses fractions of a cent rather than guess."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be Decimal, not {type(amount).__name__}")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has a fraction of a cent")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


class Money(TypeDecorator[Decimal]):
    """A Decimal amount stored as integer cents, so SQLite never turns it into a float."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> int | None:
        return None if value is None else to_cents(value)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        return None if value is None else from_cents(value)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp kept in UTC; naive values are refused so local time never slips in."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must carry a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """Now, in UTC; used as a column default (a callable, never a value fixed at import)."""
    return datetime.now(UTC)


def new_uid() -> str:
    """A row id made where the row is made (a laptop offline too), for merging at check-in."""
    return str(uuid.uuid4())
