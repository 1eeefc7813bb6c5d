"""Saving an edited record with its version: a stale save shows both versions, never overwrites."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from caseworker.models import FLAGS, Address, Case, Person, Phone, Task
from caseworker.services.common import finish
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, StaleRecord, ValidationError

# What each kind of record lets a form change.
EDITABLE = {
    "case": (Case, {"status", "team", "officer_id", *FLAGS}),
    "person": (Person, {"given_name", "family_name", "birth_date", "email", "language"}),
    "address": (Address, {"line1", "line2", "city", "region", "postal_code", "country",
                          "valid_to"}),
    "phone": (Phone, {"kind", "number"}),
    "task": (Task, {"due", "description", "done_on", "assigned_to"}),
}


def snapshot(row, fields) -> dict:
    return {name: getattr(row, name) for name in sorted(fields)}


def save_edit(session: Session, *, actor: Actor, kind: str, row_id: int, version: int,
              changes: dict, case_id: int, today: date) -> int:
    """Apply `changes` if the record is still at `version`; returns the new version."""
    actor.require("edit_file")
    if kind not in EDITABLE:
        raise ValidationError("kind", f"{kind!r} records cannot be edited here")
    model, allowed = EDITABLE[kind]
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(sorted(unknown)[0], "this field cannot be changed here")
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"no {kind} with id {row_id}")
    if row.version != version:
        theirs = snapshot(row, allowed)
        mine = {**theirs, **changes}
        raise StaleRecord(f"This {kind} was changed by someone else since you opened it "
                          f"(your copy: version {version}, saved: version {row.version}).",
                          mine=mine, theirs=theirs, version=row.version)
    before = snapshot(row, changes)
    for name, value in changes.items():
        setattr(row, name, value)
    session.flush()
    said = ", ".join(f"{k}: {before[k]!s} -> {v!s}" for k, v in changes.items() if before[k] != v)
    case = session.get(Case, case_id)
    if said:
        finish(session, actor, case, text=f"Changed {kind}: {said}.", action="update",
               entity=kind, entity_id=row_id, today=today, detail={"changes": list(changes)})
    return row.version
