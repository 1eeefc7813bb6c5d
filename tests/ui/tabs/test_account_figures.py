"""The Account tab's figures are the ledger's statement of the same file, today."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from caseworker.models import Case, CourtOrder, Term
from caseworker.ui.widgets.format import money
from tests.ui.tabs.conftest import ledger_statement, open_account


def _shown(account, key: str) -> str:
    return account.grid.values[key].text()


def test_the_headline_total_owing_and_arrears_are_the_ledgers(account, expected):
    text = account.figures.text()
    assert f"Total owing <b>{money(Decimal(expected['totals']['total_owing']))}</b>" in text
    assert f"Arrears <b>{money(Decimal(expected['arrears']))}</b>" in text


def test_the_headline_says_since_when_the_file_is_delinquent(account, expected):
    assert expected["delinquent_since"]
    assert f"Delinquent since <b>{expected['delinquent_since']}</b>" in account.figures.text()


def test_every_total_is_the_ledgers(account, expected):
    for key in ("principal_owing", "interest_owing", "fees_owing", "credit", "charged",
                "interest_charged", "adjusted", "collected"):
        assert _shown(account, key) == money(Decimal(expected["totals"][key])), key


def test_the_six_aging_buckets_are_the_ledgers(account, expected):
    assert list(expected["aging"]) == ["0-30", "31-90", "91-180", "181-365", "366-730", "731+"]
    for bucket, amount in expected["aging"].items():
        assert _shown(account, f"aging:{bucket}") == money(Decimal(amount)), bucket


def test_the_amounts_by_payee_are_the_ledgers(account, expected):
    shown = {key.split(":", 1)[1]: label.text() for key, label in account.grid.values.items()
             if key.startswith("payee:")}
    assert shown == {payee: money(Decimal(v)) for payee, v in expected["by_payee"].items()}


def test_the_figures_are_visible_on_the_tab(account):
    assert account.grid.isVisible()
    assert all(label.isVisible() for label in account.grid.values.values())


def test_a_document_the_ledger_refuses_hides_the_figures_and_the_save(
        qtbot, sample_context, sample_db, sample_case_id):
    with sample_db.session() as session:
        order = session.scalars(select(CourtOrder).where(CourtOrder.case_id == sample_case_id)
                                ).first()
        order.terms.append(Term(kind="periodic", amount=Decimal("10.00"), frequency="monthly",
                                start=date(2020, 5, 1), end=date(2020, 1, 1)))
    view = open_account(qtbot, sample_context, sample_case_id)
    account = view.account_tab
    assert "The statement could not be computed" in account.figures.text()
    assert not account.grid.isVisible()
    assert not account.save_button.isEnabled()
    assert not account.pages.isTabVisible(account.pages.indexOf(account.chart))


def _first_file_of_each_program(db) -> list[int]:
    with db.session() as session:
        firsts: dict[str, int] = {}
        for case in session.scalars(select(Case).order_by(Case.id)):
            firsts.setdefault(case.policy, case.id)
        return list(firsts.values())


def test_demo_files_of_every_program_show_the_ledgers_figures(qtbot, app_context, db):
    for case_id in _first_file_of_each_program(db):
        view = open_account(qtbot, app_context, case_id)
        expected = ledger_statement(db, case_id)
        values = view.account_tab.grid.values
        for key, amount in expected["totals"].items():
            if key != "total_owing":
                assert values[key].text() == money(Decimal(amount)), (case_id, key)
        for payee, amount in expected["by_payee"].items():
            assert values[f"payee:{payee}"].text() == money(Decimal(amount)), (case_id, payee)
        for bucket, amount in expected["aging"].items():
            assert values[f"aging:{bucket}"].text() == money(Decimal(amount)), (case_id, bucket)
        view.close()
