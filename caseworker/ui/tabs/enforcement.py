"""The Enforcement tab: actions taken on the file and the stays that hold them back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from caseworker.services.files import ActionRow, FileDetail, StayRow
from caseworker.ui.widgets.format import day, label
from caseworker.ui.widgets.table import MUTED, WARNING, RowsModel, table_view


class ActionsModel(RowsModel[ActionRow]):
    """Enforcement actions, newest first."""

    COL_KIND, COL_STATUS, COL_STARTED, COL_ENDED, COL_NOTE = range(5)
    HEADERS = ("Action", "Status", "Started", "Ended", "Note")
    EMPTY = "No enforcement action has been taken on this file."

    def display(self, row: ActionRow, column: int) -> str:
        return (label(row.kind), label(row.status), day(row.started), day(row.ended),
                row.note or "")[column]

    def raw(self, row: ActionRow, column: int) -> Any:
        if column == self.COL_STARTED:
            return row.started
        if column == self.COL_ENDED:
            return row.ended
        return self.display(row, column)

    def foreground(self, row: ActionRow, column: int) -> QBrush | None:
        return None if row.status == "active" else MUTED

    def tooltip(self, row: ActionRow, column: int) -> str | None:
        return row.note


class StaysModel(RowsModel[StayRow]):
    """Stays of enforcement; the ones in force now stand out."""

    COL_SCOPE, COL_START, COL_END, COL_REASON = range(4)
    HEADERS = ("Stays", "From", "Until", "Reason")
    EMPTY = "No stay of enforcement on this file."

    def display(self, row: StayRow, column: int) -> str:
        scope = "All enforcement" if row.scope == "all" else label(row.scope)
        return (scope, day(row.start), day(row.end) or "further order", row.reason)[column]

    def raw(self, row: StayRow, column: int) -> Any:
        if column == self.COL_START:
            return row.start
        if column == self.COL_END:
            return row.end
        return self.display(row, column)

    def foreground(self, row: StayRow, column: int) -> QBrush | None:
        return WARNING if row.active else MUTED

    def tooltip(self, row: StayRow, column: int) -> str | None:
        return ("In force now: " if row.active else "Not in force: ") + row.reason


class EnforcementTab(QWidget):
    """Actions above, stays below."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.actions = ActionsModel(self)
        self.stays = StaysModel(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for title, model, name in (("Enforcement actions", self.actions, "actions_view"),
                                   ("Stays", self.stays, "stays_view")):
            box = QWidget(splitter)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(QLabel(f"<b>{title}</b>", box))
            view = table_view(model, box)
            view.setObjectName(name)
            layout.addWidget(view)
            splitter.addWidget(box)
        QVBoxLayout(self).addWidget(splitter)

    def set_file(self, detail: FileDetail | None) -> None:
        self.actions.set_rows(detail.actions if detail else ())
        self.stays.set_rows(detail.stays if detail else ())
