"""Explaining a statement line on the Account tab: real clicks, the pane beside the table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from caseworker import models
from tests.ui.tabs.conftest import click_row


def _row(account, kind: str, description: str | None = None) -> int:
    model = account.statement
    return next(i for i in range(model.rowCount()) if model.row_at(i).kind == kind
                and (description is None or model.row_at(i).description == description))


def test_explain_is_disabled_until_a_line_is_selected(qtbot, account):
    assert not account.explain_button.isEnabled()
    click_row(qtbot, account.statement_view, 0)
    assert account.explain_button.isEnabled()


def test_double_clicking_a_payment_lists_the_charges_it_paid(qtbot, account):
    row = _row(account, "payment", "payment (wage)")
    click_row(qtbot, account.statement_view, row, double=True)
    pane = account.explain_pane
    assert pane.explanation.ref == account.statement.row_at(row).ref
    links = [pane.links.row_at(i) for i in range(pane.links.rowCount())]
    assert links and all(link.ref.startswith("T") for link in links)
    assert pane.links_view.isVisible()
    credit = pane.explanation.remainder[1]
    assert sum(link.amount for link in links) + credit == account.statement.row_at(row).credit
    assert pane.remainder.text() == f"Not yet applied (credit): <b>${credit:,.2f}</b>"


def test_the_explain_button_on_a_charge_names_its_term(qtbot, account):
    click_row(qtbot, account.statement_view, 0)
    qtbot.mouseClick(account.explain_button, Qt.MouseButton.LeftButton)
    pane = account.explain_pane
    term = account.statement.row_at(0).ref.split("#")[0]
    assert pane.title.text() == f"<b>Charge of term {term}: child support (monthly)</b>"
    assert f"{term}, periodic" in pane.facts.text()
    assert "Court of King&#x27;s Bench, Edmonton" in pane.facts.text()


def test_explaining_a_reversal_says_which_payment_and_why(qtbot, account):
    click_row(qtbot, account.statement_view, _row(account, "reversal"), double=True)
    pane = account.explain_pane
    assert pane.explanation.title.startswith("Reversal of payment P")
    assert "NSF" in pane.facts.text()
    assert not pane.links_view.isVisible()


def test_the_pane_starts_with_a_hint(account):
    assert account.explain_pane.title.text().startswith("Select a statement line")
    assert not account.explain_pane.facts.isVisible()


def test_a_reload_of_the_same_file_keeps_the_explanation(qtbot, account, file_view):
    click_row(qtbot, account.statement_view, 0, double=True)
    file_view.show_case(file_view.case_id)
    assert account.explain_pane.explanation is not None


def test_closing_the_file_clears_the_explanation(qtbot, account, file_view):
    click_row(qtbot, account.statement_view, 0, double=True)
    file_view.clear()
    assert account.explain_pane.explanation is None


def test_the_explanation_links_model_passes_the_model_tester(qtbot, qtmodeltester, account):
    click_row(qtbot, account.statement_view, _row(account, "payment", "payment (wage)"),
              double=True)
    assert account.explain_pane.links.rowCount() > 0
    qtmodeltester.check(account.explain_pane.links)


def test_an_explained_charge_shows_its_paid_amounts_in_money(qtbot, account):
    row = _row(account, "payment", "payment (wage)")
    click_row(qtbot, account.statement_view, row, double=True)
    view = account.explain_pane.links_view
    amount = view.model().index(0, 3).data()
    assert amount.startswith("$") and Decimal(amount[1:].replace(",", "")) > 0


def test_return_on_a_selected_line_explains_it(qtbot, account):
    click_row(qtbot, account.statement_view, 0)
    qtbot.keyClick(account.statement_view, Qt.Key.Key_Return)
    assert account.explain_pane.explanation.ref == account.statement.row_at(0).ref


def test_selecting_a_payment_line_selects_that_payment_for_a_reversal(qtbot, account):
    row = _row(account, "payment", "payment (direct)")
    click_row(qtbot, account.statement_view, row)
    selected = account.payments_view.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["2025-02-04"]


def test_an_explained_charge_is_explained_again_when_a_payment_pays_it(
        qtbot, account, file_view, sample_db, sample_case_id):
    last = account.statement.rowCount() - 1
    click_row(qtbot, account.statement_view, last, double=True)
    assert account.explain_pane.explanation.links == ()
    with sample_db.session() as session:
        olivia = session.scalars(select(models.User).where(models.User.username == "olivia")
                                 ).one()
        session.add(models.Payment(case_id=sample_case_id, seq=9, received=date.today(),
                                   amount=Decimal("10.00"), source="direct",
                                   entered_by=olivia.id))
    file_view.show_case(sample_case_id)   # what the hub's case_changed does
    assert account.explain_pane.explanation.ref == account.statement.row_at(last).ref
    assert [link.amount for link in account.explain_pane.explanation.links] == [
        Decimal("10.00")]
