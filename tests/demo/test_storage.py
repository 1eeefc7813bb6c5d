"""Rows the generator writes past the ORM read back exactly like rows the ORM writes."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from caseworker.models import Adjustment, Payment, RecordEntry
from caseworker.models.db import open_database


def test_models_read_money_dates_and_times(small_demo):
    db = open_database(small_demo[0], read_only=True)
    try:
        with db.session() as s:
            payment = s.scalars(select(Payment).order_by(Payment.id)).first()
            assert isinstance(payment.amount, Decimal) and payment.amount > 0
            assert isinstance(payment.received, date)
            assert payment.entered_at.tzinfo is not None
            entry = s.scalars(select(RecordEntry).order_by(RecordEntry.id)).first()
            assert entry.at.tzinfo is not None
    finally:
        db.dispose()


def test_stored_forms_match_what_the_orm_writes(small_demo, tmp_path):
    copy = tmp_path / "copy.sqlite"
    src = sqlite3.connect(small_demo[0])
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    db = open_database(copy)
    try:
        with db.session() as s:
            entry = s.scalars(select(RecordEntry)).first()
            s.add(RecordEntry(case_id=entry.case_id, author_id=entry.author_id, kind="note",
                              text="written by the ORM", at=datetime(2026, 1, 2, 3, 4, 5,
                                                                     tzinfo=UTC)))
            s.add(Adjustment(case_id=entry.case_id, seq=999, date=date(2026, 1, 2),
                             amount=Decimal("-12.34"), reason="ORM row", entered_by=1,
                             entered_at=datetime(2026, 1, 2, tzinfo=UTC)))
    finally:
        db.dispose()
    conn = sqlite3.connect(copy)
    try:
        orm_at, demo_at = (conn.execute(
            f"SELECT typeof(at), at FROM record_entries WHERE text {op} 'written by the ORM' "
            "LIMIT 1").fetchone() for op in ("=", "<>"))
        assert orm_at[0] == demo_at[0] == "text"
        shape = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")
        assert shape.match(orm_at[1]) and shape.match(demo_at[1])
        kinds = conn.execute("SELECT DISTINCT typeof(amount), typeof(date) FROM adjustments "
                             "UNION SELECT DISTINCT typeof(amount), typeof(received) "
                             "FROM payments").fetchall()
        assert set(kinds) == {("integer", "text")}
    finally:
        conn.close()
