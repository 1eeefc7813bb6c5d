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


def test_clip_cuts_at_a_word_and_marks_the_cut() -> None:
    from caseworker.ledger.text import clip

    assert clip("support (monthly)") == "support (monthly)"
    assert clip("x" * 40) == "x" * 40
    cut = clip("correction of the registration amount entered from the order")
    assert cut == "correction of the registration amount…" and len(cut) <= 40
    assert clip("a" * 60).endswith("…") and len(clip("a" * 60)) == 40   # one long word


def _statement_with_long_description() -> tuple[dict, str]:
    doc = _case("arrangement_default")["document"]
    doc["currency"] = "CAD"
    doc.setdefault("adjustments", []).append(
        {"id": "A9", "date": "2025-01-02", "amount": "5.00",
         "reason": "correction of the registration amount entered from the order"})
    return doc, render_statement(statement(doc), {"arrangement": "payment plan"}, "CAD")


def test_statement_text_names_the_currency_and_cuts_descriptions_at_a_word() -> None:
    _, text = _statement_with_long_description()
    lines = text.splitlines()
    assert lines[2] == "Amounts in CAD"
    assert "Totals (CAD)" in lines
    assert "correction of the registration amount…" in text
    assert "registration amount e" not in text   # never cut inside a word


def test_statement_text_without_a_currency_says_nothing_of_it() -> None:
    text = render_statement(statement(_case("arrangement_default")["document"]))
    assert "Amounts in" not in text and "Totals\n" in text


def test_statement_text_columns_stay_aligned() -> None:
    _, text = _statement_with_long_description()
    lines = text.splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.startswith("Date "))
    rule = lines[head + 1]
    body = [ln for ln in lines[head + 2:] if ln[:4].isdigit()]
    description = rule.index("-", 12)   # where the second column starts
    for line in body:
        assert line[10:description] == " " * (description - 10)   # the date column
        assert len(line) == len(rule)   # the balance column ends where its rule ends
        assert line[-3] == "."


def test_arrangement_table_names_every_column() -> None:
    _, text = _statement_with_long_description()
    header = next(ln for ln in text.splitlines() if ln.startswith("Id "))
    assert header.split() == ["Id", "From", "To", "Expected", "Received", "Shortfall",
                              "Status"]
    rows = [ln for ln in text.splitlines() if ln.startswith("PA1 ")]
    status = header.index("Status")
    assert {ln[status:] for ln in rows} == {"", "DEFAULT"}


def test_payoff_text_names_the_currency() -> None:
    doc = _case("payoff_never_catches_up")["document"]
    assert "Amounts in USD" in render_payoff(payoff(doc, "1000.00"), None, "USD")
