"""Queue reasons that change with the date alone, and arrangements that follow the ledger."""

import time
from datetime import date

from sqlalchemy import select

from caseworker.models import Arrangement, CaseBalance
from caseworker.services import arrangements, balances, payments
from caseworker.services.record import entries
from tests.services.office import TODAY

LATER = date(2027, 1, 20)  # two periods of the arrangement below have ended unpaid


def _arrangement(office):
    """$600 a month from 15 November: not in default on TODAY, in default by LATER."""
    with office.db.session() as s:
        return arrangements.record_arrangement(
            s, actor=office.officer, case_id=office.case_id, amount="600.00",
            frequency="monthly", pay_day=15, start="2026-11-15", replaces=None, today=TODAY)


def _reason(office):
    with office.db.reader() as s:
        return s.get(CaseBalance, office.case_id).queue_reason or ""


def _status(office, plan_id):
    with office.db.reader() as s:
        return s.get(Arrangement, plan_id).status


def _refresh(office, today=LATER):
    with office.db.session() as s:
        return balances.refresh_stale(s, actor=office.officer, today=today)


def test_cache_computed_before_today_is_stale(office):
    _arrangement(office)
    with office.db.reader() as s:
        assert balances.stale_case_ids(s, actor=office.officer, today=LATER) == [office.case_id]


def test_cache_computed_today_is_not_stale(office):
    _arrangement(office)
    assert _refresh(office, today=TODAY) == 0


def test_arrangement_defaulted_by_date_alone_reaches_the_queue(office):
    _arrangement(office)
    assert "Arrangement defaulted" not in _reason(office)
    _refresh(office)
    assert _reason(office).startswith("Arrangement defaulted")


def test_refresh_dates_the_cache(office):
    _arrangement(office)
    _refresh(office)
    with office.db.reader() as s:
        assert s.get(CaseBalance, office.case_id).as_of == LATER


def test_arrangement_defaulted_by_date_alone_takes_the_status(office):
    plan = _arrangement(office)
    assert _status(office, plan) == "active"
    _refresh(office)
    assert _status(office, plan) == "defaulted"


def test_arrangement_going_into_default_writes_its_entry(office):
    _arrangement(office)
    _refresh(office)
    with office.db.reader() as s:
        texts = [e.text for e in entries(s, office.case_id)]
    assert ("Payment arrangement $600.00 monthly from 2026-11-15 is in default: "
            "2 periods in a row fell short.") in texts


def test_arrangement_back_in_good_standing_becomes_active(office):
    plan = _arrangement(office)
    _refresh(office)
    with office.db.session() as s:  # the missed payments turn up, posted late
        for received in ("2026-11-20", "2026-12-20"):
            payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                                  received=received, amount="1000.00", source="direct",
                                  today=LATER)
    assert _status(office, plan) == "active"


def test_defaulted_arrangement_is_replaced_by_the_next_one(office):
    plan = _arrangement(office)
    _refresh(office)
    with office.db.session() as s:
        seen = arrangements.current(s, office.case_id, LATER)
        arrangements.record_arrangement(
            s, actor=office.officer, case_id=office.case_id, amount="450.00",
            frequency="monthly", pay_day=20, start="2027-01-20", replaces=seen, today=LATER)
    assert _status(office, plan) == "replaced"


def test_ended_arrangement_in_default_leaves_the_queue(office):
    with office.db.session() as s:
        arrangements.record_arrangement(
            s, actor=office.officer, case_id=office.case_id, amount="600.00",
            frequency="monthly", pay_day=15, start="2026-11-15", end="2027-01-10",
            replaces=None, today=TODAY)
    _refresh(office, today=date(2027, 2, 20))
    assert "Arrangement defaulted" not in _reason(office)


def test_background_refresh_brings_every_stale_file_up_to_date(office):
    _arrangement(office)
    job = balances.StaleRefresh.for_database(office.db, office.officer, LATER, chunk=1).start()
    deadline = time.monotonic() + 30
    while not job.done and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (job.done, job.error, job.refreshed) == (True, None, 1)
    assert _reason(office).startswith("Arrangement defaulted")


def test_refresh_without_a_user_changes_no_status(office):
    plan = _arrangement(office)
    with office.db.session() as s:
        balances.refresh(s, [office.case_id], LATER)
        assert s.scalar(select(Arrangement.status).where(Arrangement.id == plan)) == "active"


def _any_stale(office, today):
    with office.db.reader() as s:
        return balances.any_stale(s, actor=office.officer, today=today)


def test_no_file_is_stale_on_the_day_its_cache_was_computed(office):
    assert _any_stale(office, TODAY) is False


def test_every_file_is_stale_once_the_day_rolls_over(office):
    assert _any_stale(office, date(2026, 11, 24)) is True


def test_a_file_without_a_cache_row_is_stale(office):
    with office.db.session() as s:
        s.delete(s.get(CaseBalance, office.case_id))
    assert _any_stale(office, TODAY) is True


def test_no_file_is_stale_after_the_stale_refresh(office):
    _refresh(office)
    assert _any_stale(office, LATER) is False
