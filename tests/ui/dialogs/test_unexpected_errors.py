"""An error nobody foresaw: the officer is told, nothing is saved, the dialog stays open."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from caseworker.services import files, payments
from caseworker.ui import errors
from caseworker.ui.dialogs import stale
from caseworker.ui.dialogs.edit_file import EditFileDialog
from caseworker.ui.dialogs.payment import PostPaymentDialog
from tests.ui.dialogs.conftest import TODAY
from tests.ui.dialogs.edit_helpers import retype


def _post_then_fail(real):
    def post(session, **given):
        real(session, **given)  # written in the transaction, then something breaks
        raise RuntimeError("disk full")
    return post


def test_unexpected_error_while_saving_is_said_and_the_dialog_stays(
        qtbot, shown, office, said, monkeypatch):
    monkeypatch.setattr(payments, "post_payment", _post_then_fail(payments.post_payment))
    dialog = shown(PostPaymentDialog(office.ctx(), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, "400.00")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert said == [("error", "Could not save: disk full. Nothing was saved.")]
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted


def test_unexpected_error_while_saving_rolls_back(qtbot, shown, office, said, monkeypatch):
    monkeypatch.setattr(payments, "post_payment", _post_then_fail(payments.post_payment))
    dialog = shown(PostPaymentDialog(office.ctx(), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, "400.00")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    with office.db.reader() as session:
        assert files.account(session, office.case_id, today=TODAY).payments == ()


def test_unexpected_error_without_words_names_its_kind(qtbot, shown, office, said, monkeypatch):
    def broken(*_a, **_k):
        raise KeyError()

    monkeypatch.setattr(payments, "post_payment", broken)
    dialog = shown(PostPaymentDialog(office.ctx(), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, "400.00")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert said == [("error", "Could not save: KeyError. Nothing was saved.")]


def test_unexpected_error_in_an_edit_form_is_said(qtbot, shown, office, said, monkeypatch):
    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(stale, "save_edit", broken)
    dialog = shown(EditFileDialog(office.ctx(), office.case_id, today=TODAY))
    retype(qtbot, dialog.team.lineEdit(), "South")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert said == [("error", "Could not save: disk full. Nothing was saved.")]
    assert dialog.isVisible()


def test_error_escaping_a_slot_is_shown_once_and_logged(qtbot, said, monkeypatch, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    errors.install_excepthook()
    button = QPushButton("Go")
    qtbot.addWidget(button)

    def broken():
        raise RuntimeError("the chart has no axis")

    button.clicked.connect(broken)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _ in said] == ["error"]
    assert said[0][1].startswith("Something went wrong: the chart has no axis.")
    assert "Traceback" in capsys.readouterr().err


def test_an_error_while_the_box_is_up_is_only_logged(qtbot, monkeypatch, capsys):
    from caseworker.ui import messages

    shown = []

    def box(_parent, _title, text):
        shown.append(text)
        errors.excepthook(RuntimeError, RuntimeError("again"), None)  # a repaint fails too

    monkeypatch.setattr(messages, "error", box)
    errors.excepthook(RuntimeError, RuntimeError("first"), None)
    assert len(shown) == 1
    assert "RuntimeError: again" in capsys.readouterr().err
