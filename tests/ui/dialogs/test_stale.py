"""Two officers saving the same record: the second sees both versions and decides."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from caseworker.services import files
from caseworker.services.editing import save_edit
from caseworker.services.errors import StaleRecord
from caseworker.ui.dialogs.stale import StaleDialog, save_checked
from tests.ui.dialogs.conftest import TODAY, entries


def _save(office, who, version, **changes):
    with office.db.session() as s:
        return save_edit(s, actor=office.ctx(who).actor, kind="case", row_id=office.case_id,
                         version=version, changes=changes, case_id=office.case_id, today=TODAY)


@pytest.fixture
def clash(office):
    """Olivia saved team South; Oscar, still on version 1, tries team East."""
    _save(office, "olivia", 1, team="South")
    with pytest.raises(StaleRecord) as caught:
        _save(office, "oscar", 1, team="East")
    return caught.value


def _dialog(shown, office, clash):
    return shown(StaleDialog(office.ctx("oscar"), clash, kind="case", row_id=office.case_id,
                             case_id=office.case_id, changes={"team": "East"}, today=TODAY))


def _team(office):
    with office.db.reader() as s:
        return files.summary(s, office.case_id).team


def test_both_versions_show_with_the_difference_first(qtbot, shown, office, clash):
    dialog = _dialog(shown, office, clash)
    row = [dialog.table.item(0, c).text() for c in range(3)]
    assert row == ["Team", "East", "South"]
    assert dialog.table.item(0, 1).font().bold()
    assert not dialog.table.item(1, 1).font().bold()  # the same in both: not highlighted


def test_keep_saved_version_changes_nothing(qtbot, shown, office, clash):
    dialog = _dialog(shown, office, clash)
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
    assert dialog.new_version is None and _team(office) == "South"


def test_overwrite_saves_mine_on_purpose(qtbot, shown, office, clash):
    dialog = _dialog(shown, office, clash)
    qtbot.mouseClick(dialog.overwrite, Qt.MouseButton.LeftButton)
    assert dialog.new_version == 3 and _team(office) == "East"
    assert "Changed file: team: South -> East." in entries(office)


def test_third_save_meanwhile_shows_the_newest(qtbot, shown, office, clash):
    dialog = _dialog(shown, office, clash)
    _save(office, "olivia", 2, team="West")
    qtbot.mouseClick(dialog.overwrite, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.table.item(0, 2).text() == "West"
    assert _team(office) == "West"


def test_save_checked_opens_the_comparison_instead_of_overwriting(qtbot, office):
    _save(office, "olivia", 1, team="South")
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.table.item(0, 2).text())
        qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    result = save_checked(None, office.ctx("oscar"), kind="case", row_id=office.case_id,
                          version=1, changes={"team": "East"}, case_id=office.case_id,
                          today=TODAY)
    assert (result, seen, _team(office)) == (None, ["South"], "South")


def test_several_records_overwrite_after_a_third_save_on_another(qtbot, shown, office):
    from caseworker.models import Address, Case, Person
    from caseworker.services.editing import Edit, load, save_edits

    with office.db.reader() as s:
        mary = load(s, kind="person", row_id=s.get(Case, office.case_id).people(
            "recipient")[0].id, today=TODAY)
    address = mary.address
    with office.db.session() as s:
        save_edit(s, actor=office.ctx("olivia").actor, kind="address", row_id=address.row_id,
                  version=1, changes={"line1": "9 Other St"}, case_id=office.case_id,
                  today=TODAY)
    edits = [Edit("person", mary.row_id, 1, {"given_name": "Maria"}),
             Edit("address", address.row_id, 1, {"line1": "7 Open Road"})]
    with pytest.raises(StaleRecord) as caught, office.db.session() as s:
        save_edits(s, actor=office.ctx("oscar").actor, edits=edits, case_id=office.case_id,
                   today=TODAY)
    dialog = shown(StaleDialog(office.ctx("oscar"), caught.value, case_id=office.case_id,
                               edits=edits, today=TODAY))
    with office.db.session() as s:  # a third save, on the person, while Oscar looks
        save_edit(s, actor=office.ctx("olivia").actor, kind="person", row_id=mary.row_id,
                  version=1, changes={"family_name": "Lee-Park"}, case_id=office.case_id,
                  today=TODAY)
    qtbot.mouseClick(dialog.overwrite, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.table.item(0, 0).text() == "Given name"
    qtbot.mouseClick(dialog.overwrite, Qt.MouseButton.LeftButton)
    with office.db.reader() as s:
        person, line1 = s.get(Person, mary.row_id), s.get(Address, address.row_id).line1
        assert (person.given_name, person.family_name, line1) == ("Maria", "Lee-Park",
                                                                  "7 Open Road")
