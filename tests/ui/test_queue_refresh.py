"""Opening the window brings stale queue reasons up to today in the background."""

from datetime import date

from PySide6.QtCore import QObject

from caseworker.models import CaseBalance
from caseworker.services import arrangements
from caseworker.ui.app import start_queue_refresh
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
