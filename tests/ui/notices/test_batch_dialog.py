"""The batch dialog over demo files: eligible files get the notice, the others are listed."""

from __future__ import annotations

import hashlib
import time

import pytest
from sqlalchemy import func, select

from caseworker.models import Case, Notice, RecordEntry
from caseworker.services import notices as notices_service
from caseworker.services.errors import ServiceError
from caseworker.services.notices import notice_data
from caseworker.ui.notices.batch_dialog import BatchDialog
from tests.ui.notices.conftest import choose, click

WAIT_MS = 60_000  # a generous bound on a few files' worth of PDFs on a busy machine


def _split(ctx, kind: str) -> tuple[list[int], dict[int, str]]:
    """The demo's files that can get `kind` for the payor, and the others with the reason."""
    eligible, refused = [], {}
    with ctx.db.reader() as session:
        for case_id, file_no in session.execute(select(Case.id, Case.file_no)
                                                .order_by(Case.file_no)):
            try:
                notice_data(session, file_no, kind, "payor")
                eligible.append(case_id)
            except ServiceError as exc:
                refused[case_id] = str(exc)
    return eligible, refused


def _notices(ctx, case_ids) -> int:
    with ctx.db.reader() as session:
        return session.scalar(select(func.count()).select_from(Notice)
                              .where(Notice.case_id.in_(list(case_ids))))


@pytest.fixture
def mixed(app_context):
    """Three files that can get a notice of default and two that cannot, mixed."""
    assert app_context.actor.may("issue_notice")
    eligible, refused = _split(app_context, "default")
    assert len(eligible) >= 3 and len(refused) >= 2
    no = list(refused)
    return [eligible[0], no[0], eligible[1], no[1], eligible[2]], refused


def _run(qtbot, shown, ctx, case_ids, kind="default") -> BatchDialog:
    dialog = shown(BatchDialog(ctx, case_ids))
    choose(qtbot, dialog, kind, "payor")
    click(qtbot, dialog.issue_button)
    return dialog


def test_batch_issues_to_the_eligible_files_and_lists_the_others(qtbot, shown, app_context,
                                                                 mixed):
    case_ids, refused = mixed
    dialog = _run(qtbot, shown, app_context, case_ids)
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=WAIT_MS)
    assert dialog.progress.value() == dialog.progress.maximum() == 5
    rows = [dialog.refused.row_at(i) for i in range(dialog.refused.rowCount())]
    listed = {row.file_no: row.reason for row in rows}
    by_no = dict(zip(dialog.file_nos, dialog.case_ids, strict=True))
    assert {by_no[no]: reason for no, reason in listed.items()} == {
        cid: refused[cid] for cid in case_ids if cid in refused}
    assert dialog.refused_view.isVisible()
    assert _notices(app_context, [c for c in case_ids if c not in refused]) == 3
    assert _notices(app_context, [c for c in case_ids if c in refused]) == 0
    assert dialog.status.text().startswith("Issued to 3 files. 2 could not get it")


def test_batch_tells_the_window_what_changed(qtbot, shown, app_context, mixed):
    case_ids, refused = mixed
    heard = []
    app_context.hub.case_changed.connect(lambda case_id: heard.append(case_id))
    app_context.hub.caseload_changed.connect(lambda: heard.append("caseload"))
    dialog = _run(qtbot, shown, app_context, case_ids)
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=WAIT_MS)
    assert heard == [c for c in case_ids if c not in refused] + ["caseload"]


def test_the_close_button_is_cancel_while_running_and_close_after(qtbot, shown, app_context,
                                                                   mixed):
    dialog = _run(qtbot, shown, app_context, mixed[0])
    assert dialog.cancel_button.text() == "Cancel" and not dialog.issue_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=WAIT_MS)
    assert dialog.cancel_button.text() == "Close"
    click(qtbot, dialog.cancel_button)
    assert dialog.result() == dialog.DialogCode.Rejected


def test_cancel_stops_after_the_file_in_hand_and_leaves_nothing_half_written(
        qtbot, shown, app_context, monkeypatch):
    every, _ = _split(app_context, "statement")
    assert len(every) >= 30
    real = notices_service.issue_notice

    def slow(*args, **kwargs):  # every file takes a while, so the batch is still going on
        time.sleep(0.05)
        return real(*args, **kwargs)

    monkeypatch.setattr(notices_service, "issue_notice", slow)
    with app_context.db.reader() as session:
        entries_before = session.scalar(select(func.count()).select_from(RecordEntry))
    dialog = _run(qtbot, shown, app_context, every, kind="statement")
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=WAIT_MS)
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=WAIT_MS)
    issued = dialog.issued_ids()
    assert 1 <= len(issued) <= 5 < len(every)
    assert "not reached" in dialog.status.text()
    with app_context.db.reader() as session:
        notices = session.scalars(select(Notice)).all()
        assert sorted(n.id for n in notices if n.kind == "statement") == sorted(issued)
        assert all(hashlib.sha256(n.pdf).hexdigest() == n.sha256 for n in notices)
        logged = session.scalars(select(RecordEntry.text)).all()
        assert len(logged) == entries_before + len(issued)
        assert sum(t.startswith("Notice issued: Statement") for t in logged) == len(issued)


def test_no_files_selected_cannot_issue(qtbot, shown, app_context):
    dialog = shown(BatchDialog(app_context, []))
    assert not dialog.issue_button.isEnabled()
    assert dialog.status.text() == "No files are selected."


def test_closing_while_running_stops_the_batch_then_closes(qtbot, shown, app_context,
                                                           monkeypatch):
    every, _ = _split(app_context, "statement")
    real = notices_service.issue_notice
    monkeypatch.setattr(notices_service, "issue_notice",
                        lambda *a, **k: time.sleep(0.05) or real(*a, **k))
    dialog = _run(qtbot, shown, app_context, every, kind="statement")
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=WAIT_MS)
    dialog.close()
    assert dialog.isVisible()  # not before the file in hand is done
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert len(dialog.results) < len(every)


def test_a_batch_stopped_by_an_unexpected_error_says_so(qtbot, shown, app_context, mixed,
                                                        monkeypatch):
    def broken(db, actor, file_nos, *args, progress, **kwargs):
        progress(1, len(file_nos))
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(notices_service, "issue_batch", broken)
    heard = []
    app_context.hub.caseload_changed.connect(lambda: heard.append("caseload"))
    dialog = _run(qtbot, shown, app_context, mixed[0])
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=WAIT_MS)
    assert "unexpected error: disk I/O error" in dialog.status.text()
    assert "The first 1 file had been dealt with" in dialog.status.text()
    assert heard == ["caseload"] and dialog.cancel_button.text() == "Close"
