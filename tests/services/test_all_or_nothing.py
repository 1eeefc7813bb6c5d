"""A change is written whole or not at all: a failure late in the transaction (the running
record's entry, the queue's figures) leaves no payment behind."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from caseworker.models import AuditEvent, Payment, RecordEntry
from caseworker.services import balances, common, payments
from tests.services.office import TODAY


class DiskFull(Exception):
    pass


def _boom(*args, **kwargs):
    raise DiskFull("disk full")


def _post(office):
    with office.db.session() as s:
        payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                              received=TODAY, amount="250.00", source="direct", today=TODAY)


def _count(office, model) -> int:
    with office.db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_failing_running_record_write_leaves_no_payment(office, monkeypatch):
    monkeypatch.setattr(common, "write_entry", _boom)
    with pytest.raises(DiskFull):
        _post(office)
    assert _count(office, Payment) == 0


def test_a_failing_balance_refresh_leaves_no_payment(office, monkeypatch):
    monkeypatch.setattr(balances, "refresh", _boom)
    with pytest.raises(DiskFull):
        _post(office)
    assert _count(office, Payment) == 0


def test_a_failing_balance_refresh_leaves_no_entry_or_audit_event(office, monkeypatch):
    entries, events = _count(office, RecordEntry), _count(office, AuditEvent)
    monkeypatch.setattr(balances, "refresh", _boom)
    with pytest.raises(DiskFull):
        _post(office)
    assert (_count(office, RecordEntry), _count(office, AuditEvent)) == (entries, events)
