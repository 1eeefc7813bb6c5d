"""Building the notice data dict that `caseworker.notices.render` prints (docs/notices.md)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker import ledger
from caseworker.models import Arrangement, Case, Payment, Person
from caseworker.notices import KINDS
from caseworker.notices.checked import redact
from caseworker.notices.wording import (
    common,
    fill,
    kind_text,
    show_short_date,
    source_name,
)
from caseworker.services.accounts import account_document, policy_file
from caseworker.services.balances import monthly_support
from caseworker.services.errors import ServiceError
from caseworker.services.notice_checks import (
    _address_lines,
    _addressee,
    _as_of,
    _attorney,
    _case,
    _check_stays,
    _employer,
    _intent,
    _one,
)

ADDRESSEES = ("payor", "recipient", "employer", "attorney")
PAY_FREQUENCIES = {"weekly": Decimal(12) / 52, "biweekly": Decimal(12) / 26,
                   "semi_monthly": Decimal(1) / 2, "monthly": Decimal(1)}
# The policy's [thresholds] key for the notice period before each step (else default_notice_days).
NOTICE_DAYS_KEY = {"licence_suspension": "licence_notice_days",
                   "credit_bureau": "credit_bureau_notice_days",
                   "passport_denial": "passport_notice_days"}
DEFAULT_NOTICE_DAYS = 30
STATEMENT_MONTHS = 12  # a statement lists the activity of the last twelve months


def notice_data(session: Session, file_no: str, kind: str, to: str,
                as_of: date | str | None = None, *, today: date | None = None,
                step: str | None = None, closure_reason: str | None = None,
                deduction_per_pay: str | Decimal | None = None,
                pay_frequency: str = "monthly", officer: str | None = None,
                attorney: dict | None = None) -> dict:
    """The notice data of `kind` for file `file_no`, addressed to its `to` (docs/notices.md).

    `attorney` ({"name", "firm", "address_lines"}, typed by the officer: counsel are not on
    file) is the addressee when `to` is "attorney". Raises ServiceError saying why when the
    file cannot get this notice.
    """
    today = today or date.today()
    as_of = _as_of(as_of, today)
    if kind not in KINDS:
        raise ServiceError(f"unknown notice kind {kind!r}; choose one of {', '.join(KINDS)}")
    if to not in ADDRESSEES:
        raise ServiceError(f"a notice goes to the {', the '.join(ADDRESSEES)}, not {to!r}")
    allowed = kind_text(kind)["addressees"]
    if to not in allowed:
        raise ServiceError(f"a {KINDS[kind].lower()} goes to the "
                           f"{' or the '.join(r for r in allowed if r in ADDRESSEES)}, "
                           f"not the {to}")
    case = _case(session, file_no)
    policy = policy_file(case.policy)
    payor = _one(case, "payor")
    recipient = _one(case, "recipient")
    _check_stays(session, case, kind, step, today, policy.get("words", {}))
    if kind == "closure" and case.status != "closed":
        # A closure letter tells the parties the file is closed: never before it is.
        raise ServiceError(f"file {case.file_no} is not closed (its status is {case.status}): "
                           f"close it before sending a closure letter")
    protected = case.family_violence and to != "recipient"

    document = account_document(session, case.id)
    statement = _worded(_statement(document, case, as_of), _payments_of(session, case),
                        policy.get("words", {}))
    data: dict = {
        "kind": kind,
        "date": today.isoformat(),
        "file_no": case.file_no,
        "protected": bool(case.family_violence),
        "program": {"id": case.policy, "words": dict(policy.get("words", {})),
                    "letterhead": dict(policy.get("letterhead", {})),
                    "deduction": dict(policy.get("deduction", {}))},
        "addressee": (_attorney(case, attorney) if to == "attorney" else
                      _addressee(case, to, payor, recipient, today)),
        "payor": {"name": payor.full_name},
        "recipient": {"name": recipient.full_name},
        "statement": statement,
    }
    name = officer or (case.officer.full_name if case.officer else None)
    if name:
        data["officer"] = {"name": name}
    if kind == "court":
        # Only the court sheet prints the parties' addresses; the recipient's never goes to
        # the other side of a protected file (the writer would drop it too: defence in depth).
        data["payor"]["address_lines"] = _address_lines(payor, today)
        if not protected:
            data["recipient"]["address_lines"] = _address_lines(recipient, today)
        data["payments"] = _payments(session, case, document, as_of)
    _kind_extras(session, data, case, policy, kind, document, today=today, as_of=as_of, step=step,
                 closure_reason=closure_reason, per_pay=deduction_per_pay,
                 pay_frequency=pay_frequency, payor=payor)
    if protected:
        # Free text typed by officers (an adjustment's reason, a reversal's) may mention where
        # the recipient lives or works: blank it with the writer's own rule, given everything
        # on record that locates them; the result keeps only the recipient's name.
        data = redact({**data, "recipient": _whereabouts(recipient)})
    return data


def _whereabouts(person: Person) -> dict:
    """Everything on record that locates a person, for blanking it out of free text."""
    employers = [i.employer for i in person.incomes if i.employer is not None]
    return {
        "name": person.full_name,
        "addresses": [[*a.lines(), a.city, a.postal_code] for a in person.addresses],
        "phones": [p.number for p in person.phones],
        "email": person.email or "",
        "employers": [[e.name, *e.lines(), e.phone or ""] for e in employers],
    }


def _statement(document: dict, case: Case, as_of: date) -> dict:
    try:
        return ledger.statement(document, as_of.isoformat())
    except ledger.LedgerError as exc:
        raise ServiceError(f"file {case.file_no}: the account cannot be computed: {exc}") from None


def _payments_of(session: Session, case: Case) -> dict[str, Payment]:
    """The file's payments and reversals by their ledger id ("P12")."""
    return {f"P{p.id}": p for p in session.scalars(
        select(Payment).where(Payment.case_id == case.id))}


def _worded(statement: dict, by_ref: dict[str, Payment], program_words: dict) -> dict:
    """The statement with its payment, reversal and interest lines named in the notice's words.

    The ledger writes codes ("payment (eft)", "reversal of P12"); the reader gets the names in
    resources/notices/common.toml ([line_kinds], [sources], [line_text]). Figures are untouched.
    """
    words = common()
    kinds, text = words["line_kinds"], words["line_text"]
    lines = []
    for line in statement["lines"]:
        kind = line["kind"]
        if kind in text:
            values = {"kind": kinds.get(kind, kind), "source": "", "date": "", "reason": ""}
            payment = by_ref.get(line["ref"])
            template = text[kind]
            if kind in ("payment", "reversal") and payment is None:
                lines.append(line)  # not one of this file's payments: keep the ledger's text
                continue
            if payment is not None:
                # In the program's words: "Wage deduction" in Canada, "Income withholding"
                values["source"] = source_name(payment.source, program_words)
                if kind == "reversal" and payment.reverses is not None:
                    values["date"] = show_short_date(payment.reverses.received, "reverses")
                    if payment.reason:
                        values["reason"] = payment.reason
                        template = text["reversal_with_reason"]
            line = {**line, "description": fill(template, values, "line_text")}
        lines.append(line)
    return {**statement, "lines": lines}


def _payments(session: Session, case: Case, document: dict, as_of: date) -> list[dict]:
    """Payments and reversals that count in the ledger, received by the as-of date."""
    counted = {p["id"] for p in document["payments"]}
    rows = session.scalars(select(Payment).where(Payment.case_id == case.id,
                                                 Payment.received <= as_of)
                           .order_by(Payment.received, Payment.seq))
    history = []
    for p in rows:
        if f"P{p.id}" not in counted:
            continue  # waiting for a supervisor's approval: it does not count yet
        amount = -p.amount if p.reverses_id is not None else p.amount
        # The writer words the note (court.toml [payment_notes]) from these facts.
        row = {"date": p.received.isoformat(), "amount": f"{amount:.2f}",
               "source": p.source, "reference": p.reference or ""}
        if p.reverses is not None:
            row["reverses"] = p.reverses.received.isoformat()
        if p.reason:
            row["reason"] = p.reason
        history.append(row)
    return history


def _respond_by(policy: dict, today: date, key: str | None = None) -> str:
    thresholds = policy.get("thresholds", {})
    days = thresholds.get(key) if key else None
    if days is None:
        days = thresholds.get("default_notice_days", DEFAULT_NOTICE_DAYS)
    return (today + timedelta(days=int(days))).isoformat()


def _kind_extras(session: Session, data: dict, case: Case, policy: dict, kind: str,
                 document: dict, *,
                 today: date, as_of: date, step: str | None, closure_reason: str | None,
                 per_pay: str | Decimal | None, pay_frequency: str, payor: Person) -> None:
    arrears = Decimal(data["statement"]["arrears"])
    total = Decimal(data["statement"]["totals"]["total_owing"])
    if kind == "statement":
        start = date(as_of.year, as_of.month, 1)
        months = start.year * 12 + start.month - 1 - (STATEMENT_MONTHS - 1)
        data["lines_from"] = date(months // 12, months % 12 + 1, 1).isoformat()
    elif kind in ("default", "intent"):
        if arrears <= 0:
            raise ServiceError(f"file {case.file_no} has no arrears as of "
                               f"{as_of.isoformat()}: a {KINDS[kind].lower()} is not due")
        if kind == "intent":
            _intent(session, data, case, policy, step, arrears, as_of)
        data["respond_by"] = _respond_by(policy, today,
                                         NOTICE_DAYS_KEY.get(step) if kind == "intent" else None)
    elif kind == "arrangement":
        plan = session.scalars(select(Arrangement).where(
            Arrangement.case_id == case.id, Arrangement.status == "active")
            .order_by(Arrangement.start.desc(), Arrangement.id.desc())).first()
        if plan is None or (plan.end is not None and plan.end < as_of):
            raise ServiceError(f"file {case.file_no} has no active payment arrangement")
        data["arrangement"] = {"amount": f"{plan.amount:.2f}", "frequency": plan.frequency,
                               "start": plan.start.isoformat(),
                               "end": plan.end.isoformat() if plan.end else None}
    elif kind == "deduction":
        _deduction(data, case, document, payor, today, as_of, per_pay, pay_frequency)
    elif kind == "closure":
        reasons = kind_text("closure")["reasons"]
        if closure_reason is None:
            if total > 0:
                raise ServiceError(f"file {case.file_no} still has "
                                   f"${total:,.2f} owing: give the reason for closing it "
                                   f"({', '.join(reasons)})")
            closure_reason = "paid_in_full"
        if closure_reason not in reasons:
            raise ServiceError(f"unknown closure reason {closure_reason!r}; choose one of "
                               f"{', '.join(reasons)}")
        if closure_reason == "paid_in_full" and total > 0:
            raise ServiceError(f"file {case.file_no} still has ${total:,.2f} owing: it was "
                               f"not paid in full")
        data["closure_reason"] = closure_reason
        if case.closed_on is not None:
            data["closed_on"] = case.closed_on.isoformat()


def _deduction(data: dict, case: Case, document: dict, payor: Person, today: date,
               as_of: date, per_pay: str | Decimal | None, pay_frequency: str) -> None:
    if pay_frequency not in PAY_FREQUENCIES:
        raise ServiceError(f"pay frequency {pay_frequency!r}: choose one of "
                           f"{', '.join(PAY_FREQUENCIES)}")
    employer = _employer(case, payor, today)
    if per_pay is None:
        # The support in force, as an amount per pay; an officer may give another amount.
        monthly = monthly_support(document, as_of)
        amount = (monthly * PAY_FREQUENCIES[pay_frequency]).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
        if amount <= 0:
            raise ServiceError(f"file {case.file_no} has no periodic support in force: "
                               f"give the amount to deduct per pay")
    else:
        try:
            amount = Decimal(str(per_pay))
        except ArithmeticError:
            raise ServiceError(f"amount per pay {per_pay!r} is not an amount") from None
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise ServiceError(f"amount per pay {per_pay!r} must be more than zero, "
                               f"in whole cents")
    data["employer"] = {"name": employer.name, "address_lines": employer.lines()}
    data["deduction_per_pay"] = f"{amount:.2f}"
    data["pay_frequency"] = pay_frequency
    data["deduction_start"] = today.isoformat()
    # Whether the policy's higher limit applies turns on how old the unpaid support is.
    data["unpaid_since"] = _unpaid_since(document, data["statement"])


def _unpaid_since(document: dict, statement: dict) -> str | None:
    """The due date of the oldest support still unpaid on the statement's date, if any.

    A charge's unpaid part is its debit less the money the ledger allocated to it; fee
    terms and interest are not support and are left out (debit adjustments are support).
    """
    fee_terms = {t["id"] for t in document.get("terms", []) if t.get("kind") == "fee"}
    paid: dict[str, Decimal] = {}
    for item in statement.get("allocations", []):
        paid[item["charge"]] = paid.get(item["charge"], Decimal(0)) + Decimal(item["amount"])
    for line in statement.get("lines", []):
        if line["kind"] not in ("charge", "adjustment") or line["date"] > statement["as_of"]:
            continue
        debit = Decimal(line["debit"])
        if debit <= 0 or line["ref"].split("#")[0] in fee_terms:
            continue
        if debit > paid.get(line["ref"], Decimal(0)):
            return line["date"]
    return None
