"""The payoff projection of LEDGER.md section 8: how long a regular payment takes."""

from __future__ import annotations

from datetime import date

from caseworker.ledger.charges import PERIODIC
from caseworker.ledger.dates import (
    DAY_STEPS,
    FREQUENCIES,
    LAST_HORIZON,
    add_years,
    clamped,
    due_dates,
    iso,
)
from caseworker.ledger.document import Document, Entry, parse_document
from caseworker.ledger.engine import Engine
from caseworker.ledger.errors import reject
from caseworker.ledger.money import fmt, parse_cents
from caseworker.ledger.statement import resolve_as_of

# A payment that has not paid the account off within this many years never will.
_HORIZONS = (10, 100)


def payoff(document: dict, payment: str, frequency: str = "monthly",
           day: int | None = None) -> dict:
    """Project `payment` every period from the as-of date until nothing is owing."""
    doc = parse_document(document)
    as_of = resolve_as_of(doc, None)
    amount = parse_cents(payment, "payoff", doc.case, "payment")
    if amount <= 0:
        raise reject("payoff", doc.case, "payment", "must be more than zero")
    if frequency not in FREQUENCIES:
        raise reject("payoff", doc.case, "frequency",
                     f"must be one of {', '.join(FREQUENCIES)}, not {frequency!r}")
    if day is not None and (type(day) is not int or not 1 <= day <= 31):
        raise reject("payoff", doc.case, "day", f"must be a day of the month 1-31, not {day!r}")
    now = Engine(doc, as_of, as_of, record=False).run()
    result = {"case": doc.case, "as_of": iso(as_of), "owing": fmt(now.balance),
              "payment": fmt(amount), "frequency": frequency, "day": day,
              "first_payment": None, "payments": 0, "paid_off": iso(as_of),
              "last_payment_amount": None, "interest_paid": "0.00", "message": ""}
    if now.balance <= 0:
        result["message"] = f"Nothing is owing on {iso(as_of)}: no payment is needed."
        return result
    last = date.fromordinal(LAST_HORIZON)
    for years in _HORIZONS:
        # The calendar ends in 9999: a projection stops at LAST_HORIZON and says so.
        start = date.fromordinal(as_of)
        horizon = (LAST_HORIZON if start.year + years > last.year
                   else min(add_years(as_of, years), LAST_HORIZON))
        dates = _schedule(doc, as_of, horizon, frequency, day)
        entries = tuple(Entry(f"projection#{n + 1}", d, "payment", amount, "projection")
                        for n, d in enumerate(dates))
        eng = Engine(doc, as_of, horizon, entries,
                     stop_after=frozenset(e.id for e in entries), record=False).run()
        result["first_payment"] = iso(dates[0]) if dates else None
        if eng.stopped_on is not None:
            count = sum(1 for d in dates if d <= eng.stopped_on)
            accrued = eng.accrued()
            interest = sum(c.amount for c in eng.interest if c.due > as_of) + accrued
            result.update(payments=count, paid_off=iso(eng.stopped_on),
                          last_payment_amount=fmt(amount + eng.balance + accrued),
                          interest_paid=fmt(interest))
            result["message"] = (f"{count} payments of {fmt(amount)} ({frequency}) from "
                                 f"{result['first_payment']} pay the account off on "
                                 f"{result['paid_off']}, with {fmt(interest)} interest on the way.")
            return result
        if horizon == LAST_HORIZON:
            break
    result.update(payments=None, paid_off=None, interest_paid=None)
    if horizon == LAST_HORIZON:   # (less than the full horizon: say where it stopped)
        result["message"] = (f"A payment of {fmt(amount)} ({frequency}) has not paid the "
                             f"account off by {iso(LAST_HORIZON)}, the last day the ledger "
                             "projects to.")
        return result
    result["message"] = (f"A payment of {fmt(amount)} ({frequency}) never catches up with the "
                         "interest and the current support: the balance never reaches zero.")
    return result


def _schedule(doc: Document, as_of: int, horizon: int, frequency: str,
              day: int | None) -> list[int]:
    """Projected payment dates: the first due date after the as-of date, then every period."""
    start = as_of + 1
    if day is None:
        # Without a day, pay when support falls due next (or the day after the as-of date).
        ahead = [c.due for c in Engine(doc, as_of, horizon).charges
                 if c.kind == PERIODIC and c.due > as_of]
        if ahead:
            start = ahead[0]
        day = date.fromordinal(start).day
    elif frequency in DAY_STEPS:
        first = date.fromordinal(start)
        start = clamped(first.year, first.month, day)
        if start <= as_of:
            month = first.month % 12 + 1
            start = clamped(first.year + (first.month == 12), month, day)
    if frequency in DAY_STEPS:
        return due_dates(frequency, start, None, horizon, ())
    if frequency == "semi_monthly":
        days = (day, min(day + 15, 31)) if day <= 16 else (day - 15, day)
        if days[0] > 27 or days[0] == days[1]:
            days = (1, 15)
        return due_dates(frequency, start, None, horizon, days)
    return due_dates(frequency, start, None, horizon, (day,))
