"""Payment arrangements: the payoff projection while negotiating, and recording the deal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from caseworker import ledger
from caseworker.models import Arrangement
from caseworker.services.accounts import account_document
from caseworker.services.common import case_of, day, finish, fmt, money
from caseworker.services.context import Actor
from caseworker.services.errors import ValidationError

FREQUENCIES = ("weekly", "biweekly", "semi_monthly", "monthly")


def _check(frequency: str, pay_day: int | None) -> None:
    if frequency not in FREQUENCIES:
        raise ValidationError("frequency", f"choose a frequency: {', '.join(FREQUENCIES)}")
    if pay_day is not None and not 1 <= pay_day <= 31:
        raise ValidationError("day", "the day of the month is 1 to 31")


def project(session: Session, *, case_id: int, amount: str | Decimal, frequency: str,
            pay_day: int | None, today: date) -> dict:
    """What a proposed payment would do: number of payments, payoff date, interest."""
    amount = money("amount", amount)
    _check(frequency, pay_day)
    document = account_document(session, case_id)
    document["as_of"] = today.isoformat()
    return ledger.payoff(document, f"{amount:.2f}", frequency=frequency, day=pay_day)


def record_arrangement(session: Session, *, actor: Actor, case_id: int, amount: str | Decimal,
                       frequency: str, pay_day: int | None, start: str | date,
                       end: str | date | None = None, today: date) -> int:
    """Record the arrangement the payor agreed to; the file's status follows it."""
    actor.require("edit_file")
    case = case_of(session, case_id)
    amount = money("amount", amount)
    _check(frequency, pay_day)
    begins = day("start", start)
    ends = day("end", end, required=False)
    if ends is not None and ends < begins:
        raise ValidationError("end", "the end date is before the start date")
    for old in session.query(Arrangement).filter_by(case_id=case.id, status="active"):
        old.status = "replaced"
    arrangement = Arrangement(case_id=case.id, amount=amount, frequency=frequency, day=pay_day,
                              start=begins, end=ends, negotiated_by=actor.user_id)
    session.add(arrangement)
    if case.status in ("open", "enforcement"):
        case.status = "arrangement"
    session.flush()
    until = f" until {ends.isoformat()}" if ends else ""
    finish(session, actor, case, text=f"Payment arrangement recorded: {fmt(amount)} "
           f"{frequency.replace('_', '-')} from {begins.isoformat()}{until}.",
           action="create", entity="arrangement", entity_id=arrangement.id, today=today)
    return arrangement.id
