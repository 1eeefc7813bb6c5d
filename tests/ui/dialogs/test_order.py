"""Entering orders and variations through the dialog; the account follows the ledger."""

import re
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from caseworker.services import files
from caseworker.ui.dialogs.order import OrderDialog
from tests.ui.dialogs.conftest import TODAY, entries, pick, type_date


def _orders(office):
    with office.db.reader() as s:
        return files.orders(s, office.case_id)


def _dialog(shown, office):
    return shown(OrderDialog(office.ctx(), office.case_id, today=TODAY))


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _tick_first_old_term(qtbot, row):
    row.supersedes.setFocus()
    qtbot.keyClick(row.supersedes, Qt.Key.Key_Home)
    qtbot.keyClick(row.supersedes, Qt.Key.Key_Space)


def test_variation_supersedes_the_old_term_from_its_start(qtbot, shown, office):
    dialog = _dialog(shown, office)
    pick(qtbot, dialog.varies, "Order of 2024-12-15")
    assert dialog.court.text() == "Court of King's Bench"  # taken from the order varied
    type_date(qtbot, dialog.made_on, "2025-12-01")
    row = dialog.terms.rows[0]
    qtbot.keyClicks(row.amount, "550.00")
    type_date(qtbot, row.start, "2026-01-01")
    _tick_first_old_term(qtbot, row)
    _save(qtbot, dialog)
    variation = _orders(office)[1]
    assert variation.varies_id == _orders(office)[0].id
    assert variation.terms[0].supersedes == (_orders(office)[0].terms[0].id,)
    charges = [line for line in office.statement()["lines"] if line["kind"] == "charge"]
    assert {c["debit"] for c in charges if c["date"] >= "2026-01-01"} == {"550.00"}
    assert {c["debit"] for c in charges if c["date"] < "2026-01-01"} == {"400.00"}
    assert any(t.startswith("Variation of 2025-12-01 entered") for t in entries(office))


def test_supersedes_is_offered_only_for_a_variation(qtbot, shown, office):
    dialog = _dialog(shown, office)
    row = dialog.terms.rows[0]
    assert not row.cells["supersedes"].isVisible()
    pick(qtbot, dialog.varies, "Order of")
    assert row.cells["supersedes"].isVisible()


def test_new_order_with_a_lump_sum_charges_it_on_its_due_date(qtbot, shown, office):
    before = office.owing()
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "Provincial Court")
    row = dialog.terms.rows[0]
    pick(qtbot, row.kind, "Lump sum")
    qtbot.keyClicks(row.amount, "1,500.00")
    qtbot.keyClicks(row.category.lineEdit(), "costs")
    type_date(qtbot, row.due, "2025-06-01")
    _save(qtbot, dialog)
    assert office.owing() == before + Decimal("1500.00")
    assert _orders(office)[1].terms[0].kind == "lump_sum"


def test_semi_monthly_term_takes_two_days(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "KB")
    row = dialog.terms.rows[0]
    qtbot.keyClicks(row.amount, "100")
    pick(qtbot, row.frequency, "Twice a month")
    assert row.day2.isVisible()
    type_date(qtbot, row.start, "2026-10-01")
    _save(qtbot, dialog)
    charges = [line["date"] for line in office.statement()["lines"]
               if line["kind"] == "charge" and line["debit"] == "100.00"]
    assert charges == ["2026-10-01", "2026-10-15", "2026-11-01", "2026-11-15"]


def test_child_term_offers_the_end_at_the_age_of_majority(qtbot, shown, office):
    dialog = _dialog(shown, office)
    row = dialog.terms.rows[0]
    row.child.setFocus()
    qtbot.keyClick(row.child, Qt.Key.Key_Down)
    assert row.end.text() == "2030-05-31"
    assert row.category.currentText() == "child"


def test_end_before_start_shows_beside_the_end_and_saves_nothing(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "KB")
    row = dialog.terms.rows[0]
    qtbot.keyClicks(row.amount, "100")
    type_date(qtbot, row.start, "2026-01-01")
    qtbot.mouseClick(row.end.check, Qt.MouseButton.LeftButton)
    type_date(qtbot, row.end.edit, "2025-01-01")
    _save(qtbot, dialog)
    assert "before the start" in dialog.form.message_for("terms[0].end")
    assert dialog.isVisible() and len(_orders(office)) == 1


def test_message_names_the_right_row(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "KB")
    qtbot.keyClicks(dialog.terms.rows[0].amount, "100")
    qtbot.mouseClick(dialog.terms.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.terms.rows[1].amount, "1.001")
    _save(qtbot, dialog)
    assert dialog.form.message_for("terms[0].amount") == ""
    assert "two decimals" in dialog.form.message_for("terms[1].amount")


def test_save_waits_for_the_court_and_a_term(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.terms.rows[0].amount, "100")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.court, "KB")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.terms.rows[0].remove, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled()


def test_made_on_defaults_to_today(qtbot, shown, office):
    dialog = _dialog(shown, office)
    assert dialog.made_on.date().toPython() == date(2026, 11, 23)


def _charges(office, debit):
    return [line["date"] for line in office.statement()["lines"]
            if line["kind"] == "charge" and line["debit"] == debit]


def _periodic(qtbot, shown, office, amount, frequency, start):
    """A new order with one periodic term, the schedule chosen as an officer would."""
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "KB")
    row = dialog.terms.rows[0]
    qtbot.keyClicks(row.amount, amount)
    pick(qtbot, row.frequency, frequency)
    type_date(qtbot, row.start, start)
    return dialog, row


def test_twice_a_month_shows_the_first_day_it_saves(qtbot, shown, office):
    _dialog_, row = _periodic(qtbot, shown, office, "100", "Twice a month", "2026-10-01")
    assert (row.day.text(), row.day2.text()) == ("1", "15")


def test_day_of_month_follows_the_start_date(qtbot, shown, office):
    _dialog_, row = _periodic(qtbot, shown, office, "21", "Monthly", "2026-09-20")
    assert row.day.text() == "20"


def test_monthly_term_starting_on_the_20th_charges_on_the_20th(qtbot, shown, office):
    dialog, _row = _periodic(qtbot, shown, office, "21", "Monthly", "2026-09-20")
    _save(qtbot, dialog)
    assert _charges(office, "21.00") == ["2026-09-20", "2026-10-20", "2026-11-20"]


def test_annual_term_starting_on_january_31_charges_that_day(qtbot, shown, office):
    dialog, _row = _periodic(qtbot, shown, office, "31", "Annually", "2026-01-31")
    _save(qtbot, dialog)
    assert _charges(office, "31.00") == ["2026-01-31"]


def test_officers_day_stays_when_the_start_changes(qtbot, shown, office):
    dialog, row = _periodic(qtbot, shown, office, "22", "Monthly", "2026-09-01")
    row.day.setFocus()
    qtbot.keyClick(row.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.day, "5")
    type_date(qtbot, row.start, "2026-09-20")
    assert row.day.text() == "5"
    _save(qtbot, dialog)
    assert _charges(office, "22.00") == ["2026-10-05", "2026-11-05"]


def test_weekly_term_charges_every_seven_days_from_its_start(qtbot, shown, office):
    dialog, row = _periodic(qtbot, shown, office, "23", "Weekly", "2026-10-26")
    assert not row.cells["days"].isVisible()
    _save(qtbot, dialog)
    assert _charges(office, "23.00") == ["2026-10-26", "2026-11-02", "2026-11-09",
                                         "2026-11-16", "2026-11-23"]


def test_biweekly_term_charges_every_fourteen_days_from_its_start(qtbot, shown, office):
    dialog, _row = _periodic(qtbot, shown, office, "24", "Every two weeks", "2026-10-01")
    _save(qtbot, dialog)
    assert _charges(office, "24.00") == ["2026-10-01", "2026-10-15", "2026-10-29",
                                         "2026-11-12"]


def test_quarterly_term_charges_every_three_months_clamped(qtbot, shown, office):
    dialog, _row = _periodic(qtbot, shown, office, "25", "Quarterly", "2026-01-31")
    _save(qtbot, dialog)
    assert _charges(office, "25.00") == ["2026-01-31", "2026-04-30", "2026-07-31",
                                         "2026-10-31"]


def _one_off(qtbot, shown, office, kind, amount, due):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "KB")
    row = dialog.terms.rows[0]
    pick(qtbot, row.kind, kind)
    qtbot.keyClicks(row.amount, amount)
    type_date(qtbot, row.due, due)
    _save(qtbot, dialog)
    [term] = _orders(office)[1].terms
    return term


def test_fixed_arrears_term_is_saved_and_charged_on_its_date(qtbot, shown, office):
    term = _one_off(qtbot, shown, office, "Fixed arrears", "2,600.00", "2025-02-01")
    assert (term.kind, term.due.isoformat()) == ("fixed_arrears", "2025-02-01")
    assert _charges(office, "2600.00") == ["2025-02-01"]


def test_special_expense_term_is_saved_and_charged_on_its_date(qtbot, shown, office):
    term = _one_off(qtbot, shown, office, "Special expense", "350.00", "2025-09-01")
    assert (term.kind, term.due.isoformat()) == ("special_expense", "2025-09-01")
    assert _charges(office, "350.00") == ["2025-09-01"]


def test_fee_term_is_saved_and_owed_to_the_program(qtbot, shown, office):
    term = _one_off(qtbot, shown, office, "Fee", "25.00", "2025-04-01")
    assert (term.kind, term.due.isoformat()) == ("fee", "2025-04-01")
    assert _charges(office, "25.00") == ["2025-04-01"]
    assert office.statement()["by_payee"]["program"] == "25.00"


def test_court_file_number_is_saved_with_the_order(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "Provincial Court")
    qtbot.keyClicks(dialog.court_file, "FL-2025-0042")
    qtbot.keyClicks(dialog.terms.rows[0].amount, "10")
    _save(qtbot, dialog)
    assert (_orders(office)[1].court, _orders(office)[1].court_file) == (
        "Provincial Court", "FL-2025-0042")


def _variation_superseding_nothing(qtbot, shown, office):
    dialog = _dialog(shown, office)
    pick(qtbot, dialog.varies, "Order of 2024-12-15")
    row = dialog.terms.rows[0]
    qtbot.keyClicks(row.amount, "600.00")
    type_date(qtbot, row.start, "2026-01-01")
    return dialog


def test_variation_superseding_nothing_asks_before_stacking(qtbot, shown, office, said):
    dialog = _variation_superseding_nothing(qtbot, shown, office)
    said.answer = False
    _save(qtbot, dialog)
    assert said == [("confirm", "None of the new terms replaces a term of the order it "
                                "varies; both will be charged. Save anyway?")]
    assert dialog.isVisible() and len(_orders(office)) == 1


def test_variation_superseding_nothing_is_saved_when_confirmed(qtbot, shown, office, said):
    dialog = _variation_superseding_nothing(qtbot, shown, office)
    _save(qtbot, dialog)
    assert [kind for kind, _ in said] == ["confirm"]
    assert len(_orders(office)) == 2
    assert {c["debit"] for c in office.statement()["lines"]
            if c["kind"] == "charge" and c["date"] == "2026-01-01"} == {"400.00", "600.00"}


def test_variation_that_supersedes_asks_nothing(qtbot, shown, office, said):
    dialog = _variation_superseding_nothing(qtbot, shown, office)
    _tick_first_old_term(qtbot, dialog.terms.rows[0])
    _save(qtbot, dialog)
    assert said == [] and len(_orders(office)) == 2


def test_new_order_asks_nothing(qtbot, shown, office, said):
    dialog = _dialog(shown, office)
    qtbot.keyClicks(dialog.court, "KB")
    qtbot.keyClicks(dialog.terms.rows[0].amount, "10")
    _save(qtbot, dialog)
    assert said == [] and len(_orders(office)) == 2


def _tab_walk(qtbot, dialog, start, steps):
    """Where focus goes, one Tab key at a time, from `start`."""
    dialog.activateWindow()
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: start.hasFocus())
    seen = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_walks_the_order_top_to_bottom_then_save(qtbot, shown, office):
    dialog = _dialog(shown, office)
    row = dialog.terms.rows[0]
    qtbot.keyClicks(dialog.court, "KB")
    qtbot.keyClicks(row.amount, "10")
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    expected = [dialog.court, dialog.court_file, dialog.made_on, row.kind, row.amount,
                row.category, row.child, row.frequency, row.day, row.start, row.end.check,
                row.remove, dialog.terms.add_button, dialog.ok_button, cancel, dialog.varies]
    assert _tab_walk(qtbot, dialog, dialog.varies, len(expected)) == expected


def test_a_date_takes_one_tab(qtbot, shown, office):
    dialog = _dialog(shown, office)
    assert _tab_walk(qtbot, dialog, dialog.made_on, 1) == [dialog.terms.rows[0].kind]


def test_tab_walks_a_term_row_added_later_before_add_term(qtbot, shown, office):
    dialog = _dialog(shown, office)
    qtbot.mouseClick(dialog.terms.add_button, Qt.MouseButton.LeftButton)
    first, second = dialog.terms.rows
    walk = _tab_walk(qtbot, dialog, first.remove, 3)
    assert walk == [second.kind, second.amount, second.category]
    assert _tab_walk(qtbot, dialog, second.remove, 1) == [dialog.terms.add_button]


def _mnemonics(dialog):
    found = [re.findall(r"&(\w)", w.text().replace("&&", ""))
             for kind in (QLabel, QAbstractButton) for w in dialog.findChildren(kind)]
    return [letter.lower() for letters in found for letter in letters]


def test_no_two_fields_share_an_alt_key(qtbot, shown, office):
    dialog = _dialog(shown, office)
    pick(qtbot, dialog.varies, "Order of")  # a variation shows Supersedes too
    letters = _mnemonics(dialog)
    assert len(letters) >= 14
    assert sorted(letters) == sorted(set(letters))


def test_alt_a_goes_to_the_amount_and_alt_t_adds_a_term(qtbot, shown, office):
    dialog = _dialog(shown, office)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert dialog.terms.rows[0].amount.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(dialog.terms.rows) == 2)  # a button's mnemonic clicks it
