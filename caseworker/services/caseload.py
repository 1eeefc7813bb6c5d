"""Read queries behind the caseload queue: which files, in what order, and their display rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from caseworker.models import FLAGS, Case, CaseBalance, CaseParty, Person, Task
from caseworker.services.context import Actor

FILTERS = ("open", "mine", "team", "due_today", "in_default")
# The orders the queue can be sorted in; "rank" is the queue's own order (most urgent first).
SORT_KEYS = ("file_no", "payor", "recipient", "owing", "days_since_payment", "next_due",
             "status", "flags", "rank")
FLAG_BADGES = {"family_violence": "FV", "safety_risk": "SR", "bankruptcy": "BK",
               "incarcerated": "INC", "deceased": "DEC", "interjurisdictional": "IJ"}


@dataclass(frozen=True)
class QueueRow:
    """One file as the queue shows it; raw values, the view formats them."""

    case_id: int
    file_no: str
    payor: str
    recipient: str
    owing: Decimal | None
    days_since_payment: int | None
    next_due: date | None
    status: str
    flags: tuple[str, ...]
    reason: str


def _party_name(role: str) -> ColumnElement:
    """The first party of a role on the file, as "Family, Given" (a correlated subquery)."""
    return (select(Person.family_name + literal(", ") + Person.given_name)
            .join(CaseParty, CaseParty.person_id == Person.id)
            .where(CaseParty.case_id == Case.id, CaseParty.role == role)
            .order_by(CaseParty.id).limit(1)
            .correlate(Case).scalar_subquery())


def _next_due() -> ColumnElement:
    """The earliest open task on the file."""
    return (select(func.min(Task.due))
            .where(Task.case_id == Case.id, Task.done_on.is_(None))
            .correlate(Case).scalar_subquery())


def _flag_weight() -> ColumnElement:
    # Safety flags weigh most, so sorting by flags brings the dangerous files together.
    total: ColumnElement = literal(0)
    for i, flag in enumerate(FLAGS):
        total = total + case((getattr(Case, flag).is_(True), 2 ** (len(FLAGS) - i)), else_=0)
    return total


def _sort_columns(sort: str, descending: bool) -> list[ColumnElement]:
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    if sort == "days_since_payment":
        # More days since the last payment means an older date; never paid counts as the most.
        key = CaseBalance.last_payment_on
        return [key.asc().nulls_first() if descending else key.desc().nulls_last()]
    key = {
        "file_no": Case.file_no,
        "payor": _party_name("payor"),
        "recipient": _party_name("recipient"),
        "owing": CaseBalance.total_owing,
        "next_due": _next_due(),
        "status": Case.status,
        "flags": _flag_weight(),
        "rank": CaseBalance.queue_rank,
    }[sort]
    return [key.desc().nulls_last() if descending else key.asc().nulls_last()]


def _search_clause(text: str) -> ColumnElement | None:
    """Every word must match the file number or a payor's or recipient's name."""
    clauses = []
    for word in text.split():
        named = (select(CaseParty.case_id)
                 .join(Person, Person.id == CaseParty.person_id)
                 .where(CaseParty.role.in_(("payor", "recipient")),
                        or_(Person.given_name.icontains(word, autoescape=True),
                            Person.family_name.icontains(word, autoescape=True))))
        clauses.append(or_(Case.file_no.icontains(word, autoescape=True), Case.id.in_(named)))
    return and_(*clauses) if clauses else None


def _filter_clause(name: str, actor: Actor, today: date) -> ColumnElement:
    if name == "open":
        return Case.status != "closed"
    if name == "mine":
        return Case.officer_id == actor.user_id
    if name == "team":
        return Case.team == actor.team if actor.team else literal(False)
    if name == "due_today":
        return exists().where(Task.case_id == Case.id, Task.done_on.is_(None), Task.due <= today)
    if name == "in_default":
        return or_(and_(CaseBalance.arrears > Decimal("0"),
                        CaseBalance.delinquent_since.is_not(None)),
                   CaseBalance.arrangement_default.is_(True))
    raise ValueError(f"unknown filter {name!r}")


def _ids_query(actor: Actor, filters: Sequence[str], search: str, today: date) -> Select:
    query = select(Case.id).outerjoin(CaseBalance, CaseBalance.case_id == Case.id)
    clause = _search_clause(search)
    for name in filters:
        if name == "open" and clause is not None:
            continue  # a search finds the file asked for, closed or not
        query = query.where(_filter_clause(name, actor, today))
    if clause is not None:
        query = query.where(clause)
    return query


def default_filters(actor: Actor) -> tuple[str, ...]:
    """What the queue shows at start: an officer's own open files, a supervisor's team's,
    every open file for an administrator (closed files wait behind the Open button)."""
    if actor.role == "supervisor":
        return ("open", "team")
    if actor.role == "administrator":
        return ("open",)
    return ("open", "mine")


def queue_ids(session: Session, *, actor: Actor, filters: Sequence[str] = (), search: str = "",
              sort: str = "rank", descending: bool = True,
              today: date | None = None) -> list[int]:
    """The ids of the files in the queue, filtered, searched and sorted by the database."""
    actor.require("read")
    today = today or date.today()
    query = _ids_query(actor, filters, search, today).order_by(
        *_sort_columns(sort, descending), Case.file_no.asc())
    # Through the connection, not the ORM: 50,000 plain ints need no ORM row processing.
    return [case_id for (case_id,) in session.connection().execute(query)]


def queue_rows(session: Session, *, actor: Actor, ids: Sequence[int],
               today: date | None = None) -> list[QueueRow]:
    """The display rows of the given files, in the order of `ids` (missing files are left out)."""
    actor.require("read")
    if not ids:
        return []
    today = today or date.today()
    query = (select(Case.id, Case.file_no, _party_name("payor"), _party_name("recipient"),
                    CaseBalance.total_owing, CaseBalance.last_payment_on, _next_due(),
                    Case.status, CaseBalance.queue_reason,
                    *(getattr(Case, flag) for flag in FLAGS))
             .outerjoin(CaseBalance, CaseBalance.case_id == Case.id)
             .where(Case.id.in_(list(ids))))
    found = {}
    for row in session.execute(query):
        (case_id, file_no, payor, recipient, owing, last_paid, next_due, status,
         reason, *flag_values) = row
        found[case_id] = QueueRow(
            case_id=case_id, file_no=file_no, payor=payor or "", recipient=recipient or "",
            owing=owing, days_since_payment=(today - last_paid).days if last_paid else None,
            next_due=next_due, status=status, reason=reason or "",
            flags=tuple(flag for flag, on in zip(FLAGS, flag_values, strict=True) if on))
    return [found[case_id] for case_id in ids if case_id in found]


def case_id_by_file_no(session: Session, *, actor: Actor, file_no: str) -> int | None:
    """The id of the file with exactly this number (case-insensitive), or None."""
    actor.require("read")
    return session.scalars(
        select(Case.id).where(func.lower(Case.file_no) == file_no.strip().lower())).first()
