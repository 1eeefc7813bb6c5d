"""Negotiating and recording an arrangement."""

import pytest
from sqlalchemy import select

from caseworker.models import Arrangement, Case
from caseworker.services.arrangements import project, record_arrangement
from caseworker.services.errors import ValidationError
from caseworker.services.orders import TermInput, add_order
from tests.services.office import TODAY


def test_projection_counts_payments_to_payoff(office):
    with office.db.session() as s:
        result = project(s, case_id=office.case_id, amount="600.00", frequency="monthly",
                         pay_day=15, today=TODAY)
    # 23 months of $400 owing (Jan 2025 - Nov 2026) = 9,200. Dec 2026 - May 2030: 42
    # payments each cover the month's $400 and pay $200 of arrears (8,400); support ends
    # with May 2030, so the last $800 takes 2 more payments ($600 + $200): 44 in all.
    assert result["payments"] == 44
    assert result["last_payment_amount"] == "200.00"
    assert result["interest_paid"] == "0.00"


def test_payment_below_support_catches_up_only_when_support_ends(office):
    with office.db.session() as s:
        result = project(s, case_id=office.case_id, amount="300.00", frequency="monthly",
                         pay_day=15, today=TODAY)
    # Arrears grow by $100 a month to 13,400 by May 2030 (42 payments), then $300 a month
    # clears them in 45 more.
    assert (result["payments"], result["paid_off"][:7]) == (87, "2034-02")


def test_payment_below_open_ended_support_never_catches_up(office):
    with office.db.session() as s:
        old = s.get(Case, office.case_id).orders[0].terms[0].id
        add_order(s, actor=office.officer, case_id=office.case_id, court="KB",
                  made_on="2026-11-01", today=TODAY,
                  terms=[TermInput(kind="periodic", amount="400.00", frequency="monthly", day=1,
                                   start="2026-12-01", supersedes=[old])])
    with office.db.session() as s:
        result = project(s, case_id=office.case_id, amount="300.00", frequency="monthly",
                         pay_day=15, today=TODAY)
    assert result["payments"] is None and result["paid_off"] is None


def test_recorded_arrangement_sets_the_file_status(office):
    with office.db.session() as s:
        record_arrangement(s, actor=office.officer, case_id=office.case_id, amount="600.00",
                           frequency="monthly", pay_day=15, start="2026-12-15", replaces=None,
                           today=TODAY)
    with office.db.session() as s:
        assert s.get(Case, office.case_id).status == "arrangement"
        assert s.scalars(select(Arrangement.amount)).one() == 600


def test_bad_frequency_is_named(office):
    with pytest.raises(ValidationError) as caught:
        with office.db.session() as s:
            project(s, case_id=office.case_id, amount="600.00", frequency="daily",
                    pay_day=None, today=TODAY)
    assert caught.value.field == "frequency"
