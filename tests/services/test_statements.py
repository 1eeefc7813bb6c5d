"""The statement service: the ledger's dict for a file, and its text and JSON renderings."""

from __future__ import annotations

import json
from datetime import date

import pytest

from caseworker import ledger, models
from caseworker.ledger.text import money
from caseworker.services import statements
from caseworker.services.accounts import account_document
from caseworker.services.errors import NotFound
from tests.conftest import SAMPLE_FILE_NO


def _ledger(session, case_id: int, as_of: date) -> dict:
    return ledger.statement(account_document(session, case_id), as_of=as_of.isoformat())


def test_statement_for_is_the_ledgers_statement_as_of_today(sample_db, sample_case_id):
    with sample_db.session() as session:
        expected = _ledger(session, sample_case_id, date.today())
        assert statements.statement_for(session, sample_case_id) == expected


def test_statement_for_takes_an_as_of_date(sample_db, sample_case_id):
    with sample_db.session() as session:
        result = statements.statement_for(session, sample_case_id, date(2025, 3, 1))
    assert result["as_of"] == "2025-03-01"
    assert result["lines"][-1]["date"] <= "2025-03-01"


def test_statement_json_is_the_statement_dict_exactly(sample_db, sample_case_id):
    with sample_db.session() as session:
        text = statements.statement_json(session, sample_case_id)
        assert json.loads(text) == _ledger(session, sample_case_id, date.today())
    assert text.startswith('{\n  "case": ')


def test_statement_text_names_the_file_and_its_total(sample_db, sample_case_id):
    with sample_db.session() as session:
        total = _ledger(session, sample_case_id, date.today())["totals"]["total_owing"]
        text = statements.statement_text(session, sample_case_id)
    assert f"File: {SAMPLE_FILE_NO}" in text
    assert "TOTAL OWING" in text and money(total) in text


def test_statement_text_uses_the_programs_words(sample_db, sample_case_id):
    with sample_db.session() as session:
        session.get(models.Case, sample_case_id).policy = "ab-mep"
        session.flush()
        text = statements.statement_text(session, sample_case_id)
    assert "\n  creditor " in text   # MEP's word for the recipient, in "Owing by payee"


def test_statement_text_names_the_files_currency(sample_db, sample_case_id):
    with sample_db.session() as session:
        currency = session.get(models.Case, sample_case_id).currency
        text = statements.statement_text(session, sample_case_id)
    assert f"Amounts in {currency}" in text


def test_statement_file_refuses_an_unknown_format(sample_db, sample_case_id):
    with sample_db.session() as session, pytest.raises(ValueError, match="pdf"):
        statements.statement_file(session, sample_case_id, "pdf")


def test_words_for_a_missing_file_is_not_found(sample_db):
    with sample_db.session() as session, pytest.raises(NotFound):
        statements.words_for(session, 999_999)
