"""Money at the boundary: amount strings in, integer cents inside, amount strings out."""

from __future__ import annotations

import re
from decimal import Decimal

from caseworker.ledger.dates import TWO_DIGITS
from caseworker.ledger.errors import reject

# Two decimals at most: a third would be a fraction of a cent nobody can pay.
_AMOUNT = re.compile(r"(-?)(\d{1,13})(?:\.(\d{1,2}))?")
_CACHE: dict[str, int] = {}


def parse_cents(value: object, where: str, ident: str, field: str = "amount") -> int:
    """Signed integer cents of an amount string such as "450.00"; LedgerError otherwise."""
    if type(value) is str:
        cents = _CACHE.get(value)
        if cents is not None:
            return cents
        match = _AMOUNT.fullmatch(value)
        if match is None:
            raise reject(where, ident, field,
                         f"must be an amount such as \"450.00\", not {value!r}")
        sign, whole, frac = match.groups()
        cents = int(whole) * 100 + (int(frac.ljust(2, "0")) if frac else 0)
        if sign:
            cents = -cents
        if len(_CACHE) < 4096:  # amounts repeat a lot; keep the memo small
            _CACHE[value] = cents
        return cents
    if value is None:
        raise reject(where, ident, field, "is missing")
    if isinstance(value, (int, Decimal)) or type(value).__name__ == "float":
        raise reject(where, ident, field,
                     f"must be a string such as \"450.00\", not the number {value!r}")
    raise reject(where, ident, field, f"must be an amount such as \"450.00\", not {value!r}")


def fmt(cents: int) -> str:
    """Cents as an amount string: 45000 -> "450.00", -5 -> "-0.05"."""
    if cents >= 0:
        return str(cents // 100) + "." + TWO_DIGITS[cents % 100]
    return "-" + fmt(-cents)


def to_decimal(cents: int) -> Decimal:
    """Cents as a Decimal with two places."""
    return Decimal(cents).scaleb(-2)


def div_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up (away from zero on a half), exactly."""
    if numerator < 0:
        return -div_half_up(-numerator, denominator)
    return (2 * numerator + denominator) // (2 * denominator)
