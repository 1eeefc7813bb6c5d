"""Helpers every writing service shares: parsing form input and finishing a change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from caseworker.models import Case
from caseworker.services import audit, balances
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, ValidationError
from caseworker.services.record import write_entry


def money(field: str, value: str | Decimal, *, positive: bool = True,
          allow_negative: bool = False) -> Decimal:
    """A form's amount as Decimal; names the field when it is not a sum of money."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "")
                                                                   .replace("$", "").strip())
    except InvalidOperation:
        raise ValidationError(field, f"{value!r} is not an amount of money") from None
    if not amount.is_finite():
        raise ValidationError(field, f"{value!r} is not an amount of money")
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


def fmt(amount: Decimal) -> str:
    """Money in a running-record entry, written as the screens write it: -$1,179.72."""
    return f"{'-' if amount < 0 else ''}${abs(amount):,.2f}"
