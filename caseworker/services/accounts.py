"""A file's account as a ledger document (LEDGER.md §1), read from the database.

The document is self-contained (its policy inline), so an exported file can be
recomputed anywhere with `caseworker ledger statement`. Rows that wait for a
supervisor's approval are left out until approved: they do not count yet.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caseworker.models import (
    Adjustment,
    Approval,
    Arrangement,
    Assignment,
    Case,
    CourtOrder,
    Payment,
    Term,
    term_supersedes,
)
from caseworker.paths import resource
from caseworker.services.errors import NotFound

# The keys of a policy that the ledger reads (LEDGER.md §6); the rest is for people.
LEDGER_POLICY_KEYS = ("allocation", "payee_priority", "skip_current_sources", "interest",
                      "arrangement_missed_limit")


@lru_cache(maxsize=32)
def policy_file(name: str) -> dict:
    """A program's whole policy file, read once."""
    path = resource("policies", f"{name}.toml")
    if not path.is_file():
        raise NotFound(f"no program policy named {name!r} (looked for {path})")
    with path.open("rb") as handle:
        return tomllib.load(handle)


# ...and what an exported document carries besides: the program's words, so that a text
# statement of the exported document speaks as the program does ("Case:", "payor").
EXPORTED_POLICY_KEYS = LEDGER_POLICY_KEYS + ("words",)


def inline_policy(name: str) -> dict:
    policy = policy_file(name)
    return {key: policy[key] for key in EXPORTED_POLICY_KEYS if key in policy}


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _term(row: Term, supersedes: list[int]) -> dict:
    term: dict = {"id": f"T{row.id}", "kind": row.kind, "amount": _money(row.amount)}
    if row.category:
        term["category"] = row.category
    if row.kind == "periodic":
        term["frequency"] = row.frequency
        if row.frequency == "semi_monthly" and row.days:
            term["days"] = [int(d) for d in row.days.split(",")]
        elif row.day is not None:
            term["day"] = row.day
        term["start"] = _iso(row.start)
        if row.end is not None:
            term["end"] = _iso(row.end)
    else:
        term["due"] = _iso(row.due)
    if supersedes:
        term["supersedes"] = [f"T{i}" for i in sorted(supersedes)]
    return term


def counted_reversals(case_ids: list[int] | None = None):
    """The reversal rows that count: needing no approval, or approved (never a refused or a
    pending one), as a SELECT of their ids; only those of `case_ids` when given (over a
    large caseload the whole table is a scan of every payment)."""
    approved = select(Approval.payment_id).where(Approval.decision == "approved",
                                                 Approval.payment_id.is_not(None))
    query = select(Payment.id).where(Payment.reverses_id.is_not(None),
                                     or_(Payment.needs_approval.is_(False),
                                         Payment.id.in_(approved)))
    return query if case_ids is None else query.where(Payment.case_id.in_(case_ids))


def pending_reversals(case_ids: list[int] | None = None):
    """The reversal rows still waiting for a supervisor (needing approval, not yet decided),
    as a SELECT of their ids, of `case_ids` when given. They do not count yet; a refused one
    never will."""
    decided = select(Approval.payment_id).where(Approval.payment_id.is_not(None))
    query = select(Payment.id).where(Payment.reverses_id.is_not(None),
                                     Payment.needs_approval.is_(True),
                                     Payment.id.not_in(decided))
    return query if case_ids is None else query.where(Payment.case_id.in_(case_ids))


def documents_for(session: Session, case_ids: list[int]) -> dict[int, dict]:
    """Ledger documents for many files, read with a handful of queries (for batch work)."""
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(case_ids)))}
    terms: dict[int, list[Term]] = defaultdict(list)
    for case_id, term in session.execute(
            select(CourtOrder.case_id, Term).join(Term.order)
            .where(CourtOrder.case_id.in_(case_ids)).order_by(Term.id)):
        terms[case_id].append(term)
    superseded: dict[int, list[int]] = defaultdict(list)
    term_ids = [t.id for ts in terms.values() for t in ts]
    for term_id, old_id in session.execute(
            select(term_supersedes.c.term_id, term_supersedes.c.superseded_id)
            .where(term_supersedes.c.term_id.in_(term_ids))):
        superseded[term_id].append(old_id)
    approved_payments = set(session.scalars(
        select(Approval.payment_id).where(Approval.decision == "approved",
                                          Approval.payment_id.is_not(None))))
    approved_adjustments = set(session.scalars(
        select(Approval.adjustment_id).where(Approval.decision == "approved",
                                             Approval.adjustment_id.is_not(None))))
    payments: dict[int, list[dict]] = defaultdict(list)
    # Plain columns, not ORM objects: a file can have a thousand payments and the queue
    # recalculates thousands of files.
    for pid, case_id, received, amount, source, reverses, waits in session.execute(
            select(Payment.id, Payment.case_id, Payment.received, Payment.amount,
                   Payment.source, Payment.reverses_id, Payment.needs_approval)
            .where(Payment.case_id.in_(case_ids)).order_by(Payment.case_id, Payment.seq)):
        if waits and pid not in approved_payments:
            continue
        row = {"id": f"P{pid}", "received": received.isoformat(), "amount": _money(amount),
               "source": source}
        if reverses is not None:
            row["reverses"] = f"P{reverses}"
        payments[case_id].append(row)
    adjustments: dict[int, list[dict]] = defaultdict(list)
    for a in session.scalars(select(Adjustment).where(Adjustment.case_id.in_(case_ids))
                             .order_by(Adjustment.case_id, Adjustment.seq)):
        if a.needs_approval and a.id not in approved_adjustments:
            continue
        row = {"id": f"A{a.id}", "date": _iso(a.date), "amount": _money(a.amount),
               "reason": a.reason}
        if a.term_id is not None:
            row["term"] = f"T{a.term_id}"
        adjustments[a.case_id].append(row)
    assignments: dict[int, list[dict]] = defaultdict(list)
    for a in session.scalars(select(Assignment).where(Assignment.case_id.in_(case_ids))
                             .order_by(Assignment.start)):
        row = {"start": _iso(a.start), "to": a.assignee}
        if a.end is not None:
            row["end"] = _iso(a.end)
        assignments[a.case_id].append(row)
    arrangements: dict[int, list[dict]] = defaultdict(list)
    for case_id, rows in _arrangements(session, case_ids).items():
        for a, end in rows:
            row = {"id": f"PA{a.id}", "amount": _money(a.amount), "frequency": a.frequency,
                   "start": _iso(a.start)}
            if a.day is not None:
                row["day"] = a.day
            if end is not None:
                row["end"] = _iso(end)
            arrangements[case_id].append(row)
    return {
        case_id: {
            "case": case.file_no,
            "currency": case.currency,
            "policy": inline_policy(case.policy),
            "terms": [_term(t, superseded[t.id]) for t in terms[case_id]],
            "assignments": assignments[case_id],
            "arrangements": arrangements[case_id],
            "payments": payments[case_id],
            "adjustments": adjustments[case_id],
        }
        for case_id, case in cases.items()
    }


def _arrangements(session: Session, case_ids: list[int]
                  ) -> dict[int, list[tuple[Arrangement, date | None]]]:
    """Each file's arrangements that count, by start, with the day each ends.

    A cancelled one never counts. A replaced one counts up to the day before the one that
    replaced it starts (recording a replacement stores that end; a row replaced before it
    did is cut here the same way), and not at all if it was replaced before it began.
    """
    by_case: dict[int, list[Arrangement]] = defaultdict(list)
    for a in session.scalars(select(Arrangement).where(Arrangement.case_id.in_(case_ids),
                                                       Arrangement.status != "cancelled")
                             .order_by(Arrangement.id)):
        by_case[a.case_id].append(a)
    result: dict[int, list[tuple[Arrangement, date | None]]] = {}
    for case_id, rows in by_case.items():
        kept = []
        for i, a in enumerate(rows):
            end = a.end
            if a.status == "replaced" and i + 1 < len(rows):
                cut = rows[i + 1].start - timedelta(days=1)
                end = cut if end is None else min(end, cut)
            if end is not None and end < a.start:
                continue  # replaced before it began: it never ran
            kept.append((a, end))
        result[case_id] = sorted(kept, key=lambda pair: (pair[0].start, pair[0].id))
    return result


def account_document(session: Session, case_id: int) -> dict:
    """The ledger document of one file."""
    documents = documents_for(session, [case_id])
    if case_id not in documents:
        raise NotFound(f"no file with id {case_id}")
    return documents[case_id]


def export_document(db_path: str, file_no: str) -> dict:
    """Open a database read-only and export one file's document (for the command line)."""
    from caseworker.models.db import DatabaseError, open_database
    from caseworker.services.errors import ServiceError
    from caseworker.services.record import case_id_for

    try:
        db = open_database(db_path, read_only=True)
    except DatabaseError as exc:
        raise ServiceError(str(exc)) from None
    try:
        with db.session() as session:
            return account_document(session, case_id_for(session, file_no))
    finally:
        db.dispose()
