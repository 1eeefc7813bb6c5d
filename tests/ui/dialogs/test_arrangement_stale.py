"""Two officers recording arrangements on one file: the second is told, nothing overwritten."""

from PySide6.QtCore import Qt

from caseworker.services import arrangements
from caseworker.ui.dialogs.arrangement import ArrangementDialog
from tests.ui.dialogs.conftest import TODAY


def _other_officer_records(office, amount="500.00"):
    with office.db.session() as s:
        arrangements.record_arrangement(
            s, actor=office.ctx("oscar").actor, case_id=office.case_id, amount=amount,
            frequency="monthly", pay_day=1, start="2026-12-01",
            replaces=arrangements.current(s, office.case_id), today=TODAY)


def _record(qtbot, dialog, amount="600.00"):
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, amount)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _amount(office):
    with office.db.reader() as s:
        return arrangements.current(s, office.case_id).amount


def test_record_after_another_officer_recorded_says_so(qtbot, shown, office, said):
    dialog = shown(ArrangementDialog(office.ctx(), office.case_id, today=TODAY))
    _other_officer_records(office)
    _record(qtbot, dialog)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "changed meanwhile" in said[-1][1].lower() and "$500.00" in said[-1][1]


def test_record_after_another_officer_recorded_keeps_theirs(qtbot, shown, office, said):
    dialog = shown(ArrangementDialog(office.ctx(), office.case_id, today=TODAY))
    _other_officer_records(office)
    _record(qtbot, dialog)
    assert _amount(office) == 500


def test_record_again_after_being_told_replaces_theirs(qtbot, shown, office, said):
    dialog = shown(ArrangementDialog(office.ctx(), office.case_id, today=TODAY))
    _other_officer_records(office)
    _record(qtbot, dialog)
    _record(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted and _amount(office) == 600
