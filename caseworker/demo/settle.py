"""Closed demo files end at zero: the payor's last payment covers the interest the ledger found.

The generator keeps its own balance without interest, so a closed file could
be left owing the interest its program's policy charges. Real files close
when everything is paid, so this pass reads what the ledger says each closed
file still owes and adds that last payment on the day the file closed.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.demo.context import PROGRAMS
from caseworker.demo.sink import Sink, day, local_stamp
from caseworker.models import Case, CaseBalance, Payment

_OFFSETS = {p.policy: p.utc_offset for p in PROGRAMS}


def settle_closed(session: Session, sink: Sink) -> list[int]:
    """Queue a final payment on every closed file the ledger finds owing; returns their ids."""
    rows = session.execute(
        select(Case.id, Case.officer_id, Case.policy, Case.closed_on, CaseBalance.total_owing)
        .join(CaseBalance, CaseBalance.case_id == Case.id)
        .where(Case.status == "closed", CaseBalance.total_owing > Decimal(0))
        .order_by(Case.id)).all()
    if not rows:
        return []
    last_seq = dict(session.execute(
        select(Payment.case_id, func.max(Payment.seq)).join(Case, Case.id == Payment.case_id)
        .where(Case.status == "closed").group_by(Payment.case_id)).all())
    for row in rows:
        cents = int(row.total_owing * 100)
        sink.add("payments", {
            "case_id": row.id, "seq": last_seq.get(row.id, 0) + 1,
            "received": day(row.closed_on), "amount": cents, "source": "direct",
            "reference": "Final payment: interest", "reverses_id": None, "reason": None,
            "needs_approval": False, "entered_by": row.officer_id,
            "entered_at": local_stamp(row.closed_on, 10 * 60, _OFFSETS.get(row.policy, 0))})
    sink.flush()
    return [row.id for row in rows]
