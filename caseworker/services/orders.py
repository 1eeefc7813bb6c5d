"""Entering court orders and variations, term by term, in the shape the ledger reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from caseworker.ledger import LedgerError
from caseworker.models import CourtOrder, Person, Term
from caseworker.services.accounts import policy_file
from caseworker.services.common import case_of, day, finish, fmt, money
from caseworker.services.context import Actor
from caseworker.services.errors import ServiceError, ValidationError

KINDS = ("periodic", "lump_sum", "fixed_arrears", "special_expense", "fee")
FREQUENCIES = ("monthly", "semi_monthly", "weekly", "biweekly", "quarterly", "annually")


@dataclass
class TermInput:
    """One term as a form gives it; text fields are parsed and checked by `add_order`."""

    kind: str
    amount: str
    category: str | None = None
    frequency: str | None = None
    day: int | None = None
    days: list[int] | None = None
    start: str | date | None = None
    end: str | date | None = None
    due: str | date | None = None
    child_id: int | None = None
    child_index: int | None = None  # at intake: which of the new file's children
    supersedes: list[int] = field(default_factory=list)


def _term(session: Session, case_id: int, index: int, given: TermInput) -> Term:
    where = f"terms[{index}]"
    if given.kind not in KINDS:
        raise ValidationError(f"{where}.kind", f"choose a kind of term: {', '.join(KINDS)}")
    term = Term(kind=given.kind, category=(given.category or None),
                amount=money(f"{where}.amount", given.amount), child_id=given.child_id)
    if given.kind == "periodic":
        if given.frequency not in FREQUENCIES:
            raise ValidationError(f"{where}.frequency",
                                  f"choose a frequency: {', '.join(FREQUENCIES)}")
        term.frequency = given.frequency
        term.start = day(f"{where}.start", given.start)
        term.end = day(f"{where}.end", given.end, required=False)
        if term.end is not None and term.end < term.start:
            raise ValidationError(f"{where}.end", "the end date is before the start date")
        if given.frequency == "semi_monthly":
            days = given.days or [1, 15]
            if len(days) != 2 or not all(1 <= d <= 31 for d in days):
                raise ValidationError(f"{where}.days", "give two days of the month (1-31)")
            if days[0] == days[1]:
                raise ValidationError(f"{where}.days",
                                      "the two days of a twice-a-month term must differ")
            if min(days) > 27:
                raise ValidationError(f"{where}.days", "the first of the two days is the 27th "
                                      "at the latest (both would fall on 28 February)")
            term.days = ",".join(str(d) for d in sorted(days))
        elif given.day is not None and given.frequency in ("weekly", "biweekly"):
            raise ValidationError(f"{where}.day", f"a {given.frequency} term falls due every "
                                  "week or two from its start; it has no day of the month")
        elif given.day is not None:
            if not 1 <= int(given.day) <= 31:
                raise ValidationError(f"{where}.day", "the day of the month is 1 to 31")
            term.day = int(given.day)
    else:
        term.due = day(f"{where}.due", given.due)
    if given.child_id is not None and session.get(Person, given.child_id) is None:
        raise ValidationError(f"{where}.child", "that child is not known")
    for old_id in given.supersedes:
        old = session.get(Term, old_id)
        if old is None or old.order.case_id != case_id:
            raise ValidationError(f"{where}.supersedes", f"term {old_id} is not on this file")
        term.supersedes.append(old)
    if given.supersedes and term.start is None:
        raise ValidationError(f"{where}.supersedes", "only a periodic term with a start date "
                              "can supersede another")
    return term


def add_order(session: Session, *, actor: Actor, case_id: int, court: str,
              made_on: str | date, terms: list[TermInput], court_file: str | None = None,
              varies_id: int | None = None, today: date) -> int:
    """Enter an order (or a variation of one) with its terms; the account recalculates."""
    actor.require("edit_file")
    case = case_of(session, case_id)
    if not court.strip():
        raise ValidationError("court", "name the court that made the order")
    made = day("made_on", made_on)
    if made > today:   # its terms may start later (a variation often does); the making can't
        raise ValidationError("made_on", "an order cannot be made in the future")
    if not terms:
        raise ValidationError("terms", "an order needs at least one term")
    if varies_id is not None:
        varied = session.get(CourtOrder, varies_id)
        if varied is None or varied.case_id != case.id:
            raise ValidationError("varies", "the order varied is not on this file")
    order = CourtOrder(case_id=case.id, court=court.strip(), made_on=made,
                       court_file=(court_file or "").strip() or None, varies_id=varies_id)
    order.terms = [_term(session, case.id, i, t) for i, t in enumerate(terms)]
    session.add(order)
    session.flush()
    what = "Variation" if varies_id else "Order"
    summary = "; ".join(_describe(t) for t in order.terms)
    try:
        finish(session, actor, case, text=f"{what} of {made.isoformat()} entered "
               f"({order.court}): {summary}.", action="create", entity="order",
               entity_id=order.id, today=today)
    except LedgerError as exc:
        raise _refused(exc, order.terms) from None
    return order.id


def _refused(exc: LedgerError, terms: list[Term]) -> ServiceError:
    """The ledger refusing the recalculated account, told in the form's words: beside the
    term it names when it is one of this order's, without the ledger's internal ids."""
    problem = exc.message.split(": ", 1)[1] if exc.ident and ": " in exc.message \
        else exc.message
    for index, term in enumerate(terms):
        if exc.ident == f"T{term.id}":
            return ValidationError(f"terms[{index}].{exc.field or 'kind'}",
                                   f"the account cannot take this term: {problem}")
    return ServiceError(f"The account cannot be recalculated with this order: {problem}")


def _describe(term: Term) -> str:
    if term.kind == "periodic":
        cut = (" superseding " + ", ".join(f"term {t.id}" for t in term.supersedes)
               if term.supersedes else "")
        return (f"{fmt(term.amount)} {term.frequency.replace('_', '-')} from "
                f"{term.start.isoformat()}{cut}")
    return f"{term.kind.replace('_', ' ')} {fmt(term.amount)} due {term.due.isoformat()}"


def majority_end(birth: date, age: int) -> date:
    """The last day of support for a child: the day before the birthday of majority."""
    try:
        birthday = birth.replace(year=birth.year + age)
    except ValueError:  # born 29 February: the birthday falls on 1 March
        birthday = date(birth.year + age, 3, 1)
    return birthday - timedelta(days=1)


@dataclass(frozen=True)
class ChildView:
    """A child on a file, as an order form offers it for a child's term."""

    id: int
    name: str
    birth_date: date | None


def children(session: Session, case_id: int) -> list[ChildView]:
    """The file's children, oldest first, for the terms editor."""
    case = case_of(session, case_id)
    found = [ChildView(p.id, p.full_name, p.birth_date) for p in case.people("child")]
    return sorted(found, key=lambda c: (c.birth_date or date.max, c.id))


def age_of_majority(session: Session, case_id: int) -> int | None:
    """The age at which child support ends under the file's program (None if not set)."""
    age = policy_file(case_of(session, case_id).policy).get("age_of_majority")
    return int(age) if age is not None else None
