"""Posting, reversing and adjusting through the dialogs, checked against the ledger."""

from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from caseworker.models import Adjustment
from caseworker.services import files
from caseworker.ui.dialogs.payment import AdjustmentDialog, PostPaymentDialog, ReversePaymentDialog
from tests.ui.dialogs.conftest import TODAY, entries, pick, tab_stop_after, type_date


def _post(qtbot, shown, office, amount="400.00", received="2025-01-03"):
    dialog = shown(PostPaymentDialog(office.ctx(), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, amount)
    type_date(qtbot, dialog.received, received)
    pick(qtbot, dialog.source, "Wage")
    qtbot.keyClicks(dialog.reference, "NW-0103")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog


def _payments(office):
    with office.db.reader() as session:
        return files.account(session, office.case_id, today=TODAY).payments


def test_post_is_disabled_until_an_amount_is_typed(qtbot, shown, office):
    dialog = shown(PostPaymentDialog(office.ctx(), office.case_id, today=TODAY))
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.amount, "1")
    assert dialog.ok_button.isEnabled()


def test_posted_payment_is_saved_with_its_record_entry(qtbot, shown, office):
    dialog = _post(qtbot, shown, office, amount="1,234.50")
    assert dialog.result() == dialog.DialogCode.Accepted
    [payment] = _payments(office)
    assert (payment.amount, payment.source, payment.reference, payment.received.isoformat()) == (
        Decimal("1234.50"), "wage", "NW-0103", "2025-01-03")
    assert "Payment posted: $1,234.50 received 2025-01-03 (wage, ref. NW-0103)." in entries(office)


def test_posted_payment_lowers_the_ledger_figures(qtbot, shown, office):
    before = office.owing()
    _post(qtbot, shown, office)
    statement = office.statement()
    assert Decimal(statement["totals"]["total_owing"]) == before - Decimal("400.00")
    assert Decimal(statement["totals"]["collected"]) == Decimal("400.00")


def test_posting_tells_the_window_what_changed(qtbot, shown, office):
    with qtbot.waitSignals([office.hub.case_changed, office.hub.record_changed,
                            office.hub.caseload_changed]):
        _post(qtbot, shown, office)


def test_bad_amount_shows_beside_the_amount_and_saves_nothing(qtbot, shown, office):
    dialog = _post(qtbot, shown, office, amount="12.345")
    assert dialog.isVisible()
    assert "two decimals" in dialog.form.message_for("amount")
    assert _payments(office) == ()


def test_future_date_shows_beside_the_date(qtbot, shown, office):
    dialog = _post(qtbot, shown, office, received="2027-01-01")
    assert "future" in dialog.form.message_for("received")
    assert _payments(office) == ()


def test_message_goes_when_the_field_is_edited(qtbot, shown, office):
    dialog = _post(qtbot, shown, office, amount="abc")
    assert dialog.form.message_for("amount")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Backspace)
    assert dialog.form.message_for("amount") == ""


def test_escape_cancels_and_saves_nothing(qtbot, shown, office):
    dialog = shown(PostPaymentDialog(office.ctx(), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, "50")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected and _payments(office) == ()


def test_investigator_is_told_plainly(qtbot, shown, office, said):
    dialog = shown(PostPaymentDialog(office.ctx("ivan"), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, "50")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert said and said[0][0] == "error" and "investigator" in said[0][1]
    assert dialog.isVisible() and _payments(office) == ()


def _reverse(qtbot, shown, office, reason="NSF", on="2025-01-20"):
    payment = _payments(office)[0].id
    dialog = shown(ReversePaymentDialog(office.ctx(), office.case_id, payment, today=TODAY))
    type_date(qtbot, dialog.on, on)
    if reason:
        qtbot.keyClicks(dialog.reason.lineEdit(), reason)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog


def test_reversal_needs_a_reason_before_it_can_be_saved(qtbot, shown, office):
    _post(qtbot, shown, office)
    dialog = _reverse(qtbot, shown, office, reason="")
    assert not dialog.ok_button.isEnabled() and dialog.isVisible()


def test_small_reversal_counts_at_once(qtbot, shown, office, said):
    _post(qtbot, shown, office)
    before = office.owing()
    _reverse(qtbot, shown, office)
    assert office.owing() == before + Decimal("400.00")
    assert any("reversed on 2025-01-20: NSF." in text for text in entries(office))
    assert said == []


def test_large_reversal_says_it_waits_for_approval(qtbot, shown, office, said):
    _post(qtbot, shown, office, amount="900.00")
    before = office.owing()
    _reverse(qtbot, shown, office)
    assert office.owing() == before
    assert said and "waits for a supervisor" in said[0][1]


def test_payment_whose_reversal_waits_is_not_offered_again(qtbot, shown, office, said):
    _post(qtbot, shown, office, amount="900.00")
    _reverse(qtbot, shown, office)
    dialog = shown(ReversePaymentDialog(office.ctx(), office.case_id, today=TODAY))
    assert [dialog.payment.itemData(i) for i in range(dialog.payment.count())] == [None]


def test_reversal_before_the_payment_shows_beside_the_date(qtbot, shown, office):
    _post(qtbot, shown, office)
    dialog = _reverse(qtbot, shown, office, on="2024-12-01")
    assert "before the payment" in dialog.form.message_for("on")


def _adjust(qtbot, shown, office, amount, side, reason="Direct payment reported"):
    dialog = shown(AdjustmentDialog(office.ctx(), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, amount)
    if side:
        qtbot.mouseClick(getattr(dialog, side), Qt.MouseButton.LeftButton)
    type_date(qtbot, dialog.on, "2025-03-01")
    qtbot.keyClicks(dialog.reason, reason)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog


def test_adjustment_waits_for_credit_or_charge(qtbot, shown, office):
    dialog = _adjust(qtbot, shown, office, "100.00", None)
    assert not dialog.ok_button.isEnabled()


def test_credit_lowers_what_is_owing(qtbot, shown, office):
    before = office.owing()
    _adjust(qtbot, shown, office, "100.00", "credit")
    assert office.owing() == before - Decimal("100.00")
    assert any("Adjustment (credit) of $100.00 dated 2025-03-01" in t for t in entries(office))


def test_charge_raises_what_is_owing(qtbot, shown, office):
    before = office.owing()
    _adjust(qtbot, shown, office, "75.00", "charge")
    assert office.owing() == before + Decimal("75.00")


def test_large_credit_waits_and_says_so(qtbot, shown, office, said):
    before = office.owing()
    _adjust(qtbot, shown, office, "800.00", "credit")
    assert office.owing() == before
    assert "waits for a supervisor" in said[0][1]


def test_adjustment_names_the_term_chosen(qtbot, shown, office):
    with office.db.reader() as session:
        [term] = files.orders(session, office.case_id)[0].terms
    dialog = shown(AdjustmentDialog(office.ctx(), office.case_id, today=TODAY))
    qtbot.keyClicks(dialog.amount, "40.00")
    qtbot.mouseClick(dialog.charge, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.reason, "Missed charge")
    pick(qtbot, dialog.term, f"T{term.id}:")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with office.db.reader() as session:
        [adjustment] = session.scalars(select(Adjustment)).all()
        assert (adjustment.term_id, adjustment.amount) == (term.id, Decimal("40.00"))


def test_bad_adjustment_amount_shows_beside_the_amount(qtbot, shown, office):
    dialog = _adjust(qtbot, shown, office, "ten", "credit")
    assert "not an amount" in dialog.form.message_for("amount")


def test_bad_credit_amount_quotes_what_was_typed_without_a_sign(qtbot, shown, office):
    dialog = _adjust(qtbot, shown, office, "ten", "credit")
    assert dialog.form.message_for("amount") == "'ten' is not an amount of money"


def test_sign_typed_with_charge_is_dropped(qtbot, shown, office):
    before = office.owing()
    _adjust(qtbot, shown, office, "-75.00", "charge")
    assert office.owing() == before + Decimal("75.00")


def _fits(label) -> bool:
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def test_wrapped_amount_message_shows_all_its_lines(qtbot, shown, office):
    dialog = _post(qtbot, shown, office, amount="12.345")
    label = dialog.form.fields["amount"].label
    assert label.heightForWidth(label.width()) > 1.5 * label.fontMetrics().height()  # wraps
    qtbot.waitUntil(lambda: _fits(label), timeout=1000)


def test_wrapped_reversal_date_message_shows_all_its_lines(qtbot, shown, office):
    _post(qtbot, shown, office)
    dialog = _reverse(qtbot, shown, office, on="2024-12-01")
    label = dialog.form.fields["on"].label
    assert label.heightForWidth(label.width()) > 1.5 * label.fontMetrics().height()
    qtbot.waitUntil(lambda: _fits(label), timeout=1000)


def test_tab_goes_from_amount_to_date_to_source(qtbot, shown, office):
    dialog = shown(PostPaymentDialog(office.ctx(), office.case_id, today=TODAY))
    assert tab_stop_after(dialog.amount) is dialog.received
    assert tab_stop_after(dialog.received) is dialog.source
    assert tab_stop_after(dialog.source) is dialog.reference


def test_reversal_on_a_file_without_payments_says_so(qtbot, shown, office):
    dialog = shown(ReversePaymentDialog(office.ctx(), office.case_id, today=TODAY))
    assert dialog.none_left.isVisible()
    assert dialog.none_left.text() == "This file has no payment that can be reversed."
    assert dialog.ok_button.toolTip() == "This file has no payment that can be reversed."
    assert not dialog.ok_button.isEnabled()
    assert not any(f.isEnabled() for f in (dialog.payment, dialog.on, dialog.reason))


def test_reversal_with_a_payment_to_reverse_says_nothing_of_the_kind(qtbot, shown, office):
    _post(qtbot, shown, office)
    dialog = shown(ReversePaymentDialog(office.ctx(), office.case_id, today=TODAY))
    assert not dialog.none_left.isVisible() and dialog.payment.isEnabled()


def test_adjustment_terms_use_the_order_forms_words(qtbot, shown, office):
    dialog = shown(AdjustmentDialog(office.ctx(), office.case_id, today=TODAY))
    assert dialog.term.itemText(1).startswith("T1: Periodic support $400.00 monthly (order of")


def test_required_fields_are_marked_the_same_way(qtbot, shown, office):
    from PySide6.QtWidgets import QLabel

    dialog = shown(AdjustmentDialog(office.ctx(), office.case_id, today=TODAY))
    captions = {w.text() for w in dialog.findChildren(QLabel)}
    assert {"&Amount *:", "Direction *:", "&Reason *:", "&Dated:", "&Term:"} <= captions
    assert dialog.legend.isVisible()
