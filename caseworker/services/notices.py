"""Notices from a file: the notice data read from the database, and issuing a notice.

`notice_data` builds the dict that `caseworker.notices.render` prints (docs/notices.md),
applying the family-violence rule and refusing a file that cannot get the notice.
`issue_notice` keeps the PDF with the file, with its hash, and writes the running record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker import ledger
from caseworker.models import Arrangement, Case, Notice, Payment, Person, Stay
from caseworker.models.db import Database
from caseworker.notices import KINDS, NoticeDataError, render
from caseworker.notices.checked import redact
from caseworker.notices.wording import (
    action_name,
    common,
    fill,
    kind_text,
    show_short_date,
    source_name,
    step_title,
)
from caseworker.services import audit
from caseworker.services.accounts import account_document, policy_file
from caseworker.services.balances import monthly_support
from caseworker.services.common import finish
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, ServiceError

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


def issue_notice(session: Session, actor: Actor, file_no: str, kind: str, to: str,
                 as_of: date | str | None = None, *, today: date | None = None,
                 previewed_sha256: str | None = None, **options: object) -> int:
    """Make the notice, keep its PDF and hash with the file, and log it; returns its id.

    Given `previewed_sha256`, the SHA-256 of the PDF the officer previewed, the notice is
    issued only if it is still exactly those bytes; if the file changed since (a payment
    recorded in between, say) NoticeChanged is raised with the new PDF and nothing is
    written. Everything is written in the caller's transaction: the notice row, the
    running-record entry, the audit event and the refreshed figures, or nothing.
    """
    actor.require("issue_notice")
    today = today or date.today()
    options.setdefault("officer", actor.full_name)
    data = notice_data(session, file_no, kind, to, as_of, today=today, **options)
    pdf = make_pdf(data)
    digest = hashlib.sha256(pdf).hexdigest()
    if previewed_sha256 is not None and digest != previewed_sha256:
        raise NoticeChanged(f"file {file_no} changed since the preview: the notice would no "
                            f"longer be the one shown", pdf)
    case = _case(session, file_no)
    addressee = data["addressee"]
    notice = Notice(case_id=case.id, kind=kind, addressee_role=to,
                    addressee_name=addressee["name"],
                    as_of=date.fromisoformat(data["statement"]["as_of"]),
                    issued_by=actor.user_id, pdf=pdf, sha256=digest)
    session.add(notice)
    session.flush()
    if case.family_violence and to == "recipient":
        # The protected party's own notice carries their address: a read to be accounted for.
        audit.record(session, user_id=actor.user_id, action="read", entity="protected_address",
                     entity_id=_one(case, "recipient").id, case_id=case.id,
                     detail={"notice": notice.id})
    words = data["program"]["words"]
    role = words.get(to, to) if to in ("payor", "recipient") else to
    detail = {"kind": kind, "to": to, "sha256": digest}
    who = addressee["name"]
    if to == "attorney":
        # Counsel are not on file: their address as typed is kept with the notice's record.
        detail["attorney"] = {"name": addressee["name"],
                              "address_lines": list(addressee["address_lines"])}
        who = f"{who} ({'; '.join(addressee['address_lines'])})"
    what = _what(data, kind)
    if what:
        detail["terms"] = what
    finish(session, actor, case,
           text=f"Notice issued: {KINDS[kind]}{f' ({what})' if what else ''} to the {role}, {who}, "
                f"figures as of {notice.as_of.isoformat()} (total owing "
                f"${Decimal(data['statement']['totals']['total_owing']):,.2f}); "
                f"PDF sha256 {digest[:16]}.",
           action="issue", entity="notice", entity_id=notice.id, today=today,
           detail=detail)
    return notice.id


def _what(data: dict, kind: str) -> str:
    """What this notice is about, for its running-record entry: the step, reason or amount."""
    words = data["program"]["words"]
    if kind == "intent":
        return step_title(data["step"], words)
    if kind == "closure":
        return kind_text("closure")["reasons"][data["closure_reason"]]["title"]
    if kind == "deduction":
        frequency = common()["frequencies"].get(data["pay_frequency"], data["pay_frequency"])
        return (f"${Decimal(data['deduction_per_pay']):,.2f} from each {frequency} pay from "
                f"{data['deduction_start']}")
    return ""


class NoticeChanged(ServiceError):
    """The file changed between the preview and Issue: the notice would not be the one shown.

    `pdf` holds the notice as it would be now, for a new preview.
    """

    def __init__(self, message: str, pdf: bytes):
        super().__init__(message)
        self.pdf = pdf


@dataclass(frozen=True)
class BatchResult:
    """What happened to one file of a batch: the notice issued, or why it was not."""

    file_no: str
    notice_id: int | None
    reason: str | None


def issue_batch(db: Database, actor: Actor, file_nos: Sequence[str], kind: str, to: str,
                as_of: date | str | None = None, *, today: date | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                **options: object) -> list[BatchResult]:
    """Issue the same notice to many files, each in its own short transaction.

    A file that cannot get the notice is reported with the reason and the others go on;
    `progress(done, total)` is called after each file and `cancelled()` before each, so a
    worker thread can drive a progress bar and a cancel button. Files not reached after a
    cancel are simply absent from the result.
    """
    actor.require("issue_notice")  # a role without the right fails the whole batch at once
    today = today or date.today()
    results: list[BatchResult] = []
    for done, file_no in enumerate(file_nos, start=1):
        if cancelled is not None and cancelled():
            break
        try:
            notice_id = db.run(lambda session, file_no=file_no: issue_notice(
                session, actor, file_no, kind, to, as_of, today=today, **options))
            results.append(BatchResult(file_no, notice_id, None))
        except ServiceError as exc:
            results.append(BatchResult(file_no, None, str(exc)))
        if progress is not None:
            progress(done, len(file_nos))
    return results


def preview_notice(session: Session, file_no: str, kind: str, to: str,
                   as_of: date | str | None = None, **options: object) -> bytes:
    """The PDF the notice would be, without issuing it (for a preview pane)."""
    return make_pdf(notice_data(session, file_no, kind, to, as_of, **options))


def stored_pdf(session: Session, notice_id: int, *, actor: Actor | None = None) -> bytes:
    """The PDF of an issued notice exactly as sent, after checking it against its hash.

    Given the `actor` (in a write transaction), opening a protected recipient's own notice,
    which carries their address, is recorded as a read like the one made when it was issued.
    """
    notice = session.get(Notice, notice_id)
    if notice is None:
        raise NotFound(f"no notice numbered {notice_id}")
    if hashlib.sha256(notice.pdf).hexdigest() != notice.sha256:
        raise ServiceError(f"the stored PDF of notice {notice_id} does not match its SHA-256: "
                           f"it is not the notice as sent")
    if actor is not None and notice.addressee_role == "recipient":
        _audit_recipient_read(session, actor, notice.case_id, {"notice": notice_id})
    return notice.pdf


def audit_preview(session: Session, actor: Actor, file_no: str, to: str) -> bool:
    """Record that a preview showed a protected recipient their own address; True if so."""
    return to == "recipient" and _audit_recipient_read(
        session, actor, _case(session, file_no).id, {"preview": True})


def file_numbers(session: Session, case_ids: Sequence[int]) -> dict[int, str]:
    """File numbers by case id, for a batch picked from the queue (unknown ids are left out)."""
    rows = session.execute(select(Case.id, Case.file_no).where(Case.id.in_(list(case_ids))))
    return {case_id: file_no for case_id, file_no in rows}


def program_words(session: Session, case_id: int) -> dict[str, str]:
    """The words of a file's program (its policy's [words]), for choices shown to the officer."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"no file with id {case_id}")
    words = policy_file(case.policy).get("words", {})
    return {key: text for key, text in words.items() if isinstance(text, str)}


def _audit_recipient_read(session: Session, actor: Actor, case_id: int, detail: dict) -> bool:
    case = session.get(Case, case_id)
    if case is None or not case.family_violence:
        return False
    audit.record(session, user_id=actor.user_id, action="read", entity="protected_address",
                 entity_id=_one(case, "recipient").id, case_id=case.id, detail=detail)
    return True


def make_pdf(data: dict) -> bytes:
    """Render notice data, turning the writer's refusal into a ServiceError."""
    try:
        return render(data["kind"], data)
    except NoticeDataError as exc:
        raise ServiceError(f"the notice cannot be printed: {exc}") from None


def _as_of(value: date | str | None, today: date) -> date:
    if value is None or value == "":
        return today
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ServiceError(f"as-of date {value!r} is not a date (YYYY-MM-DD)") from None
    if value > today:
        raise ServiceError(f"the figures cannot be as of {value.isoformat()}, after today")
    return value


def _case(session: Session, file_no: str) -> Case:
    case = session.scalars(select(Case).where(Case.file_no == file_no)).first()
    if case is None:
        raise NotFound(f"no file numbered {file_no!r}")
    return case


def _one(case: Case, role: str) -> Person:
    people = case.people(role)
    if not people:
        raise ServiceError(f"file {case.file_no} has no {role}")
    return people[0]


def _address_lines(person: Person, on: date) -> list[str]:
    address = person.address_on(on)
    return address.lines() if address else []


def _attorney(case: Case, given: dict | None) -> dict:
    """Counsel as the officer typed them: name, then the firm and the address lines.

    On a protected file counsel are treated like the payor's side: the data is redacted.
    """
    given = given or {}
    name = str(given.get("name") or "").strip()
    firm = str(given.get("firm") or "").strip()
    lines = [str(x).strip() for x in given.get("address_lines") or () if str(x).strip()]
    if not name:
        raise ServiceError(f"file {case.file_no}: give the attorney's name")
    if not lines:
        raise ServiceError(f"file {case.file_no}: give the attorney's address")
    return {"name": name, "role": "attorney", "address_lines": [firm, *lines] if firm else lines}


def _addressee(case: Case, to: str, payor: Person, recipient: Person, today: date) -> dict:
    if to == "employer":
        employer = _employer(case, payor, today)
        lines = employer.lines()
        if not lines:
            raise ServiceError(f"file {case.file_no}: the payor's employer {employer.name} has "
                               f"no address on record")
        addressee = {"name": employer.name, "role": "employer", "address_lines": lines}
        if employer.payroll_contact:
            addressee["attention"] = employer.payroll_contact
        return addressee
    person = payor if to == "payor" else recipient
    lines = _address_lines(person, today)
    if not lines:
        raise ServiceError(f"file {case.file_no}: the {to}, {person.full_name}, has no address "
                           f"on record for {today.isoformat()}")
    return {"name": person.full_name, "role": to, "address_lines": lines}


def _employer(case: Case, payor: Person, today: date):
    current = [i for i in payor.incomes
               if i.employer is not None and (i.start is None or i.start <= today)
               and (i.end is None or i.end >= today)]
    if not current:
        raise ServiceError(f"file {case.file_no}: no current employer on record for the payor, "
                           f"{payor.full_name}")
    current.sort(key=lambda i: i.start or date.min, reverse=True)
    return current[0].employer


def _stay_scopes(kind: str, step: str | None) -> list[str] | None:
    """The stay scopes that forbid this notice besides "all"; None if it is no enforcement.

    Stays are recorded against enforcement-action kinds (drivers_licence, income_deduction,
    income_withholding, credit_bureau, passport_denial...), not notice names, so each
    enforcement notice lists the kinds that stay it (`stayed_by` in resources/notices/).
    """
    text = kind_text(kind)
    if kind == "intent":
        text = text["steps"].get(step or "")
        if text is None:
            return None  # no such step: refused later, with the list of steps
    if "stayed_by" not in text:
        return None  # statements, confirmations, court sheets and closures are not enforcement
    return list(text["stayed_by"])


def _check_stays(session: Session, case: Case, kind: str, step: str | None,
                 today: date, program_words: dict) -> None:
    scopes = _stay_scopes(kind, step)
    if scopes is None:
        return
    for stay in session.scalars(select(Stay).where(Stay.case_id == case.id)
                                .order_by(Stay.start)):
        active = stay.start <= today and (stay.end is None or stay.end >= today)
        if active and (stay.scope == "all" or stay.scope in scopes):
            until = f" until {stay.end.isoformat()}" if stay.end else ""
            # The scope in words, the program's ("a stay of driver's license suspension").
            raise ServiceError(f"file {case.file_no}: a stay of "
                               f"{action_name(stay.scope, program_words)} "
                               f"from {stay.start.isoformat()}{until} forbids a "
                               f"{KINDS[kind].lower()} ({stay.reason})")


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


def _intent(session: Session, data: dict, case: Case, policy: dict, step: str | None,
            arrears: Decimal, as_of: date) -> None:
    steps = kind_text("intent")["steps"]
    if step not in steps:
        raise ServiceError(f"a notice of intent needs the enforcement step: "
                           f"{', '.join(steps)}")
    words = policy.get("words", {})
    title = step_title(step, words)
    floor = policy.get("thresholds", {}).get(f"{step}_arrears")
    if floor is not None:
        # Each policy says how its thresholds compare: "more than" the amount (BC: steps
        # open once arrears exceed it) for the steps in [notices] arrears_more_than,
        # else "at least" the amount.
        floor = Decimal(str(floor))
        strict = step in policy.get("notices", {}).get("arrears_more_than", ())
        if arrears < floor or (strict and arrears == floor):
            raise ServiceError(f"file {case.file_no}: arrears of ${arrears:,.2f} are "
                               f"{'not more than' if strict else 'below'} the program's "
                               f"threshold of ${floor:,.2f} for {title}")
    plan = _kept_arrangement(session, case, data["statement"], as_of)
    if plan is not None and steps[step].get("refused_while_arrangement_kept"):
        raise ServiceError(f"file {case.file_no}: the {words.get('payor', 'payor')} is keeping "
                           f"the {words.get('arrangement', 'payment arrangement')} of "
                           f"${plan.amount:,.2f} "
                           f"{common()['frequencies'].get(plan.frequency, plan.frequency)} "
                           f"from {plan.start.isoformat()}:"
                           f" no notice of intent ({title}) while it is kept")
    data["step"] = step


def _kept_arrangement(session: Session, case: Case, statement: dict, as_of: date):
    """The file's active arrangement in force on `as_of` that the ledger does not hold in
    default (it is being kept), or None."""
    plan = session.scalars(select(Arrangement).where(
        Arrangement.case_id == case.id, Arrangement.status == "active",
        Arrangement.start <= as_of)
        .order_by(Arrangement.start.desc(), Arrangement.id.desc())).first()
    if plan is None or (plan.end is not None and plan.end < as_of):
        return None
    ledger_id = f"PA{plan.id}"
    if any(item["id"] == ledger_id and item["in_default"]
           for item in statement.get("arrangement", ())):
        return None
    return plan


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
