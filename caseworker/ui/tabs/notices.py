"""The Notices tab: notices issued from the file, each identified by its PDF's hash."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from caseworker.services.files import FileDetail, NoticeRow
from caseworker.ui.widgets.format import day, label, local_time
from caseworker.ui.widgets.table import RowsModel, table_view

HASH_SHOWN = 12


class NoticesModel(RowsModel[NoticeRow]):
    """Issued notices, newest first; the full hash is under the tooltip."""

    COL_ISSUED, COL_KIND, COL_ADDRESSEE, COL_ROLE, COL_AS_OF, COL_BY, COL_HASH = range(7)
    HEADERS = ("Issued", "Notice", "Addressee", "As", "Figures as of", "Issued by", "SHA-256")
    STRETCH = COL_ADDRESSEE

    def display(self, row: NoticeRow, column: int) -> str:
        return (local_time(row.issued_at), label(row.kind), row.addressee_name,
                label(row.addressee_role), day(row.as_of), row.issued_by or "",
                row.sha256[:HASH_SHOWN] + "…")[column]

    def raw(self, row: NoticeRow, column: int) -> Any:
        if column == self.COL_ISSUED:
            return row.issued_at
        if column == self.COL_AS_OF:
            return row.as_of
        if column == self.COL_HASH:
            return row.sha256
        return self.display(row, column)

    def tooltip(self, row: NoticeRow, column: int) -> str | None:
        return f"SHA-256 of the PDF as sent: {row.sha256}" if column == self.COL_HASH else None


class NoticesTab(QWidget):
    """One table of issued notices."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = NoticesModel(self)
        self.view = table_view(self.model, self)
        self.view.setObjectName("notices_view")
        QVBoxLayout(self).addWidget(self.view)

    def set_file(self, detail: FileDetail | None) -> None:
        self.model.set_rows(detail.notices if detail else ())
