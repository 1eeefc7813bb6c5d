"""Explaining statement lines: the term behind a charge, what a payment paid, and the rest."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseworker import models
from caseworker.services import explain, statements
from caseworker.services.errors import NotFound


@pytest.fixture
def session(sample_db):
    with sample_db.session() as session:
        yield session


@pytest.fixture
def result(session, sample_case_id) -> dict:
    return statements.statement_for(session, sample_case_id)


def _payment(session, reference: str) -> models.Payment:
    return session.scalars(select(models.Payment).where(models.Payment.reference == reference)
                           ).one()


def _line(result: dict, kind: str, ref: str | None = None) -> dict:
    return next(line for line in result["lines"]
                if line["kind"] == kind and (ref is None or line["ref"] == ref))


def test_a_payment_lists_the_charges_it_paid_and_the_rest_is_credit(session, sample_case_id,
                                                                     result):
    wage = _payment(session, "NW-0103")
    found = explain.explain(session, sample_case_id, result, f"P{wage.id}")
    assert found.links, "the wage payment paid a charge"
    assert all(link.ref.startswith("T") for link in found.links)
    caption, credit = found.remainder
    assert caption.startswith("Not yet applied")
    assert sum(link.amount for link in found.links) + credit == wage.amount


def test_a_payment_gives_its_received_date_source_and_reference(session, sample_case_id,
                                                                 result):
    wage = _payment(session, "NW-0103")
    facts = dict(explain.explain(session, sample_case_id, result, f"P{wage.id}").facts)
    assert facts["Received"] == "2025-01-03"
    assert facts["Source"] == "wage"
    assert facts["Reference"] == "NW-0103"
    assert facts["Entered by"] == "Olivia Officer"


def test_a_charge_names_its_term_and_order(session, sample_case_id, result):
    first = _line(result, "charge")
    found = explain.explain(session, sample_case_id, result, first["ref"])
    term_id = int(first["ref"][1:].split("#")[0])
    facts = dict(found.facts)
    assert facts["Term"] == f"T{term_id}, periodic"
    assert facts["Category"] == "child"
    assert facts["Term amount"] == "$450.00 monthly"
    assert facts["Child"] == "Emma Kirkpatrick"
    assert facts["Order"].startswith("Court of King's Bench, Edmonton, made 2011-02-15")


def test_a_superseded_terms_charge_says_which_variation_replaced_it(session, sample_case_id,
                                                                     result):
    found = explain.explain(session, sample_case_id, result, _line(result, "charge")["ref"])
    assert dict(found.facts)["Superseded"].startswith("from 2016-02-01 by T")
    assert "order made 2016-01-10" in dict(found.facts)["Superseded"]


def test_a_paid_charge_lists_the_payment_that_paid_it(session, sample_case_id, result):
    wage = _payment(session, "NW-0103")
    paid = next(a for a in result["allocations"] if a["payment"] == f"P{wage.id}")
    found = explain.explain(session, sample_case_id, result, paid["charge"])
    assert [(link.ref, link.date) for link in found.links] == [(f"P{wage.id}",
                                                                 date(2025, 1, 3))]
    charged = Decimal(_line(result, "charge", paid["charge"])["debit"])
    assert found.remainder == ("Still unpaid", charged - Decimal(paid["amount"]))


def test_a_reversal_names_the_payment_it_reverses_and_why(session, sample_case_id, result):
    cheque = _payment(session, "CHQ 118")
    found = explain.explain(session, sample_case_id, result, _line(result, "reversal")["ref"])
    facts = dict(found.facts)
    assert found.title == f"Reversal of payment P{cheque.id}"
    assert facts["Reverses"].startswith(f"P{cheque.id}, received 2025-02-04, $520.00")
    assert facts["Reason"] == "NSF"


def test_a_reversed_payment_paid_nothing_and_says_so(session, sample_case_id, result):
    cheque = _payment(session, "CHQ 118")
    found = explain.explain(session, sample_case_id, result, f"P{cheque.id}")
    assert found.links == ()
    assert found.notes[0].startswith("Reversed by P") and ": NSF." in found.notes[0]


def test_an_adjustment_gives_its_reason_and_who_entered_it(session, sample_case_id, result):
    found = explain.explain(session, sample_case_id, result, _line(result, "adjustment")["ref"])
    facts = dict(found.facts)
    assert facts["Reason"] == "Credit for a direct payment the recipient reported"
    assert facts["Entered by"] == "Olivia Officer"
    assert sum(link.amount for link in found.links) + found.remainder[1] == Decimal("100.00")


def test_interest_gives_the_posting_date_and_what_it_was_charged_on(session, sample_case_id):
    session.get(models.Case, sample_case_id).policy = "bc-fmep"   # a daily-interest program
    session.flush()
    result = statements.statement_for(session, sample_case_id)
    line = _line(result, "interest")
    found = explain.explain(session, sample_case_id, result, line["ref"])
    facts = dict(found.facts)
    assert facts["Posted"] == line["date"]
    assert facts["Method"] == "daily simple"
    before = result["lines"][result["lines"].index(line) - 1]["balance"]
    assert facts["Balance before it"] == explain.money(Decimal(before))


def test_interest_says_since_which_posting_it_accrued(session, sample_case_id):
    session.get(models.Case, sample_case_id).policy = "bc-fmep"
    session.flush()
    result = statements.statement_for(session, sample_case_id)
    first, second = [line for line in result["lines"] if line["kind"] == "interest"][:2]
    found = explain.explain(session, sample_case_id, result, second["ref"])
    assert dict(found.facts)["Accrued since"] == f"the posting of {first['date']}"
    assert dict(found.facts)["Rate then"].endswith("% a year")   # from the policy's table


def test_the_text_form_has_the_title_and_the_facts(session, sample_case_id, result):
    wage = _payment(session, "NW-0103")
    text = explain.explain(session, sample_case_id, result, f"P{wage.id}").text()
    assert text.startswith(f"Payment P{wage.id}: payment (wage)\n")
    assert "Reference   NW-0103" in text
    assert "Charges it paid" in text


def test_a_ref_not_on_the_statement_is_not_found(session, sample_case_id, result):
    with pytest.raises(NotFound):
        explain.explain(session, sample_case_id, result, "P999999")
