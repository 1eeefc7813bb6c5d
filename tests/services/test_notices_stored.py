"""Reading an issued notice back: the bytes as sent, checked against the hash, reads audited."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select, update

from caseworker.models import AuditEvent, Notice
from caseworker.services.context import actor_for
from caseworker.services.errors import NotFound, ServiceError
from caseworker.services.notices import (
    audit_preview,
    file_numbers,
    issue_notice,
    stored_pdf,
)
from tests.conftest import SAMPLE_FILE_NO


@pytest.fixture
def olivia(sample_db):
    with sample_db.reader() as session:
        return actor_for(session, "olivia")


def _issue(db, actor, to: str) -> int:
    return db.run(lambda s: issue_notice(s, actor, SAMPLE_FILE_NO, "statement", to))


def _reads(db) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity == "protected_address", AuditEvent.action == "read"))


def test_stored_pdf_is_the_pdf_as_issued(sample_db, olivia):
    notice_id = _issue(sample_db, olivia, "payor")
    with sample_db.reader() as session:
        pdf = stored_pdf(session, notice_id)
        digest = session.get(Notice, notice_id).sha256
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == digest


def test_stored_pdf_refuses_bytes_that_do_not_match_their_hash(sample_db, olivia):
    notice_id = _issue(sample_db, olivia, "payor")
    with sample_db.session() as session:
        session.execute(update(Notice).where(Notice.id == notice_id).values(pdf=b"%PDF-1.4 x"))
    with sample_db.reader() as session, pytest.raises(ServiceError, match="does not match"):
        stored_pdf(session, notice_id)


def test_stored_pdf_of_an_unknown_notice(sample_db):
    with sample_db.reader() as session, pytest.raises(NotFound):
        stored_pdf(session, 9999)


def test_opening_a_protected_recipients_notice_is_audited(sample_db, olivia):
    notice_id = _issue(sample_db, olivia, "recipient")
    before = _reads(sample_db)
    sample_db.run(lambda s: stored_pdf(s, notice_id, actor=olivia))
    assert _reads(sample_db) == before + 1


def test_opening_a_payors_notice_is_not_an_audited_read(sample_db, olivia):
    notice_id = _issue(sample_db, olivia, "payor")
    before = _reads(sample_db)
    sample_db.run(lambda s: stored_pdf(s, notice_id, actor=olivia))
    assert _reads(sample_db) == before


def test_audit_preview_only_for_the_protected_recipient(sample_db, olivia):
    before = _reads(sample_db)
    assert not sample_db.run(lambda s: audit_preview(s, olivia, SAMPLE_FILE_NO, "payor"))
    assert sample_db.run(lambda s: audit_preview(s, olivia, SAMPLE_FILE_NO, "recipient"))
    assert _reads(sample_db) == before + 1


def test_file_numbers_of_a_selection(sample_db, sample_case_id):
    with sample_db.reader() as session:
        assert file_numbers(session, [sample_case_id, 9999]) == {sample_case_id: SAMPLE_FILE_NO}
        assert file_numbers(session, []) == {}
