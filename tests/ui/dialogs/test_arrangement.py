"""Negotiating an arrangement: the projection follows the typing; Record saves it."""

from PySide6.QtCore import Qt

from caseworker.services import files
from caseworker.ui.dialogs.arrangement import ArrangementDialog
from tests.ui.dialogs.conftest import TODAY, entries, pick


def _dialog(shown, office):
    return shown(ArrangementDialog(office.ctx(), office.case_id, today=TODAY))


def test_projection_updates_after_typing_an_amount(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "600")
    qtbot.keyClick(dialog.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.day, "15")
    assert dialog.day.value() == 15
    qtbot.waitUntil(lambda: "44</b> payments" in dialog.projection.text(), timeout=2000)
    assert "paid off on" in dialog.projection.text()
    assert "interest paid on the way <b>$0.00</b>" in dialog.projection.text()


def test_projection_waits_for_the_typing_to_stop(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "600")
    assert dialog.timer.isActive() and "payments" not in dialog.projection.text()


def test_projection_follows_the_frequency(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "600")
    qtbot.waitUntil(lambda: "payments" in dialog.projection.text(), timeout=2000)
    monthly = dialog.projection.text()
    pick(qtbot, dialog.frequency, "Weekly")
    qtbot.waitUntil(lambda: dialog.projection.text() != monthly, timeout=2000)
    assert "(weekly)" in dialog.last["message"]


def test_bad_amount_is_named_beside_the_amount(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "6x")
    qtbot.waitUntil(lambda: bool(dialog.form.message_for("amount")), timeout=2000)
    assert "not an amount" in dialog.form.message_for("amount")


def test_record_saves_the_arrangement_and_its_entry(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "600.00")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    with office.db.reader() as s:
        assert files.summary(s, office.case_id).status == "arrangement"
    assert any(t.startswith("Payment arrangement recorded: $600.00 monthly from 2026-11-23")
               for t in entries(office))


def test_record_waits_for_an_amount(qtbot, shown, office):
    dialog = _dialog(shown, office)
    assert not dialog.ok_button.isEnabled()


def test_start_follows_the_first_projected_payment(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "600")
    qtbot.waitUntil(lambda: dialog.last is not None, timeout=2000)
    assert dialog.start.date().toString(Qt.DateFormat.ISODate) == dialog.last["first_payment"]


def test_payment_below_open_ended_support_never_catches_up(qtbot, shown, office):
    from caseworker.services.orders import TermInput, add_order

    with office.db.session() as s:  # the scene: support that never ends
        old = files.orders(s, office.case_id)[0].terms[0].id
        add_order(s, actor=office.ctx().actor, case_id=office.case_id, court="KB",
                  made_on="2026-11-01", today=TODAY,
                  terms=[TermInput(kind="periodic", amount="400.00", frequency="monthly",
                                   day=1, start="2026-12-01", supersedes=[old])])
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "300")
    qtbot.waitUntil(lambda: "Never catches up" in dialog.projection.text(), timeout=2000)
