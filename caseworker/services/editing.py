"""Saving an edited record with its version: a stale save shows both versions, never overwrites."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import FLAGS, Address, Case, CaseParty, Person, Phone, Task, User
from caseworker.models.cases import STATUSES
from caseworker.services.common import country_code, day, finish
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, StaleRecord, ValidationError
from caseworker.services.files import PROTECTED_ROLES

# What each kind of record lets a form change.
EDITABLE = {
    "case": (Case, {"status", "team", "officer_id", *FLAGS}),
    "person": (Person, {"given_name", "family_name", "birth_date", "email", "language"}),
    "address": (Address, {"line1", "line2", "city", "region", "postal_code", "country",
                          "valid_to"}),
    "phone": (Phone, {"kind", "number"}),
    "task": (Task, {"due", "description", "done_on", "assigned_to"}),
}
# Text a record cannot do without, and text that may be left empty (stored as NULL).
REQUIRED_TEXT = {"given_name", "family_name", "line1", "city", "region", "postal_code",
                 "country", "kind", "number", "description"}
OPTIONAL_TEXT = {"team", "line2", "email", "language"}
USER_FIELDS = {"officer_id", "assigned_to"}
# How a message names a kind of record and a field: officers say "file", tables "case".
WORDS = {"case": "file", "officer_id": "officer", "assigned_to": "assigned to",
         "line1": "address line 1", "line2": "address line 2", "valid_to": "valid until"}


@dataclass(frozen=True)
class Edit:
    """One record to save: its kind, id, the version the form loaded, and what changed."""

    kind: str
    row_id: int
    version: int
    changes: Mapping[str, object]


@dataclass(frozen=True)
class Editable:
    """A record as a form loads it: editable values and the version to save against.

    For a file, the choices its form offers; for a person, the current address and the
    first telephone (each its own record with its own version, None when there is none).
    """

    kind: str
    row_id: int
    version: int
    values: Mapping[str, object]
    statuses: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    officers: tuple[tuple[int, str], ...] = ()
    address: Editable | None = None
    phone: Editable | None = None
    label: str = field(default="")
    protected: bool = False  # a person whose address a family-violence flag protects


class StaleEdits(StaleRecord):
    """A stale save of one or more records; `versions` holds each stale record's saved version."""

    def __init__(self, message: str, mine: dict, theirs: dict,
                 versions: dict[tuple[str, int], int]):
        super().__init__(message, mine=mine, theirs=theirs,
                         version=next(iter(versions.values())))
        self.versions = versions

    def rebase(self, edits: Sequence[Edit]) -> list[Edit]:
        """The same edits against the saved versions: what an explicit overwrite saves."""
        return [replace(e, version=self.versions.get((e.kind, e.row_id), e.version))
                for e in edits]


def snapshot(row, fields) -> dict:
    return {name: getattr(row, name) for name in sorted(fields)}


def _row(session: Session, kind: str, row_id: int):
    if kind not in EDITABLE:
        raise ValidationError("kind", f"{kind!r} records cannot be edited here")
    row = session.get(EDITABLE[kind][0], row_id)
    if row is None:
        raise NotFound(f"no {kind} with id {row_id}")
    return row


def _on_file(session: Session, kind: str, row, case_id: int) -> bool:
    """Whether the record belongs to the file the edit is written on (its running record)."""
    if kind == "case":
        return row.id == case_id
    if kind == "task":
        return row.case_id == case_id
    person_id = row.id if kind == "person" else row.person_id
    return session.scalar(select(CaseParty.id).where(
        CaseParty.case_id == case_id, CaseParty.person_id == person_id).limit(1)) is not None


def _clean(session: Session, name: str, value: object, where: str, today: date) -> object:
    """A form's value as the column stores it; a ValidationError names `where` if it is bad."""
    if name in FLAGS:
        if not isinstance(value, bool):
            raise ValidationError(where, "a flag is either on or off")
        return value
    if name == "status":
        if value not in STATUSES:
            raise ValidationError(where, f"{value!r} is not a file status")
        return value
    if name in USER_FIELDS:
        if value in (None, ""):
            return None
        try:
            user = session.get(User, int(value))
        except (TypeError, ValueError):
            user = None
        if user is None or not user.active:
            raise ValidationError(where, "choose a user who works here")
        return user.id
    if name in ("birth_date", "valid_to", "done_on", "due"):
        parsed = day(where, value, required=name == "due")
        if name == "birth_date" and parsed is not None and parsed > today:
            raise ValidationError(where, "the birth date is in the future")
        return parsed
    text = "" if value is None else str(value).strip()
    if name in REQUIRED_TEXT and not text:
        raise ValidationError(where, f"the {name.replace('_', ' ').replace('1', ' 1')} "
                                     "is required")
    if name == "email" and text and ("@" not in text or " " in text):
        raise ValidationError(where, f"{text!r} is not an email address")
    if name == "postal_code":
        return text.upper()
    if name == "country":
        return country_code(where, text)
    return text or None if name in OPTIONAL_TEXT else text


def _apply(session: Session, actor: Actor, edits: Sequence[Edit], case_id: int, today: date,
           qualified: bool) -> list[int]:
    """Check every edit, then every version, then write: a stale part saves nothing."""
    actor.require("edit_file")
    rows, cleaned = [], []
    for edit in edits:
        row = _row(session, edit.kind, edit.row_id)
        if not _on_file(session, edit.kind, row, case_id):
            raise NotFound(f"that {edit.kind} is not on this file")
        allowed = EDITABLE[edit.kind][1]

        def where(name: str, kind: str = edit.kind) -> str:
            return f"{kind}.{name}" if qualified else name

        unknown = set(edit.changes) - allowed
        if unknown:
            raise ValidationError(where(sorted(unknown)[0]), "this field cannot be changed here")
        rows.append(row)
        cleaned.append({n: _clean(session, n, v, where(n), today)
                        for n, v in edit.changes.items()})
        if edit.kind == "case" and cleaned[-1].get("officer_id", row.officer_id) != row.officer_id:
            # Giving a file to another officer is a supervisor's decision (DESIGN.md).
            actor.require("reassign")
    stale = [(e, r, c) for e, r, c in zip(edits, rows, cleaned, strict=True)
             if r.version != e.version]
    if stale:
        mine, theirs, versions, said = {}, {}, {}, []
        for edit, row, changes in stale:
            saved = snapshot(row, EDITABLE[edit.kind][1])
            prefix = f"{edit.kind}." if qualified else ""
            theirs.update({prefix + k: v for k, v in saved.items()})
            mine.update({prefix + k: v for k, v in {**saved, **changes}.items()})
            versions[(edit.kind, edit.row_id)] = row.version
            said.append(f"(your copy: version {edit.version}, saved: version {row.version})")
        names = [WORDS.get(e.kind, e.kind) for e, _r, _c in stale]
        if len(stale) == 1:
            message = (f"This {names[0]} was changed by someone else since you opened it "
                       f"{said[0]}.")
        else:
            message = ("These records were changed by someone else since you opened them: "
                       + "; ".join(f"{n} {s}" for n, s in zip(names, said, strict=True)) + ".")
        raise StaleEdits(message, mine=mine, theirs=theirs, versions=versions)
    case = session.get(Case, case_id)
    new_versions = []
    for edit, row, changes in zip(edits, rows, cleaned, strict=True):
        what = _what(edit.kind, row)  # named before the change: "party Mary Lee"
        before = snapshot(row, changes)
        for name, value in changes.items():
            setattr(row, name, value)
        if edit.kind == "case" and "status" in changes:
            # The summary shows when a file closed; reopening it clears that.
            row.closed_on = (row.closed_on or today) if row.status == "closed" else None
        session.flush()
        new_versions.append(row.version)
        said = "; ".join(f"{WORDS.get(k, k.replace('_', ' '))}: {_said(session, k, before[k])}"
                         f" -> {_said(session, k, v)}" for k, v in changes.items()
                         if before[k] != v)
        if said:
            finish(session, actor, case, text=f"Changed {what}: {said}.", action="update",
                   entity=edit.kind, entity_id=edit.row_id, today=today,
                   detail={"changes": list(changes)})
    return new_versions


def _what(kind: str, row) -> str:
    """The record as the running record names it: "file", "party Mary Lee", "address of…"."""
    if kind == "person":
        return f"party {row.full_name}"
    if kind in ("address", "phone"):
        return f"{kind} of {row.person.full_name}"
    return WORDS.get(kind, kind)


def _said(session: Session, name: str, value: object) -> str:
    """A value as the running record writes it: people by name, nothing as "(none)"."""
    if value is None or value == "":
        return "(none)"
    if name in USER_FIELDS:
        user = session.get(User, value)
        return user.full_name if user else f"user {value}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def save_edit(session: Session, *, actor: Actor, kind: str, row_id: int, version: int,
              changes: dict, case_id: int, today: date) -> int:
    """Apply `changes` if the record is still at `version`; returns the new version."""
    return _apply(session, actor, [Edit(kind, row_id, version, changes)], case_id, today,
                  qualified=False)[0]


def save_edits(session: Session, *, actor: Actor, edits: Sequence[Edit], case_id: int,
               today: date) -> list[int]:
    """Save several records in the caller's one transaction; returns their new versions.

    Field names in a ValidationError and in a StaleEdits are qualified by kind
    (`address.line1`), since the records of one form may share a field name.
    """
    return _apply(session, actor, edits, case_id, today, qualified=True)


def _editable(kind: str, row) -> Editable:
    return Editable(kind, row.id, row.version,
                    MappingProxyType(snapshot(row, EDITABLE[kind][1])))


def load(session: Session, *, kind: str, row_id: int, today: date | None = None,
         case_id: int | None = None) -> Editable:
    """The record's editable values and version, as a form opens it.

    A person is loaded with their current address (on `today`) and first telephone;
    given the file they are edited through, it also says whether their address is
    protected there.
    """
    row = _row(session, kind, row_id)
    found = _editable(kind, row)
    if kind == "case":
        teams = session.scalars(select(Case.team).where(Case.team.is_not(None)).distinct()
                                .union(select(User.team).where(User.team.is_not(None))))
        officers = session.execute(
            select(User.id, User.full_name).where(User.active, User.role.in_(
                ("officer", "supervisor", "investigator"))).order_by(User.full_name))
        return replace(found, statuses=STATUSES, teams=tuple(sorted(set(teams))),
                       officers=tuple((i, n) for i, n in officers), label=row.file_no)
    if kind == "person":
        address = row.address_on(today or date.today())
        phone = min(row.phones, key=lambda p: p.id, default=None)
        protected = case_id is not None and session.scalar(
            select(CaseParty.id).join(Case, Case.id == CaseParty.case_id).where(
                CaseParty.case_id == case_id, CaseParty.person_id == row.id,
                CaseParty.role.in_(PROTECTED_ROLES), Case.family_violence).limit(1)) is not None
        return replace(found, label=row.full_name, protected=protected,
                       address=_editable("address", address) if address else None,
                       phone=_editable("phone", phone) if phone else None)
    return found
