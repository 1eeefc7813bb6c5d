"""Registering a new file: the parties, their contacts, the program, flags and the order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.models import FLAGS, Address, Case, CaseParty, Employer, IncomeSource, Person, Phone
from caseworker.paths import resource
from caseworker.services.accounts import policy_file
from caseworker.services.common import country_code, day, finish
from caseworker.services.context import Actor
from caseworker.services.errors import ValidationError
from caseworker.services.orders import TermInput, add_order


@dataclass
class PartyInput:
    """A payor, recipient or child as the intake form gives them."""

    given_name: str
    family_name: str
    birth_date: str | date | None = None
    line1: str = ""
    line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    employer: str = ""


@dataclass
class FileInput:
    """Everything the intake form collects."""

    policy: str
    payor: PartyInput
    recipient: PartyInput
    children: list[PartyInput] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    court: str = ""
    order_made_on: str | date | None = None
    terms: list[TermInput] = field(default_factory=list)


def policies() -> list[tuple[str, str]]:
    """The programs a file can be registered under: (id, name)."""
    found = []
    for path in sorted(resource("policies").glob("*.toml")):
        found.append((path.stem, policy_file(path.stem).get("name", path.stem)))
    return found


def _person(session: Session, role: str, given: PartyInput, opened: date,
            need_address: bool) -> Person:
    if not given.given_name.strip():
        raise ValidationError(f"{role}.given_name", f"the {role}'s given name is required")
    if not given.family_name.strip():
        raise ValidationError(f"{role}.family_name", f"the {role}'s family name is required")
    birth = day(f"{role}.birth_date", given.birth_date, required=role.startswith("child"))
    if birth is not None and birth > opened:
        raise ValidationError(f"{role}.birth_date", "the birth date is in the future")
    person = Person(given_name=given.given_name.strip(), family_name=given.family_name.strip(),
                    birth_date=birth, email=given.email.strip() or None)
    address_given = any(x.strip() for x in (given.line1, given.city, given.postal_code))
    if address_given or need_address:
        for name in ("line1", "city", "region", "postal_code", "country"):
            if not getattr(given, name).strip():
                raise ValidationError(f"{role}.{name}",
                                      f"the {role}'s address needs a {name.replace('_', ' ')}")
        person.addresses.append(Address(
            line1=given.line1.strip(), line2=given.line2.strip() or None,
            city=given.city.strip(), region=given.region.strip(),
            postal_code=given.postal_code.strip().upper(),
            country=country_code(f"{role}.country", given.country), valid_from=opened))
    if given.phone.strip():
        person.phones.append(Phone(number=given.phone.strip()))
    if given.employer.strip():
        employer = Employer(name=given.employer.strip())
        person.incomes.append(IncomeSource(kind="employment", employer=employer, start=opened))
    session.add(person)
    return person


def next_file_no(session: Session, policy: str, opened: date) -> str:
    """The next number in the program's series for the year: AB-2026-00001."""
    prefix = f"{policy[:2].upper()}-{opened.year}-"
    last = session.scalar(select(func.max(Case.file_no)).where(Case.file_no.like(prefix + "%")))
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


def register_file(session: Session, *, actor: Actor, given: FileInput, today: date) -> int:
    """Open a new file with its parties and its first order; returns the case id."""
    actor.require("edit_file")
    if given.policy not in dict(policies()):
        raise ValidationError("policy", "choose the program the file is registered under")
    unknown = [f for f in given.flags if f not in FLAGS]
    if unknown:
        raise ValidationError("flags", f"unknown flag {unknown[0]!r}")
    policy = policy_file(given.policy)
    case = Case(file_no=next_file_no(session, given.policy, today), policy=given.policy,
                currency=policy.get("currency", "CAD"), opened_on=today,
                officer_id=actor.user_id, team=actor.team,
                **{flag: True for flag in given.flags})
    payor = _person(session, "payor", given.payor, today, need_address=False)
    recipient = _person(session, "recipient", given.recipient, today, need_address=True)
    children = [_person(session, f"children[{i}]", c, today, need_address=False)
                for i, c in enumerate(given.children)]
    case.parties = ([CaseParty(person=payor, role="payor"),
                     CaseParty(person=recipient, role="recipient")]
                    + [CaseParty(person=c, role="child") for c in children])
    session.add(case)
    session.flush()
    finish(session, actor, case, text=f"File {case.file_no} registered under {policy['name']}: "
           f"{payor.full_name} pays {recipient.full_name}.", action="create", entity="case",
           entity_id=case.id, today=today)
    if given.terms:
        for term in given.terms:
            if term.child_index is not None:
                if not 0 <= term.child_index < len(children):
                    raise ValidationError("terms.child", "the term names a child not on the file")
                term.child_id = children[term.child_index].id
        add_order(session, actor=actor, case_id=case.id, court=given.court,
                  made_on=given.order_made_on, terms=given.terms, today=today)
    return case.id
