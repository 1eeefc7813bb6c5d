"""Where a statement line comes from: its term, payment or adjustment, and what paid what.

The statement (LEDGER.md §7) says which money went to which charge (`allocations`); the
database says the rest (the term and its order, who entered a payment, why an amount was
adjusted). Ids are those of the DB-made document (docs/ledger.md): `T<term id>#<due>`,
`P<payment id>`, `A<adjustment id>`, `interest#<date>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import Adjustment, Approval, Case, Payment, Term, User, term_supersedes
from caseworker.services.accounts import counted_reversals, pending_reversals, policy_file
from caseworker.services.common import fmt as money
from caseworker.services.errors import NotFound, ServiceError

_CHARGE = re.compile(r"T(\d+)#(\d{4}-\d\d-\d\d)")
_ID = re.compile(r"([PA])(\d+)")


@dataclass(frozen=True)
class Link:
    """One allocation seen from the line explained: the other side and the amount."""

    ref: str
    date: date | None
    what: str
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class Explanation:
    """A statement line explained: facts about its source and the money it is linked to."""

    ref: str
    kind: str
    title: str
    facts: tuple[tuple[str, str], ...]
    links_caption: str = ""
    links: tuple[Link, ...] = ()
    remainder: tuple[str, Decimal] | None = None
    notes: tuple[str, ...] = ()

    def text(self) -> str:
        """The explanation as plain text (for copying into a note or a letter)."""
        out = [self.title, ""]
        width = max((len(k) for k, _ in self.facts), default=0)
        out += [f"{k.ljust(width)}  {v}" for k, v in self.facts]
        if self.links_caption:
            out += ["", self.links_caption]
            out += [f"  {link.date.isoformat() if link.date else '':10}  {link.what}  "
                    f"{money(link.amount)}{'  ' + link.note if link.note else ''}"
                    for link in self.links] or ["  none"]
        if self.remainder is not None:
            out.append(f"{self.remainder[0]}: {money(self.remainder[1])}")
        if self.notes:
            out += [""] + list(self.notes)
        return "\n".join(out) + "\n"


def _words(code: str | None) -> str:
    return code.replace("_", " ") if code else ""


class _Statement:
    """The statement's lines and allocations indexed for lookups both ways."""

    def __init__(self, result: dict):
        self.as_of = date.fromisoformat(result["as_of"])
        self.lines = {line["ref"]: line for line in result["lines"]}
        self.by_charge: dict[str, list[dict]] = {}
        self.by_payment: dict[str, list[dict]] = {}
        for alloc in result["allocations"]:
            self.by_charge.setdefault(alloc["charge"], []).append(alloc)
            self.by_payment.setdefault(alloc["payment"], []).append(alloc)

    def charge_link(self, alloc: dict) -> Link:
        ref = alloc["charge"]
        due = _due(ref)
        line = self.lines.get(ref)
        what = line["description"] if line else ("interest" if ref.startswith("interest#")
                                                 else "charge")
        note = ""
        if due is not None and due > self.as_of:
            note = "paid ahead: due after the statement date, counted as credit until then"
        return Link(ref, due or (date.fromisoformat(line["date"]) if line else None), what,
                    Decimal(alloc["amount"]), note)

    def payment_link(self, alloc: dict) -> Link:
        ref = alloc["payment"]
        line = self.lines.get(ref)
        return Link(ref, date.fromisoformat(line["date"]) if line else None,
                    line["description"] if line else "payment", Decimal(alloc["amount"]))


def _due(ref: str) -> date | None:
    _, sep, tail = ref.partition("#")
    try:
        return date.fromisoformat(tail) if sep else None
    except ValueError:
        return None


def _user(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.full_name if user else "unknown"


def _term_text(term: Term) -> str:
    text = f"{_words(term.category) or 'support'} {money(term.amount)}"
    if term.kind == "periodic":
        text += f" {_words(term.frequency)} from {term.start}"
        if term.end:
            text += f" to {term.end}"
    else:
        text += f" {_words(term.kind)} due {term.due}"
    return text


def _order_text(term: Term) -> str:
    order = term.order
    text = f"{order.court}, made {order.made_on}"
    if order.court_file:
        text += f" (court file {order.court_file})"
    if order.varies_id is not None:
        text += " — a variation"
    return text


def _explain_charge(session: Session, st: _Statement, line: dict, term_id: int,
                    due: date) -> Explanation:
    term = session.get(Term, term_id)
    amount = Decimal(line["debit"])
    links = tuple(st.payment_link(a) for a in st.by_charge.get(line["ref"], ()))
    paid = sum((link.amount for link in links), Decimal("0.00"))
    facts: list[tuple[str, str]] = [("Due", due.isoformat()), ("Amount", money(amount))]
    notes: list[str] = []
    if term is None:
        notes.append(f"Term {term_id} is no longer in the database.")
        title = f"Charge {line['ref']}: {line['description']}"
    else:
        title = f"Charge of term T{term.id}: {line['description']}"
        facts += [("Term", f"T{term.id}, {_words(term.kind)}"),
                  ("Category", _words(term.category) or "—"),
                  ("Term amount", f"{money(term.amount)} {_words(term.frequency)}".strip())]
        if term.kind == "periodic":
            facts.append(("Runs", f"from {term.start}" + (f" to {term.end}" if term.end
                                                          else ", no end date")))
        if term.child is not None:
            facts.append(("Child", term.child.full_name))
        facts.append(("Order", _order_text(term)))
        newer = session.scalars(select(Term).join(
            term_supersedes, term_supersedes.c.term_id == Term.id)
            .where(term_supersedes.c.superseded_id == term.id).order_by(Term.start)).all()
        for other in newer:
            facts.append(("Superseded", f"from {other.start} by T{other.id} "
                                        f"({_term_text(other)}), order made "
                                        f"{other.order.made_on}"))
        for old in term.supersedes:
            facts.append(("Replaces", f"T{old.id} ({_term_text(old)})"))
    return Explanation(line["ref"], "charge", title, tuple(facts), "Paid by", links,
                       ("Still unpaid", amount - paid), tuple(notes))


def _payment_facts(session: Session, payment: Payment) -> list[tuple[str, str]]:
    facts = [("Received", payment.received.isoformat()), ("Amount", money(payment.amount)),
             ("Source", _words(payment.source)), ("Reference", payment.reference or "—"),
             ("Entered by", _user(session, payment.entered_by))]
    approval = session.scalars(select(Approval).where(Approval.payment_id == payment.id)
                               .order_by(Approval.id.desc())).first()
    if approval is not None:
        facts.append(("Approval", f"{approval.decision} by {_user(session, approval.decided_by)}"))
    return facts


def _explain_payment(session: Session, st: _Statement, line: dict, payment_id: int
                     ) -> Explanation:
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise NotFound(f"no payment with id {payment_id}")
    if line["kind"] == "reversal":
        original = payment.reverses
        facts = [("Reversed on", payment.received.isoformat()), ("Amount", money(payment.amount)),
                 ("Reason", payment.reason or "none given"),
                 ("Entered by", _user(session, payment.entered_by))]
        if original is not None:
            where = ", ".join(filter(None, (_words(original.source), original.reference)))
            facts.insert(1, ("Reverses", f"P{original.id}, received {original.received}, "
                                         f"{money(original.amount)} ({where})"))
        return Explanation(line["ref"], "reversal", f"Reversal of payment P{payment.reverses_id}",
                           tuple(facts), notes=(
                               "The reversed payment is left out of the recalculation: it "
                               "paid nothing, and the charges it had paid are owing again.",))
    links = tuple(st.charge_link(a) for a in st.by_payment.get(line["ref"], ()))
    used = sum((link.amount for link in links), Decimal("0.00"))
    notes: list[str] = []
    remainder: tuple[str, Decimal] | None = ("Not yet applied (credit)", payment.amount - used)
    # The same rule as everywhere: a refused reversal never counts, a pending one waits.
    reversals = select(Payment).where(Payment.reverses_id == payment.id).order_by(Payment.id)
    mine = [payment.case_id]   # the file's own reversals, not a scan of every payment
    counted = session.scalars(reversals.where(Payment.id.in_(counted_reversals(mine)))).first()
    pending = session.scalars(reversals.where(Payment.id.in_(pending_reversals(mine)))).first()
    if counted is not None:
        because = f"{counted.reason or 'no reason given'}."
        if counted.received <= st.as_of:
            notes.append(f"Reversed by P{counted.id} on {counted.received}: {because} "
                         "The payment was reversed: its allocations are undone and it "
                         "leaves no credit.")
            remainder = None
        else:
            notes.append(f"Reversed by P{counted.id} on {counted.received} (after the "
                         f"statement date): {because} It counts until then.")
    elif pending is not None:
        notes.append(f"Reversal P{pending.id} waiting for approval (dated {pending.received}): "
                     "the payment counts until a supervisor approves it.")
    return Explanation(line["ref"], "payment", f"Payment P{payment.id}: {line['description']}",
                       tuple(_payment_facts(session, payment)), "Charges it paid", links,
                       remainder, tuple(notes))


def _explain_adjustment(session: Session, st: _Statement, line: dict, adjustment_id: int
                        ) -> Explanation:
    adj = session.get(Adjustment, adjustment_id)
    if adj is None:
        raise NotFound(f"no adjustment with id {adjustment_id}")
    facts = [("Date", adj.date.isoformat()), ("Amount", money(adj.amount)),
             ("Reason", adj.reason), ("Entered by", _user(session, adj.entered_by)),
             ("Entered at", adj.entered_at.strftime("%Y-%m-%d %H:%M UTC"))]
    approval = session.scalars(select(Approval).where(Approval.adjustment_id == adj.id)
                               .order_by(Approval.id.desc())).first()
    if approval is not None:
        facts.append(("Approval", f"{approval.decision} by {_user(session, approval.decided_by)}"))
    if adj.term_id is not None:
        term = session.get(Term, adj.term_id)
        facts.append(("Term", f"T{adj.term_id}" + (f" ({_term_text(term)})" if term else "")))
    title = f"Adjustment A{adj.id}: {'credit' if adj.amount < 0 else 'debit'}"
    size = abs(adj.amount)
    if adj.amount < 0:   # a credit pays charges like a payment
        links = tuple(st.charge_link(a) for a in st.by_payment.get(line["ref"], ()))
        used = sum((link.amount for link in links), Decimal("0.00"))
        return Explanation(line["ref"], "adjustment", title, tuple(facts), "Charges it paid",
                           links, ("Not yet applied (credit)", size - used))
    links = tuple(st.payment_link(a) for a in st.by_charge.get(line["ref"], ()))
    paid = sum((link.amount for link in links), Decimal("0.00"))
    return Explanation(line["ref"], "adjustment", title, tuple(facts), "Paid by", links,
                       ("Still unpaid", size - paid))


def _rate_on(rates: list, day: date) -> str:
    rate = None
    for row in rates:
        if isinstance(row, dict) and str(row.get("from", "")) <= day.isoformat():
            rate = row.get("annual_rate")
    return "none" if rate is None else f"{(Decimal(str(rate)) * 100).normalize():f}% a year"


def _explain_interest(session: Session, case_id: int, st: _Statement, line: dict,
                      lines: list[dict]) -> Explanation:
    posted = date.fromisoformat(line["date"])
    index = lines.index(line)
    before = Decimal(lines[index - 1]["balance"]) if index else Decimal("0.00")
    previous = next((ln["date"] for ln in reversed(lines[:index]) if ln["kind"] == "interest"),
                    None)
    facts = [("Posted", posted.isoformat()), ("Amount", money(Decimal(line["debit"]))),
             ("Accrued since", f"the posting of {previous}" if previous
              else "the first charge that missed its grace"),
             ("Balance before it", money(before))]
    case = session.get(Case, case_id)
    try:
        rules = policy_file(case.policy).get("interest", {}) if case else {}
    except ServiceError:
        rules = {}
    if rules:
        facts += [("Method", _words(rules.get("method"))),
                  ("Rate then", _rate_on(rules.get("rate_table", []), posted)),
                  ("Grace", f"{rules.get('grace_days', 0)} days after each due date")]
    links = tuple(st.payment_link(a) for a in st.by_charge.get(line["ref"], ()))
    paid = sum((link.amount for link in links), Decimal("0.00"))
    return Explanation(
        line["ref"], "interest", f"Interest posted on {posted}", tuple(facts), "Paid by", links,
        ("Still unpaid", Decimal(line["debit"]) - paid),
        ("Interest is charged on principal (support, lump sums, fixed arrears, debit "
         "adjustments) left unpaid after its grace, since the previous posting; fees and "
         "interest bear none. The statement does not list the charges one posting was "
         "figured on.",))


def explain(session: Session, case_id: int, statement: dict, ref: str) -> Explanation:
    """Explain the statement line with this ref (as in the statement's `lines`)."""
    st = _Statement(statement)
    line = st.lines.get(ref)
    if line is None:
        raise NotFound(f"the statement has no line {ref!r}")
    kind = line["kind"]
    if kind == "charge" and (match := _CHARGE.fullmatch(ref)):
        return _explain_charge(session, st, line, int(match[1]), date.fromisoformat(match[2]))
    if kind == "interest":
        return _explain_interest(session, case_id, st, line, statement["lines"])
    match = _ID.fullmatch(ref)
    if match and match[1] == "P" and kind in ("payment", "reversal"):
        return _explain_payment(session, st, line, int(match[2]))
    if match and match[1] == "A" and kind == "adjustment":
        return _explain_adjustment(session, st, line, int(match[2]))
    return Explanation(ref, kind, f"{kind.capitalize()} {ref}: {line['description']}",
                       (("Date", line["date"]),
                        ("Amount", money(Decimal(line["debit"]) or Decimal(line["credit"])))),
                       notes=("This line's source is not one the database keeps.",))
