"""Registering a new file through the intake dialog."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QCheckBox
from sqlalchemy import func, or_, select

from caseworker import ledger
from caseworker.models import AuditEvent, Case, CaseParty, Person, RecordEntry
from caseworker.services import files, intake
from caseworker.services.accounts import account_document
from caseworker.services.record import entries
from caseworker.ui.dialogs.intake import IntakeDialog
from tests.ui.dialogs.conftest import TODAY, pick, tab_stop_after, type_date


def _type(qtbot, edits: dict, **values):
    for name, text in values.items():
        qtbot.keyClicks(edits[name], text)


def _click(qtbot, widget):
    # On the box or the start of its text, where a check box takes clicks.
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox)
                     else QPoint(widget.width() // 2, widget.height() // 2))


@pytest.fixture
def filled(qtbot, shown, office):
    """The form filled in as an officer would, up to the Register click."""
    dialog = shown(IntakeDialog(office.ctx(), today=TODAY))
    _type(qtbot, dialog.payor.edits, given_name="Sean", family_name="O'Neil",
          employer="Northwind Logistics", phone="403-555-0142")
    _type(qtbot, dialog.recipient.edits, given_name="Maria", family_name="Garcia",
          line1="5 Hidden Lane", city="Red Deer", region="AB", postal_code="T4N 1A1",
          country="CA", email="maria@example.org")
    child = dialog.children.rows[0]
    _type(qtbot, child, given_name="Ana", family_name="Garcia")
    type_date(qtbot, child["birth_date"], "2015-03-01")
    pick(qtbot, dialog.policy, "Generic")
    _click(qtbot, dialog.flags["family_violence"])
    qtbot.keyClicks(dialog.court, "Court of King's Bench")
    type_date(qtbot, dialog.made_on, "2024-12-15")
    term = dialog.terms.rows[0]
    qtbot.keyClicks(term.amount, "450.00")
    type_date(qtbot, term.start, "2025-01-01")
    term.child.setFocus()
    qtbot.keyClick(term.child, Qt.Key.Key_Down)
    return dialog


def _registered(office) -> int | None:
    """None when nothing of a new file was saved: no file number taken, and no person,
    running-record entry or audit event beyond those of the office's one file."""
    with office.db.reader() as s:
        number = intake.next_file_no(s, "generic", TODAY)
        parties = select(CaseParty.person_id).where(CaseParty.case_id == office.case_id)
        strays = [select(func.count()).select_from(Person).where(Person.id.not_in(parties)),
                  select(func.count()).select_from(RecordEntry)
                  .where(RecordEntry.case_id != office.case_id),
                  select(func.count()).select_from(AuditEvent)
                  .where(or_(AuditEvent.case_id.is_(None),
                             AuditEvent.case_id != office.case_id))]
        written = sum(s.scalar(query) for query in strays)
    return None if number == "GE-2026-00002" and not written else 2


def test_register_waits_for_the_required_fields(qtbot, shown, office):
    dialog = shown(IntakeDialog(office.ctx(), today=TODAY))
    assert not dialog.ok_button.isEnabled()


def test_filled_form_can_be_registered(filled):
    assert filled.ok_button.isEnabled()


def test_registration_saves_the_people_flags_and_order(qtbot, filled, office):
    with qtbot.waitSignal(office.hub.case_opened) as opened:
        _click(qtbot, filled.ok_button)
    case_id = opened.args[0]
    with office.db.reader() as s:
        summary = files.summary(s, case_id)
        orders = files.orders(s, case_id)
        texts = [e.text for e in entries(s, case_id)]
    assert (summary.file_no, summary.payors, summary.recipients, summary.children) == (
        "GE-2026-00002", ("Sean O'Neil",), ("Maria Garcia",), ("Ana Garcia",))
    assert summary.flags == ("family_violence",)
    [term] = orders[0].terms
    assert (term.amount, term.child, term.end.isoformat()) == (
        Decimal("450.00"), "Ana Garcia", "2033-02-28")
    assert any(t.startswith("File GE-2026-00002 registered") for t in texts)


def test_registered_account_matches_the_ledger(qtbot, filled, office):
    _click(qtbot, filled.ok_button)
    with office.db.reader() as s:
        statement = ledger.statement(account_document(s, filled.case_id),
                                     as_of=TODAY.isoformat())
    # January 2025 to November 2026: 23 months of $450.
    assert Decimal(statement["totals"]["total_owing"]) == 23 * Decimal("450.00")


def test_child_term_ends_at_the_programs_age_of_majority(qtbot, filled):
    assert filled.terms.rows[0].end.text() == "2033-02-28"  # generic: 18
    pick(qtbot, filled.policy, "British Columbia")
    assert filled.terms.rows[0].end.text() == "2034-02-28"  # BC: 19


def test_officer_can_change_the_offered_end(qtbot, filled, office):
    type_date(qtbot, filled.terms.rows[0].end.edit, "2031-06-30")
    _click(qtbot, filled.ok_button)
    with office.db.reader() as s:
        assert files.orders(s, filled.case_id)[0].terms[0].end.isoformat() == "2031-06-30"


def test_program_words_name_the_parties(qtbot, filled):
    pick(qtbot, filled.policy, "Alberta")
    assert (filled.payor.title(), filled.recipient.title()) == ("Debtor", "Creditor")


def test_future_birth_date_shows_beside_it_and_saves_nothing(qtbot, filled, office):
    _click(qtbot, filled.payor.birth.check)
    type_date(qtbot, filled.payor.birth.edit, "2030-01-01")
    _click(qtbot, filled.ok_button)
    assert "in the future" in filled.form.message_for("payor.birth_date")
    assert filled.isVisible() and _registered(office) is None


def test_bad_term_amount_shows_beside_it_and_saves_nothing(qtbot, filled, office):
    filled.terms.rows[0].amount.clear()
    qtbot.keyClicks(filled.terms.rows[0].amount, "450.5.0")
    _click(qtbot, filled.ok_button)
    assert "not an amount" in filled.form.message_for("terms[0].amount")
    assert _registered(office) is None


def test_second_childs_message_goes_beside_the_second_child(qtbot, filled, office):
    _click(qtbot, filled.children.add_button)
    second = filled.children.rows[1]
    _type(qtbot, second, given_name="Leo", family_name="Garcia")
    type_date(qtbot, second["birth_date"], "2027-01-01")
    _click(qtbot, filled.ok_button)
    assert "in the future" in filled.form.message_for("children[1].birth_date")
    assert filled.form.message_for("children[0].birth_date") == ""


def _add_child(qtbot, dialog, given_name, birth_date):
    _click(qtbot, dialog.children.add_button)
    row = dialog.children.rows[-1]
    _type(qtbot, row, given_name=given_name, family_name="Garcia")
    type_date(qtbot, row["birth_date"], birth_date)
    return row


def _saved_term(office, case_id):
    with office.db.reader() as s:
        [term] = files.orders(s, case_id)[0].terms
    return term


@pytest.fixture
def three_children(qtbot, filled):
    """Ana, Leo and Zoe on the form; the term is Leo's."""
    _add_child(qtbot, filled, "Leo", "2017-05-10")
    _add_child(qtbot, filled, "Zoe", "2019-09-20")
    pick(qtbot, filled.terms.rows[0].child, "Leo")
    assert filled.terms.rows[0].end.text() == "2035-05-09"
    return filled


def test_removing_an_earlier_child_leaves_the_term_with_its_child(qtbot, three_children,
                                                                  office):
    _click(qtbot, three_children.children.rows[0]["remove"])  # Ana
    term = three_children.terms.rows[0]
    assert (term.child.currentText(), term.end.text()) == ("Leo Garcia", "2035-05-09")
    _click(qtbot, three_children.ok_button)
    saved = _saved_term(office, three_children.case_id)
    assert (saved.child, saved.end.isoformat()) == ("Leo Garcia", "2035-05-09")


def test_removing_the_terms_child_empties_its_box_and_names_the_child(qtbot, three_children):
    _click(qtbot, three_children.children.rows[1]["remove"])  # Leo
    term = three_children.terms.rows[0]
    assert term.child.currentText() == ""
    assert three_children.form.message_for("terms[0].child") == "Leo Garcia was removed: " \
        "choose again"
    assert not three_children.ok_button.isEnabled()


def test_term_whose_child_was_removed_saves_the_child_chosen_again(qtbot, three_children,
                                                                  office):
    _click(qtbot, three_children.children.rows[1]["remove"])  # Leo
    pick(qtbot, three_children.terms.rows[0].child, "Zoe")
    assert three_children.form.message_for("terms[0].child") == ""
    _click(qtbot, three_children.ok_button)
    saved = _saved_term(office, three_children.case_id)
    assert (saved.child, saved.end.isoformat()) == ("Zoe Garcia", "2037-09-19")


def test_registration_saves_the_contacts_and_the_employer(qtbot, filled, office):
    qtbot.keyClicks(filled.payor.edits["email"], "sean@example.org")
    _click(qtbot, filled.ok_button)
    with office.db.reader() as s:
        case = s.get(Case, filled.case_id)
        [payor], [recipient] = case.people("payor"), case.people("recipient")
        saved = (payor.email, [p.number for p in payor.phones],
                 [i.employer.name for i in payor.incomes], recipient.email)
    assert saved == ("sean@example.org", ["403-555-0142"], ["Northwind Logistics"],
                     "maria@example.org")


def test_tab_goes_down_each_block_in_reading_order(qtbot, shown, office):
    dialog = shown(IntakeDialog(office.ctx(), today=TODAY))
    payor = dialog.payor
    assert tab_stop_after(payor.edits["family_name"]) is payor.birth.check
    assert tab_stop_after(payor.birth.check) is payor.edits["line1"]  # no date until ticked
    assert tab_stop_after(payor.edits["employer"]) is dialog.recipient.edits["given_name"]
    assert tab_stop_after(dialog.recipient.edits["email"]) is dialog.children.rows[0][
        "given_name"]


def test_intake_fits_a_laptop_screen_and_scrolls_the_rest(qtbot, shown, office, monkeypatch):
    # 1366x768 less a 40-pixel task bar; the tests' own screen is 1920x1080.
    laptop = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: laptop)
    dialog = shown(IntakeDialog(office.ctx(), today=TODAY))
    assert dialog.width() <= laptop.width() and dialog.height() + 40 <= laptop.height()
    qtbot.waitUntil(lambda: dialog.scroll_area.verticalScrollBar().maximum() > 0,
                    timeout=1000)


def test_childs_birth_date_starts_empty_and_register_waits_for_it(qtbot, filled):
    birth = filled.children.rows[0]["birth_date"]
    birth.clear()
    assert birth.text() == ""
    assert not filled.ok_button.isEnabled()
    assert "children 1 birth date" in filled.ok_button.toolTip()
    type_date(qtbot, birth, "2015-03-01")
    assert filled.ok_button.isEnabled()


def test_a_new_childs_birth_date_has_no_check_box_and_no_default(qtbot, shown, office):
    dialog = shown(IntakeDialog(office.ctx(), today=TODAY))
    row = dialog.children.rows[0]
    assert row["birth_date"].text() == ""
    assert not row["birth_date"].findChildren(QCheckBox)
    assert tab_stop_after(row["family_name"]) is row["birth_date"]


def test_required_fields_are_marked_with_a_legend(qtbot, shown, office):
    from PySide6.QtWidgets import QLabel

    dialog = shown(IntakeDialog(office.ctx(), today=TODAY))
    captions = {w.text() for w in dialog.findChildren(QLabel)}
    assert {"Given name *:", "Birth date *", "P&rogram *:", "C&ourt *:", "&Amount *",
            "Phone:", "Birth date:"} <= captions
    assert dialog.legend.isVisible() and dialog.legend.text() == "* required"
