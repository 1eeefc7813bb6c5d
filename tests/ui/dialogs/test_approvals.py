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


def test_own_row_is_not_preselected_and_cannot_be_decided(qtbot, shown, office):
    _waiting_credit(office, by="sue")
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    assert dialog.table.item(0, 6).text() == "Sue Supervisor (you)"
    assert dialog.selected() is None
    assert "entered by you" in dialog.detail.text()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.table.visualItemRect(dialog.table.item(0, 1)).center())
    assert dialog.selected() is not None
    assert not dialog.approve.isEnabled() and not dialog.refuse.isEnabled()
    assert "another supervisor decides it" in dialog.approve.toolTip()
    assert "another supervisor decides it" in dialog.detail.text()


def test_the_first_row_one_may_decide_is_preselected(qtbot, shown, office):
    _waiting_credit(office, by="sue")
    _waiting_credit(office, by="oscar", amount="-700.00")
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    assert dialog.selected().entered_by_name == "Oscar Other"
    assert dialog.approve.isEnabled()


def test_columns_fit_and_a_long_reason_is_whole_below(qtbot, shown, office):
    reason = ("Payor paid the recipient directly in cash for three months; "
              "recipient confirmed by phone on the 4th")
    with office.db.session() as s:
        payments.make_adjustment(s, actor=office.ctx("oscar").actor, case_id=office.case_id,
                                 on="2025-03-01", amount="-800.00", reason=reason, today=TODAY)
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))
    table, header = dialog.table, dialog.table.horizontalHeader()
    for column in range(7):  # every column is on screen, none cut off at the right
        assert header.sectionViewportPosition(column) + header.sectionSize(column) \
            <= table.viewport().width()
    assert header.sectionSize(6) >= table.sizeHintForColumn(6)
    assert header.sectionSize(5) >= 160  # the reason is more than "…"
    assert table.item(0, 5).toolTip() == reason
    assert f"Reason: {reason}" in dialog.detail.text()


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


def test_unexpected_error_is_said_and_the_row_stays(qtbot, shown, office, said, monkeypatch):
    _waiting_credit(office)
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))

    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(payments, "decide", broken)
    _click(qtbot, dialog.approve)
    assert said == [("error", "Could not save: disk full. Nothing was saved.")]
    assert dialog.isVisible() and dialog.table.rowCount() == 1


def test_busy_database_is_said(qtbot, shown, office, said, monkeypatch):
    from sqlalchemy.exc import OperationalError

    _waiting_credit(office)
    dialog = shown(ApprovalsDialog(office.ctx("sue"), today=TODAY))

    def busy(*_a, **_k):
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    monkeypatch.setattr(payments, "decide", busy)
    _click(qtbot, dialog.approve)
    assert said and said[0][1].startswith("The database is busy")
    assert dialog.isVisible()
