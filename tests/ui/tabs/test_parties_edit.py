"""The Parties tab's Edit… button: it asks the window to edit the person selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from caseworker.services import files
from caseworker.ui.tabs.parties import PartiesTab
from tests.ui.tabs.conftest import click_row


@pytest.fixture
def tab(qtbot, sample_context, sample_db, sample_case_id):
    tab = PartiesTab()
    qtbot.addWidget(tab)
    with sample_db.reader() as session:
        tab.set_file(files.load_file(session, sample_case_id, actor=sample_context.actor))
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_edit_button_is_hidden_until_the_window_allows_editing(tab):
    assert not tab.edit_button.isVisible()


def test_edit_button_asks_to_edit_the_person_selected(qtbot, tab):
    tab.set_editable(True)
    click_row(qtbot, tab.view, 1)
    with qtbot.waitSignal(tab.edit_requested, timeout=1000) as blocker:
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [tab.model.row_at(1).person_id]


def test_double_click_on_a_person_asks_to_edit_them(qtbot, tab):
    tab.set_editable(True)
    with qtbot.waitSignal(tab.edit_requested, timeout=1000) as blocker:
        click_row(qtbot, tab.view, 2, double=True)
    assert blocker.args == [tab.model.row_at(2).person_id]


def test_edit_button_waits_for_a_selection(tab):
    tab.set_editable(True)
    tab.view.clearSelection()
    assert not tab.edit_button.isEnabled()
