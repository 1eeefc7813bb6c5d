"""Append-only tables refuse UPDATE and DELETE in the database itself, not only in the code."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from caseworker.models import APPEND_ONLY_TABLES
from caseworker.models.db import create_database

ROWS = {
    "payments": "INSERT INTO payments (uid, case_id, seq, received, amount, source, "
                "needs_approval, entered_by, entered_at) VALUES ('p', 1, 1, '2020-01-01', 100, "
                "'direct', 0, 1, '2020-01-01 00:00:00')",
    "adjustments": "INSERT INTO adjustments (uid, case_id, seq, date, amount, reason, "
                   "needs_approval, entered_by, entered_at) VALUES ('a', 1, 1, '2020-01-01', "
                   "-100, 'r', 0, 1, '2020-01-01 00:00:00')",
    "approvals": "INSERT INTO approvals (uid, payment_id, decision, decided_by, decided_at) "
                 "VALUES ('ap', NULL, 'approved', 1, '2020-01-01 00:00:00')",
    "record_entries": "INSERT INTO record_entries (uid, case_id, at, author_id, kind, text) "
                      "VALUES ('r', 1, '2020-01-01 00:00:00', 1, 'note', 'hello')",
    "audit_events": "INSERT INTO audit_events (uid, at, action, entity, prev_hash, hash) "
                    "VALUES ('e', '2020-01-01 00:00:00', 'x', 'y', '0', '1')",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    db = create_database(tmp_path_factory.mktemp("ao") / "ao.sqlite")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO users (uid, username, full_name, role, active, version) "
                          "VALUES ('u', 'u', 'U', 'officer', 1, 1)"))
        conn.execute(text("INSERT INTO cases (uid, file_no, status, policy, currency, opened_on, "
                          "family_violence, safety_risk, bankruptcy, incarcerated, deceased, "
                          "interjurisdictional, version) VALUES ('c', 'F1', 'open', 'generic', "
                          "'CAD', :d, 0, 0, 0, 0, 0, 0, 1)"), {"d": date(2020, 1, 1)})
        for sql in ROWS.values():
            conn.execute(text(sql))
    yield db.engine
    db.dispose()


def test_every_append_only_table_is_covered():
    assert set(ROWS) == set(APPEND_ONLY_TABLES)


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_update_is_refused(engine, table):
    with pytest.raises((IntegrityError, OperationalError), match="append-only"):
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE {table} SET uid = 'changed'"))


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_delete_is_refused(engine, table):
    with pytest.raises((IntegrityError, OperationalError), match="append-only"):
        with engine.begin() as conn:
            conn.execute(text(f"DELETE FROM {table}"))


def test_insert_is_allowed(engine):
    with engine.begin() as conn:
        conn.execute(text(ROWS["record_entries"].replace("'r'", "'r2'", 1)))
        count = conn.execute(text("SELECT count(*) FROM record_entries")).scalar()
    assert count == 2 and Decimal(count) == 2
