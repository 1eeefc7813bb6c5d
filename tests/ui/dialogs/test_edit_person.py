"""Editing a party: person, address and telephone each saved with its own version, together."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from caseworker.models import Address, Case, Person, Phone
from caseworker.ui.dialogs.edit_person import EditPersonDialog
from tests.ui.dialogs.conftest import TODAY, entries
from tests.ui.dialogs.edit_helpers import oscar, retype, save_and_answer  # noqa: F401


@pytest.fixture
def mary(office) -> int:
    """The recipient: she has an address (from intake) and, added here, a telephone."""
    with office.db.session() as s:
        person = s.get(Case, office.case_id).people("recipient")[0]
        person.phones.append(Phone(kind="home", number="403-555-0100"))
        return person.id


def _dialog(shown, ctx, office, person_id):
    return shown(EditPersonDialog(ctx, office.case_id, person_id, today=TODAY))


def _person(office, person_id) -> tuple:
    with office.db.reader() as s:
        person = s.get(Person, person_id)
        address, phone = person.addresses[0], person.phones[0]
        return (person.given_name, person.family_name, address.line1, address.version,
                phone.number, person.version)


def test_address_line_edit_is_saved(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["address.line1"], "7 Open Road")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _person(office, mary)[2:4] == ("7 Open Road", 2)
    assert ("Changed address of Mary Lee: address line 1: 5 Hidden Lane -> 7 Open Road."
            in entries(office))


def test_only_the_records_changed_are_saved(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["phone.number"], "403-555-0199")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _person(office, mary)[3:] == (1, "403-555-0199", 1)  # address, person untouched


def test_person_and_address_are_saved_together(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["person.given_name"], "Maria")
    retype(qtbot, dialog.editors["address.line1"], "7 Open Road")
    qtbot.keyClick(dialog.editors["address.line1"], Qt.Key.Key_Return)
    assert _person(office, mary)[:3] == ("Maria", "Lee", "7 Open Road")


def test_nothing_edited_keeps_save_disabled(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    assert not dialog.ok_button.isEnabled()


def test_empty_family_name_is_named_beside_it(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["person.family_name"], "")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.form.message_for("person.family_name") == "The family name is required"
    assert dialog.isVisible()


def test_empty_family_name_saves_nothing_else(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["address.line1"], "7 Open Road")
    retype(qtbot, dialog.editors["person.family_name"], "")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _person(office, mary)[:4] == ("Mary", "Lee", "5 Hidden Lane", 1)


def test_bad_country_is_named_beside_it(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["address.country"], "C1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "two-letter code" in dialog.form.message_for("address.country")


def _both_edit_line1(qtbot, shown, office, oscar, mary):  # noqa: F811
    """Olivia and Oscar open Mary; Olivia saves a new address line first."""
    first = _dialog(shown, office.ctx("olivia"), office, mary)
    second = _dialog(shown, oscar, office, mary)
    retype(qtbot, first.editors["address.line1"], "9 Other St")
    qtbot.mouseClick(first.ok_button, Qt.MouseButton.LeftButton)
    retype(qtbot, second.editors["address.line1"], "7 Open Road")
    return second


def test_second_save_shows_both_address_lines(qtbot, shown, office, oscar,  # noqa: F811
                                              mary):
    second = _both_edit_line1(qtbot, shown, office, oscar, mary)
    rows = save_and_answer(qtbot, second, "keep")
    assert rows[0] == ["Address line 1", "7 Open Road", "9 Other St"]
    assert ["Address city", "Red Deer", "Red Deer"] in rows


def test_keep_saved_version_leaves_the_first_officers_line(qtbot, shown, office,
                                                          oscar, mary):  # noqa: F811
    second = _both_edit_line1(qtbot, shown, office, oscar, mary)
    save_and_answer(qtbot, second, "keep")
    assert _person(office, mary)[2:4] == ("9 Other St", 2)


def test_overwrite_with_mine_saves_the_second_line(qtbot, shown, office, oscar,  # noqa: F811
                                                   mary):
    second = _both_edit_line1(qtbot, shown, office, oscar, mary)
    save_and_answer(qtbot, second, "overwrite")
    assert _person(office, mary)[2:4] == ("7 Open Road", 3)


def test_stale_address_holds_back_the_name_too(qtbot, shown, office, oscar,  # noqa: F811
                                               mary):
    second = _both_edit_line1(qtbot, shown, office, oscar, mary)
    retype(qtbot, second.editors["person.given_name"], "Maria")
    save_and_answer(qtbot, second, "keep")
    assert _person(office, mary)[0] == "Mary"


def test_overwrite_saves_the_name_with_the_address(qtbot, shown, office, oscar,  # noqa: F811
                                                   mary):
    second = _both_edit_line1(qtbot, shown, office, oscar, mary)
    retype(qtbot, second.editors["person.given_name"], "Maria")
    save_and_answer(qtbot, second, "overwrite")
    assert _person(office, mary)[:3] == ("Maria", "Lee", "7 Open Road")


def test_no_address_is_said_not_offered(qtbot, shown, office):
    with office.db.reader() as s:
        john = s.get(Case, office.case_id).people("payor")[0].id
    dialog = _dialog(shown, office.ctx(), office, john)
    assert "address.line1" not in dialog.editors
    assert dialog.windowTitle() == "Edit Party — John Lee"


def test_address_history_is_not_touched(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["address.city"], "Calgary")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with office.db.reader() as s:
        assert s.query(Address).filter_by(person_id=mary).count() == 1


def test_protected_address_carries_its_badge(qtbot, shown, office, mary):
    with office.db.session() as s:
        s.get(Case, office.case_id).family_violence = True
    dialog = _dialog(shown, office.ctx(), office, mary)
    assert dialog.findChild(QLabel, "protected_badge").isVisible()


def test_running_record_names_the_party_as_they_were(qtbot, shown, office, mary):
    dialog = _dialog(shown, office.ctx(), office, mary)
    retype(qtbot, dialog.editors["person.given_name"], "Maria")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Changed party Mary Lee: given name: Mary -> Maria." in entries(office)


def test_tab_goes_from_the_family_name_to_the_birth_date(qtbot, shown, office, mary):
    from tests.ui.dialogs.conftest import tab_stop_after

    dialog = _dialog(shown, office.ctx(), office, mary)
    after = tab_stop_after(dialog.editors["person.family_name"])
    assert after is dialog.birth.check


def test_comparison_says_which_other_changes_go_with_it(qtbot, shown, office, oscar,  # noqa: F811
                                                       mary):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    second = _both_edit_line1(qtbot, shown, office, oscar, mary)
    retype(qtbot, second.editors["person.given_name"], "Maria")
    said = []

    def answer():
        stale = QApplication.activeModalWidget()
        said.append(stale.explain.text())
        qtbot.mouseClick(stale.keep, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, answer)
    qtbot.mouseClick(second.ok_button, Qt.MouseButton.LeftButton)
    assert "Your other changes are saved only if you overwrite: Given name." in said[0]
