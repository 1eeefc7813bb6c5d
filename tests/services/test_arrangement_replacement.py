"""A replaced arrangement stops counting; recording one checks what the officer saw."""

from datetime import date

import pytest
from sqlalchemy import select

from caseworker.models import Arrangement, CaseBalance
from caseworker.services import arrangements, files
from caseworker.services.errors import StaleRecord
from tests.services.office import TODAY


def _record(office, *, start, amount="600.00", replaces=None, today=TODAY, pay_day=15):
    with office.db.session() as s:
        return arrangements.record_arrangement(
            s, actor=office.officer, case_id=office.case_id, amount=amount,
            frequency="monthly", pay_day=pay_day, start=start, replaces=replaces, today=today)


def _current(office):
    with office.db.reader() as s:
        return arrangements.current(s, office.case_id)


def _periods(office, as_of=TODAY):
    with office.db.reader() as s:
        return files.account(s, office.case_id, today=as_of).statement.arrangement


def _reason(office):
    with office.db.reader() as s:
        return s.get(CaseBalance, office.case_id).queue_reason or ""


@pytest.fixture
def defaulted(office):
    """An arrangement from June 2026 nobody paid: in default by November."""
    _record(office, start="2026-06-15")
    assert "Arrangement defaulted" in _reason(office)
    return office


def test_replaced_arrangement_ends_the_day_before_the_new_one(defaulted):
    first = _current(defaulted)
    _record(defaulted, start="2026-11-20", amount="450.00", pay_day=20, replaces=first)
    with defaulted.db.reader() as s:
        old = s.get(Arrangement, first.id)
        assert (old.status, old.end) == ("replaced", date(2026, 11, 19))


def test_replaced_arrangement_has_no_period_after_the_replacement(defaulted):
    first = _current(defaulted)
    _record(defaulted, start="2026-11-20", amount="450.00", pay_day=20, replaces=first)
    later = _periods(defaulted, as_of=date(2027, 2, 1))
    old = [p for p in later if p.arrangement == f"PA{first.id}"]
    # June to November: its history stays, nothing begins on or after 20 November.
    assert [p.start for p in old] == [date(2026, m, 15) for m in range(6, 12)]


def test_replaced_arrangement_keeps_its_default_in_its_history(defaulted):
    first = _current(defaulted)
    _record(defaulted, start="2026-11-20", amount="450.00", pay_day=20, replaces=first)
    old = [p for p in _periods(defaulted) if p.arrangement == f"PA{first.id}"]
    assert old[-1].in_default


def test_new_arrangement_takes_the_file_out_of_the_default_reason(defaulted):
    first = _current(defaulted)
    _record(defaulted, start="2026-11-20", amount="450.00", pay_day=20, replaces=first)
    assert "Arrangement defaulted" not in _reason(defaulted)


def test_new_arrangement_periods_follow_the_new_terms(defaulted):
    first = _current(defaulted)
    new_id = _record(defaulted, start="2026-11-20", amount="450.00", pay_day=20,
                     replaces=first)
    new = [p for p in _periods(defaulted) if p.arrangement == f"PA{new_id}"]
    assert [(p.start, p.in_default) for p in new] == [(date(2026, 11, 20), False)]


def test_arrangement_replaced_before_it_began_has_no_periods(office):
    first_id = _record(office, start="2026-12-15")
    _record(office, start="2026-12-01", amount="450.00", pay_day=1, replaces=_current(office))
    later = _periods(office, as_of=date(2027, 2, 1))
    assert not [p for p in later if p.arrangement == f"PA{first_id}"]


def test_recording_over_an_arrangement_recorded_meanwhile_is_stale(office):
    seen = _current(office)  # none yet
    _record(office, start="2026-12-15")  # another officer, meanwhile
    with pytest.raises(StaleRecord) as caught:
        _record(office, start="2026-12-20", amount="450.00", pay_day=20, replaces=seen)
    assert caught.value.theirs["amount"] == "$600.00"


def test_stale_arrangement_writes_nothing(office):
    seen = _current(office)
    _record(office, start="2026-12-15")
    with pytest.raises(StaleRecord):
        _record(office, start="2026-12-20", amount="450.00", pay_day=20, replaces=seen)
    with office.db.reader() as s:
        rows = s.execute(select(Arrangement.amount, Arrangement.status)).all()
    assert [(str(a), st) for a, st in rows] == [("600.00", "active")]


def test_recording_over_a_replaced_arrangement_is_stale(office):
    _record(office, start="2026-12-15")
    seen = _current(office)
    _record(office, start="2026-12-20", amount="500.00", pay_day=20, replaces=seen)
    with pytest.raises(StaleRecord):
        _record(office, start="2026-12-20", amount="450.00", pay_day=20, replaces=seen)


def test_recording_over_the_arrangement_seen_replaces_it(office):
    _record(office, start="2026-12-15")
    _record(office, start="2026-12-20", amount="450.00", pay_day=20, replaces=_current(office))
    assert _current(office).amount == 450
