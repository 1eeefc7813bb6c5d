"""Notices use the file's program's words: US spelling and offices for a California file."""

from __future__ import annotations

from datetime import date

import pytest

from caseworker.models import Case, Stay
from caseworker.notices.wording import step_title
from caseworker.services import payments
from caseworker.services.errors import ServiceError
from caseworker.services.notices import make_pdf, notice_data, program_words
from tests.services.office import TODAY, make_office
from tests.services.test_notices import _complete, _text


@pytest.fixture(params=["ca-county", "ab-mep"])
def program_file(request, tmp_path):
    office = make_office(tmp_path / "office.sqlite")
    office.file_no = _complete(office)
    with office.db.session() as s:
        s.get(Case, office.case_id).policy = request.param
        payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                              received="2025-12-05", amount="100.00", source="wage",
                              reference="PAY", today=TODAY)
    office.policy = request.param
    yield office
    office.db.dispose()


def _notice(office, kind, to, **options) -> str:
    with office.db.reader() as s:
        return _text(make_pdf(notice_data(s, office.file_no, kind, to, today=TODAY,
                                          **options)))


US = {"ca-county": True, "ab-mep": False}


def test_licence_suspension_intent_is_worded_for_the_program(program_file):
    text = _notice(program_file, "intent", "payor", step="licence_suspension")
    if US[program_file.policy]:
        assert "Driver's License Suspension" in text
        assert "ask the Department of Motor Vehicles to suspend your driver's license" in text
        assert "licence" not in text.lower()
    else:
        assert "Driver's Licence Suspension" in text
        assert "ask the motor vehicle registry to suspend your driver's licence" in text


def test_deduction_notice_is_titled_for_the_program(program_file):
    text = _notice(program_file, "deduction", "employer")
    if US[program_file.policy]:
        assert "Income Withholding for Support" in text
        assert "Support Deduction Notice" not in text
    else:
        assert "Support Deduction Notice" in text


def test_wage_payments_are_named_in_the_programs_words(program_file):
    text = _notice(program_file, "statement", "payor")
    if US[program_file.policy]:
        assert "Payment received: Income withholding" in text
        assert "Wage deduction" not in text
    else:
        assert "Payment received: Wage deduction" in text


def test_demand_letter_names_the_licence_in_the_programs_spelling(program_file):
    text = _notice(program_file, "default", "payor")
    expected = "driver's license" if US[program_file.policy] else "driver's licence"
    assert f"the suspension of your {expected}" in text


def test_the_window_offers_the_step_in_the_programs_words(program_file):
    with program_file.db.reader() as s:
        words = program_words(s, program_file.case_id)
    expected = ("Driver's License Suspension" if US[program_file.policy]
                else "Driver's Licence Suspension")
    assert step_title("licence_suspension", words) == expected


def test_a_refusal_names_the_stay_in_the_programs_words_not_its_code(program_file):
    with program_file.db.session() as s:
        s.add(Stay(case_id=program_file.case_id, scope="drivers_licence", reason="appeal",
                   start=date(2026, 10, 1), end=None))
    with program_file.db.reader() as s, pytest.raises(ServiceError) as refused:
        notice_data(s, program_file.file_no, "intent", "payor", today=TODAY,
                    step="licence_suspension")
    spelt = "license" if US[program_file.policy] else "licence"
    assert f"a stay of driver's {spelt} suspension from 2026-10-01 forbids" in str(refused.value)
    assert "drivers_licence" not in str(refused.value)
