"""The shared table view: an empty table says so; the text column never clips its header."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from caseworker.ui.widgets.table import RowsModel, header_width, table_view


@dataclass(frozen=True)
class Item:
    name: str
    note: str


class ItemsModel(RowsModel[Item]):
    HEADERS = ("A rather long name header", "Employer or payer", "Monthly gross amount")
    STRETCH = 1
    EMPTY = "Nothing on record."

    def display(self, row: Item, column: int) -> str:
        return (row.name, row.note, "x")[column]


@pytest.fixture
def view(qtbot):
    model = ItemsModel()
    table = table_view(model)
    qtbot.addWidget(table)
    table.resize(260, 160)  # narrower than the three headers
    table.show()
    qtbot.waitExposed(table)
    model.set_rows([])
    return table


def test_an_empty_table_says_so_in_its_body(qtbot, view):
    assert view.empty_text() == "Nothing on record."
    painted = view.viewport().grab().toImage()
    view.rows_model.EMPTY = ""  # this instance only
    view.viewport().update()
    qtbot.wait(20)
    plain = view.viewport().grab().toImage()
    assert painted != plain


def test_a_table_with_rows_says_nothing(view):
    view.rows_model.set_rows([Item("a", "b")])
    assert view.empty_text() == ""


def test_the_stretching_column_never_shrinks_below_its_header(qtbot, view):
    view.rows_model.set_rows([Item("a", "b")])
    qtbot.wait(10)
    header = view.horizontalHeader()
    assert header.sectionSize(1) >= header_width(view, 1)
    view.resize(1200, 160)  # and takes the spare width when there is some
    qtbot.wait(10)
    total = sum(header.sectionSize(c) for c in range(3))
    assert total >= view.viewport().width() - 1
