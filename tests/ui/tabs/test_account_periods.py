"""Arrangement periods on the Account tab: expected, received, shortfall and the default mark."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from caseworker import models
from caseworker.services.files import ArrangementPeriod
from caseworker.ui.tabs.account_models import ArrangementModel
from caseworker.ui.widgets.format import money
from tests.ui.tabs.conftest import click_tab, ledger_statement, open_account


@pytest.fixture
def arranged(qtbot, sample_context, sample_db, sample_case_id):
    """The sample file with a monthly arrangement from June 2025, opened on its Account tab."""
    with sample_db.session() as session:
        session.add(models.Arrangement(case_id=sample_case_id, amount=Decimal("200.00"),
                                       frequency="monthly", day=15, start=date(2025, 6, 15)))
    view = open_account(qtbot, sample_context, sample_case_id)
    click_tab(qtbot, view.account_tab.pages.tabBar(), "Arrangement")
    yield view.account_tab
    view.close()


def _column(tab, column: int) -> list[str]:
    model = tab.periods_view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_no_arrangement_no_arrangement_sub_tab(account):
    pages = account.pages
    assert not pages.isTabVisible(pages.indexOf(account.periods_page))


def test_the_periods_shown_are_the_statements(arranged, sample_db, sample_case_id):
    periods = ledger_statement(sample_db, sample_case_id)["arrangement"]
    assert len(periods) > 2
    shown = list(zip(_column(arranged, 1), _column(arranged, 2), _column(arranged, 3),
                     _column(arranged, 4), _column(arranged, 5), strict=True))
    assert shown == [(p["start"], p["end"], money(Decimal(p["expected"])),
                      money(Decimal(p["received"])), money(Decimal(p["shortfall"])))
                     for p in periods]


def test_a_period_in_default_is_marked(arranged, sample_db, sample_case_id):
    periods = ledger_statement(sample_db, sample_case_id)["arrangement"]
    marks = _column(arranged, ArrangementModel.COL_STATUS)
    assert [m.endswith(" · in default") for m in marks] == [p["in_default"] for p in periods]
    assert any(m.endswith(" · in default") for m in marks)


def test_a_period_paid_in_full_under_a_default_reads_as_paid(qapp):
    model = ArrangementModel()
    model.as_of = date(2026, 6, 1)
    paid = ArrangementPeriod("PA1", date(2026, 3, 15), date(2026, 4, 14), Decimal("200.00"),
                             Decimal("200.00"), Decimal("0.00"), True)
    assert model.status(paid) == "Paid · in default"
    assert model.foreground(paid, ArrangementModel.COL_RECEIVED) is None


def test_a_period_not_yet_ended_is_in_progress_unless_in_default(qapp):
    model = ArrangementModel()
    model.as_of = date(2026, 1, 20)
    running = ArrangementPeriod("PA1", date(2026, 1, 15), date(2026, 2, 14), Decimal("200.00"),
                                Decimal("0.00"), Decimal("200.00"), False)
    assert model.status(running) == "In progress"
    assert model.status(replace(running, in_default=True)) == "In progress · in default"
    assert model.status(replace(running, end=date(2026, 1, 19))) == "Short"


def test_the_periods_model_passes_the_model_tester(qtmodeltester, arranged):
    qtmodeltester.check(arranged.periods)
