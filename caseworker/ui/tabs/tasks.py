"""The Tasks tab: the file's bring-forwards, open ones first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QVBoxLayout, QWidget

from caseworker.services.files import FileDetail, TaskRow
from caseworker.ui.widgets.format import day, label
from caseworker.ui.widgets.table import MUTED, WARNING, RowsModel, table_view


class TasksModel(RowsModel[TaskRow]):
    """Tasks with their due dates; an overdue open task is red, a done one grey."""

    COL_DUE, COL_KIND, COL_DESCRIPTION, COL_ASSIGNED, COL_DONE = range(5)
    HEADERS = ("Due", "Kind", "Task", "Assigned to", "Done")
    EMPTY = "No task on this file."
    STRETCH = COL_DESCRIPTION

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = date.today()

    def set_rows(self, rows: Sequence[TaskRow]) -> None:
        self.today = date.today()  # the tab may stay open past midnight
        super().set_rows(rows)

    def display(self, row: TaskRow, column: int) -> str:
        return (day(row.due), label(row.kind), row.description, row.assigned_to or "",
                day(row.done_on))[column]

    def raw(self, row: TaskRow, column: int) -> Any:
        if column == self.COL_DUE:
            return row.due
        if column == self.COL_DONE:
            return row.done_on
        return self.display(row, column)

    def foreground(self, row: TaskRow, column: int) -> QBrush | None:
        if row.done_on:
            return MUTED
        return WARNING if row.due < self.today else None

    def tooltip(self, row: TaskRow, column: int) -> str | None:
        return row.description


class TasksTab(QWidget):
    """One table of tasks."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TasksModel(self)
        self.view = table_view(self.model, self)
        self.view.setObjectName("tasks_view")
        QVBoxLayout(self).addWidget(self.view)

    def set_file(self, detail: FileDetail | None) -> None:
        self.model.set_rows(detail.tasks if detail else ())
