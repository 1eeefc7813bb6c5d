"""An order's terms and dates checked by the service, with the form's field names."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from caseworker.models import CourtOrder
from caseworker.services import accounts
from caseworker.services.errors import ServiceError, ValidationError
from caseworker.services.orders import TermInput, add_order
from tests.services.office import TODAY


def _orders(office) -> int:
    with office.db.reader() as s:
        return s.scalar(select(func.count()).select_from(CourtOrder))


def _add(office, *terms: TermInput, made_on=TODAY) -> int:
    with office.db.session() as s:
        return add_order(s, actor=office.officer, case_id=office.case_id, court="KB",
                         made_on=made_on, terms=list(terms), today=TODAY)


def _semi(days: list[int]) -> TermInput:
    return TermInput(kind="periodic", amount="100.00", frequency="semi_monthly", days=days,
                     start="2026-01-01")


def test_a_twice_a_month_term_on_the_same_day_twice_is_refused_beside_the_days(office):
    with pytest.raises(ValidationError) as raised:
        _add(office, _semi([15, 15]))
    assert raised.value.field == "terms[0].days"
    assert str(raised.value) == "the two days of a twice-a-month term must differ"
    assert _orders(office) == 1


def test_a_twice_a_month_term_from_the_28th_on_is_refused_beside_the_days(office):
    with pytest.raises(ValidationError) as raised:
        _add(office, _semi([28, 31]))
    assert raised.value.field == "terms[0].days"
    assert "27th" in str(raised.value)


def test_a_weekly_term_with_a_day_of_the_month_is_refused_beside_the_day(office):
    term = TermInput(kind="periodic", amount="50.00", frequency="weekly", day=5,
                     start="2026-01-01")
    with pytest.raises(ValidationError) as raised:
        _add(office, term)
    assert raised.value.field == "terms[0].day"


def test_the_ledger_refusing_a_new_term_is_said_beside_it_without_its_id(office, monkeypatch):
    real = accounts._term

    def fussy(row, supersedes):   # the ledger sees a schedule the service let through
        term = real(row, supersedes)
        if row.category == "boom":
            term["days"] = [15, 15]
        return term

    monkeypatch.setattr(accounts, "_term", fussy)
    term = _semi([1, 15])
    term.category = "boom"
    with pytest.raises(ValidationError) as raised:
        _add(office, _semi([1, 15]), term)
    assert raised.value.field == "terms[1].days"
    assert str(raised.value) == ("the account cannot take this term: days must be two "
                                 "different days of the month, 1-31")
    assert _orders(office) == 1


def test_the_ledger_refusing_another_row_is_a_service_error(office, monkeypatch):
    real = accounts.documents_for

    def broken(session, case_ids):
        documents = real(session, case_ids)
        for document in documents.values():
            document["currency"] = 5
        return documents

    monkeypatch.setattr(accounts, "documents_for", broken)
    monkeypatch.setattr("caseworker.services.balances.documents_for", broken)
    with pytest.raises(ServiceError, match="cannot be recalculated with this order"):
        _add(office, _semi([1, 15]))
    assert _orders(office) == 1


def test_an_order_made_in_the_future_is_refused(office):
    with pytest.raises(ValidationError) as raised:
        _add(office, _semi([1, 15]), made_on=TODAY + timedelta(days=1))
    assert raised.value.field == "made_on"
    assert _orders(office) == 1


def test_an_order_made_today_may_start_later(office):
    later = TermInput(kind="periodic", amount="100.00", frequency="monthly", day=1,
                      start=TODAY + timedelta(days=100))
    assert _add(office, later)
