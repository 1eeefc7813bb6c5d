"""Posting payments, reversing them, adjusting the account, and approving what needs it.

A reversal or adjustment above the policy's `approval_amount` is written at once
but does not count (the ledger document leaves it out) until a supervisor other
than the person who entered it approves it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, aliased

from caseworker.models import Adjustment, Approval, Case, Payment, Term, User
from caseworker.services.accounts import counted_reversals, pending_reversals, policy_file
from caseworker.services.common import case_of, day, finish, fmt, money
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, PermissionDenied, ValidationError

SOURCES = ("direct", "wage", "federal", "tax_refund", "bank", "cash", "other")


def approval_threshold(case: Case) -> Decimal:
    value = policy_file(case.policy).get("thresholds", {}).get("approval_amount", "500.00")
    return Decimal(value)


def _next_seq(session: Session, model, case_id: int) -> int:
    last = session.scalar(select(func.max(model.seq)).where(model.case_id == case_id))
    return (last or 0) + 1


def post_payment(session: Session, *, actor: Actor, case_id: int, received: str | date,
                 amount: str | Decimal, source: str, reference: str | None = None,
                 today: date) -> int:
    """Record money received for a file."""
    actor.require("post_money")
    case = case_of(session, case_id)
    received = day("received", received)
    if received > today:
        raise ValidationError("received", "a payment cannot be received in the future")
    amount = money("amount", amount)
    if source not in SOURCES:
        raise ValidationError("source", f"choose a source: {', '.join(SOURCES)}")
    payment = Payment(case_id=case.id, seq=_next_seq(session, Payment, case.id),
                      received=received, amount=amount, source=source,
                      reference=(reference or "").strip() or None, entered_by=actor.user_id)
    session.add(payment)
    session.flush()
    ref = f", ref. {payment.reference}" if payment.reference else ""
    finish(session, actor, case, text=f"Payment posted: {fmt(amount)} received "
           f"{received.isoformat()} ({source}{ref}).", action="post", entity="payment",
           entity_id=payment.id, today=today)
    return payment.id


def reverse_payment(session: Session, *, actor: Actor, payment_id: int, reason: str,
                    on: str | date, today: date) -> int:
    """Reverse a payment (NSF, stopped, recalled); the reason is required."""
    actor.require("post_money")
    original = session.get(Payment, payment_id)
    if original is None:
        raise NotFound(f"no payment with id {payment_id}")
    if original.reverses_id is not None:
        raise ValidationError("payment", "a reversal cannot itself be reversed")
    # A refused reversal never counts, so it does not stop a real one later (an NSF after all).
    earlier = select(Payment.id).where(Payment.reverses_id == payment_id)
    mine = [original.case_id]   # the file's own reversals, not a scan of every payment
    if session.scalar(earlier.where(Payment.id.in_(counted_reversals(mine)))):
        raise ValidationError("payment", "this payment is already reversed")
    if session.scalar(earlier.where(Payment.id.in_(pending_reversals(mine)))):
        raise ValidationError("payment", "a reversal of this payment already waits for a "
                              "supervisor's approval")
    if not reason.strip():
        raise ValidationError("reason", "give the reason for the reversal (e.g. NSF)")
    on = day("on", on)
    if on < original.received:
        raise ValidationError("on", "a reversal cannot come before the payment it reverses")
    if on > today:
        raise ValidationError("on", "a reversal cannot be dated in the future")
    case = case_of(session, original.case_id)
    needs = original.amount > approval_threshold(case)
    reversal = Payment(case_id=case.id, seq=_next_seq(session, Payment, case.id), received=on,
                       amount=original.amount, source=original.source,
                       reference=original.reference, reverses_id=original.id,
                       reason=reason.strip(), needs_approval=needs, entered_by=actor.user_id)
    session.add(reversal)
    session.flush()
    wait = " Waits for a supervisor's approval." if needs else ""
    finish(session, actor, case, text=f"Payment of {fmt(original.amount)} received "
           f"{original.received.isoformat()} reversed on {on.isoformat()}: {reason.strip()}.{wait}",
           action="reverse", entity="payment", entity_id=reversal.id, today=today)
    return reversal.id


def make_adjustment(session: Session, *, actor: Actor, case_id: int, on: str | date,
                    amount: str | Decimal, reason: str, term_id: int | None = None,
                    today: date) -> int:
    """Correct the account: a negative amount credits it, a positive one charges it."""
    actor.require("post_money")
    case = case_of(session, case_id)
    on = day("date", on)
    if on > today:
        raise ValidationError("date", "an adjustment cannot be dated in the future")
    amount = money("amount", amount, allow_negative=True)
    if not reason.strip():
        raise ValidationError("reason", "every adjustment needs its reason")
    if term_id is not None:
        term = session.get(Term, term_id)
        if term is None or term.order.case_id != case.id:
            raise ValidationError("term", "that term is not on this file")
    needs = abs(amount) > approval_threshold(case)
    adjustment = Adjustment(case_id=case.id, seq=_next_seq(session, Adjustment, case.id),
                            date=on, amount=amount, term_id=term_id, reason=reason.strip(),
                            needs_approval=needs, entered_by=actor.user_id)
    session.add(adjustment)
    session.flush()
    kind = "credit" if amount < 0 else "charge"
    wait = " Waits for a supervisor's approval." if needs else ""
    finish(session, actor, case, text=f"Adjustment ({kind}) of {fmt(abs(amount))} dated "
           f"{on.isoformat()}: {reason.strip()}.{wait}", action="adjust", entity="adjustment",
           entity_id=adjustment.id, today=today)
    return adjustment.id


@dataclass(frozen=True)
class Pending:
    """A reversal or adjustment waiting for a supervisor."""

    kind: str          # "reversal" | "adjustment"
    id: int
    case_id: int
    file_no: str
    amount: Decimal
    reason: str
    entered_by: int
    entered_by_name: str = ""
    on: date | None = None                 # the reversal's or the adjustment's date
    reference: str | None = None           # the reversed payment's reference
    payment_received: date | None = None   # the day the reversed payment was received


def _team_clause(actor: Actor):
    """The files a user's approvals list covers: their team's (files with no team for a user
    with none); an administrator's covers every file."""
    if actor.role == "administrator":
        return true()
    return Case.team == actor.team if actor.team else Case.team.is_(None)


def pending_approvals(session: Session, *, actor: Actor) -> list[Pending]:
    """The reversals and adjustments of the user's team still waiting for a supervisor, with
    their dates, the payment's reference and who entered them; oldest first."""
    actor.require("read")
    decided_p = select(Approval.payment_id).where(Approval.payment_id.is_not(None))
    decided_a = select(Approval.adjustment_id).where(Approval.adjustment_id.is_not(None))
    team = _team_clause(actor)
    original = aliased(Payment)
    rows = [Pending("reversal", p.id, p.case_id, f, p.amount, p.reason or "", p.entered_by,
                    on=p.received, reference=p.reference, payment_received=received)
            for p, f, received in session.execute(
                select(Payment, Case.file_no, original.received)
                .join(Case, Case.id == Payment.case_id)
                .outerjoin(original, original.id == Payment.reverses_id)
                .where(Payment.needs_approval, Payment.id.not_in(decided_p), team))]
    rows += [Pending("adjustment", a.id, a.case_id, f, a.amount, a.reason, a.entered_by,
                     on=a.date)
             for a, f in session.execute(
                 select(Adjustment, Case.file_no).join(Case, Case.id == Adjustment.case_id)
                 .where(Adjustment.needs_approval, Adjustment.id.not_in(decided_a), team))]
    names = dict(session.execute(select(User.id, User.full_name)).all())
    rows.sort(key=lambda r: (r.on or date.min, r.file_no, r.kind, r.id))
    return [replace(row, entered_by_name=names.get(row.entered_by, "")) for row in rows]


def decide(session: Session, *, actor: Actor, kind: str, row_id: int, approve: bool,
           note: str = "", today: date) -> int:
    """A supervisor approves or refuses a waiting reversal or adjustment (never their own)."""
    actor.require("approve")
    model = Payment if kind == "reversal" else Adjustment
    row = session.get(model, row_id)
    if row is None or not row.needs_approval:
        raise NotFound(f"no {kind} waiting for approval with id {row_id}")
    if row.entered_by == actor.user_id:
        raise PermissionDenied("nobody approves their own reversal or adjustment")
    column = Approval.payment_id if model is Payment else Approval.adjustment_id
    if session.scalar(select(Approval.id).where(column == row_id)):
        raise ValidationError("decision", f"this {kind} has already been decided")
    approval = Approval(decision="approved" if approve else "refused", decided_by=actor.user_id,
                        note=note.strip() or None,
                        **({"payment_id": row_id} if model is Payment
                           else {"adjustment_id": row_id}))
    session.add(approval)
    session.flush()
    verdict = "approved" if approve else "refused"
    finish(session, actor, case_of(session, row.case_id),
           text=f"The {kind} of {fmt(abs(row.amount))} was {verdict} by {actor.full_name}."
           + (f" {note.strip()}" if note.strip() else ""), action=verdict, entity=kind,
           entity_id=row_id, today=today)
    return approval.id
