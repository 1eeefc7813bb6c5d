"""Helpers every writing service shares: parsing form input and finishing a change."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from caseworker.models import Case
from caseworker.services import audit, balances
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, ValidationError
from caseworker.services.record import write_entry

# The largest amount a form may give: far above any support order, far inside what the
# Money column's integer cents (a 64-bit integer) and the ledger's sums can hold.
MAX_AMOUNT = Decimal("99999999.99")

# A plain amount: an optional sign and $ (either order), digits either bare or grouped in
# threes by commas, and an optional point with the cents. ASCII digits only.
_AMOUNT = re.compile(r"(?P<sign>[-+]?)\s*\$?\s*(?P<sign2>[-+]?)\s*"
                     r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)"
                     r"(?:\.(?P<cents>[0-9]*))?")
_COMMA_CENTS = re.compile(r"[-+]?\s*\$?\s*[-+]?\s*[0-9]+,[0-9]{1,2}")


def _parse_amount(field: str, value: str) -> Decimal:
    text = value.strip()
    match = _AMOUNT.fullmatch(text)
    if match is None or (match["sign"] and match["sign2"]) or not (
            match["whole"] or match["cents"]):
        if _COMMA_CENTS.fullmatch(text):
            raise ValidationError(field, f"{value!r}: use a point for cents (1.50), "
                                         "commas only between thousands (1,234.50)")
        if "," in text and _AMOUNT.fullmatch(text.replace(",", "")):
            raise ValidationError(field, f"{value!r}: commas go only between groups of "
                                         "three digits (1,234,567.89)")
        raise ValidationError(field, f"{value!r} is not an amount of money")
    if len(match["cents"] or "") > 2:
        raise ValidationError(field, "an amount has at most two decimals (whole cents)")
    sign = match["sign"] or match["sign2"]
    digits = (match["whole"] or "0").replace(",", "") + "." + (match["cents"] or "0")
    return Decimal(digits).copy_negate() if sign == "-" else Decimal(digits)


def money(field: str, value: str | Decimal, *, positive: bool = True,
          allow_negative: bool = False) -> Decimal:
    """A form's amount as Decimal; names the field when it is not a plain sum of money.

    Text may be `1234.5`, `1,234.50`, `$1,234.50` or (where allowed) `-12.00`; an exponent,
    a comma for cents (`1,50`) or a misplaced comma is refused, not guessed at."""
    if isinstance(value, Decimal):
        amount = value
        if not amount.is_finite():
            raise ValidationError(field, f"{value!r} is not an amount of money")
    else:
        amount = _parse_amount(field, str(value))
    if amount.copy_abs() > MAX_AMOUNT:   # before quantizing: a huge one would overflow it
        raise ValidationError(field, f"the amount is too large (at most ${MAX_AMOUNT:,})")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(field, "an amount has at most two decimals (whole cents)")
    if amount < 0 and not allow_negative:
        raise ValidationError(field, "the amount cannot be negative")
    if positive and amount == 0:
        raise ValidationError(field, "the amount must be more than zero")
    return amount.quantize(Decimal("0.01"))


def day(field: str, value: str | date | None, *, required: bool = True) -> date | None:
    """A form's date; accepts ISO text."""
    if value is None or value == "":
        if required:
            raise ValidationError(field, "a date is required")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def country_code(field: str, value: str) -> str:
    """A country as its two-letter code (CA, US), upper-cased; the same check everywhere an
    address is entered (intake, Edit Party)."""
    text = (value or "").strip()
    if len(text) != 2 or not (text.isascii() and text.isalpha()):
        raise ValidationError(field, "the country is a two-letter code (CA, US)")
    return text.upper()


def case_of(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"no file with id {case_id}")
    return case


def finish(session: Session, actor: Actor, case: Case, *, text: str, action: str,
           entity: str, entity_id: int | None, today: date, detail: dict | None = None) -> None:
    """The end of every change to a file: its running-record entry, its audit event and
    the queue's figures, all in the caller's transaction."""
    write_entry(session, actor, case.id, "system", text)
    audit.record(session, user_id=actor.user_id, action=action, entity=entity,
                 entity_id=entity_id, case_id=case.id, detail=detail)
    session.flush()
    balances.refresh(session, [case.id], today, actor)


def arrangement_terms(amount: Decimal, frequency: str, start: date) -> str:
    """An arrangement as running-record entries name it: `$130.00 semi-monthly from D`."""
    return f"{fmt(amount)} {frequency.replace('_', '-')} from {start.isoformat()}"


def fmt(amount: Decimal) -> str:
    """Money in a running-record entry, written as the screens write it: -$1,179.72."""
    return f"{'-' if amount < 0 else ''}${abs(amount):,.2f}"
