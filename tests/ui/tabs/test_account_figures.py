"""The Account tab's figures are the ledger's statement of the same file, today."""

from __future__ import annotations

from decimal import Decimal

from caseworker.ui.widgets.format import money


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
