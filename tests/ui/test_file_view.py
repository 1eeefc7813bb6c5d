"""The file view: opening a file shows its tabs, each with that file's data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from sqlalchemy import select

from caseworker import models
from caseworker.models.db import open_database
from caseworker.services import files
from caseworker.ui import messages
from caseworker.ui.file_view import EMPTY_TEXT, FileView
from caseworker.ui.hub import AppContext, Hub
from caseworker.ui.widgets.format import money


@pytest.fixture
def view(qtbot, sample_context):
    widget = FileView(sample_context)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def opened(view, sample_case_id):
    view.show_case(sample_case_id)
    return view


def click_tab(qtbot, view: FileView, title: str) -> None:
    bar = view.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert view.tabs.currentIndex() == index


def click_row(qtbot, table: QTableView, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def column(table: QTableView, col: int) -> list[str]:
    model = table.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_before_any_file_the_view_says_to_open_one(view):
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text() == EMPTY_TEXT
    assert not view.header.isVisible()


def test_opening_a_file_puts_its_number_and_parties_in_the_header(opened):
    assert opened.file_no.text() == "CW-2011-00042"
    assert "Daniel Kirkpatrick (payor)" in opened.people.text()
    assert opened.stack.currentWidget() is opened.tabs


def test_the_header_shows_the_family_violence_flag_in_red(opened):
    assert opened.badges.flags() == ["family_violence", "interjurisdictional"]
    badge = opened.badges.findChild(type(opened.file_no), "flag_family_violence")
    assert "#b3261e" in badge.styleSheet()


def test_the_file_has_the_seven_tabs(opened):
    titles = [opened.tabs.tabText(i).replace("&", "") for i in range(opened.tabs.count())]
    assert titles == ["Summary", "Parties", "Orders", "Account", "Enforcement", "Tasks",
                      "Notices"]


def _ledger_total(db, case_id: int) -> Decimal:
    with db.session() as session:
        return dict(files.account(session, case_id).statement.totals)["total_owing"]


def test_summary_shows_todays_amount_owing_from_the_ledger(opened, sample_db, sample_case_id):
    total = _ledger_total(sample_db, sample_case_id)
    assert opened.summary_tab.values["total_owing"].text() == money(total)
    assert opened.summary_tab.values["next_task"].text().endswith("returned cheque")


def test_parties_tab_shows_the_payor_first(qtbot, opened):
    click_tab(qtbot, opened, "Parties")
    assert column(opened.parties_tab.view, 1)[0] == "Daniel Kirkpatrick"
    assert opened.parties_tab.detail.name.text() == "Daniel Kirkpatrick"


def test_parties_tab_masks_identifiers(qtbot, opened):
    click_tab(qtbot, opened, "Parties")
    shown = opened.parties_tab.detail.facts["identifiers"].text()
    assert shown == "SIN ••••••789"
    assert "123" not in shown


def test_the_recipients_address_is_marked_protected(qtbot, opened):
    click_tab(qtbot, opened, "Parties")
    detail = opened.parties_tab.detail
    assert not detail.protected.isVisible()  # the payor's address is not protected
    click_row(qtbot, opened.parties_tab.view, 1)
    assert detail.name.text() == "Sarah Kirkpatrick"
    assert detail.protected.isVisible()
    assert column(detail.findChild(QTableView, "AddressesModel_view"), 3)[0].startswith(
        "PROTECTED: 5 Hidden Lane")


def test_orders_tab_shows_the_latest_orders_terms(qtbot, opened):
    click_tab(qtbot, opened, "Orders")
    terms = opened.orders_tab.terms_view
    assert column(terms, 0) == ["Child $520.00 monthly"]
    assert column(terms, 5) == ["replaces Child $450.00 monthly for Emma Kirkpatrick"]


def test_clicking_the_first_order_shows_its_terms(qtbot, opened):
    click_tab(qtbot, opened, "Orders")
    click_row(qtbot, opened.orders_tab.orders_view, 0)
    assert column(opened.orders_tab.terms_view, 0) == ["Child $450.00 monthly",
                                                       "Costs $1,500.00 lump sum"]


def test_account_tab_lists_payments_and_the_reversal(qtbot, opened):
    click_tab(qtbot, opened, "Account")
    payments = opened.account_tab.payments_view
    assert column(payments, 1) == ["$520.00", "$520.00", "-$520.00"]
    assert column(payments, 4)[2] == "Reverses the payment of 2025-02-04: NSF"


def test_account_tab_shows_the_ledger_statement_and_its_total(qtbot, opened, sample_db,
                                                               sample_case_id):
    click_tab(qtbot, opened, "Account")
    tab = opened.account_tab
    assert tab.statement_box.isVisible()
    assert column(tab.statement_view, 2)[0] == "child support (monthly)"
    assert f"Total owing <b>{money(_ledger_total(sample_db, sample_case_id))}</b>" in (
        tab.figures.text())


def test_account_tab_lists_the_adjustment_with_its_reason(qtbot, opened):
    click_tab(qtbot, opened, "Account")
    assert column(opened.account_tab.adjustments_view, 2) == [
        "Credit for a direct payment the recipient reported"]


def test_enforcement_tab_shows_actions_and_the_stay(qtbot, opened):
    click_tab(qtbot, opened, "Enforcement")
    actions = opened.enforcement_tab.findChild(QTableView, "actions_view")
    stays = opened.enforcement_tab.findChild(QTableView, "stays_view")
    assert column(actions, 0) == ["Income deduction", "Licence suspension"]
    assert column(stays, 3) == ["Payor in hospital"]


def test_tasks_tab_shows_open_tasks_first(qtbot, opened):
    click_tab(qtbot, opened, "Tasks")
    assert column(opened.tasks_tab.view, 2) == ["Call the payor about the returned cheque",
                                                "Check employer"]


def test_notices_tab_shows_the_issued_notice_and_its_hash(qtbot, opened):
    click_tab(qtbot, opened, "Notices")
    view = opened.notices_tab.view
    assert column(view, 2) == ["Northwind Logistics"]
    assert len(view.model().index(0, 6).data(Qt.ItemDataRole.UserRole)) == 64


def test_the_open_file_reloads_when_the_hub_says_it_changed(opened, sample_db, sample_case_id):
    with sample_db.session() as session:
        session.add(models.Task(case_id=sample_case_id, due=date.today() + timedelta(days=1),
                                description="Serve the garnishee"))
    opened.ctx.hub.case_changed.emit(sample_case_id)
    assert opened.summary_tab.values["next_task"].text().endswith("Serve the garnishee")


def test_a_change_to_another_file_does_not_reload(opened, sample_db, sample_case_id):
    with sample_db.session() as session:
        session.add(models.Task(case_id=sample_case_id, due=date.today(), description="Other"))
    opened.ctx.hub.case_changed.emit(sample_case_id + 1)
    assert not opened.summary_tab.values["next_task"].text().endswith("Other")


def test_an_unknown_file_gives_a_message_and_stays_empty(view, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text: shown.append(text))
    view.show_case(999)
    assert shown == ["no file with id 999"]
    assert view.stack.currentWidget() is view.empty


def test_a_reload_keeps_the_tab_the_officer_is_on(qtbot, opened, sample_case_id):
    click_tab(qtbot, opened, "Tasks")
    opened.ctx.hub.case_changed.emit(sample_case_id)
    assert opened.tabs.currentWidget() is opened.tasks_tab


def test_opening_a_protected_file_audits_the_address_shown(opened, sample_db):
    with sample_db.reader() as session:
        entities = session.scalars(select(models.AuditEvent.entity)).all()
    assert entities == ["protected_address"]


def test_a_read_only_database_opens_a_protected_file(qtbot, sample_context, sample_case_id):
    read_only = open_database(sample_context.db.location, read_only=True)
    try:
        ctx = AppContext(db=read_only, actor=sample_context.actor, hub=Hub())
        widget = FileView(ctx)
        qtbot.addWidget(widget)
        widget.show_case(sample_case_id)
        assert widget.file_no.text() == "CW-2011-00042"
    finally:
        read_only.dispose()



def test_a_reload_keeps_the_person_selected_on_parties(qtbot, opened, sample_case_id):
    click_tab(qtbot, opened, "Parties")
    click_row(qtbot, opened.parties_tab.view, 2)
    opened.ctx.hub.case_changed.emit(sample_case_id)
    assert opened.parties_tab.detail.name.text() == "Emma Kirkpatrick"


def test_showing_no_file_goes_back_to_the_empty_state(opened):
    opened.show_case(0)
    assert opened.stack.currentWidget() is opened.empty and opened.case_id is None


def test_the_parties_line_never_widens_the_window_and_keeps_its_text(opened):
    assert opened.people.minimumSizeHint().width() == 0
    assert opened.people.toolTip() == opened.people.text()
    assert "Sarah Kirkpatrick (recipient)" in opened.people.toolTip()


def test_the_party_detail_fits_the_file_views_share_without_scrolling_sideways(
        qtbot, opened):
    from PySide6.QtWidgets import QScrollArea

    from caseworker.ui.main_window import SPLIT

    opened.resize(SPLIT[1], 900)
    click_tab(qtbot, opened, "Parties")
    scroll = opened.parties_tab.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
    qtbot.wait(20)
    assert scroll.horizontalScrollBar().maximum() == 0


def test_the_payments_table_opens_on_the_latest_payment(qtbot, opened):
    click_tab(qtbot, opened, "Account")
    account = opened.account_tab
    account.pages.setCurrentWidget(account.payments_page)
    rows = account.payments.rowCount()
    account.payments_page.setSizes([rows * 10, 600])  # room for fewer rows than it has
    qtbot.wait(20)
    opened.show_case(opened.case_id)  # shown again at this size
    qtbot.wait(20)
    bar = account.payments_view.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == bar.maximum()
