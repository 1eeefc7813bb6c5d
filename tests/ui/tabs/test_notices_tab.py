"""The Notices tab of the open sample file: Issue notice…, Open and double-click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from caseworker.models import Notice
from caseworker.services.notices import issue_notice
from caseworker.ui.file_view import FileView
from caseworker.ui.notices.issue_dialog import IssueDialog
from caseworker.ui.notices.viewer import NoticeViewer
from tests.conftest import SAMPLE_FILE_NO
from tests.ui.notices.conftest import choose, click


@pytest.fixture
def tab(qtbot, sample_context, sample_case_id):
    view = FileView(sample_context)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    view.show_case(sample_case_id)
    view.tabs.setCurrentWidget(view.notices_tab)
    yield view.notices_tab  # (a yield keeps the file view alive for the test)


def _issued(ctx, to: str = "payor") -> int:
    """A real notice issued from the sample file, and the file reloaded as the hub would."""
    return ctx.db.run(lambda s: issue_notice(s, ctx.actor, SAMPLE_FILE_NO, "statement", to))


def _double_click_row(qtbot, tab, row: int) -> None:
    view = tab.view
    rect = view.visualRect(view.model().index(row, tab.model.COL_ADDRESSEE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_issue_notice_opens_the_dialog_for_the_open_file(qtbot, tab, sample_case_id):
    click(qtbot, tab.issue_button)
    assert isinstance(tab.dialog, IssueDialog) and tab.dialog.isVisible()
    assert tab.dialog.case_id == sample_case_id


def test_a_notice_issued_from_the_tab_is_listed_on_it(qtbot, tab):
    click(qtbot, tab.issue_button)
    dialog = tab.dialog
    choose(qtbot, dialog, "statement", "payor")
    click(qtbot, dialog.preview_button)
    click(qtbot, dialog.issue_button)
    assert tab.model.rowCount() == 2
    assert tab.model.row_at(0).id == dialog.notice_id  # newest first


def test_open_waits_for_a_selected_notice(qtbot, tab):
    assert not tab.open_button.isEnabled()
    tab.view.selectRow(0)
    assert tab.open_button.isEnabled()


def test_double_click_shows_the_stored_pdf(qtbot, tab, sample_context, sample_case_id):
    notice_id = _issued(sample_context)
    sample_context.hub.case_changed.emit(sample_case_id)
    row = next(i for i in range(tab.model.rowCount()) if tab.model.row_at(i).id == notice_id)
    _double_click_row(qtbot, tab, row)
    assert isinstance(tab.dialog, NoticeViewer)
    assert tab.dialog.pane.page_count() > 0 and not tab.dialog.problem.isVisible()


def test_open_shows_an_undrawable_pdf_plainly(qtbot, tab):
    # The sample file's old notice holds a few bytes that are not a whole PDF.
    tab.view.selectRow(0)
    click(qtbot, tab.open_button)
    assert tab.dialog.pane.page_count() == 0
    assert "cannot be drawn" in tab.dialog.problem.text()


def test_a_notice_altered_after_issue_is_not_shown(qtbot, tab, sample_context):
    with sample_context.db.session() as session:
        session.execute(update(Notice).values(pdf=b"%PDF-1.4 changed"))
    tab.view.selectRow(0)
    click(qtbot, tab.open_button)
    assert "does not match its SHA-256" in tab.dialog.problem.text()
    assert not tab.dialog.save_button.isEnabled()


def test_enter_on_a_selected_notice_opens_it(qtbot, tab):
    tab.view.setFocus()
    tab.view.selectRow(0)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert isinstance(tab.dialog, NoticeViewer)
    assert tab.dialog.row.id == tab.model.row_at(0).id
