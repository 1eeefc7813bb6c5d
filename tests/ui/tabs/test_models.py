"""Every table model of the file view and the running record passes Qt's model tester."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from caseworker.services import files, record
from caseworker.services.context import actor_for
from caseworker.ui.record_panel import EntriesModel
from caseworker.ui.tabs.account_models import AdjustmentsModel, PaymentsModel, StatementModel
from caseworker.ui.tabs.enforcement import ActionsModel, StaysModel
from caseworker.ui.tabs.notices import NoticesModel
from caseworker.ui.tabs.orders import OrdersModel, TermsModel
from caseworker.ui.tabs.party_models import (
    AddressesModel,
    AssetsModel,
    BanksModel,
    IncomesModel,
    PartiesModel,
)
from caseworker.ui.tabs.tasks import TasksModel
from caseworker.ui.widgets.table import table_view


@pytest.fixture
def detail(sample_db, sample_case_id) -> files.FileDetail:
    with sample_db.session() as session:
        return files.load_file(session, sample_case_id, actor=actor_for(session, "olivia"))


def _rows(detail: files.FileDetail) -> dict[type, tuple]:
    payor = detail.parties[0]
    return {
        PartiesModel: detail.parties, AddressesModel: payor.addresses,
        IncomesModel: payor.incomes, BanksModel: payor.bank_accounts,
        AssetsModel: payor.assets, OrdersModel: detail.orders,
        TermsModel: detail.orders[0].terms, PaymentsModel: detail.account.payments,
        AdjustmentsModel: detail.account.adjustments,
        StatementModel: detail.account.statement.lines, ActionsModel: detail.actions,
        StaysModel: detail.stays, TasksModel: detail.tasks, NoticesModel: detail.notices,
    }


MODELS = [PartiesModel, AddressesModel, IncomesModel, BanksModel, AssetsModel, OrdersModel,
          TermsModel, PaymentsModel, AdjustmentsModel, StatementModel, ActionsModel, StaysModel,
          TasksModel, NoticesModel]


@pytest.mark.parametrize("model_class", MODELS, ids=lambda c: c.__name__)
def test_model_passes_the_model_tester(qtmodeltester, detail, model_class):
    model = model_class()
    model.set_rows(_rows(detail)[model_class])
    assert model.rowCount() > 0
    qtmodeltester.check(model)


@pytest.mark.parametrize("model_class", MODELS, ids=lambda c: c.__name__)
def test_model_passes_the_model_tester_when_emptied(qtmodeltester, detail, model_class):
    model = model_class()
    qtmodeltester.check(model)
    model.set_rows(_rows(detail)[model_class])
    model.set_rows(())
    assert model.rowCount() == 0


def test_entries_model_passes_the_model_tester(qtmodeltester, sample_db, sample_case_id):
    with sample_db.session() as session:
        actor = actor_for(session, "olivia")
        record.add_entry(session, actor=actor, case_id=sample_case_id, kind="note", text="One")
        rows = record.entries(session, sample_case_id)
    model = EntriesModel()
    model.set_rows(rows)
    qtmodeltester.check(model)


def test_amounts_sort_as_decimals_not_as_text(qtbot, detail):
    model = PaymentsModel()
    view = table_view(model)
    qtbot.addWidget(view)
    model.set_rows(detail.account.payments)
    view.sortByColumn(PaymentsModel.COL_AMOUNT, Qt.SortOrder.AscendingOrder)
    proxy = view.model()
    amounts = [proxy.index(r, PaymentsModel.COL_AMOUNT).data(Qt.ItemDataRole.UserRole)
               for r in range(proxy.rowCount())]
    assert amounts == [Decimal("-520.00"), Decimal("520.00"), Decimal("520.00")]


def test_raw_values_are_decimal_and_date_not_text(detail):
    model = PaymentsModel()
    model.set_rows(detail.account.payments)
    index = model.index(0, PaymentsModel.COL_AMOUNT)
    assert index.data(Qt.ItemDataRole.UserRole) == Decimal("520.00")
    assert index.data() == "$520.00"


def test_an_amount_far_down_a_long_table_still_fits_its_column(qtbot, detail):
    model = PaymentsModel()
    view = table_view(model)
    qtbot.addWidget(view)
    small = detail.account.payments[0]
    rows = [small] * 500 + [replace(small, id=999, amount=Decimal("1234567.89"))]
    model.set_rows(rows)
    needed = view.fontMetrics().horizontalAdvance("$1,234,567.89")
    assert view.horizontalHeader().sectionSize(PaymentsModel.COL_AMOUNT) >= needed
