"""Orders and variations: a variation cuts the old term from its date and nothing before."""

from datetime import date
from decimal import Decimal

import pytest

from caseworker import ledger
from caseworker.models import Case
from caseworker.services.accounts import account_document
from caseworker.services.errors import ValidationError
from caseworker.services.orders import TermInput, add_order, age_of_majority, children
from tests.services.office import TODAY


def _statement(office, as_of: str | None = None) -> dict:
    with office.db.session() as s:
        return ledger.statement(account_document(s, office.case_id),
                                as_of=as_of or TODAY.isoformat())


def _vary(office, start="2026-01-01", amount="550.00") -> int:
    with office.db.session() as s:
        case = s.get(Case, office.case_id)
        old = case.orders[0].terms[0]
        return add_order(s, actor=office.officer, case_id=office.case_id, court="KB",
                         made_on="2025-12-01", varies_id=case.orders[0].id, today=TODAY,
                         terms=[TermInput(kind="periodic", amount=amount, frequency="monthly",
                                          day=1, start=start, supersedes=[old.id])])


def test_variation_charges_the_new_amount_from_its_date(office):
    _vary(office)
    charges = [line for line in _statement(office)["lines"] if line["kind"] == "charge"]
    assert {c["debit"] for c in charges if c["date"] >= "2026-01-01"} == {"550.00"}


def test_variation_leaves_figures_before_it_alone(office):
    before = _statement(office, as_of="2025-12-31")
    _vary(office)
    assert _statement(office, as_of="2025-12-31")["totals"] == before["totals"]


def test_retroactive_variation_recalculates_from_its_date(office):
    owing = Decimal(_statement(office)["totals"]["total_owing"])
    _vary(office, start="2025-06-01", amount="300.00")
    months = 18  # June 2025 to November 2026
    assert Decimal(_statement(office)["totals"]["total_owing"]) == owing - months * 100


def test_lump_sum_needs_a_due_date(office):
    with pytest.raises(ValidationError) as caught:
        with office.db.session() as s:
            add_order(s, actor=office.officer, case_id=office.case_id, court="KB",
                      made_on="2025-12-01", today=TODAY,
                      terms=[TermInput(kind="lump_sum", amount="100.00")])
    assert caught.value.field == "terms[0].due"


def test_end_before_start_is_refused(office):
    with pytest.raises(ValidationError, match="before the start") as caught:
        with office.db.session() as s:
            add_order(s, actor=office.officer, case_id=office.case_id, court="KB",
                      made_on="2025-12-01", today=TODAY,
                      terms=[TermInput(kind="periodic", amount="100.00", frequency="weekly",
                                       start="2026-01-01", end="2025-01-01")])
    assert caught.value.field == "terms[0].end"


def test_children_and_age_of_majority_for_the_order_form(office):
    with office.db.session() as s:
        kids = children(s, office.case_id)
        age = age_of_majority(s, office.case_id)
    assert [(c.name, c.birth_date) for c in kids] == [("Kim Lee", date(2012, 6, 1))]
    assert age == 18
