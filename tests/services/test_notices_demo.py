"""Notices across the demo caseload: every file either gets its notice or a clear refusal."""

from __future__ import annotations

import importlib.util
import io
import json
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from caseworker.models import Case
from caseworker.models.db import open_database
from caseworker.notices import KINDS
from caseworker.services.errors import ServiceError
from caseworker.services.notices import make_pdf, notice_data

TODAY = date(2026, 11, 23)
OPTIONS = {"intent": {"step": "credit_bureau"}, "closure": {"closure_reason": "withdrawn"}}


@pytest.fixture
def demo(demo_db_file):
    db = open_database(demo_db_file, read_only=True)
    yield db
    db.dispose()


def _real_demo() -> bool:
    # Without the demo generator the conftest stands in a tiny caseload with no addresses.
    return importlib.util.find_spec("caseworker.demo") is not None


def _located(case: Case, role: str = "recipient") -> set[str]:
    """Everything on record that locates the file's people in this role."""
    found: set[str] = set()
    for person in case.people(role):
        for address in person.addresses:
            found.update(x for x in (address.line1, address.line2, address.postal_code) if x)
            found.add(f"{address.city} {address.region}")
        for income in person.incomes:
            if income.employer is not None:
                found.add(income.employer.name)
                found.update(x for x in (income.employer.line1,) if x)
        found.update(p.number for p in person.phones)
    return found


def test_every_file_gets_a_statement_or_a_reason(demo):
    made = 0
    with demo.reader() as s:
        for case in s.scalars(select(Case)):
            try:
                data = notice_data(s, case.file_no, "statement", "payor", today=TODAY)
            except ServiceError as exc:
                assert case.file_no in str(exc) and "\n" not in str(exc)
                continue
            assert data["statement"]["case"] == case.file_no
            made += 1
    assert made > 0 or not _real_demo()  # the tiny stand-in caseload has no addresses


def test_protected_files_keep_the_recipient_hidden_on_every_kind(demo):
    with demo.reader() as s:
        protected = list(s.scalars(select(Case).where(Case.family_violence.is_(True))))
        assert protected, "the demo caseload has a family-violence file"
        made = 0
        for case in protected:
            # What the payor's own records say (a town they share, say) is no secret to them.
            secrets = _located(case) - _located(case, "payor")
            for kind in KINDS:
                for to in ("payor", "employer"):
                    try:
                        data = notice_data(s, case.file_no, kind, to, today=TODAY,
                                           **OPTIONS.get(kind, {}))
                    except ServiceError:
                        continue  # refused (wrong addressee, no address, stay...): nothing sent
                    # The office's own name and address are on every letter it sends
                    # (a recipient may work for the county that runs the program).
                    public = json.dumps(data["program"])
                    dumped = json.dumps({k: v for k, v in data.items() if k != "program"})
                    made += 1
                    reader = PdfReader(io.BytesIO(make_pdf(data)))
                    text = " ".join(p.extract_text() for p in reader.pages)
                    text = " ".join(text.split())
                    for secret in (x for x in secrets if x not in public):
                        assert secret not in dumped, (case.file_no, kind, to, secret)
                        assert " ".join(secret.split()) not in text, (case.file_no, kind, to)
    if _real_demo():
        assert made >= 3  # statement, court sheet, closure at least go to the payor
