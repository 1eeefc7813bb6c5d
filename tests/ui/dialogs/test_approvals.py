"""The supervisor's approvals list: approve, refuse, and the rows nobody may decide."""

from decimal import Decimal

from PySide6.QtCore import Qt

from caseworker.services import payments
from caseworker.ui.dialogs.approvals import ApprovalsDialog
from tests.ui.dialogs.conftest import TODAY, entries


def _waiting_credit(office, by="oscar", amount="-800.00") -> int:
    # Setting the scene only: the row the supervisor is about to decide.
    ctx = office.ctx(by)
    with office.db.session() as s:
        return payments.make_adjustment(s, actor=ctx.actor, case_id=office.case_id,
                                         on="2025-03-01", amount=amount,
                                         reason="Direct payment reported", today=TODAY)


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_list_shows_file_amount_reason_and_who(qtbot, shown, office):
    _waiting_credit(office)
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    cells = [dialog.table.item(0, c).text() for c in range(7)]
    assert cells[1:] == ["Credit adjustment", "2025-03-01", "$800.00", "",
                         "Direct payment reported", "Oscar Other"]
    assert cells[0].startswith("GE-2026-")


def test_approval_makes_the_credit_count(qtbot, shown, office):
    _waiting_credit(office)
    before = office.owing()
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    with qtbot.waitSignals([office.hub.case_changed, office.hub.caseload_changed]):
        _click(qtbot, dialog.approve)
    assert office.owing() == before - Decimal("800.00")
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible()
    assert any("was approved by Sue Supervisor" in t for t in entries(office))


def test_refusal_leaves_the_figures_alone(qtbot, shown, office):
    _waiting_credit(office)
    before = office.owing()
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    qtbot.keyClicks(dialog.note, "No proof of payment")
    _click(qtbot, dialog.refuse)
    assert office.owing() == before
    assert any("was refused by Sue Supervisor. No proof of payment" in t
               for t in entries(office))


def test_own_row_is_refused_plainly(qtbot, shown, office, said):
    _waiting_credit(office, by="sue")
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    assert dialog.table.item(0, 6).text() == "Sue Supervisor (you)"
    _click(qtbot, dialog.approve)
    assert said == [("error", "Nobody approves their own reversal or adjustment.")]
    with office.db.reader() as s:
        assert len(payments.pending_approvals(s, actor=office.ctx("sue").actor)) == 1


def test_officer_is_refused_plainly(qtbot, shown, office, said):
    _waiting_credit(office)
    dialog = shown(ApprovalsDialog(office.ctx("olivia"), today=TODAY))
    _click(qtbot, dialog.approve)
    assert said and "officer may not approve" in said[0][1]


def test_buttons_wait_for_a_row(qtbot, shown, office):
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    assert not dialog.approve.isEnabled() and not dialog.refuse.isEnabled()


def test_list_shows_the_reversed_payments_reference_and_date(qtbot, shown, office):
    ctx = office.ctx("oscar")
    with office.db.session() as s:
        paid = payments.post_payment(s, actor=ctx.actor, case_id=office.case_id,
                                     received="2025-01-03", amount="900.00", source="direct",
                                     reference="CHQ 1042", today=TODAY)
        payments.reverse_payment(s, actor=ctx.actor, payment_id=paid, reason="NSF",
                                 on="2025-01-10", today=TODAY)
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    cells = [dialog.table.item(0, c).text() for c in range(7)]
    assert cells[2:5] == ["2025-01-10", "$900.00", "CHQ 1042, payment of 2025-01-03"]
