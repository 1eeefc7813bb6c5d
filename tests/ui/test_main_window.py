"""The main window: opening files, actions and shortcuts, status bar, layout kept between runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from caseworker.ui import main_window as main_window_module
from caseworker.ui.main_window import MainWindow
from caseworker.ui.queue_model import COL_PAYOR


def make_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, app_context):
    return make_window(qtbot, app_context)




def test_double_click_in_the_queue_shows_the_file(qtbot, window, app_context):
    table = window.queue.table
    center = table.visualRect(window.queue.model.index(1, COL_PAYOR)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    with qtbot.waitSignal(app_context.hub.case_opened) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert opened.args == [window.queue.model.case_id(1)]
    assert window.case_id == opened.args[0]
    assert window.file_view.case_id == opened.args[0]
    assert window.record_panel.case_id == opened.args[0]
    file_no = window.queue.model.data(window.queue.model.index(1, 0))
    assert window.windowTitle().startswith(file_no)


def test_status_bar_shows_the_user_and_the_database(window, app_context):
    actor, db = app_context.actor, app_context.db
    assert window.user_label.text() == f"{actor.full_name} ({actor.role})"
    assert db.location in window.db_label.text()
    assert "personal" in window.db_label.text()
    assert window.user_label.isVisible() and window.db_label.isVisible()


def test_file_actions_wait_for_an_open_file(window):
    assert not window.action_map["add_entry"].isEnabled()
    window.queue.open_row(0)
    assert window.action_map["add_entry"].isEnabled()


def test_ctrl_shift_n_puts_the_cursor_in_the_running_record_box(qtbot, window):
    window.queue.open_row(0)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.record_panel.text.hasFocus()


def test_reverse_record_order_flips_the_running_record(window):
    window.queue.open_row(0)
    before = window.record_panel.newest_first
    window.action_map["toggle_record_order"].trigger()
    assert window.record_panel.newest_first is (not before)


def test_ctrl_l_puts_the_cursor_in_the_search_box(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.queue.search.hasFocus()


def test_next_file_opens_the_following_row(qtbot, window, app_context):
    window.queue.open_row(0)
    with qtbot.waitSignal(app_context.hub.case_opened) as opened:
        window.action_map["next_file"].trigger()
    assert opened.args == [window.queue.model.case_id(1)]


def test_previous_file_stops_at_the_top(qtbot, window, app_context):
    window.queue.open_row(0)
    with qtbot.waitSignal(app_context.hub.case_opened) as opened:
        window.action_map["previous_file"].trigger()
    assert opened.args == [window.queue.model.case_id(0)]


def test_open_by_number_opens_that_file(qtbot, window, app_context):
    file_no = window.queue.model.data(window.queue.model.index(2, 0))
    with qtbot.waitSignal(app_context.hub.case_opened) as opened:
        window.open_file_number(file_no.lower())
    assert opened.args == [window.queue.model.case_id(2)]
    assert window.queue.current_case_id() == opened.args[0]


def test_open_by_an_unknown_number_says_so(window, monkeypatch):
    said = []
    monkeypatch.setattr(main_window_module.messages, "error",
                        lambda parent, title, text: said.append(text))
    window.open_file_number("NO-SUCH-FILE")
    assert said == ["There is no file numbered NO-SUCH-FILE."]
    assert window.case_id is None


def test_every_action_has_a_status_tip_and_the_frequent_ones_a_shortcut(window):
    for action in window.action_map.values():
        assert action.statusTip()
    for name, keys in (("open_file", "Ctrl+O"), ("focus_search", "Ctrl+L"), ("refresh", "F5"),
                       ("add_entry", "Ctrl+Shift+N"), ("quit", "Ctrl+Q")):
        assert window.action_map[name].shortcut().toString() == keys


def test_menus_are_file_account_notices_view_go_help(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Account", "&Notices", "&View", "&Go", "&Help"]


def test_layout_is_restored_at_the_next_start(qtbot, app_context):
    first = make_window(qtbot, app_context)
    first.resize(1300, 700)
    first.record_dock.hide()
    qtbot.waitUntil(lambda: first.splitter.width() > 1200)  # the dock's room goes to the split
    first.splitter.setSizes([900, 300])
    sizes = first.splitter.sizes()
    first.close()

    second = make_window(qtbot, app_context)
    assert (second.width(), second.height()) == (1300, 700)
    assert second.splitter.sizes() == sizes
    assert not second.record_dock.isVisible()


def test_queue_column_widths_are_restored_at_the_next_start(qtbot, app_context):
    first = make_window(qtbot, app_context)
    first.queue.table.horizontalHeader().resizeSection(COL_PAYOR, 222)
    first.close()
    second = make_window(qtbot, app_context)
    assert second.queue.table.horizontalHeader().sectionSize(COL_PAYOR) == 222


def test_ctrl_down_in_the_queue_opens_the_next_file(qtbot, window, app_context):
    window.queue.open_row(0)
    window.activateWindow()
    qtbot.waitActive(window)
    window.queue.table.setFocus()
    with qtbot.waitSignal(app_context.hub.case_opened) as opened:
        qtbot.keyClick(window.queue.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == [window.queue.model.case_id(1)]


def test_a_shared_database_says_shared_in_the_status_bar(qtbot, tmp_path):
    from caseworker.models import User
    from caseworker.models.db import create_database
    from caseworker.services.context import actor_for
    from caseworker.ui.hub import AppContext, Hub

    db = create_database(tmp_path / "team.sqlite", shared=True)
    with db.session() as session:
        session.add(User(username="sam", full_name="Sam Stone", role="supervisor", team="N"))
    with db.reader() as session:
        ctx = AppContext(db=db, actor=actor_for(session, "sam"), hub=Hub())
    window = make_window(qtbot, ctx)
    assert window.db_label.text().endswith("(shared)")
    assert window.user_label.text() == "Sam Stone (supervisor)"
    window.close()
    db.dispose()


def test_f5_reads_the_queue_again(qtbot, window, app_context):
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.queue.model.modelReset):
        qtbot.keyClick(window, Qt.Key.Key_F5)


def test_showing_the_account_tab_keeps_the_splitter_where_it_was(qtbot, window):
    window.queue.open_row(0)
    assert window.file_view.account_tab.current is not None  # figures to lay out
    qtbot.wait(50)
    sizes = window.splitter.sizes()
    window.file_view.tabs.setCurrentWidget(window.file_view.account_tab)
    qtbot.waitUntil(window.file_view.account_tab.grid.isVisible)
    qtbot.wait(50)
    assert window.splitter.sizes() == sizes


def test_the_parties_tab_writes_drivers_licence_with_its_apostrophe(qtbot, window, app_context):
    from sqlalchemy import select

    from caseworker.models import CaseParty, Identifier

    with app_context.db.reader() as session:
        case_id, person_id = session.execute(
            select(CaseParty.case_id, CaseParty.person_id)
            .join(Identifier, Identifier.person_id == CaseParty.person_id)
            .where(Identifier.kind == "drivers_licence")).first()
    window.file_view.show_case(case_id)
    tab = window.file_view.parties_tab
    tab.view.selectRow(next(row for row in range(tab.model.rowCount())
                            if tab.model.row_at(row).person_id == person_id))
    identifiers = tab.detail.facts["identifiers"].text()
    assert "Driver's licence •" in identifiers and "Drivers licence" not in identifiers


def _picture(action):
    return action.icon().pixmap(24, 24).toImage()


@pytest.mark.parametrize("title", ["&File", "&Account", "&Notices", "&View", "&Go", "&Help"])
def test_the_actions_of_a_menu_each_have_a_picture_of_their_own(window, title):
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == title]
    pictures = [_picture(a) for a in menu.actions()
                if not a.isSeparator() and not a.icon().isNull()]
    assert all(a != b for i, a in enumerate(pictures) for b in pictures[i + 1:])


def test_adding_a_running_record_entry_does_not_look_like_making_a_folder(window):
    from PySide6.QtWidgets import QStyle

    folder = window.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder)
    assert _picture(window.action_map["add_entry"]) != folder.pixmap(24, 24).toImage()
