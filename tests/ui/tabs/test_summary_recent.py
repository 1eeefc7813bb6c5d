"""The Summary tab's lower half: the latest payments newest first, and the open tasks."""

from __future__ import annotations

from caseworker.services import files
from caseworker.services.context import actor_for
from caseworker.ui.tabs.summary import SummaryTab
from caseworker.ui.tabs.summary_recent import RECENT_PAYMENTS


def _detail(sample_db, case_id) -> files.FileDetail:
    with sample_db.session() as session:
        return files.load_file(session, case_id, actor=actor_for(session, "olivia"))


def test_summary_lists_the_latest_payments_newest_first_and_the_open_tasks(
        qtbot, sample_db, sample_case_id):
    detail = _detail(sample_db, sample_case_id)
    tab = SummaryTab()
    qtbot.addWidget(tab)
    tab.set_file(detail)
    payments = tab.recent.payments
    received = [payments.row_at(r).received for r in range(payments.rowCount())]
    assert received == sorted(received, reverse=True)
    assert len(received) == min(RECENT_PAYMENTS, len(detail.account.payments))
    assert received[0] == max(p.received for p in detail.account.payments)
    tasks = tab.recent.tasks
    shown = [tasks.row_at(r) for r in range(tasks.rowCount())]
    assert shown == sorted((t for t in detail.tasks if t.done_on is None), key=lambda t: t.due)


def test_summary_of_no_file_is_empty_and_says_so(qtbot):
    tab = SummaryTab()
    qtbot.addWidget(tab)
    tab.set_file(None)
    assert tab.recent.payments.rowCount() == 0
    assert "No payment" in tab.recent.payments_view.empty_text()
    assert "No open task" in tab.recent.tasks_view.empty_text()
