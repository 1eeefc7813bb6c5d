"""The queue's cached figures: recompute a file's account and say why it needs the officer.

`case_balances` is a cache of what the ledger says (owing, arrears, last payment) plus the
reason a file is in the queue today and its rank; the ledger stays the truth. Services that
change a file call `refresh` in the same transaction; `refresh_all` rebuilds the whole cache.
Reasons also change with the date alone (an arrangement defaults, a task falls due, a stay
nears its end): `stale_case_ids` and `refresh_stale` recompute the files whose cache was
computed before today, and `StaleRefresh` does that in the background when a window opens.

Given the acting user, a refresh also keeps each arrangement's status with the ledger: an
arrangement in force becomes `defaulted` when the ledger says it is in default (and `active`
again if a correction undoes that), with a running-record entry for the change.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import case as when
from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from caseworker import ledger
from caseworker.models import Arrangement, Case, CaseBalance, Payment, RecordEntry, Stay, Task
from caseworker.services import audit
from caseworker.services.accounts import counted_reversals, documents_for, policy_file
from caseworker.services.context import Actor
from caseworker.services.record import write_entry

BATCH = 500
STAY_WARNING_DAYS = 14
# Reasons in the order of urgency; the rank of a file is the weight of its worst reason.
REASONS = {
    "arrangement": (90, "Arrangement defaulted"),
    "missed": (70, "Payment missed"),
    "task": (60, "Task due"),
    "stay": (50, "Stay expiring"),
    "info": (40, "New information"),
    "mail": (30, "Mail to answer"),
}
_MONTHLY = {"monthly": Decimal(1), "semi_monthly": Decimal(2), "weekly": Decimal(52) / 12,
            "biweekly": Decimal(26) / 12, "quarterly": Decimal(1) / 3,
            "annually": Decimal(1) / 12}


def monthly_support(document: dict, today: date) -> Decimal:
    """The periodic support in force today, as a monthly amount."""
    day = today.isoformat()
    cut = {old for t in document["terms"] if t.get("start", "9999") <= day
           for old in t.get("supersedes", ())}
    total = Decimal(0)
    for term in document["terms"]:
        if term["kind"] != "periodic" or term["id"] in cut:
            continue
        if term["start"] <= day and term.get("end", "9999-12-31") >= day:
            total += Decimal(term["amount"]) * _MONTHLY.get(term["frequency"], Decimal(1))
    return total.quantize(Decimal("0.01"))


def in_default(document: dict, result: dict, today: date) -> set[str]:
    """The ledger ids of the arrangements in force today that the ledger marks in default.

    One that has ended (replaced, or past its end date) is history: its default stays on
    its periods but no longer puts the file in the queue.
    """
    day = today.isoformat()
    in_force = {a["id"] for a in document.get("arrangements", ())
                if a["start"] <= day and a.get("end", "9999-12-31") >= day}
    return {item["id"] for item in result.get("arrangement", ())
            if item["in_default"] and item["id"] in in_force}


def _facts(session: Session, ids: list[int], today: date) -> dict[str, dict[int, object]]:
    """Per-file facts the reasons need, each read with one query for the whole batch."""
    # Only the batch's reversals: over the whole table this subquery was most of a large
    # caseload's refresh (4.7 of 7.6 s for 200 of 50,000 files).
    reversed_ids = select(Payment.reverses_id).where(Payment.id.in_(counted_reversals(ids)))
    last_paid = dict(session.execute(
        select(Payment.case_id, func.max(Payment.received))
        # `+ 0` keeps SQLite off the reverses_id index: "IS NULL" matches nearly every
        # payment, and reading them all that way took 2.8 s a batch on 50,000 files.
        .where(Payment.case_id.in_(ids), (Payment.reverses_id + 0).is_(None),
               Payment.id.not_in(reversed_ids))
        .group_by(Payment.case_id)).all())
    task_due = dict(session.execute(
        select(Task.case_id, func.min(Task.due))
        .where(Task.case_id.in_(ids), Task.done_on.is_(None), Task.due <= today)
        .group_by(Task.case_id)).all())
    stay_end = dict(session.execute(
        select(Stay.case_id, func.min(Stay.end))
        .where(Stay.case_id.in_(ids), Stay.end >= today,
               Stay.end <= today + timedelta(days=STAY_WARNING_DAYS))
        .group_by(Stay.case_id)).all())
    recent: dict[int, set[str]] = defaultdict(set)
    for case_id, kind in session.execute(
            select(RecordEntry.case_id, RecordEntry.kind)
            .where(RecordEntry.case_id.in_(ids), RecordEntry.kind.in_(("call_in", "letter")),
                   func.date(RecordEntry.at) >= (today - timedelta(days=3)).isoformat())):
        recent[case_id].add(kind)
    return {"last_paid": last_paid, "task_due": task_due, "stay_end": stay_end,
            "recent": recent}


def _reasons(case: Case, document: dict, result: dict, support: Decimal, facts: dict,
             today: date) -> list[str]:
    if case.status == "closed":
        return []
    found = []
    if in_default(document, result, today):
        found.append("arrangement")
    last = facts["last_paid"].get(case.id)
    missed_days = int(policy_file(case.policy).get("thresholds", {}).get(
        "missed_payment_days", 30))
    if support > 0 and Decimal(result["arrears"]) > 0 and (
            last is None or (today - last).days > missed_days):
        found.append("missed")
    if case.id in facts["task_due"]:
        found.append("task")
    if case.id in facts["stay_end"]:
        found.append("stay")
    if "call_in" in facts["recent"].get(case.id, ()):
        found.append("info")
    if "letter" in facts["recent"].get(case.id, ()):
        found.append("mail")
    return found


def refresh(session: Session, case_ids: Iterable[int], today: date,
            actor: Actor | None = None) -> None:
    """Recompute the cached figures and queue reason of these files (and, given the acting
    user, their arrangements' default status)."""
    ids = list(case_ids)
    for start in range(0, len(ids), BATCH):
        _refresh_batch(session, ids[start:start + BATCH], today, actor)


def _refresh_batch(session: Session, ids: list[int], today: date,
                   actor: Actor | None = None) -> None:
    documents = documents_for(session, ids)
    facts = _facts(session, ids, today)
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(ids)))}
    rows = []
    defaulted: dict[int, set[int]] = {}
    for case_id, document in documents.items():
        result = ledger.statement(document, as_of=today.isoformat())
        support = monthly_support(document, today)
        defaulted[case_id] = {int(pid[2:]) for pid in in_default(document, result, today)}
        found = _reasons(cases[case_id], document, result, support, facts, today)
        arrears = Decimal(result["arrears"])
        # Worst reason first; among equals, bigger arrears rank higher (capped so reasons lead).
        rank = (REASONS[found[0]][0] * 1000 if found else 0) + min(int(arrears // 100), 999)
        delinquent = result.get("delinquent_since")
        rows.append({
            "case_id": case_id, "as_of": today,
            "total_owing": Decimal(result["totals"]["total_owing"]), "arrears": arrears,
            "monthly_support": support, "last_payment_on": facts["last_paid"].get(case_id),
            "delinquent_since": date.fromisoformat(delinquent) if delinquent else None,
            "arrangement_default": "arrangement" in found,
            "queue_reason": "; ".join(REASONS[r][1] for r in found) or None,
            "queue_rank": rank,
        })
    session.execute(delete(CaseBalance).where(CaseBalance.case_id.in_(ids)))
    if rows:
        session.execute(insert(CaseBalance), rows)
    if actor is not None:
        _follow_default(session, actor, ids, defaulted, today)


def _follow_default(session: Session, actor: Actor, ids: list[int],
                    defaulted: dict[int, set[int]], today: date) -> None:
    """Arrangements in force take the ledger's verdict as their status, each change with its
    running-record entry and audit event (in the caller's transaction)."""
    # Both import common, which imports this module.
    from caseworker.services.arrangements import in_force
    from caseworker.services.common import arrangement_terms

    for plan in session.scalars(select(Arrangement).where(
            Arrangement.case_id.in_(ids), in_force(today), Arrangement.start <= today)
            .order_by(Arrangement.id)):
        status = "defaulted" if plan.id in defaulted.get(plan.case_id, ()) else "active"
        if plan.status == status:
            continue
        before, plan.status = plan.status, status
        terms = arrangement_terms(plan.amount, plan.frequency, plan.start)
        limit = policy_file(session.get(Case, plan.case_id).policy).get(
            "arrangement_missed_limit", 2)
        text = (f"Payment arrangement {terms} is in default: {limit} periods in a row fell "
                "short." if status == "defaulted" else
                f"Payment arrangement {terms} is no longer in default (the account changed).")
        write_entry(session, actor, plan.case_id, "system", text)
        audit.record(session, user_id=actor.user_id, action="update", entity="arrangement",
                     entity_id=plan.id, case_id=plan.case_id,
                     detail={"status": [before, status]})
    session.flush()


def _stale(query, today: date):
    """The query narrowed to files with no cache row or one computed before today."""
    return (query.outerjoin(CaseBalance, CaseBalance.case_id == Case.id)
            .where(or_(CaseBalance.case_id.is_(None), CaseBalance.as_of < today)))


def stale_case_ids(session: Session, *, actor: Actor, today: date) -> list[int]:
    """Files whose queue figures were computed before today (or never): open files first,
    the user's own, then the team's, then the rest."""
    actor.require("read")
    order = [Case.status == "closed",
             when((Case.officer_id == actor.user_id, 0),
                  (Case.team == actor.team if actor.team else False, 1), else_=2),
             Case.id]
    query = _stale(select(Case.id), today).order_by(*order)
    return [case_id for (case_id,) in session.connection().execute(query)]


def any_stale(session: Session, *, actor: Actor, today: date) -> bool:
    """Whether any file's queue figures were computed before today (or never): one EXISTS
    query that stops at the first such file (a window asks when the day has rolled over)."""
    actor.require("read")
    query = select(_stale(select(Case.id), today).exists())
    return bool(session.connection().execute(query).scalar())


def refresh_stale(session: Session, *, actor: Actor, today: date,
                  limit: int | None = None) -> int:
    """Recompute up to `limit` files whose cache is older than today; returns how many."""
    actor.require("read")
    ids = stale_case_ids(session, actor=actor, today=today)[:limit]
    refresh(session, ids, today, actor)
    return len(ids)


class StaleRefresh:
    """`refresh_stale` over the whole database in a background thread, in short transactions
    of `chunk` files each (a shared file is never locked for long, the window stays live).

    The thread touches no Qt object: the window polls `refreshed` and `done`.
    """

    def __init__(self, run: Callable, reader: Callable, actor: Actor, today: date,
                 chunk: int = 200):
        self._run, self._reader = run, reader
        self.actor, self.today, self.chunk = actor, today, chunk
        self.total: int | None = None
        self.refreshed = 0
        self.done = False
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name="stale-refresh", daemon=True)

    @classmethod
    def for_database(cls, db, actor: Actor, today: date, chunk: int = 200) -> StaleRefresh:
        return cls(db.run, db.reader, actor, today, chunk)

    def start(self) -> StaleRefresh:
        self._thread.start()
        return self

    def stop(self, timeout: float | None = 10.0) -> None:
        """Finish the transaction in hand and stop (the rest waits for the next opening)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _chunk(self, session: Session, part: list[int]) -> int:
        # Another window on a shared file may have done some of them meanwhile.
        done = set(session.scalars(select(CaseBalance.case_id).where(
            CaseBalance.case_id.in_(part), CaseBalance.as_of >= self.today)))
        todo = [case_id for case_id in part if case_id not in done]
        refresh(session, todo, self.today, self.actor)
        return len(todo)

    def _work(self) -> None:
        try:
            with self._reader() as session:
                ids = stale_case_ids(session, actor=self.actor, today=self.today)
            self.total = len(ids)
            for start in range(0, len(ids), self.chunk):
                if self._stop.is_set():
                    return
                part = ids[start:start + self.chunk]
                self.refreshed += self._run(lambda session, part=part: self._chunk(session, part))
        except BaseException as exc:  # noqa: BLE001 - reported to the window, never lost
            self.error = exc
        finally:
            self.done = True


def refresh_all(session: Session, today: date) -> int:
    """Rebuild the whole cache; returns how many files were recomputed."""
    ids = list(session.scalars(select(Case.id).order_by(Case.id)))
    refresh(session, ids, today)
    return len(ids)
