"""The dialogs and the open file together: the Account tab refreshes to the ledger's figures."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from caseworker.ui.dialogs.payment import AdjustmentDialog, PostPaymentDialog
from caseworker.ui.file_view import FileView
from caseworker.ui.widgets.format import money
from tests.ui.dialogs.conftest import TODAY, type_date


def _open(shown, office):
    ctx = office.ctx()
    view = shown(FileView(ctx))
    view.show_case(office.case_id)
    return ctx, view


def _tab_shows_the_ledgers_total(view, office) -> bool:
    # The tab states its figures as of the day it is read, so the ledger is asked the same.
    owing = Decimal(office.statement(as_of=date.today())["totals"]["total_owing"])
    return f"Total owing <b>{money(owing)}</b>" in view.account_tab.figures.text()


def test_posted_payment_shows_on_the_account_tab(qtbot, shown, office):
    ctx, view = _open(shown, office)
    dialog = PostPaymentDialog(ctx, office.case_id, view, today=TODAY)  # the view owns it
    dialog.show()
    qtbot.keyClicks(dialog.amount, "400.00")
    type_date(qtbot, dialog.received, "2025-01-03")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert view.account_tab.payments.rowCount() == 1
    assert _tab_shows_the_ledgers_total(view, office)


def test_credit_shows_on_the_account_tab(qtbot, shown, office):
    ctx, view = _open(shown, office)
    dialog = AdjustmentDialog(ctx, office.case_id, view, today=TODAY)
    dialog.show()
    qtbot.keyClicks(dialog.amount, "120.00")
    qtbot.mouseClick(dialog.credit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.reason, "Paid directly to the recipient")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert view.account_tab.adjustments.rowCount() == 1
    assert _tab_shows_the_ledgers_total(view, office)


def test_edited_team_shows_on_the_summary_tab(qtbot, shown, office):
    from caseworker.ui.dialogs.edit_file import EditFileDialog
    from tests.ui.dialogs.edit_helpers import retype

    ctx, view = _open(shown, office)
    dialog = EditFileDialog(ctx, office.case_id, view, today=TODAY)
    dialog.show()
    retype(qtbot, dialog.team.lineEdit(), "South")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert view.summary_tab.values["team"].text() == "South"


def test_edited_party_shows_on_the_parties_tab(qtbot, shown, office):
    from caseworker.ui.dialogs.edit_person import EditPersonDialog
    from tests.ui.dialogs.edit_helpers import retype

    ctx, view = _open(shown, office)
    payor = view.parties_tab.selected_person_id()
    dialog = EditPersonDialog(ctx, office.case_id, payor, view, today=TODAY)
    dialog.show()
    retype(qtbot, dialog.editors["person.given_name"], "Jon")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert view.parties_tab.detail.name.text() == "Jon Lee"
