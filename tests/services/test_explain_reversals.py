"""Explaining a reversed payment: only a reversal that counts reverses it (docs/decisions.md)."""

from __future__ import annotations

from caseworker.services import explain, statements
from caseworker.services import payments as pay
from tests.services.office import TODAY


def _payment(office, amount: str) -> int:
    with office.db.session() as s:
        return pay.post_payment(s, actor=office.officer, case_id=office.case_id,
                                received="2025-03-02", amount=amount, source="direct",
                                today=TODAY)


def _reverse(office, payment_id: int) -> int:
    with office.db.session() as s:
        return pay.reverse_payment(s, actor=office.officer, payment_id=payment_id,
                                   reason="oops", on="2025-03-20", today=TODAY)


def _explained(office, payment_id: int) -> explain.Explanation:
    with office.db.reader() as s:
        result = statements.statement_for(s, office.case_id, TODAY)
        return explain.explain(s, office.case_id, result, f"P{payment_id}")


def test_a_payment_whose_reversal_was_refused_is_not_explained_as_reversed(office):
    paid = _payment(office, "900.00")            # above the approval threshold
    reversal = _reverse(office, paid)
    with office.db.session() as s:
        pay.decide(s, actor=office.supervisor, kind="reversal", row_id=reversal,
                   approve=False, today=TODAY)
    found = _explained(office, paid)
    assert not any("Reversed" in note for note in found.notes)
    assert found.links, "the payment still paid charges"


def test_a_payment_whose_reversal_waits_says_it_counts_until_approved(office):
    paid = _payment(office, "900.00")
    reversal = _reverse(office, paid)
    found = _explained(office, paid)
    assert found.notes == (f"Reversal P{reversal} waiting for approval (dated 2025-03-20): "
                           "the payment counts until a supervisor approves it.",)
    assert found.links


def test_a_counted_reversal_undoes_the_payment_and_leaves_no_credit(office):
    paid = _payment(office, "100.00")            # under the threshold: counts at once
    reversal = _reverse(office, paid)
    found = _explained(office, paid)
    assert found.links == ()
    assert found.remainder is None
    assert found.notes[0].startswith(f"Reversed by P{reversal} on 2025-03-20: oops.")
    assert "allocations are undone" in found.notes[0]
    assert "credit" not in found.text().replace("leaves no credit", "")
