"""Opening the window brings stale queue reasons up to today in the background."""

from datetime import date

from PySide6.QtCore import QObject

from caseworker.models import CaseBalance
from caseworker.services import arrangements
from caseworker.ui.app import QueueRefresher, start_queue_refresh
from caseworker.ui.hub import AppContext, Hub
from tests.services.office import TODAY, make_office

LATER = date(2027, 1, 20)


def _office(tmp_path):
    office = make_office(tmp_path / "office.sqlite")
    with office.db.session() as s:  # in default by LATER, by the date alone
        arrangements.record_arrangement(
            s, actor=office.officer, case_id=office.case_id, amount="600.00",
            frequency="monthly", pay_day=15, start="2026-11-15", replaces=None, today=TODAY)
    return office


def test_window_refresh_puts_the_defaulted_file_in_the_queue(qapp, qtbot, tmp_path):
    office = _office(tmp_path)
    ctx = AppContext(db=office.db, actor=office.officer, hub=Hub())
    reloads = []
    ctx.hub.caseload_changed.connect(lambda: reloads.append(1))
    owner = QObject()
    job = start_queue_refresh(ctx, owner, today=LATER)
    qtbot.waitUntil(lambda: bool(job.done and reloads), timeout=30000)
    with office.db.reader() as s:
        assert s.get(CaseBalance, office.case_id).queue_reason.startswith(
            "Arrangement defaulted")
    office.db.dispose()


def test_window_refresh_says_how_many_files(qapp, qtbot, tmp_path):
    office = _office(tmp_path)
    ctx = AppContext(db=office.db, actor=office.officer, hub=Hub())
    said = []
    ctx.hub.status_message.connect(said.append)
    owner = QObject()
    job = start_queue_refresh(ctx, owner, today=LATER)
    qtbot.waitUntil(lambda: bool(job.done and said), timeout=30000)
    assert said == ["Queue brought up to date: 1 file recalculated."]
    office.db.dispose()


class _Clock:
    """The refresher's idea of today, moved by the test (no waiting for midnight)."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> date:
        return self.day


def _refresher(qtbot, office, clock, check_ms=3_600_000):
    ctx = AppContext(db=office.db, actor=office.officer, hub=Hub())
    owner = QObject()
    refresher = QueueRefresher(ctx, owner, today=clock, check_ms=check_ms)
    first = refresher.start()
    qtbot.waitUntil(lambda: first.done, timeout=30000)
    return owner, refresher, first


def test_refresh_after_the_date_changed_starts_a_new_stale_refresh(qapp, qtbot, tmp_path):
    office = _office(tmp_path)
    clock = _Clock(TODAY)
    owner, refresher, first = _refresher(qtbot, office, clock)
    clock.day = LATER
    job = refresher.check()                  # what F5 does
    assert job is not None and job is not first
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    with office.db.reader() as s:
        balance = s.get(CaseBalance, office.case_id)
        assert balance.as_of == LATER
        assert balance.queue_reason.startswith("Arrangement defaulted")
    refresher.stop()
    office.db.dispose()


def test_refresh_on_the_same_day_starts_nothing(qapp, qtbot, tmp_path):
    office = _office(tmp_path)
    owner, refresher, first = _refresher(qtbot, office, _Clock(TODAY))
    assert refresher.check() is None
    assert refresher.job is first
    refresher.stop()
    office.db.dispose()


def test_the_timer_notices_the_day_rolled_over(qapp, qtbot, tmp_path):
    office = _office(tmp_path)
    clock = _Clock(TODAY)
    owner, refresher, first = _refresher(qtbot, office, clock, check_ms=20)
    clock.day = LATER
    qtbot.waitUntil(lambda: refresher.job is not first and refresher.job.done, timeout=30000)
    with office.db.reader() as s:
        assert s.get(CaseBalance, office.case_id).as_of == LATER
    refresher.stop()
    office.db.dispose()
