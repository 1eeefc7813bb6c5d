"""Text renderings: the program's words, aligned columns, every section present."""

from __future__ import annotations

import json
from pathlib import Path

from caseworker.ledger import payoff, split, statement
from caseworker.ledger.text import money, render_payoff, render_split, render_statement

CASES = Path(__file__).parent / "cases"


def _case(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text())


def test_money_groups_thousands() -> None:
    assert money("1234567.05") == "1,234,567.05"
    assert money("-1000.00") == "-1,000.00"
    assert money("0.00") == "0.00"


def test_statement_uses_the_program_words() -> None:
    result = statement(_case("assignment_payee")["document"])
    text = render_statement(result, {"file": "case", "recipient": "person receiving support"})
    assert text.startswith("STATEMENT OF ACCOUNT\nCase: ASSIGN")
    assert "person receiving support" in text and "state" in text
    for heading in ("Totals", "TOTAL OWING", "Arrears", "Owing by payee", "days past due"):
        assert heading in text


def test_statement_shows_arrangement_default() -> None:
    text = render_statement(statement(_case("arrangement_default")["document"]),
                            {"arrangement": "payment plan"})
    assert "Payment plan periods" in text and "DEFAULT" in text


def test_payoff_text_says_never_plainly() -> None:
    doc = _case("payoff_never_catches_up")["document"]
    assert "never catches up" in render_payoff(payoff(doc, "400.00"))
    assert "Number of payments" in render_payoff(payoff(doc, "1000.00"))


def test_split_text_has_a_column_per_case() -> None:
    text = render_split(split(_case("split_current_then_arrears")["payor"]))
    header = next(line for line in text.splitlines() if line.startswith("Payment "))
    assert header.split() == ["Payment", "A", "B"]
    assert "475.00" in text and "125.00" in text
