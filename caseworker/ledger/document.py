"""The account document: every check of LEDGER.md section 1, then plain normalized records."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from caseworker.ledger.dates import COMPILED, DAY_STEPS, FREQUENCIES, ordinal_of, parse_date
from caseworker.ledger.errors import reject
from caseworker.ledger.money import _CACHE as _AMOUNTS
from caseworker.ledger.money import parse_cents
from caseworker.ledger.policy import Policy, load_policy

_TOP_KEYS = {"case", "currency", "policy", "as_of", "terms", "assignments", "arrangements",
             "payments", "adjustments"}
_SINGLE_KINDS = ("lump_sum", "special_expense", "fee", "fixed_arrears")
_PERIODIC_KEYS = {"id", "kind", "category", "amount", "frequency", "day", "days", "start", "end",
                  "supersedes"}
_SINGLE_KEYS = {"id", "kind", "category", "amount", "due"}
_PAYMENT_KEYS = {"id", "received", "amount", "source", "reverses"}
_ADJUSTMENT_KEYS = {"id", "date", "amount", "term", "reason"}
_ARRANGEMENT_KEYS = {"id", "amount", "frequency", "day", "days", "start", "end"}
_ASSIGNMENT_KEYS = {"start", "end", "to"}
_DIGITS = re.compile(r"(\d+)")


def natural_key(ident: str) -> tuple:
    """Sort key that puts P2 before P10."""
    parts = _DIGITS.split(ident)
    # A run of digits compares as a number: by its length without leading zeros, then its
    # digits (int() would refuse a run of thousands of digits).
    return tuple((len(p.lstrip("0")), p.lstrip("0")) if i % 2 else p
                 for i, p in enumerate(parts)), ident


class Term:
    """One term of an order, normalized (dates as ordinals, amounts in cents)."""

    __slots__ = ("id", "kind", "category", "amount", "frequency", "days", "start", "end", "due",
                 "supersedes", "order")

    id: str
    kind: str
    category: str
    amount: int
    frequency: str       # periodic terms only ("" otherwise)
    days: tuple[int, ...]
    start: int           # periodic: the first day; single: its due date
    end: int | None
    due: int             # single terms: the due date; periodic: its start
    supersedes: tuple[str, ...]
    order: int           # position in natural id order

    def __init__(self, ident: str, kind: str, amount: int, start: int, end: int | None = None,
                 frequency: str = "", days: tuple[int, ...] = (),
                 supersedes: tuple[str, ...] = ()) -> None:
        self.id, self.kind, self.amount, self.start, self.end = ident, kind, amount, start, end
        self.frequency, self.days, self.supersedes = frequency, days, supersedes
        self.due = start
        self.category = ""
        self.order = 0


class Schedule:
    """A periodic schedule (an arrangement): amount, frequency, days, start, end."""

    __slots__ = ("id", "amount", "frequency", "days", "start", "end")

    id: str
    amount: int
    frequency: str
    days: tuple[int, ...]
    start: int
    end: int | None

    def __init__(self, ident: str, amount: int, frequency: str, days: tuple[int, ...],
                 start: int, end: int | None) -> None:
        self.id, self.amount, self.frequency, self.days = ident, amount, frequency, days
        self.start, self.end = start, end


class Entry:
    """A payment, reversal or adjustment, in the order the engine processes them."""

    __slots__ = ("id", "date", "etype", "amount", "source", "reverses", "term", "reason")

    id: str
    date: int
    etype: str              # payment, reversal, credit or debit
    amount: int
    source: str
    reverses: str | None    # a reversal: the payment it reverses
    term: str | None        # a credit: the term whose charges it pays
    reason: str

    def __init__(self, ident: str, day: int, etype: str, amount: int, source: str = "",
                 reverses: str | None = None, term: str | None = None, reason: str = "") -> None:
        self.id, self.date, self.etype, self.amount = ident, day, etype, amount
        self.source, self.reverses, self.term, self.reason = source, reverses, term, reason

    def __repr__(self) -> str:
        return f"Entry({self.id!r}, {self.date}, {self.etype!r}, {self.amount})"


_new_object = object.__new__


def new_payment(ident: str, day: int, etype: str, amount: int, source: str,
                reverses: str | None) -> Entry:
    """Entry(...) for the thousands of payments of a long file: interpreted, a plain function
    is about half the work of a class with __init__; compiled, the constructor is fastest."""
    if COMPILED:
        return Entry(ident, day, etype, amount, source, reverses)
    entry = _new_object(Entry)
    entry.id, entry.date, entry.etype, entry.amount = ident, day, etype, amount
    entry.source, entry.reverses, entry.term, entry.reason = source, reverses, None, ""
    return entry


class Document:
    """A validated account document."""

    __slots__ = ("case", "currency", "policy", "as_of", "terms", "assignments", "arrangements",
                 "entries", "reversed_on")

    case: str
    currency: str
    policy: Policy
    as_of: int | None
    terms: list[Term]
    assignments: list[tuple[int, int | None, str]]
    arrangements: list[Schedule]
    entries: list[Entry]
    reversed_on: dict[str, int]

    def __init__(self) -> None:
        self.case = self.currency = ""
        self.policy = Policy()
        self.as_of = None
        self.terms: list[Term] = []
        self.assignments: list[tuple[int, int | None, str]] = []
        self.arrangements: list[Schedule] = []
        self.entries: list[Entry] = []
        # payment id -> date of the payment that reverses it
        self.reversed_on: dict[str, int] = {}


def _list(raw: dict, key: str, case: str) -> list:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise reject("document", case, key, "must be a list")
    return value


def _ident(item: object, where: str, position: int, seen: set[str]) -> str:
    if not isinstance(item, dict):
        raise reject(where, f"#{position + 1}", "entry", "must be an object")
    ident = item.get("id")
    if not isinstance(ident, str) or not ident or "#" in ident:
        raise reject(where, f"#{position + 1}", "id", "must be a non-empty string without '#'")
    if ident in seen:
        raise reject(where, ident, "id", "is used twice in the document")
    seen.add(ident)
    return ident


def _keys(item: dict, allowed: set[str], where: str, ident: str) -> None:
    extra = item.keys() - allowed
    if extra:
        raise reject(where, ident, str(min(extra, key=str)), "is not a known key")


def _text(item: dict, key: str, where: str, ident: str, default: str | None = None) -> str:
    value = item.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise reject(where, ident, key, "is missing" if value is None else "must be text")
    return value


def _schedule_days(item: dict, frequency: str, start: int, where: str, ident: str
                   ) -> tuple[int, ...]:
    if frequency in DAY_STEPS:
        for key in ("day", "days"):
            if key in item:
                raise reject(where, ident, key, f"does not apply to a {frequency} schedule")
        return ()
    if frequency == "semi_monthly":
        if "day" in item:
            raise reject(where, ident, "day", "does not apply to semi_monthly (use days)")
        days = item.get("days", [1, 15])
        if (not isinstance(days, list) or len(days) != 2
                or not all(type(d) is int and 1 <= d <= 31 for d in days)
                or days[0] == days[1]):
            raise reject(where, ident, "days", "must be two different days of the month, 1-31")
        days = sorted(days)
        if days[0] > 27:  # both would land on Feb 28 in a short month
            raise reject(where, ident, "days", "must have its first day no later than the 27th")
        return tuple(days)
    if "days" in item:
        raise reject(where, ident, "days", f"does not apply to {frequency} (use day)")
    day = item.get("day", date.fromordinal(start).day)
    if type(day) is not int or not 1 <= day <= 31:
        raise reject(where, ident, "day", f"must be a day of the month 1-31, not {day!r}")
    return (day,)


def _periodic(item: dict, where: str, ident: str
              ) -> tuple[int, str, tuple[int, ...], int, int | None]:
    amount = parse_cents(item.get("amount"), where, ident)
    frequency = item.get("frequency")
    if frequency not in FREQUENCIES:
        raise reject(where, ident, "frequency", f"must be one of {', '.join(FREQUENCIES)}, "
                     f"not {frequency!r}")
    start = parse_date(item.get("start"), where, ident, "start")
    end = item.get("end")
    if end is not None:
        end = parse_date(end, where, ident, "end")
        if end < start:
            raise reject(where, ident, "end", "is before start")
    days = _schedule_days(item, frequency, start, where, ident)
    return amount, frequency, days, start, end


def _term(item: dict, ident: str) -> Term:
    kind = item.get("kind")
    if kind == "periodic":
        _keys(item, _PERIODIC_KEYS, "term", ident)
        amount, frequency, days, start, end = _periodic(item, "term", ident)
        supersedes = item.get("supersedes", [])
        if not isinstance(supersedes, list) or not all(isinstance(s, str) for s in supersedes):
            raise reject("term", ident, "supersedes", "must be a list of term ids")
        term = Term(ident, kind, amount, start, end, frequency, days, tuple(supersedes))
    elif kind in _SINGLE_KINDS:
        _keys(item, _SINGLE_KEYS, "term", ident)
        term = Term(ident, kind, parse_cents(item.get("amount"), "term", ident),
                    parse_date(item.get("due"), "term", ident, "due"))
    else:
        raise reject("term", ident, "kind", "must be one of periodic, " + ", ".join(_SINGLE_KINDS)
                     + f", not {kind!r}")
    if term.amount < 0:
        raise reject("term", ident, "amount", "must not be negative")
    category = item.get("category", "")
    if not isinstance(category, str):
        raise reject("term", ident, "category", "must be text")
    term.category = category
    return term


def parse_document(raw: object) -> Document:
    """Validate an account document; raise LedgerError on the first problem found."""
    if not isinstance(raw, dict):
        raise reject("document", "", "document", "must be a JSON object")
    case = raw.get("case")
    if not isinstance(case, str) or not case:
        raise reject("document", "", "case", "must be the file number, a non-empty string")
    _keys(raw, _TOP_KEYS, "document", case)
    doc = Document()
    doc.case = case
    currency = raw.get("currency", "")
    if not isinstance(currency, str):
        raise reject("document", case, "currency", "must be text such as \"CAD\"")
    doc.currency = currency
    doc.as_of = parse_date(raw["as_of"], "document", case, "as_of") if "as_of" in raw else None
    doc.policy = _policy(raw.get("policy", "generic"))
    seen: set[str] = set()
    for i, item in enumerate(_list(raw, "terms", case)):
        doc.terms.append(_term(item, _ident(item, "term", i, seen)))
    term_ids = {t.id for t in doc.terms}
    for term in doc.terms:
        for other in term.supersedes:
            if other not in term_ids or other == term.id:
                raise reject("term", term.id, "supersedes", f"names an unknown term {other!r}")
    doc.terms.sort(key=lambda t: natural_key(t.id))
    if len(doc.terms) > 4095:   # a charge's sort key keeps 12 bits for the term (charges.py)
        raise reject("document", case, "terms", "must be 4,095 terms at the most")
    for order, term in enumerate(doc.terms):
        term.order = order
    _assignments(doc, _list(raw, "assignments", case), case)
    for i, item in enumerate(_list(raw, "arrangements", case)):
        ident = _ident(item, "arrangement", i, seen)
        _keys(item, _ARRANGEMENT_KEYS, "arrangement", ident)
        amount, frequency, days, start, end = _periodic(item, "arrangement", ident)
        doc.arrangements.append(Schedule(ident, amount, frequency, days, start, end))
    doc.arrangements.sort(key=lambda a: natural_key(a.id))
    _payments(doc, _list(raw, "payments", case), seen)
    _adjustments(doc, _list(raw, "adjustments", case), seen, term_ids)
    return doc


def _policy(ref: object) -> Policy:
    if isinstance(ref, (str, dict)):
        return load_policy(ref)
    raise reject("document", "", "policy", "must be a policy name or an object")


def _assignments(doc: Document, items: list, case: str) -> None:
    for i, item in enumerate(items):
        label = f"#{i + 1}"
        if not isinstance(item, dict):
            raise reject("assignment", label, "entry", "must be an object")
        _keys(item, _ASSIGNMENT_KEYS, "assignment", label)
        start = parse_date(item.get("start"), "assignment", label, "start")
        end = parse_date(item["end"], "assignment", label, "end") if "end" in item else None
        if end is not None and end < start:
            raise reject("assignment", label, "end", "is before start")
        to = _text(item, "to", "assignment", label)
        if to in ("recipient", "program"):
            raise reject("assignment", label, "to", f"must name an assignee, not {to!r}")
        doc.assignments.append((start, end, to))
    doc.assignments.sort(key=lambda a: a[0])
    for (_, end, _), (start, _, _) in zip(doc.assignments, doc.assignments[1:], strict=False):
        if end is None or end >= start:
            raise reject("assignment", case, "start", "periods overlap")


def _checked_payment(item: Any, i: int, seen: set[str]) -> Entry:
    ident = _ident(item, "payment", i, seen)
    _keys(item, _PAYMENT_KEYS, "payment", ident)
    received = parse_date(item.get("received"), "payment", ident, "received")
    amount = parse_cents(item.get("amount"), "payment", ident)
    if amount <= 0:
        raise reject("payment", ident, "amount", "must be more than zero")
    source = item.get("source", "direct")
    if not isinstance(source, str):
        raise reject("payment", ident, "source", "must be text")
    reverses = item.get("reverses")
    if reverses is not None and not isinstance(reverses, str):
        raise reject("payment", ident, "reverses", "must be the id of a payment")
    return Entry(ident, received, "payment" if reverses is None else "reversal", amount,
                 source, reverses)


def _payments(doc: Document, items: list, seen: set[str]) -> None:
    reversals: list[Entry] = []
    known = _AMOUNTS
    for i, item in enumerate(items):
        # A fast path for the usual well-formed payment (a long case has thousands); anything
        # unusual goes through the checked path, which accepts the same and explains the rest.
        entry = None
        if type(item) is dict:
            ident, text, amount = item.get("id"), item.get("received"), item.get("amount")
            source, reverses = item.get("source"), item.get("reverses")
            # No other key: the three required ones are there (or the checks below fail), and
            # a source or reverses given as null is counted out here, so the checked path
            # explains it.
            keys = 3 + (source is not None) + (reverses is not None)
            if source is None:
                source = "direct"
            cents = known.get(amount, 0) if type(amount) is str else 0
            received = ordinal_of(text) if type(text) is str else 0
            if (len(item) == keys and type(ident) is str and ident and "#" not in ident
                    and ident not in seen and received and cents > 0 and type(source) is str
                    and (reverses is None or type(reverses) is str)):
                seen.add(ident)
                entry = new_payment(ident, received,
                                    "payment" if reverses is None else "reversal", cents,
                                    source, reverses)
        if entry is None:
            entry = _checked_payment(item, i, seen)
        doc.entries.append(entry)
        if entry.reverses is not None:
            reversals.append(entry)
    # Payments by id, only when there are reversals to check (most files have none).
    payments = {e.id: e for e in doc.entries} if reversals else {}
    for entry in reversals:
        target = payments.get(entry.reverses or "")
        if target is None or target.reverses is not None:
            raise reject("payment", entry.id, "reverses", f"names an unknown payment "
                         f"{entry.reverses!r}")
        if target.id in doc.reversed_on:
            raise reject("payment", entry.id, "reverses", f"payment {target.id} is already "
                         "reversed")
        if entry.amount != target.amount:
            raise reject("payment", entry.id, "amount", f"must equal the amount of {target.id}")
        if entry.date < target.date:
            raise reject("payment", entry.id, "received", f"is before {target.id} was received")
        doc.reversed_on[target.id] = entry.date


def _adjustments(doc: Document, items: list, seen: set[str], term_ids: set[str]) -> None:
    for i, item in enumerate(items):
        ident = _ident(item, "adjustment", i, seen)
        _keys(item, _ADJUSTMENT_KEYS, "adjustment", ident)
        day = parse_date(item.get("date"), "adjustment", ident, "date")
        amount = parse_cents(item.get("amount"), "adjustment", ident)
        if amount == 0:
            raise reject("adjustment", ident, "amount", "must not be zero")
        term = item.get("term")
        if term is not None and (not isinstance(term, str) or term not in term_ids):
            raise reject("adjustment", ident, "term", f"names an unknown term {term!r}")
        reason = _text(item, "reason", "adjustment", ident)
        doc.entries.append(Entry(ident, day, "credit" if amount < 0 else "debit", abs(amount),
                                 term=term, reason=reason))
