"""The queue panel driven by clicks and keys: search, filters, sorting, opening a file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from caseworker.ui.queue_model import COL_FILE, COL_OWING, COL_PAYOR
from caseworker.ui.queue_view import QueueView


def make_queue(qtbot, ctx) -> QueueView:
    view = QueueView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def queue(qtbot, tiny_ctx):
    """The queue with every file: the officer's own-files and open-files filters clicked off."""
    view = make_queue(qtbot, tiny_ctx)
    qtbot.mouseClick(view.filter_buttons["mine"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.filter_buttons["open"], Qt.MouseButton.LeftButton)
    return view


def test_the_queue_starts_on_the_officers_open_files(qtbot, tiny_ctx):
    view = make_queue(qtbot, tiny_ctx)
    assert view.filter_buttons["open"].isChecked() and view.filter_buttons["mine"].isChecked()
    qtbot.mouseClick(view.filter_buttons["mine"], Qt.MouseButton.LeftButton)
    assert "CW-0005" not in shown(view)  # carol's closed file


def test_a_search_finds_a_closed_file_with_open_on(qtbot, tiny_ctx):
    view = make_queue(qtbot, tiny_ctx)
    qtbot.mouseClick(view.filter_buttons["mine"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.search, "smithers")
    qtbot.waitUntil(lambda: shown(view) == ["CW-0005"])


def shown(view: QueueView) -> list[str]:
    model = view.model
    return [model.data(model.index(r, COL_FILE)) for r in range(model.rowCount())]


def click_row(qtbot, view: QueueView, row: int, double: bool = False) -> None:
    rect = view.table.visualRect(view.model.index(row, COL_PAYOR))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # QTest's double click needs the press of a first click before it
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_header(qtbot, view: QueueView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_an_officers_queue_opens_on_their_own_files(qtbot, tiny_ctx):
    view = make_queue(qtbot, tiny_ctx)
    assert view.filter_buttons["mine"].isChecked()
    assert shown(view) == ["CW-0001", "CW-0002"]


def test_a_supervisors_queue_opens_on_the_team(qtbot, tiny_ctx):
    from dataclasses import replace

    view = make_queue(qtbot, replace(tiny_ctx, actor=replace(tiny_ctx.actor,
                                                             role="supervisor")))
    assert view.filter_buttons["team"].isChecked()
    assert shown(view) == ["CW-0001", "CW-0003", "CW-0002", "CW-0006"]


def test_queue_ranks_every_file_with_a_row_count(queue):
    assert shown(queue) == ["CW-0001", "CW-0004", "CW-0003", "CW-0002", "CW-0005", "CW-0006"]
    assert queue.count_label.text() == "6 files"


def test_typing_a_name_narrows_the_rows(qtbot, queue):
    qtbot.keyClicks(queue.search, "smith")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2)
    assert shown(queue) == ["CW-0001", "CW-0005"]
    assert queue.count_label.text() == "2 files"


def test_typing_part_of_a_file_number_narrows_the_rows(qtbot, queue):
    qtbot.keyClicks(queue.search, "0003")
    qtbot.waitUntil(lambda: shown(queue) == ["CW-0003"])


def test_clearing_the_search_brings_every_row_back(qtbot, queue):
    qtbot.keyClicks(queue.search, "smith")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2)
    queue.search.clear()
    qtbot.waitUntil(lambda: queue.model.rowCount() == 6)


def test_enter_in_search_opens_the_only_match(qtbot, queue, tiny_ctx):
    qtbot.keyClicks(queue.search, "tremblay")
    with qtbot.waitSignal(tiny_ctx.hub.case_opened) as opened:
        qtbot.keyClick(queue.search, Qt.Key.Key_Return)
    assert queue.model.row_of(opened.args[0]) == 0
    assert shown(queue) == ["CW-0003"]


@pytest.mark.parametrize("name, expected", [
    ("mine", ["CW-0001", "CW-0002"]),
    ("team", ["CW-0001", "CW-0003", "CW-0002", "CW-0006"]),
    ("due_today", ["CW-0001", "CW-0004"]),
    ("in_default", ["CW-0001", "CW-0004", "CW-0003"]),
])
def test_each_filter_button_keeps_its_files(qtbot, queue, name, expected):
    qtbot.mouseClick(queue.filter_buttons[name], Qt.MouseButton.LeftButton)
    assert shown(queue) == expected


def test_filters_combine_and_unchecking_restores(qtbot, queue):
    qtbot.mouseClick(queue.filter_buttons["mine"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(queue.filter_buttons["in_default"], Qt.MouseButton.LeftButton)
    assert shown(queue) == ["CW-0001"]
    qtbot.mouseClick(queue.filter_buttons["mine"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(queue.filter_buttons["in_default"], Qt.MouseButton.LeftButton)
    assert len(shown(queue)) == 6


def test_clicking_a_header_sorts_by_that_column(qtbot, queue):
    click_header(qtbot, queue, COL_PAYOR)
    assert shown(queue)[:3] == ["CW-0002", "CW-0006", "CW-0003"]
    assert queue.model.sort_column == COL_PAYOR


def test_clicking_the_header_again_reverses_the_order(qtbot, queue):
    click_header(qtbot, queue, COL_OWING)
    first = shown(queue)
    click_header(qtbot, queue, COL_OWING)
    assert shown(queue)[0] != first[0]
    assert shown(queue)[:2] in (["CW-0004", "CW-0001"], ["CW-0002", "CW-0005"])


def test_double_click_on_a_row_opens_that_file(qtbot, queue, tiny_ctx):
    with qtbot.waitSignal(tiny_ctx.hub.case_opened) as opened:
        click_row(qtbot, queue, 2, double=True)
    assert opened.args == [queue.model.case_id(2)]


def test_enter_on_the_selected_row_opens_that_file(qtbot, queue, tiny_ctx):
    click_row(qtbot, queue, 1)
    with qtbot.waitSignal(tiny_ctx.hub.case_opened) as opened:
        qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    assert opened.args == [queue.model.case_id(1)]


def test_a_single_click_selects_without_opening(qtbot, queue, tiny_ctx):
    with qtbot.assertNotEmitted(tiny_ctx.hub.case_opened):
        click_row(qtbot, queue, 1)
    assert queue.current_case_id() == queue.model.case_id(1)


def test_selection_follows_the_file_across_a_sort(qtbot, queue):
    click_row(qtbot, queue, 0)
    chosen = queue.current_case_id()
    click_header(qtbot, queue, COL_FILE)
    assert queue.current_case_id() == chosen


def test_down_from_the_search_box_goes_to_the_first_row(qtbot, queue):
    queue.show()
    queue.activateWindow()
    qtbot.waitActive(queue)
    queue.search.setFocus()
    qtbot.keyClick(queue.search, Qt.Key.Key_Down)
    assert queue.table.hasFocus()
    assert queue.current_case_id() == queue.model.case_id(0)


def test_escape_in_the_search_box_clears_it(qtbot, queue):
    qtbot.keyClicks(queue.search, "smith")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2)
    qtbot.keyClick(queue.search, Qt.Key.Key_Escape)
    assert queue.search.text() == ""
    qtbot.waitUntil(lambda: queue.model.rowCount() == 6)


def test_every_queue_column_fits_its_header_and_three_flags_fit(queue):
    from caseworker.ui.queue_model import COL_FLAGS

    header = queue.table.horizontalHeader()
    metrics = queue.table.fontMetrics()
    for column in range(header.count()):
        text = queue.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text
    assert header.sectionSize(COL_FLAGS) > metrics.horizontalAdvance("FV SR INC")
