"""Notices of intent: each policy's comparison with its thresholds, a kept arrangement,
and what the running record says about a notice (step, reason, amount)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseworker.models import Arrangement, Case, RecordEntry
from caseworker.services.accounts import policy_file
from caseworker.services.errors import ServiceError
from caseworker.services.notices import _intent, issue_notice
from tests.services.office import TODAY, make_office
from tests.services.test_notices import _close, _complete, _data


@pytest.fixture
def office(tmp_path):
    office = make_office(tmp_path / "office.sqlite")
    office.file_no = _complete(office)
    yield office
    office.db.dispose()


def _last_entry(office) -> str:
    with office.db.reader() as s:
        return s.scalars(select(RecordEntry).order_by(RecordEntry.id.desc())).first().text


def _issue(office, kind, to, **options) -> str:
    with office.db.session() as s:
        issue_notice(s, office.officer, office.file_no, kind, to, today=TODAY, **options)
    return _last_entry(office)


def test_running_record_names_the_step_of_a_notice_of_intent(office):
    text = _issue(office, "intent", "payor", step="credit_bureau")
    assert "Notice issued: Notice of intent to enforce (Report to Credit Bureaus) to" in text


def test_running_record_names_the_reason_of_a_closure_letter(office):
    _close(office)
    text = _issue(office, "closure", "payor", closure_reason="withdrawn")
    assert "Closure letter (Withdrawn from the program) to" in text


def test_running_record_names_the_amount_of_a_deduction_notice(office):
    text = _issue(office, "deduction", "employer", deduction_per_pay="212.50",
                  pay_frequency="biweekly")
    assert "($212.50 from each biweekly pay from 2026-11-23)" in text


def _check(office, policy: str, arrears: str, step: str = "licence_suspension") -> dict:
    data = {"statement": {"arrangement": []}}
    with office.db.reader() as s:
        _intent(s, data, s.get(Case, office.case_id), policy_file(policy), step,
                Decimal(arrears), TODAY)
    return data


def test_bc_opens_a_step_only_when_arrears_are_more_than_the_threshold(office):
    with pytest.raises(ServiceError, match=r"\$3,000.00 are not more than the program's "
                                           r"threshold of \$3,000.00"):
        _check(office, "bc-fmep", "3000.00")
    assert _check(office, "bc-fmep", "3000.01")["step"] == "licence_suspension"


def test_alberta_opens_a_step_when_arrears_reach_the_threshold(office):
    assert _check(office, "ab-mep", "3000.00", "passport_denial")["step"] == "passport_denial"
    with pytest.raises(ServiceError, match="below the program's threshold"):
        _check(office, "ab-mep", "2999.99", "passport_denial")


def _plan_from(office, start: date) -> None:
    with office.db.session() as s:
        for plan in s.scalars(select(Arrangement)):
            plan.start = start


def test_intent_is_refused_while_the_payor_keeps_an_arrangement(office):
    _plan_from(office, date(2026, 10, 1))  # one period missed: not in default yet
    for step in ("licence_suspension", "credit_bureau", "passport_denial"):
        with pytest.raises(ServiceError, match="is keeping the payment arrangement of "
                                               r"\$100.00 monthly from 2026-10-01"):
            _data(office, "intent", step=step)


def test_intent_goes_out_once_the_arrangement_is_in_default(office):
    _plan_from(office, date(2026, 8, 1))  # August to October missed: in default
    assert _data(office, "intent", step="licence_suspension")["step"] == "licence_suspension"


def test_an_arrangement_not_yet_begun_does_not_stop_an_intent(office):
    # The sample file's arrangement starts on 2026-12-15, after the figures' date.
    assert _data(office, "intent", step="credit_bureau")["step"] == "credit_bureau"
