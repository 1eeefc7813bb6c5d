"""The Account tab of an opened sample file, and clicks on its tables and sub-tabs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar, QTableView

from caseworker import ledger
from caseworker.services.accounts import account_document
from caseworker.ui.file_view import FileView
from caseworker.ui.tabs.account import AccountTab


def click_tab(qtbot, bar: QTabBar, title: str) -> None:
    """Click the tab of that title (mnemonic ampersands ignored)."""
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert bar.currentIndex() == index


def click_row(qtbot, table: QTableView, row: int, *, double: bool = False) -> None:
    """Click (or double-click) a row, scrolling it into view first."""
    index = table.model().index(row, 0)
    table.scrollTo(index)
    center = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    if double:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)


def ledger_statement(db, case_id: int) -> dict:
    """What the ledger says of the file today, computed apart from the window."""
    with db.session() as session:
        return ledger.statement(account_document(session, case_id),
                                as_of=date.today().isoformat())


def open_account(qtbot, ctx, case_id: int) -> FileView:
    """A file view showing the file, on its Account tab (keep it: it owns the tab)."""
    view = FileView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    view.show_case(case_id)
    click_tab(qtbot, view.tabs.tabBar(), "Account")
    return view


@pytest.fixture
def file_view(qtbot, sample_context, sample_case_id) -> FileView:
    """The sample file opened in a file view, on its Account tab."""
    return open_account(qtbot, sample_context, sample_case_id)


@pytest.fixture
def account(file_view) -> AccountTab:
    """The sample file's Account tab (its file view stays alive with the fixture)."""
    return file_view.account_tab


@pytest.fixture
def expected(sample_db, sample_case_id) -> dict:
    return ledger_statement(sample_db, sample_case_id)
