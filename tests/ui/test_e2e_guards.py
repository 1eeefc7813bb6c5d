"""End to end, what must not happen: bad input saves nothing, and two officers recording an
arrangement on one file never overwrite each other silently.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit
from sqlalchemy import func, select

from caseworker.models import Arrangement, Payment, RecordEntry
from caseworker.services.context import actor_for
from caseworker.ui.dialogs.arrangement import ArrangementDialog
from caseworker.ui.dialogs.payment import PostPaymentDialog
from caseworker.ui.hub import AppContext, Hub
from caseworker.ui.queue_model import COL_REASON
from tests.ui.dialogs.conftest import type_date
from tests.ui.e2e_helpers import (
    CTRL,
    LEFT,
    assert_account_tab_matches,
    make_window,
    open_by_search,
    queue_money,
    queue_owing,
    record_texts,
    run_dialog,
    shortcut,
    statement,
)

FILE_NO = "AB-2022-00001"   # mkowalchuk's file, North team


@pytest.fixture
def said(monkeypatch):
    from caseworker.ui import messages

    heard: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "error", lambda _p, _t, text: heard.append(("error", text)))
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: heard.append(("info", text)))
    return heard


def _count(db, model, case_id: int) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(model)
                              .where(model.case_id == case_id))


def test_payment_dated_tomorrow_is_refused_beside_the_date_and_saves_nothing(
        qtbot, app_context, db, said):
    window = make_window(qtbot, app_context)
    case_id = open_by_search(qtbot, window, FILE_NO)
    payments, entries = _count(db, Payment, case_id), _count(db, RecordEntry, case_id)
    shown_record = record_texts(window)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    seen = {}

    def fill(dialog):
        qtbot.keyClicks(dialog.amount, "250.00")
        type_date(qtbot, dialog.received, tomorrow)
        qtbot.mouseClick(dialog.ok_button, LEFT)
        seen["message"] = dialog.form.message_for("received")
        seen["open"] = dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_P), fill,
                        kind=PostPaymentDialog)
    assert seen == {"message": "A payment cannot be received in the future", "open": True}
    assert not dialog.left_open and dialog.result_id is None and said == []
    assert (_count(db, Payment, case_id), _count(db, RecordEntry, case_id)) == (
        payments, entries)
    assert record_texts(window) == shown_record
    assert_account_tab_matches(window, statement(db, case_id))


def _second_officer_window(qtbot, db, username: str):
    """Another officer of the team, at a window of his own, opening the file by its number
    (Ctrl+O): it is not in his own queue."""
    with db.reader() as session:
        ctx = AppContext(db=db, actor=actor_for(session, username), hub=Hub())
    window = make_window(qtbot, ctx)

    def type_number(dialog):
        box = dialog.findChild(QLineEdit)
        qtbot.keyClicks(box, FILE_NO)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    with qtbot.waitSignal(ctx.hub.case_opened, timeout=5000):
        run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_O, CTRL), type_number,
                   kind=QInputDialog)
    return window


def test_second_arrangement_recorded_meanwhile_is_named_and_replaced_only_knowingly(
        qtbot, app_context, db, said):
    officer = make_window(qtbot, app_context)
    case_id = open_by_search(qtbot, officer, FILE_NO)
    colleague = _second_officer_window(qtbot, db, "dsidhu")
    assert colleague.case_id == case_id
    seen = {}

    def colleague_records(dialog):
        qtbot.keyClicks(dialog.amount, "200.00")
        qtbot.waitUntil(lambda: dialog.last is not None)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    def officer_negotiates(dialog):
        qtbot.keyClicks(dialog.amount, "300.00")
        qtbot.waitUntil(lambda: dialog.last is not None)
        # Meanwhile the colleague, at his own window, records one for the same file.
        theirs = run_dialog(qtbot, colleague.action_map["arrangement"].trigger,
                            colleague_records, kind=ArrangementDialog)
        seen["theirs"] = theirs.result_id
        qtbot.mouseClick(dialog.ok_button, LEFT)   # refused: names theirs, saves nothing
        seen["first"] = (dialog.isVisible(), list(said))
        qtbot.mouseClick(dialog.ok_button, LEFT)   # again, knowingly: replaces theirs

    mine = run_dialog(qtbot, shortcut(qtbot, officer, Qt.Key.Key_G), officer_negotiates,
                      kind=ArrangementDialog)
    still_open, messages = seen["first"]
    assert still_open
    assert len(messages) == 1 and messages[0][0] == "error"
    assert "changed meanwhile" in messages[0][1] and "$200.00" in messages[0][1]
    assert not mine.left_open
    with db.reader() as session:
        rows = {a.id: (a.amount, a.status) for a in session.scalars(
            select(Arrangement).where(Arrangement.case_id == case_id))}
    assert rows[seen["theirs"]] == (Decimal("200.00"), "replaced")
    assert rows[mine.result_id] == (Decimal("300.00"), "active")
    after = statement(db, case_id)
    assert_account_tab_matches(officer, after)
    assert record_texts(officer)[0].startswith("Payment arrangement recorded: $300.00 monthly")
    assert queue_owing(officer, case_id) == queue_money(after["totals"]["total_owing"])


def test_backdated_arrangement_that_fell_short_puts_the_file_in_the_queue_as_defaulted(
        qtbot, app_context, db):
    window = make_window(qtbot, app_context)
    case_id = open_by_search(qtbot, window, FILE_NO)
    today = date.today()
    month = today.month - 2
    start = date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    def fill(dialog):
        qtbot.keyClicks(dialog.amount, "300.00")
        qtbot.waitUntil(lambda: dialog.last is not None)
        type_date(qtbot, dialog.start, start.isoformat())
        qtbot.mouseClick(dialog.ok_button, LEFT)

    run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_G), fill, kind=ArrangementDialog)
    after = statement(db, case_id)
    assert any(p["in_default"] for p in after["arrangement"])  # the $96 payments fell short
    model = window.queue.model
    assert model.data(model.index(model.row_of(case_id), COL_REASON)).startswith(
        "Arrangement defaulted")
    periods = window.file_view.account_tab.periods
    assert [periods.display(periods.row_at(r), periods.COL_STATUS).endswith("in default")
            for r in range(periods.rowCount())] == [p["in_default"] for p in after["arrangement"]]
    assert record_texts(window)[0].startswith(
        f"Payment arrangement $300.00 monthly from {start.isoformat()} is in default")
    assert_account_tab_matches(window, after)
