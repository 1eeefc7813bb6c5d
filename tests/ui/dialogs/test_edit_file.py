"""Editing a file's details: saved with its version; a save someone else beat shows both."""

from PySide6.QtCore import Qt

from caseworker.models import Case
from caseworker.ui.dialogs.edit_file import EditFileDialog
from tests.ui.dialogs.conftest import TODAY, entries, pick
from tests.ui.dialogs.edit_helpers import (  # noqa: F401
    oscar,
    retype,
    save_and_answer,
    tick,
)


def _dialog(shown, ctx, office):
    return shown(EditFileDialog(ctx, office.case_id, today=TODAY))


def _case(office) -> tuple:
    with office.db.reader() as s:
        case = s.get(Case, office.case_id)
        return case.team, case.version, case.officer_id, case.safety_risk, case.status


def _user_id(office, username):
    return office.ctx(username).actor.user_id


def test_team_typed_in_is_saved(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    retype(qtbot, dialog.team.lineEdit(), "South")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _case(office)[:2] == ("South", 2)


def test_saved_team_writes_a_running_record_entry(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    retype(qtbot, dialog.team.lineEdit(), "South")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Changed file: team: North -> South." in entries(office)


def test_nothing_edited_keeps_save_disabled(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.toolTip() == "Nothing has been changed yet."


def test_edit_undone_disables_save_again(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    tick(qtbot, dialog.flags["safety_risk"])
    assert dialog.ok_button.isEnabled()
    tick(qtbot, dialog.flags["safety_risk"])
    assert not dialog.ok_button.isEnabled()


def test_flag_ticked_is_saved(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    tick(qtbot, dialog.flags["safety_risk"])
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert _case(office)[3] is True


def test_officer_chosen_by_a_supervisor_is_saved(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx("sue"), office)
    pick(qtbot, dialog.officer, "Oscar Other")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _case(office)[2] == _user_id(office, "oscar")


def test_closing_the_file_is_saved(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    pick(qtbot, dialog.status, "Closed")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _case(office)[4] == "closed"


def test_save_tells_the_window_what_changed(qtbot, shown, office):
    ctx = office.ctx()
    heard = []
    ctx.hub.case_changed.connect(lambda case_id: heard.append(("case", case_id)))
    ctx.hub.record_changed.connect(lambda case_id: heard.append(("record", case_id)))
    ctx.hub.caseload_changed.connect(lambda: heard.append(("caseload", None)))
    dialog = _dialog(shown, ctx, office)
    retype(qtbot, dialog.team.lineEdit(), "South")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert heard == [("case", office.case_id), ("record", office.case_id), ("caseload", None)]


def _both_edit_team(qtbot, shown, office, oscar):  # noqa: F811
    """Olivia and Oscar open the file; Olivia saves team South first."""
    first = _dialog(shown, office.ctx("olivia"), office)
    second = _dialog(shown, oscar, office)
    retype(qtbot, first.team.lineEdit(), "South")
    qtbot.mouseClick(first.ok_button, Qt.MouseButton.LeftButton)
    retype(qtbot, second.team.lineEdit(), "East")
    return second


def test_second_save_shows_both_versions(qtbot, shown, office, oscar):  # noqa: F811
    second = _both_edit_team(qtbot, shown, office, oscar)
    rows = save_and_answer(qtbot, second, "keep")
    assert rows[0] == ["Team", "East", "South"]
    assert ["Status", "Open", "Open"] in rows


def test_keep_saved_version_leaves_the_first_officers_team(qtbot, shown, office,
                                                          oscar):  # noqa: F811
    second = _both_edit_team(qtbot, shown, office, oscar)
    save_and_answer(qtbot, second, "keep")
    assert _case(office)[:2] == ("South", 2)
    assert second.result() == second.DialogCode.Rejected


def test_overwrite_with_mine_saves_the_second_team(qtbot, shown, office, oscar):  # noqa: F811
    second = _both_edit_team(qtbot, shown, office, oscar)
    save_and_answer(qtbot, second, "overwrite")
    assert _case(office)[:2] == ("East", 3)
    assert "Changed file: team: South -> East." in entries(office)


def test_comparison_names_officers_not_numbers(qtbot, shown, office, oscar):  # noqa: F811
    first = _dialog(shown, office.ctx("sue"), office)
    second = _dialog(shown, oscar, office)
    pick(qtbot, first.officer, "Oscar Other")
    qtbot.mouseClick(first.ok_button, Qt.MouseButton.LeftButton)
    tick(qtbot, second.flags["deceased"])
    rows = save_and_answer(qtbot, second, "keep")
    assert ["Officer", "Oscar Other", "Oscar Other"] in rows


def test_clash_on_another_field_keeps_the_first_officers_change(qtbot, shown, office,
                                                                oscar):  # noqa: F811
    first = _dialog(shown, office.ctx("olivia"), office)
    second = _dialog(shown, oscar, office)
    retype(qtbot, first.team.lineEdit(), "South")
    qtbot.mouseClick(first.ok_button, Qt.MouseButton.LeftButton)
    tick(qtbot, second.flags["bankruptcy"])
    save_and_answer(qtbot, second, "overwrite")
    with office.db.reader() as s:
        case = s.get(Case, office.case_id)
        assert (case.team, case.bankruptcy) == ("South", True)


def test_officer_cannot_give_the_file_to_another(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    assert not dialog.officer.isEnabled()


def test_running_record_names_the_officers(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx("sue"), office)
    pick(qtbot, dialog.officer, "Oscar Other")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Changed file: officer: Olivia Officer -> Oscar Other." in entries(office)


def test_return_in_the_team_saves(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    retype(qtbot, dialog.team.lineEdit(), "South")
    qtbot.keyClick(dialog.team.lineEdit(), Qt.Key.Key_Return)
    assert _case(office)[:2] == ("South", 2)


def test_edit_form_marks_nothing_required(qtbot, shown, office):
    dialog = _dialog(shown, office.ctx(), office)
    assert not dialog.legend.isVisible()
