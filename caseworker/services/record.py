"""The running record: adding entries (by people and by actions) and reading a file's log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import RECORD_KINDS, Case, RecordEntry, User
from caseworker.services import audit
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, ValidationError

PERSON_KINDS = ("call_in", "call_out", "letter", "note", "visit")
KIND_LABELS = {"call_in": "Call in", "call_out": "Call out", "letter": "Letter", "note": "Note",
               "visit": "Visit", "system": "System"}


@dataclass(frozen=True)
class EntryView:
    """One running-record entry as the panel shows it."""

    id: int
    at: datetime
    kind: str
    author: str
    text: str


def case_id_for(session: Session, file_no: str) -> int:
    case_id = session.scalars(select(Case.id).where(Case.file_no == file_no)).first()
    if case_id is None:
        raise NotFound(f"no file numbered {file_no!r}")
    return case_id


def write_entry(session: Session, actor: Actor, case_id: int, kind: str, text: str) -> RecordEntry:
    """Append an entry in the caller's transaction; every action on a file calls this."""
    if kind not in RECORD_KINDS:
        raise ValidationError("kind", f"unknown entry type {kind!r}")
    entry = RecordEntry(case_id=case_id, author_id=actor.user_id, kind=kind, text=text)
    session.add(entry)
    session.flush()
    audit.record(session, user_id=actor.user_id, action="append", entity="record_entry",
                 entity_id=entry.id, case_id=case_id)
    return entry


def add_entry(session: Session, *, actor: Actor, case_id: int, kind: str, text: str) -> int:
    """A person's entry (call, letter, note, visit), saved at once with author and time."""
    actor.require("write_record")
    if kind not in PERSON_KINDS:
        raise ValidationError("kind", f"choose an entry type: {', '.join(PERSON_KINDS)}")
    if not text.strip():
        raise ValidationError("text", "the entry is empty; write what happened")
    if session.get(Case, case_id) is None:
        raise NotFound(f"no file with id {case_id}")
    return write_entry(session, actor, case_id, kind, text.strip()).id


def entries(session: Session, case_id: int, *, newest_first: bool = True) -> list[EntryView]:
    """A file's running record in the order the user chose."""
    order = RecordEntry.at.desc() if newest_first else RecordEntry.at.asc()
    rows = session.execute(
        select(RecordEntry.id, RecordEntry.at, RecordEntry.kind, User.full_name, RecordEntry.text)
        .join(User, User.id == RecordEntry.author_id)
        .where(RecordEntry.case_id == case_id)
        .order_by(order, RecordEntry.id.desc() if newest_first else RecordEntry.id.asc()))
    return [EntryView(*row) for row in rows]
