"""End to end from the main window: post a payment, reverse one (NSF), credit the account.

Each test starts from the real MainWindow on a copy of the demo database, opens a file
by searching the queue, presses the action's shortcut, fills the dialog with keys and
clicks, and then checks the database, the Account tab against `caseworker.ledger.statement`
computed here for the same file and day, the running record and the queue's Owing column.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from caseworker.models import Adjustment, Payment
from caseworker.ui.dialogs.payment import (
    AdjustmentDialog,
    PostPaymentDialog,
    ReversePaymentDialog,
)
from caseworker.ui.queue_model import COL_DAYS
from tests.ui.dialogs.conftest import pick, type_date
from tests.ui.e2e_helpers import (
    LEFT,
    assert_account_tab_matches,
    click,
    make_window,
    open_by_search,
    queue_money,
    queue_owing,
    record_texts,
    run_dialog,
    shortcut,
    statement,
)

FILE_NO = "AB-2022-00001"  # the demo officer's own file: a variation, $96 monthly payments


@pytest.fixture
def said(monkeypatch):
    """Message boxes stubbed (caseworker.ui.messages is the one place): what they said."""
    from caseworker.ui import messages

    heard: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "error", lambda _p, _t, text: heard.append(("error", text)))
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: heard.append(("info", text)))
    return heard


@pytest.fixture
def desk(qtbot, app_context):
    """The officer's window with the file open: (window, case id)."""
    window = make_window(qtbot, app_context)
    return window, open_by_search(qtbot, window, FILE_NO)


def test_post_payment_shortcut_saves_and_refreshes_every_panel(qtbot, desk, db, said):
    window, case_id = desk
    before = statement(db, case_id)
    received = date.today() - timedelta(days=2)

    def fill(dialog):
        qtbot.keyClicks(dialog.amount, "250.00")
        type_date(qtbot, dialog.received, received.isoformat())
        pick(qtbot, dialog.source, "Direct")
        qtbot.keyClicks(dialog.reference, "CHQ 2201")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_P), fill,
                        kind=PostPaymentDialog)
    assert not dialog.left_open and said == []

    with db.reader() as session:
        payment = session.get(Payment, dialog.result_id)
        assert (payment.case_id, payment.received, payment.amount, payment.source,
                payment.reference, payment.reverses_id) == (
            case_id, received, Decimal("250.00"), "direct", "CHQ 2201", None)
    after = statement(db, case_id)
    assert Decimal(after["totals"]["total_owing"]) == (
        Decimal(before["totals"]["total_owing"]) - Decimal("250.00"))
    assert_account_tab_matches(window, after)
    assert record_texts(window)[0] == (f"Payment posted: $250.00 received "
                                       f"{received.isoformat()} (direct, ref. CHQ 2201).")
    assert queue_owing(window, case_id) == queue_money(after["totals"]["total_owing"])
    queue = window.queue.model
    assert queue.data(queue.index(queue.row_of(case_id), COL_DAYS)) == "2"  # since paid
    payments = window.file_view.account_tab.payments
    assert any(payments.row_at(r).id == dialog.result_id for r in range(payments.rowCount()))


def _payment_line(window, payment_id: int) -> int:
    model = window.file_view.account_tab.statement
    return next(r for r in range(model.rowCount()) if model.row_at(r).ref == f"P{payment_id}")


def test_nsf_reversal_of_the_payment_selected_on_the_account_tab(qtbot, desk, db, said):
    window, case_id = desk
    tab = window.file_view.account_tab
    window.file_view.tabs.setCurrentWidget(tab)
    with db.reader() as session:  # the file's last payment: $96, under the approval threshold
        last = session.scalars(select(Payment).where(Payment.case_id == case_id)
                               .order_by(Payment.received.desc())).first()
        last_id, paid_on, amount = last.id, last.received, last.amount
    before = statement(db, case_id)
    # The officer clicks the payment's line on the statement; Reverse offers that payment.
    view = tab.statement_view
    row = _payment_line(window, last_id)
    view.scrollTo(tab.statement.index(row, 0))
    qtbot.mouseClick(view.viewport(), LEFT,
                     pos=view.visualRect(tab.statement.index(row, 2)).center())

    def fill(dialog):
        assert dialog.payment.currentData() == last_id
        qtbot.keyClicks(dialog.reason.lineEdit(), "NSF")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_V), fill,
                        kind=ReversePaymentDialog)
    assert not dialog.left_open and said == []  # under the threshold: counts at once

    with db.reader() as session:
        reversal = session.get(Payment, dialog.result_id)
        assert (reversal.reverses_id, reversal.amount, reversal.reason, reversal.received,
                reversal.needs_approval) == (last_id, amount, "NSF", date.today(), False)
    after = statement(db, case_id)
    assert Decimal(after["totals"]["total_owing"]) == (
        Decimal(before["totals"]["total_owing"]) + amount)
    assert_account_tab_matches(window, after)
    assert record_texts(window)[0] == (
        f"Payment of ${amount:,.2f} received {paid_on.isoformat()} reversed on "
        f"{date.today().isoformat()}: NSF.")
    assert queue_owing(window, case_id) == queue_money(after["totals"]["total_owing"])


def test_credit_under_the_threshold_counts_at_once(qtbot, desk, db, said):
    window, case_id = desk
    before = statement(db, case_id)

    def fill(dialog):
        qtbot.keyClicks(dialog.amount, "120.00")
        click(qtbot, dialog.credit)
        qtbot.keyClicks(dialog.reason, "Paid directly to the recipient")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_J), fill,
                        kind=AdjustmentDialog)
    assert not dialog.left_open and said == []

    with db.reader() as session:
        adjustment = session.get(Adjustment, dialog.result_id)
        assert (adjustment.case_id, adjustment.amount, adjustment.date, adjustment.reason,
                adjustment.needs_approval) == (case_id, Decimal("-120.00"), date.today(),
                                               "Paid directly to the recipient", False)
    after = statement(db, case_id)
    assert Decimal(after["totals"]["total_owing"]) == (
        Decimal(before["totals"]["total_owing"]) - Decimal("120.00"))
    assert_account_tab_matches(window, after)
    assert record_texts(window)[0] == (
        f"Adjustment (credit) of $120.00 dated {date.today().isoformat()}: "
        "Paid directly to the recipient.")
    assert queue_owing(window, case_id) == queue_money(after["totals"]["total_owing"])
    adjustments = window.file_view.account_tab.adjustments
    assert adjustments.display(adjustments.row_at(adjustments.rowCount() - 1), 3) == \
        "not needed"
