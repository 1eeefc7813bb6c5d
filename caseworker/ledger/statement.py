"""The statement of LEDGER.md section 7, assembled from one recalculation."""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from datetime import date
from itertools import accumulate

from caseworker.ledger.charges import FEE, PERIODIC, support_threshold
from caseworker.ledger.dates import LAST_AS_OF, due_dates, iso, month_end, parse_date
from caseworker.ledger.document import Document, parse_document
from caseworker.ledger.engine import Engine
from caseworker.ledger.errors import reject
from caseworker.ledger.money import fmt

AGING = ((30, "0-30"), (90, "31-90"), (180, "91-180"), (365, "181-365"), (730, "366-730"))
AGING_KEYS = tuple(k for _, k in AGING) + ("731+",)


def resolve_as_of(doc: Document, as_of: object) -> int:
    """The as-of ordinal: the argument, else the document's, else today.

    No later than 9998-12-31: a statement looks up to a year past its as-of date (the month
    end, the arrangement period under way) and the calendar ends on 9999-12-31.
    """
    if as_of is not None:
        day = (as_of.toordinal() if isinstance(as_of, date)
               else parse_date(as_of, "document", doc.case, "as_of"))
    elif doc.as_of is not None:
        day = doc.as_of
    else:
        day = date.today().toordinal()
    if day > LAST_AS_OF:
        raise reject("document", doc.case, "as_of",
                     f"must be no later than {iso(LAST_AS_OF)}, not {iso(day)}")
    return day


def statement(document: object, as_of: object = None) -> dict:
    """The statement of an account document as of a date (end of that day), JSON-ready."""
    # A 30-year statement makes some 10,000 dicts and objects and no reference cycle: the
    # cyclic collector would walk them (and, in a full collection, the whole program's heap)
    # several times for nothing. It is paused while the statement is built, then resumed.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        doc = parse_document(document)
        return build(doc, resolve_as_of(doc, as_of))
    finally:
        if paused:
            gc.enable()


def arrangement_periods(doc: Document, day: int) -> list[tuple]:
    """(arrangement, start, end) of every arrangement period begun by `day`."""
    periods = []
    for plan in doc.arrangements:
        last = day if plan.end is None else min(plan.end, day)
        dates = due_dates(plan.frequency, plan.start, None, last + 400, plan.days)
        for i, start in enumerate(dates):
            if start > last:
                break
            periods.append((plan, start, dates[i + 1] - 1))
    return periods


def build(doc: Document, day: int) -> dict:
    """Recalculate up to `day` and assemble every figure of the statement."""
    periods = arrangement_periods(doc, day)
    horizon = max([month_end(day)] + [p[2] for p in periods])
    eng = Engine(doc, day, horizon, threshold=support_threshold(doc, day)).run()
    totals, arrears, by_payee, aging = _owing(doc, eng, day)
    return {
        "case": doc.case,
        "as_of": iso(day),
        "totals": totals,
        "arrears": fmt(arrears),
        "by_payee": by_payee,
        "aging": aging,
        "delinquent_since": (None if eng.below_last is None or eng.below_last >= day
                             else iso(eng.below_last + 1)),
        "arrangement": _arrangements(doc, eng, day, periods),
        "lines": eng.lines,
        "allocations": _allocations(eng),
    }


def _owing(doc: Document, eng: Engine, day: int) -> tuple[dict, int, dict, dict]:
    principal = fees = interest = arrears = prepaid = 0
    payees = {"recipient": 0}
    for _, _, to in doc.assignments:
        payees[to] = 0
    payees["program"] = 0
    buckets = dict.fromkeys(AGING_KEYS, 0)
    split = bisect_right(eng.dues, day)
    for ch in eng.charges[split:]:
        prepaid += ch.amount - ch.unpaid   # support due later, paid ahead: still credit
    for ch in [c for c in eng.charges[:split] if c.unpaid] + eng.debits:
        unpaid = ch.unpaid
        if not unpaid:
            continue
        payees[ch.payee] += unpaid
        if ch.due < day:
            arrears += unpaid
        if ch.kind == FEE:
            fees += unpaid
            continue
        principal += unpaid
        late = day - ch.due
        for limit, key in AGING:
            if late <= limit:
                buckets[key] += unpaid
                break
        else:
            buckets["731+"] += unpaid
    for ch in eng.interest:
        interest += ch.unpaid
        if ch.due < day:
            arrears += ch.unpaid
    credit = eng.credit + prepaid
    totals = {
        "charged": fmt(eng.charged),
        "collected": fmt(eng.collected),
        "adjusted": fmt(eng.adjusted),
        "interest_charged": fmt(eng.interest_charged),
        "principal_owing": fmt(principal),
        "interest_owing": fmt(interest),
        "fees_owing": fmt(fees),
        "credit": fmt(credit),
        "total_owing": fmt(principal + interest + fees - credit),
    }
    return (totals, arrears, {k: fmt(v) for k, v in payees.items()},
            {k: fmt(v) for k, v in buckets.items()})


def _arrangements(doc: Document, eng: Engine, day: int, periods: list[tuple]) -> list[dict]:
    if not periods:
        return []
    support = [c for c in eng.charges if c.kind == PERIODIC]
    dues = [c.due for c in support]
    sums = [0, *accumulate(c.amount for c in support)]
    paid = [e for e in eng.entries if e.etype == "payment" and e.id not in eng.reversed
            and e.date <= day]
    paid_days = [e.date for e in paid]
    paid_sums = [0, *accumulate(e.amount for e in paid)]
    limit = doc.policy.arrangement_missed_limit
    out = []
    current, missed, default = None, 0, False
    for plan, start, end in periods:
        if plan is not current:
            current, missed, default = plan, 0, False
        expected = plan.amount + sums[bisect_right(dues, end)] - sums[bisect_left(dues, start)]
        received = (paid_sums[bisect_right(paid_days, min(end, day))]
                    - paid_sums[bisect_left(paid_days, start)])
        shortfall = max(expected - received, 0)
        if end <= day:   # only a period that has ended can be missed
            missed = missed + 1 if shortfall else 0
            default = default or missed >= limit
        out.append({"id": plan.id, "start": iso(start), "end": iso(end),
                    "expected": fmt(expected), "received": fmt(received),
                    "shortfall": fmt(shortfall), "in_default": default})
    return out


def _allocations(eng: Engine) -> list[dict]:
    amounts: dict[int, str] = {}
    out = []
    for src, ch, paid in eng.allocs:
        text = amounts.get(paid)
        if text is None:
            text = amounts[paid] = fmt(paid)
        out.append({"payment": src, "charge": ch.ref, "amount": text, "payee": ch.payee})
    return out
