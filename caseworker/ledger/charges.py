"""Charges: the dated debts made from terms, with supersedes and payees applied."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from fractions import Fraction
from typing import Final

from caseworker.ledger.dates import COMPILED, due_dates
from caseworker.ledger.document import Document, Term
from caseworker.ledger.money import div_half_up

# Charge kinds. Principal bears interest; fees and interest postings do not.
# (Final constants: compiled, they are plain numbers, not a lookup in the module's globals.)
PERIODIC: Final = 0
SINGLE: Final = 1
FEE: Final = 2
INTEREST: Final = 3
DEBIT: Final = 4
# Interest states of a principal charge.
NOT_DUE: Final = 0
IN_GRACE: Final = 1
MATURE: Final = 2
DONE: Final = 3

# Periods per year, to turn any periodic amount into a monthly one.
PER_YEAR = {"monthly": 12, "semi_monthly": 24, "weekly": 52, "biweekly": 26, "quarterly": 4,
            "annually": 1}
_KIND_WORDS = {"lump_sum": "lump sum", "special_expense": "special expense", "fee": "fee",
               "fixed_arrears": "fixed arrears"}


class Charge:
    """One dated debt and what is still unpaid on it."""

    __slots__ = ("ref", "due", "amount", "unpaid", "payee", "kind", "skey", "deadline",
                 "pending", "cum_from", "state", "desc", "listed")

    ref: str        # term id, "#", due date (the date is added when it falls due)
    due: int
    amount: int
    unpaid: int
    payee: str
    kind: int       # PERIODIC, SINGLE, FEE, INTEREST or DEBIT
    skey: int       # sort key: due date, payee rank, term order
    deadline: int   # the last day of its grace
    pending: int    # interest accrued in grace, scaled (owed if the grace ends unpaid)
    cum_from: int   # the cumulative rate when `pending` was last brought up to date
    state: int      # NOT_DUE, IN_GRACE, MATURE or DONE
    desc: str
    listed: bool    # in the engine's list of unpaid principal

    def __init__(self, ref: str, due: int, amount: int, payee: str, kind: int, skey: int,
                 desc: str) -> None:
        self.ref, self.due, self.amount, self.unpaid = ref, due, amount, amount
        self.payee, self.kind, self.skey, self.desc = payee, kind, skey, desc
        self.deadline = self.pending = self.cum_from = 0
        self.state = NOT_DUE
        self.listed = False


_new_object = object.__new__


def new_charge(ref: str, due: int, amount: int, payee: str, kind: int, skey: int,
               desc: str) -> Charge:
    """Charge(...) for the bulk of charges: interpreted CPython 3.11 calls a plain function
    much faster than a class whose __init__ is written in Python (about half the
    instructions); compiled, the constructor is the fast way (and the only safe one)."""
    if COMPILED:
        return Charge(ref, due, amount, payee, kind, skey, desc)
    ch = _new_object(Charge)
    ch.ref, ch.due, ch.amount, ch.unpaid = ref, due, amount, amount
    ch.payee, ch.kind, ch.skey, ch.desc = payee, kind, skey, desc
    ch.deadline = ch.pending = ch.cum_from = 0
    ch.state = NOT_DUE
    ch.listed = False
    return ch


def describe(term: Term) -> str:
    """The words of a term's charge line."""
    if term.kind == "periodic":
        what = f"{term.category} support" if term.category else "support"
        return f"{what} ({term.frequency.replace('_', '-')})"
    return term.category.replace("_", " ") if term.category else _KIND_WORDS[term.kind]


def cutoffs(doc: Document) -> dict[str, int]:
    """For each superseded term, the first date from which it no longer makes charges."""
    cut: dict[str, int] = {}
    for term in doc.terms:
        for other in term.supersedes:
            if other not in cut or term.start < cut[other]:
                cut[other] = term.start
    return cut


def payee_finder(doc: Document) -> Callable[[int], str]:
    """A function giving the payee of a principal charge due on a date."""
    spans = doc.assignments
    if not spans:
        return lambda day: "recipient"
    starts = [s for s, _, _ in spans]

    def payee(day: int) -> str:
        i = bisect_right(starts, day) - 1
        if i >= 0:
            _, end, to = spans[i]
            if end is None or day <= end:
                return to
        return "recipient"
    return payee


def build_charges(doc: Document, horizon: int) -> list[Charge]:
    """Every term charge due up to `horizon`, sorted by due date, payee priority, term order."""
    cut = cutoffs(doc)
    payee_of = payee_finder(doc)
    ranks: dict[str, int] = {}
    out: list[Charge] = []
    for term in doc.terms:
        if out:   # each term's charges come in order: merge them with the terms before
            out = _merge(out, _term_charges(term, doc, horizon, cut, payee_of, ranks))
        else:
            out = _term_charges(term, doc, horizon, cut, payee_of, ranks)
    return out


def _merge(a: list[Charge], b: list[Charge]) -> list[Charge]:
    """Two lists of charges sorted by sort key, as one (a merge: a sort by key costs more)."""
    if not b:
        return a
    if not a or a[-1].skey < b[0].skey:
        return a + b
    if b[-1].skey < a[0].skey:
        return b + a
    out: list[Charge] = []
    i = j = 0
    na, nb = len(a), len(b)
    while i < na and j < nb:
        if a[i].skey <= b[j].skey:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    return out + a[i:] + b[j:]


def _term_charges(term: Term, doc: Document, horizon: int, cut: dict[str, int],
                  payee_of: Callable[[int], str], ranks: dict[str, int]) -> list[Charge]:
    """The charges of one term, in date order."""
    policy = doc.policy
    out: list[Charge] = []
    desc = describe(term)
    tail = term.order
    if term.kind == "periodic":
        stop = cut.get(term.id)
        end = term.end
        if stop is not None and (end is None or stop - 1 < end):
            end = stop - 1
        dates = due_dates(term.frequency, term.start, end, horizon, term.days)
        kind = PERIODIC
    else:
        dates = [term.due] if term.due <= horizon else []
        kind = FEE if term.kind == "fee" else SINGLE
    prefix = term.id + "#"
    amount = term.amount
    # The date is added to the id when the charge falls due (see Engine.run).
    if kind == FEE or not doc.assignments:   # one payee for all: no lookup per charge
        payee = "program" if kind == FEE else "recipient"
        rank = policy.payee_rank(payee)
        return [new_charge(prefix, due, amount, payee, kind, (due * 64 + rank) * 4096 + tail,
                           desc) for due in dates]
    for due in dates:
        payee = payee_of(due)
        if payee not in ranks:
            ranks[payee] = policy.payee_rank(payee)
        rank = ranks[payee]
        out.append(new_charge(prefix, due, amount, payee, kind, (due * 64 + rank) * 4096 + tail,
                          desc))
    return out


def monthly_equivalent(doc: Document, day: int) -> int:
    """Cents of one month's periodic support in force on `day` (weekly = x 52 / 12)."""
    cut = cutoffs(doc)
    total = Fraction(0)
    for term in doc.terms:
        if term.kind != "periodic" or term.start > day:
            continue
        if term.end is not None and term.end < day:
            continue
        if term.id in cut and cut[term.id] <= day:
            continue
        total += Fraction(term.amount * PER_YEAR[term.frequency], 12)
    return div_half_up(total.numerator, total.denominator)


def support_threshold(doc: Document, as_of: int) -> int:
    """One month's periodic support at `as_of`, or the last in force before it (at least 1 cent)."""
    best = None
    cut = cutoffs(doc)
    for term in doc.terms:
        if term.kind != "periodic" or term.start > as_of:
            continue
        last = as_of if term.end is None else min(term.end, as_of)
        if term.id in cut:
            last = min(last, cut[term.id] - 1)
        if last >= term.start and (best is None or last > best):
            best = last
    if best is None:
        return 1
    return max(monthly_equivalent(doc, best), 1)
