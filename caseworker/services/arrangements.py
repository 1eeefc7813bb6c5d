"""Payment arrangements: the payoff projection while negotiating, and recording the deal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from caseworker import ledger
from caseworker.models import Arrangement
from caseworker.services.accounts import account_document
from caseworker.services.common import arrangement_terms, case_of, day, finish, fmt, money
from caseworker.services.context import Actor
from caseworker.services.errors import StaleRecord, ValidationError

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


@dataclass(frozen=True)
class Current:
    """The file's active arrangement as the officer saw it (what a new one replaces)."""

    id: int
    version: int
    amount: Decimal
    frequency: str
    start: date
    end: date | None
    status: str = "active"

    def fields(self) -> dict:
        return {"amount": fmt(self.amount), "frequency": self.frequency.replace("_", "-"),
                "start": self.start.isoformat(),
                "end": self.end.isoformat() if self.end else "", "status": self.status}


def in_force(today: date):
    """The clause of the arrangements a new one replaces: active, or in default and not ended
    (an ended defaulted one, like the demo's, is history)."""
    return or_(Arrangement.status == "active",
               and_(Arrangement.status == "defaulted",
                    or_(Arrangement.end.is_(None), Arrangement.end >= today)))


def current(session: Session, case_id: int, today: date | None = None) -> Current | None:
    """The file's arrangement in force, or None; the dialog keeps it to check against on Record."""
    today = today or date.today()
    row = session.scalars(select(Arrangement).where(Arrangement.case_id == case_id,
                                                    in_force(today))
                          .order_by(Arrangement.id.desc())).first()
    if row is None:
        return None
    return Current(row.id, row.version, row.amount, row.frequency, row.start, row.end,
                   row.status)


def _describe(seen: Current | None) -> str:
    if seen is None:
        return "none"
    state = ", in default" if seen.status == "defaulted" else ""
    return arrangement_terms(seen.amount, seen.frequency, seen.start) + state


def record_arrangement(session: Session, *, actor: Actor, case_id: int, amount: str | Decimal,
                       frequency: str, pay_day: int | None, start: str | date,
                       end: str | date | None = None, replaces: Current | None,
                       today: date) -> int:
    """Record the arrangement the payor agreed to; the file's status follows it.

    `replaces` is the arrangement in force the officer saw (`current`; None: none); if
    another officer recorded one since, or it changed (went into default), StaleRecord is
    raised and nothing is written. The one
    replaced ends the day before the new one starts: its history stays, nothing after.
    """
    actor.require("edit_file")
    case = case_of(session, case_id)
    amount = money("amount", amount)
    _check(frequency, pay_day)
    begins = day("start", start)
    ends = day("end", end, required=False)
    if ends is not None and ends < begins:
        raise ValidationError("end", "the end date is before the start date")
    now = current(session, case.id, today)
    if (now is None) != (replaces is None) or (
            now is not None and (now.id, now.version) != (replaces.id, replaces.version)):
        raise StaleRecord(
            "the file's payment arrangement changed meanwhile (another officer recorded one, "
            "or it went into default) "
            f"({_describe(now)}; you saw {_describe(replaces)}); nothing was saved",
            mine=replaces.fields() if replaces else {},
            theirs=now.fields() if now else {},
            version=now.version if now else None)
    for old in session.scalars(select(Arrangement).where(Arrangement.case_id == case.id,
                                                         in_force(today))):
        old.status = "replaced"
        if old.end is None or old.end >= begins:
            old.end = begins - timedelta(days=1)
    arrangement = Arrangement(case_id=case.id, amount=amount, frequency=frequency, day=pay_day,
                              start=begins, end=ends, negotiated_by=actor.user_id)
    session.add(arrangement)
    if case.status in ("open", "enforcement"):
        case.status = "arrangement"
    session.flush()
    until = f" until {ends.isoformat()}" if ends else ""
    finish(session, actor, case, text=f"Payment arrangement recorded: "
           f"{arrangement_terms(amount, frequency, begins)}{until}.",
           action="create", entity="arrangement", entity_id=arrangement.id, today=today)
    return arrangement.id
