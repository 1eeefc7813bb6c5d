"""The audit trail: append-only events, each hashed with the one before it."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import AuditEvent
from caseworker.models.types import utcnow

GENESIS = "0" * 64


def record(session: Session, *, user_id: int | None, action: str, entity: str,
           entity_id: int | None = None, case_id: int | None = None,
           detail: dict | None = None) -> AuditEvent:
    """Append one audit event, chained to the previous one by its hash."""
    prev = session.scalars(
        select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first() or GENESIS
    at = utcnow()
    body = json.dumps(detail, sort_keys=True) if detail is not None else None
    payload = "|".join(str(x) for x in (prev, at.isoformat(), user_id, action, entity,
                                         entity_id, case_id, body))
    event = AuditEvent(at=at, user_id=user_id, action=action, entity=entity, entity_id=entity_id,
                       case_id=case_id, detail=body, prev_hash=prev,
                       hash=hashlib.sha256(payload.encode()).hexdigest())
    session.add(event)
    return event


def verify_chain(session: Session) -> int | None:
    """The id of the first event whose chain is broken, or None when the chain holds."""
    prev = GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        payload = "|".join(str(x) for x in (prev, event.at.isoformat(), event.user_id,
                                             event.action, event.entity, event.entity_id,
                                             event.case_id, event.detail))
        if event.prev_hash != prev or event.hash != hashlib.sha256(payload.encode()).hexdigest():
            return event.id
        prev = event.hash
    return None
