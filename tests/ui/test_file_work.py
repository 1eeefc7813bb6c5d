"""The main window's Account menu: each action opens its dialog, for the roles that may use it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from caseworker.services.context import actor_for
from caseworker.ui.dialogs.approvals import ApprovalsDialog
from caseworker.ui.dialogs.payment import PostPaymentDialog, ReversePaymentDialog
from caseworker.ui.hub import AppContext, Hub
from caseworker.ui.main_window import MainWindow


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, sample_context, sample_case_id):
    window = _window(qtbot, sample_context)
    sample_context.hub.case_opened.emit(sample_case_id)
    return window


def _dialog_opened_by(qtbot, trigger) -> type:
    """Trigger an action, note the modal dialog that opens, and close it."""
    seen: list[type] = []

    def close_it():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog))
        dialog.reject()

    QTimer.singleShot(50, close_it)
    trigger()
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


def test_post_payment_shortcut_opens_the_payment_dialog(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    kind = _dialog_opened_by(qtbot, lambda: qtbot.keyClick(
        window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.ShiftModifier))
    assert kind is PostPaymentDialog


def test_reverse_payment_action_opens_the_reversal_dialog(qtbot, window):
    kind = _dialog_opened_by(qtbot, window.action_map["reverse_payment"].trigger)
    assert kind is ReversePaymentDialog


def test_reversal_offers_the_payment_selected_on_the_account_tab(qtbot, window):
    view = window.file_view.account_tab.payments_view
    view.selectRow(0)
    dialog = window.work.dialog("reverse_payment")
    qtbot.addWidget(dialog)
    assert dialog.payment.currentData() is not None


def test_money_actions_wait_for_an_open_file(qtbot, sample_context):
    window = _window(qtbot, sample_context)
    assert not window.action_map["post_payment"].isEnabled()
    assert window.action_map["register_file"].isEnabled()


def test_officer_cannot_open_approvals(window):
    assert not window.action_map["approvals"].isEnabled()


def test_supervisor_opens_approvals(qtbot, sample_db, sample_case_id):
    from caseworker.models import User

    with sample_db.session() as session:
        session.add(User(username="sue", full_name="Sue Supervisor", role="supervisor",
                         team="North"))
    with sample_db.reader() as session:
        ctx = AppContext(db=sample_db, actor=actor_for(session, "sue"), hub=Hub())
    window = _window(qtbot, ctx)
    kind = _dialog_opened_by(qtbot, window.action_map["approvals"].trigger)
    assert kind is ApprovalsDialog


def test_issue_notice_shortcut_opens_the_notice_dialog(qtbot, window):
    from caseworker.ui.notices.issue_dialog import IssueDialog

    kind = _dialog_opened_by(qtbot, window.action_map["issue_notice"].trigger)
    assert kind is IssueDialog


def test_batch_notice_takes_the_queue_selection(qtbot, sample_context):
    window = _window(qtbot, sample_context)
    window.queue.table.selectAll()
    dialog = window.work.dialog("batch_notice")
    qtbot.addWidget(dialog)
    assert window.queue.selected_case_ids() == [window.queue.model.case_id(0)]
    assert dialog is not None


def test_edit_file_shortcut_opens_the_file_details(qtbot, window):
    from caseworker.ui.dialogs.edit_file import EditFileDialog

    window.activateWindow()
    qtbot.waitActive(window)
    kind = _dialog_opened_by(qtbot, lambda: qtbot.keyClick(
        window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier))
    assert kind is EditFileDialog


def test_edit_party_takes_the_person_selected_on_the_parties_tab(qtbot, window):
    parties = window.file_view.parties_tab
    parties.view.selectRow(1)
    dialog = window.work.dialog("edit_party")
    qtbot.addWidget(dialog)
    assert dialog.person_id == parties.model.row_at(1).person_id
    assert dialog.windowTitle() == "Edit Party — Sarah Kirkpatrick"


def test_parties_tab_edit_button_opens_the_party_form(qtbot, window):
    from caseworker.ui.dialogs.edit_person import EditPersonDialog

    parties = window.file_view.parties_tab
    window.file_view.tabs.setCurrentWidget(parties)
    kind = _dialog_opened_by(qtbot, lambda: qtbot.mouseClick(parties.edit_button,
                                                             Qt.MouseButton.LeftButton))
    assert kind is EditPersonDialog


def test_edit_party_with_nobody_selected_asks_for_a_person(window, monkeypatch):
    from caseworker.ui import messages

    heard = []
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: heard.append(text))
    window.file_view.parties_tab.view.clearSelection()
    assert window.work.dialog("edit_party") is None
    assert heard == ["Select the person on the Parties tab first."]


def test_administrator_gets_no_edit_button_on_the_parties_tab(qtbot, sample_db, sample_case_id):
    from caseworker.models import User

    with sample_db.session() as session:
        session.add(User(username="ada", full_name="Ada Admin", role="administrator"))
    with sample_db.reader() as session:
        ctx = AppContext(db=sample_db, actor=actor_for(session, "ada"), hub=Hub())
    window = _window(qtbot, ctx)
    ctx.hub.case_opened.emit(sample_case_id)
    assert not window.file_view.parties_tab.edit_button.isVisible()
    assert not window.action_map["edit_file"].isEnabled()
