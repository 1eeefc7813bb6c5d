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
    first = dialog.last["first_payment"]  # worked out on Record if the typing was ahead
    assert any(t.startswith(f"Payment arrangement recorded: $600.00 monthly from {first}")
               for t in entries(office))


def test_record_waits_for_an_amount(qtbot, shown, office):
    dialog = _dialog(shown, office)
    assert not dialog.ok_button.isEnabled()


def test_start_follows_the_first_projected_payment(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "600")
    qtbot.waitUntil(lambda: dialog.last is not None, timeout=2000)
    assert dialog.start.date().toString(Qt.DateFormat.ISODate) == dialog.last["first_payment"]


def _support_that_never_ends(office):
    from caseworker.services.orders import TermInput, add_order

    with office.db.session() as s:  # the scene: support that never ends
        old = files.orders(s, office.case_id)[0].terms[0].id
        add_order(s, actor=office.ctx().actor, case_id=office.case_id, court="KB",
                  made_on="2026-11-01", today=TODAY,
                  terms=[TermInput(kind="periodic", amount="400.00", frequency="monthly",
                                   day=1, start="2026-12-01", supersedes=[old])])


def test_payment_below_open_ended_support_never_catches_up(qtbot, shown, office):
    _support_that_never_ends(office)
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "300")
    qtbot.waitUntil(lambda: "Never catches up" in dialog.projection.text(), timeout=2000)


def _arrangements(office):
    from caseworker.models import Arrangement

    with office.db.reader() as s:
        return s.query(Arrangement).filter_by(case_id=office.case_id).count()


def test_recording_one_that_never_catches_up_asks_first(qtbot, shown, office, said):
    _support_that_never_ends(office)
    said.answer = False
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "300")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _ in said] == ["confirm"]
    assert "never catches up" in said[0][1] and "Record this arrangement anyway?" in said[0][1]
    assert dialog.isVisible() and _arrangements(office) == 0


def test_one_that_never_catches_up_is_recorded_when_confirmed(qtbot, shown, office, said):
    _support_that_never_ends(office)
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "300")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and _arrangements(office) == 1


def test_one_that_pays_off_is_recorded_without_a_question(qtbot, shown, office, said):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.amount, "600")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert said == [] and _arrangements(office) == 1


def test_return_before_the_projection_records_the_projected_first_payment(
        qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClick(dialog.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.day, "15")
    qtbot.keyClicks(dialog.amount, "600")
    assert dialog.timer.isActive()  # the projection has not caught up with the typing
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert any(t.startswith("Payment arrangement recorded: $600.00 monthly from 2026-12-15")
               for t in entries(office))


def test_says_there_is_nothing_to_replace(qtbot, shown, office):
    dialog = _dialog(shown, office)
    assert dialog.replaces_line.text() == "Replaces: nothing; no arrangement is in force."


def test_names_the_arrangement_record_replaces(qtbot, shown, office):
    from caseworker.services import arrangements

    with office.db.session() as s:  # the scene: one agreed last month
        arrangements.record_arrangement(
            s, actor=office.ctx().actor, case_id=office.case_id, amount="500.00",
            frequency="biweekly", pay_day=None, start="2026-11-06", replaces=None, today=TODAY)
    dialog = _dialog(shown, office)
    assert dialog.replaces_line.isVisible()
    assert dialog.replaces_line.text() == "Replaces: $500.00 every two weeks from 2026-11-06."


def test_frequencies_use_the_words_of_the_order_form(qtbot, shown, office):
    dialog = _dialog(shown, office)
    words = [dialog.frequency.itemText(i) for i in range(dialog.frequency.count())]
    assert words == ["Weekly", "Every two weeks", "Twice a month", "Monthly"]
