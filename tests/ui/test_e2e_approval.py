"""End to end: an adjustment over the program's approval threshold waits for a supervisor.

The officer enters it from the main window; it is saved but does not count (the Account
tab keeps the ledger's figures without it). The officer has no Approvals action. The team's
supervisor, signed in at a second window on the same database, approves it from the
Approvals dialog; the officer's window, refreshed (F5), then shows it counted. A supervisor
who entered one cannot approve it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from caseworker.models import Adjustment, Approval
from caseworker.services.context import actor_for
from caseworker.ui.dialogs.approvals import ApprovalsDialog
from caseworker.ui.dialogs.payment import WAITS, AdjustmentDialog
from caseworker.ui.hub import AppContext, Hub
from tests.ui.dialogs.conftest import pick
from tests.ui.e2e_helpers import (
    LEFT,
    activate,
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

FILE_NO = "AB-2022-00001"   # North team; the demo officer's file, approval threshold $500
SUPERVISOR = "hfriesen"     # North's supervisor
REASON = "Payments made directly to the recipient in 2025"


@pytest.fixture
def said(monkeypatch):
    from caseworker.ui import messages

    heard: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "error", lambda _p, _t, text: heard.append(("error", text)))
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: heard.append(("info", text)))
    return heard


def _ctx(db, username: str) -> AppContext:
    """Another person signed in on the same database: a window of their own (own hub)."""
    with db.reader() as session:
        return AppContext(db=db, actor=actor_for(session, username), hub=Hub())


def _credit(qtbot, window, amount: str) -> AdjustmentDialog:
    def fill(dialog):
        qtbot.keyClicks(dialog.amount, amount)
        click(qtbot, dialog.credit)
        qtbot.keyClicks(dialog.reason, REASON)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_J), fill,
                        kind=AdjustmentDialog)
    assert not dialog.left_open
    return dialog


def _approve_in_list(qtbot, window, adjustment_id: int, note: str = "") -> ApprovalsDialog:
    """Ctrl+Shift+A, click the adjustment's row, type a note, click Approve, close."""
    def decide(dialog):
        row = next(r for r, p in enumerate(dialog.rows)
                   if p.kind == "adjustment" and p.id == adjustment_id)
        table = dialog.table
        table.scrollToItem(table.item(row, 0))
        qtbot.mouseClick(table.viewport(), LEFT,
                         pos=table.visualItemRect(table.item(row, 1)).center())
        assert dialog.selected().id == adjustment_id
        if note:
            qtbot.keyClicks(dialog.note, note)
        qtbot.mouseClick(dialog.approve, LEFT)
        dialog.decided_rows = [(p.kind, p.id) for p in dialog.rows]
        dialog.reject()  # Close

    return run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_A), decide,
                      kind=ApprovalsDialog)


def test_credit_over_the_threshold_counts_only_once_another_supervisor_approves(
        qtbot, app_context, db, said):
    officer = make_window(qtbot, app_context)
    case_id = open_by_search(qtbot, officer, FILE_NO)
    before = statement(db, case_id)

    dialog = _credit(qtbot, officer, "750.00")
    assert said == [("info", f"Credit entered. {WAITS}")]
    with db.reader() as session:
        row = session.get(Adjustment, dialog.result_id)
        assert (row.amount, row.needs_approval, row.entered_by) == (
            Decimal("-750.00"), True, app_context.actor.user_id)
        assert session.scalar(select(Approval).where(
            Approval.adjustment_id == row.id)) is None
    waiting = statement(db, case_id)
    assert waiting["totals"] == before["totals"]  # not counted yet
    assert_account_tab_matches(officer, waiting)
    assert record_texts(officer)[0] == (
        f"Adjustment (credit) of $750.00 dated {date.today().isoformat()}: {REASON}. "
        "Waits for a supervisor's approval.")
    assert queue_owing(officer, case_id) == queue_money(waiting["totals"]["total_owing"])
    adjustments = officer.file_view.account_tab.adjustments
    shown = [adjustments.display(adjustments.row_at(r), 3) for r in range(adjustments.rowCount())
             if adjustments.row_at(r).id == dialog.result_id]
    assert shown == ["Pending"]

    # The officer has no Approvals: the action is off and its shortcut opens nothing.
    assert not officer.action_map["approvals"].isEnabled()
    activate(qtbot, officer)
    qtbot.keyClick(officer, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None

    # The supervisor, at a window of her own, approves it.
    supervisor_ctx = _ctx(db, SUPERVISOR)
    supervisor = make_window(qtbot, supervisor_ctx)
    assert open_by_search(qtbot, supervisor, FILE_NO) == case_id
    assert_account_tab_matches(supervisor, waiting)
    approvals = _approve_in_list(qtbot, supervisor, dialog.result_id, "Receipts seen")
    assert ("adjustment", dialog.result_id) not in approvals.decided_rows
    assert said == [("info", f"Credit entered. {WAITS}")]  # no refusal
    with db.reader() as session:
        approval = session.scalars(select(Approval).where(
            Approval.adjustment_id == dialog.result_id)).one()
        assert (approval.decision, approval.decided_by, approval.note) == (
            "approved", supervisor_ctx.actor.user_id, "Receipts seen")
    counted = statement(db, case_id)
    # Her own window, with the file open, follows at once.
    assert_account_tab_matches(supervisor, counted)
    assert queue_owing(supervisor, case_id) == queue_money(counted["totals"]["total_owing"])

    # Back at the officer's window: F5, and the credit counts.
    activate(qtbot, officer)
    qtbot.keyClick(officer, Qt.Key.Key_F5)
    assert Decimal(counted["totals"]["total_owing"]) == (
        Decimal(before["totals"]["total_owing"]) - Decimal("750.00"))
    assert_account_tab_matches(officer, counted)
    assert record_texts(officer)[0] == (
        "The adjustment of $750.00 was approved by Heidi Friesen. Receipts seen")
    assert queue_owing(officer, case_id) == queue_money(counted["totals"]["total_owing"])


def test_a_supervisor_cannot_approve_her_own_credit(qtbot, db, said):
    ctx = _ctx(db, SUPERVISOR)
    window = make_window(qtbot, ctx)
    case_id = open_by_search(qtbot, window, FILE_NO)
    before = statement(db, case_id)
    dialog = _credit(qtbot, window, "750.00")

    def try_own(approvals):
        row = next(r for r, p in enumerate(approvals.rows)
                   if p.kind == "adjustment" and p.id == dialog.result_id)
        table = approvals.table
        qtbot.mouseClick(table.viewport(), LEFT,
                         pos=table.visualItemRect(table.item(row, 1)).center())
        assert approvals.selected().id == dialog.result_id
        approvals.own_row_blocked = not approvals.approve.isEnabled()
        qtbot.mouseClick(approvals.approve, LEFT)  # a click on the disabled button does nothing
        approvals.reject()

    approvals = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_A), try_own,
                           kind=ApprovalsDialog)
    assert approvals.own_row_blocked
    with db.reader() as session:
        assert session.scalar(select(Approval).where(
            Approval.adjustment_id == dialog.result_id)) is None
    after = statement(db, case_id)
    assert after["totals"] == before["totals"]
    assert_account_tab_matches(window, after)


REVERSED_FILE = "AB-2025-00001"   # the demo officer's: payments of $620 and more


def test_nsf_reversal_over_the_threshold_counts_once_approved(qtbot, app_context, db, said):
    from caseworker.models import Payment
    from caseworker.ui.dialogs.payment import ReversePaymentDialog

    officer = make_window(qtbot, app_context)
    case_id = open_by_search(qtbot, officer, REVERSED_FILE)
    with db.reader() as session:
        big = session.scalars(select(Payment).where(Payment.case_id == case_id,
                                                    Payment.amount > Decimal("500.00"))
                              .order_by(Payment.received.desc())).first()
        big_id, amount = big.id, big.amount
    before = statement(db, case_id)

    def reverse(dialog):
        pick(qtbot, dialog.payment, dialog.payment.itemText(dialog.payment.findData(big_id)))
        qtbot.keyClicks(dialog.reason.lineEdit(), "NSF")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog = run_dialog(qtbot, shortcut(qtbot, officer, Qt.Key.Key_V), reverse,
                        kind=ReversePaymentDialog)
    assert not dialog.left_open
    assert said == [("info", f"Payment reversed. {WAITS}")]
    with db.reader() as session:
        reversal = session.get(Payment, dialog.result_id)
        assert (reversal.reverses_id, reversal.amount, reversal.needs_approval) == (
            big_id, amount, True)
    waiting = statement(db, case_id)
    assert waiting["totals"] == before["totals"]
    assert_account_tab_matches(officer, waiting)
    payments = officer.file_view.account_tab.payments
    note = next(payments.display(payments.row_at(r), payments.COL_NOTE)
                for r in range(payments.rowCount()) if payments.row_at(r).id == big_id)
    assert note.startswith("Reversal waiting for approval")

    supervisor = make_window(qtbot, _ctx(db, SUPERVISOR))

    def approve(dialog):
        row = next(r for r, p in enumerate(dialog.rows)
                   if p.kind == "reversal" and p.id == dialog_id)
        dialog.table.selectRow(row)
        qtbot.mouseClick(dialog.approve, LEFT)
        dialog.reject()

    dialog_id = dialog.result_id
    run_dialog(qtbot, shortcut(qtbot, supervisor, Qt.Key.Key_A), approve, kind=ApprovalsDialog)
    activate(qtbot, officer)
    qtbot.keyClick(officer, Qt.Key.Key_F5)
    counted = statement(db, case_id)
    assert Decimal(counted["totals"]["total_owing"]) == (
        Decimal(before["totals"]["total_owing"]) + amount)
    assert_account_tab_matches(officer, counted)
    assert queue_owing(officer, case_id) == queue_money(counted["totals"]["total_owing"])
    assert record_texts(officer)[0] == (
        f"The reversal of ${amount:,.2f} was approved by Heidi Friesen.")
