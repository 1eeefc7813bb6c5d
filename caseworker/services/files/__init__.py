"""Read views of one open file for its detail tabs; they return the rows of `rows.py`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker import ledger
from caseworker.ledger import LedgerError
from caseworker.models import (
    Adjustment,
    Approval,
    Case,
    CaseBalance,
    EnforcementAction,
    Notice,
    Payment,
    Person,
    Stay,
    Task,
    User,
)
from caseworker.services import audit
from caseworker.services.accounts import account_document, policy_file
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, ServiceError
from caseworker.services.files.rows import (
    Account,
    ActionRow,
    AddressRow,
    AdjustmentRow,
    ArrangementPeriod,
    AssetRow,
    BankRow,
    FileDetail,
    IncomeRow,
    NoticeRow,
    OrderRow,
    Party,
    PaymentRow,
    Statement,
    StatementLine,
    StayRow,
    Summary,
    TaskRow,
    TermRow,
)

__all__ = [
    "Account", "ActionRow", "AddressRow", "AdjustmentRow", "ArrangementPeriod", "AssetRow",
    "BankRow", "FileDetail", "IncomeRow", "NoticeRow", "OrderRow", "Party", "PaymentRow",
    "Statement", "StatementLine", "StayRow", "Summary", "TaskRow", "TermRow", "account",
    "audit_protected_reads", "enforcement", "load_file", "notices", "orders", "parties", "summary",
    "tasks",
]


# Who a family-violence flag protects: the recipient and the children living with them.
PROTECTED_ROLES = ("recipient", "child")
ROLE_ORDER = {"payor": 0, "recipient": 1, "child": 2}


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"no file with id {case_id}")
    return case


def _mask(number: str) -> str:
    """An account number shown by its last four characters only."""
    kept = [c for c in number if c.isalnum()]
    return "•" * max(len(kept) - 4, 0) + "".join(kept[-4:])


def policy_name(code: str) -> str:
    """The program's name from its policy file, or the code when the file is missing."""
    try:
        return str(policy_file(code).get("name", code))
    except ServiceError:
        return code


def _stay_row(stay: Stay, today: date) -> StayRow:
    active = stay.start <= today and (stay.end is None or stay.end >= today)
    return StayRow(stay.id, stay.scope, stay.reason, stay.start, stay.end, active)


def _action_row(action: EnforcementAction) -> ActionRow:
    return ActionRow(action.id, action.kind, action.status, action.started, action.ended,
                     action.note)


def tasks(session: Session, case_id: int) -> tuple[TaskRow, ...]:
    """The file's tasks: open ones by due date, then done ones, latest done first."""
    rows = session.execute(
        select(Task.id, Task.due, Task.kind, Task.description, User.full_name, Task.done_on)
        .outerjoin(User, User.id == Task.assigned_to).where(Task.case_id == case_id)
        .order_by(Task.done_on.is_not(None), Task.done_on.desc(), Task.due, Task.id))
    return tuple(TaskRow(*row) for row in rows)


def enforcement(session: Session, case_id: int, *, today: date | None = None
                ) -> tuple[tuple[ActionRow, ...], tuple[StayRow, ...]]:
    """The file's enforcement actions (newest first) and stays (newest first)."""
    today = today or date.today()
    actions = session.scalars(select(EnforcementAction)
                              .where(EnforcementAction.case_id == case_id)
                              .order_by(EnforcementAction.started.desc(), EnforcementAction.id))
    stays = session.scalars(select(Stay).where(Stay.case_id == case_id)
                            .order_by(Stay.start.desc(), Stay.id))
    return (tuple(_action_row(a) for a in actions), tuple(_stay_row(s, today) for s in stays))


def summary(session: Session, case_id: int, *, today: date | None = None) -> Summary:
    """The file at a glance, with the figures cached from the last recalculation."""
    today = today or date.today()
    return _summary(session, _case(session, case_id), tasks(session, case_id),
                    *enforcement(session, case_id, today=today))


def _summary(session: Session, case: Case, task_rows: tuple[TaskRow, ...],
             actions: tuple[ActionRow, ...], stays: tuple[StayRow, ...]) -> Summary:
    balance = session.get(CaseBalance, case.id)
    open_tasks = [t for t in task_rows if t.done_on is None]

    def names(role: str) -> tuple[str, ...]:
        return tuple(p.full_name for p in case.people(role))

    return Summary(
        case_id=case.id, file_no=case.file_no, status=case.status,
        officer=case.officer.full_name if case.officer else None, team=case.team,
        policy=policy_name(case.policy), flags=tuple(case.flags), opened_on=case.opened_on,
        closed_on=case.closed_on, payors=names("payor"), recipients=names("recipient"),
        children=names("child"),
        balance_as_of=balance.as_of if balance else None,
        monthly_support=balance.monthly_support if balance else None,
        total_owing=balance.total_owing if balance else None,
        arrears=balance.arrears if balance else None,
        last_payment_on=balance.last_payment_on if balance else None,
        next_task=open_tasks[0] if open_tasks else None,
        active_stays=tuple(s for s in stays if s.active),
        active_actions=tuple(a for a in actions if a.status == "active"))


def _party(person: Person, role: str, protected: bool, today: date) -> Party:
    current = person.address_on(today)
    addresses = tuple(
        AddressRow(a.kind, tuple(a.lines()), a.country, a.valid_from, a.valid_to,
                   a is current, protected)
        for a in person.addresses)
    incomes = tuple(
        IncomeRow(i.kind, i.employer.name if i.employer else None,
                  i.employer.phone if i.employer else None, i.monthly_gross, i.start, i.end)
        for i in sorted(person.incomes, key=lambda i: i.start or date.min, reverse=True))
    return Party(
        person_id=person.id, role=role, name=person.full_name, birth_date=person.birth_date,
        protected=protected, email=person.email, addresses=addresses,
        phones=tuple((p.kind, p.number) for p in person.phones), incomes=incomes,
        bank_accounts=tuple(BankRow(b.institution, _mask(b.account_number), b.found_on,
                                    b.closed_on) for b in person.bank_accounts),
        assets=tuple(AssetRow(a.kind, a.description, a.estimated_value) for a in person.assets),
        aliases=tuple(a.name for a in person.aliases),
        identifiers=tuple((i.kind, i.masked) for i in person.identifiers))


def parties(session: Session, case_id: int, *, actor: Actor,
            today: date | None = None) -> tuple[Party, ...]:
    """The people on the file, payor first (a read: see `audit_protected_reads`)."""
    actor.require("read")
    today = today or date.today()
    case = _case(session, case_id)
    links = sorted(case.parties, key=lambda p: (ROLE_ORDER.get(p.role, 9), p.id))
    return tuple(
        _party(link.person, link.role, case.family_violence and link.role in PROTECTED_ROLES,
               today)
        for link in links)


def audit_protected_reads(session: Session, *, actor: Actor, detail: FileDetail) -> int:
    """Record that the officer was shown each protected address of a file; returns how many.

    Kept apart from the reads so a file opens in a read transaction (no write lock on a
    shared file) and only this short write follows it.
    """
    shown = [p for p in detail.parties if p.protected and p.addresses]
    for party in shown:
        audit.record(session, user_id=actor.user_id, action="read", entity="protected_address",
                     entity_id=party.person_id, case_id=detail.summary.case_id)
    return len(shown)


def orders(session: Session, case_id: int) -> tuple[OrderRow, ...]:
    """The file's orders, oldest first, each with its terms and what they supersede."""
    case = _case(session, case_id)
    made_on = {o.id: o.made_on for o in case.orders}
    superseded_by: dict[int, list[int]] = {}
    for order in case.orders:
        for term in order.terms:
            for old in term.supersedes:
                superseded_by.setdefault(old.id, []).append(term.id)
    result = []
    for order in case.orders:
        terms = tuple(
            TermRow(t.id, order.id, t.kind, t.category, t.amount, t.frequency, t.start, t.end,
                    t.due, t.child.full_name if t.child else None,
                    tuple(sorted(s.id for s in t.supersedes)),
                    tuple(sorted(superseded_by.get(t.id, ()))))
            for t in order.terms)
        result.append(OrderRow(order.id, order.court, order.court_file, order.made_on,
                               order.varies_id, made_on.get(order.varies_id), terms))
    return tuple(result)


def _statement(session: Session, case_id: int, today: date) -> tuple[Statement | None, str | None]:
    """The ledger's statement as of today, or why there is none (a document it refuses)."""
    try:
        result = ledger.statement(account_document(session, case_id), as_of=today.isoformat())
    except (LedgerError, ServiceError) as exc:
        # A document the engine refuses must not stop the officer from reading the file.
        return None, f"The statement could not be computed: {exc}"
    lines = tuple(
        StatementLine(date.fromisoformat(line["date"]), line["kind"], line["ref"],
                      line["description"], Decimal(line["debit"]), Decimal(line["credit"]),
                      Decimal(line["balance"]))
        for line in result["lines"])
    def amounts(figures: dict) -> tuple[tuple[str, Decimal], ...]:
        return tuple((key, Decimal(value)) for key, value in figures.items())

    periods = tuple(
        ArrangementPeriod(p["id"], date.fromisoformat(p["start"]), date.fromisoformat(p["end"]),
                          Decimal(p["expected"]), Decimal(p["received"]),
                          Decimal(p["shortfall"]), bool(p["in_default"]))
        for p in result["arrangement"])
    since = result["delinquent_since"]
    return Statement(today, amounts(result["totals"]), Decimal(result["arrears"]), lines,
                     by_payee=amounts(result["by_payee"]), aging=amounts(result["aging"]),
                     delinquent_since=date.fromisoformat(since) if since else None,
                     arrangement=periods, result=result), None


def _approvals(session: Session, case_id: int) -> tuple[dict[int, str], dict[int, str]]:
    rows = session.execute(
        select(Approval.payment_id, Approval.adjustment_id, Approval.decision)
        .outerjoin(Payment, Payment.id == Approval.payment_id)
        .outerjoin(Adjustment, Adjustment.id == Approval.adjustment_id)
        .where((Payment.case_id == case_id) | (Adjustment.case_id == case_id))
        .order_by(Approval.id))
    payments: dict[int, str] = {}
    adjustments: dict[int, str] = {}
    for payment_id, adjustment_id, decision in rows:
        if payment_id is not None:
            payments[payment_id] = decision
        if adjustment_id is not None:
            adjustments[adjustment_id] = decision
    return payments, adjustments


def _approval(needs: bool, decided: str | None) -> str | None:
    if not needs:
        return None
    return decided or "pending"


def account(session: Session, case_id: int, *, today: date | None = None) -> Account:
    """Payments and adjustments as entered, and the ledger's statement as of today."""
    today = today or date.today()
    _case(session, case_id)
    paid, adjusted = _approvals(session, case_id)
    payments = list(session.scalars(select(Payment).where(Payment.case_id == case_id)
                                    .order_by(Payment.received, Payment.seq)))
    # Only a reversal that counts reverses; a refused one is history, a pending one waits.
    state = {p.id: _approval(p.needs_approval, paid.get(p.id)) for p in payments}
    reversed_by = {p.reverses_id: p.id for p in payments
                   if p.reverses_id is not None and state[p.id] in (None, "approved")}
    waiting = {p.reverses_id: p.id for p in payments
               if p.reverses_id is not None and state[p.id] == "pending"}
    payment_rows = tuple(
        PaymentRow(p.id, p.seq, p.received, p.amount, p.source, p.reference, p.reverses_id,
                   reversed_by.get(p.id), p.reason, state[p.id], waiting.get(p.id))
        for p in payments)
    adjustment_rows = tuple(
        AdjustmentRow(a.id, a.seq, a.date, a.amount, a.reason,
                      _approval(a.needs_approval, adjusted.get(a.id)))
        for a in session.scalars(select(Adjustment).where(Adjustment.case_id == case_id)
                                 .order_by(Adjustment.date, Adjustment.seq)))
    statement, error = _statement(session, case_id, today)
    return Account(payment_rows, adjustment_rows, statement, error)


def notices(session: Session, case_id: int) -> tuple[NoticeRow, ...]:
    """Notices issued from the file, newest first (without their PDF bytes)."""
    rows = session.execute(
        select(Notice.id, Notice.issued_at, Notice.kind, Notice.addressee_role,
               Notice.addressee_name, Notice.as_of, User.full_name, Notice.sha256)
        .outerjoin(User, User.id == Notice.issued_by).where(Notice.case_id == case_id)
        .order_by(Notice.issued_at.desc(), Notice.id.desc()))
    return tuple(NoticeRow(*row) for row in rows)


def load_file(session: Session, case_id: int, *, actor: Actor,
              today: date | None = None) -> FileDetail:
    """Everything the file's tabs show, read in the caller's one (read) transaction.

    When the ledger computed the statement, the summary's owing figures are today's
    from it rather than the queue's cache, so the tabs never disagree.
    """
    today = today or date.today()
    case = _case(session, case_id)
    task_rows = tasks(session, case_id)
    actions, stays = enforcement(session, case_id, today=today)
    money = account(session, case_id, today=today)
    summary_row = _summary(session, case, task_rows, actions, stays)
    if money.statement is not None:
        summary_row = replace(summary_row, balance_as_of=today, arrears=money.statement.arrears,
                              total_owing=dict(money.statement.totals)["total_owing"])
    return FileDetail(
        summary=summary_row, parties=parties(session, case_id, actor=actor, today=today),
        orders=orders(session, case_id), account=money, actions=actions, stays=stays,
        tasks=task_rows, notices=notices(session, case_id))
