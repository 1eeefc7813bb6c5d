"""The checks that refuse a notice: file and parties, addressee, stays, intent eligibility."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import Arrangement, Case, Person, Stay
from caseworker.notices import KINDS
from caseworker.notices.wording import action_name, common, kind_text, step_title
from caseworker.services.errors import NotFound, ServiceError


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
