"""The Notices tab: notices issued from the file, each identified by its PDF's hash.

Issue notice… opens the issue dialog for the open file; Open (or a double-click) shows an
issued notice's stored PDF.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from caseworker.notices import KINDS
from caseworker.services.files import FileDetail, NoticeRow
from caseworker.ui.hub import AppContext
from caseworker.ui.notices.issue_dialog import IssueDialog
from caseworker.ui.notices.viewer import NoticeViewer
from caseworker.ui.widgets.format import day, label, local_time
from caseworker.ui.widgets.table import RowsModel, source_row, table_view

HASH_SHOWN = 12


class NoticesModel(RowsModel[NoticeRow]):
    """Issued notices, newest first; the full hash is under the tooltip."""

    COL_ISSUED, COL_KIND, COL_ADDRESSEE, COL_ROLE, COL_AS_OF, COL_BY, COL_HASH = range(7)
    HEADERS = ("Issued", "Notice", "Addressee", "As", "Figures as of", "Issued by", "SHA-256")
    EMPTY = "No notice has been issued from this file."
    STRETCH = COL_ADDRESSEE

    def display(self, row: NoticeRow, column: int) -> str:
        return (local_time(row.issued_at), KINDS.get(row.kind, label(row.kind)), row.addressee_name,
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
    """The table of issued notices, with Issue notice… and Open."""

    def __init__(self, parent: QWidget | None = None, ctx: AppContext | None = None):
        super().__init__(parent)
        # The file view builds its tabs with only a parent; it is the one holding the context.
        self.ctx: AppContext | None = ctx or getattr(parent, "ctx", None)
        self.case_id: int | None = None
        self.dialog: QDialog | None = None  # the dialog opened last, kept for tests
        self.model = NoticesModel(self)
        self.view = table_view(self.model, self)
        self.view.setObjectName("notices_view")
        self.issue_button = QPushButton("&Issue notice…", self)
        self.issue_button.setObjectName("issue_notice")
        self.issue_button.setToolTip("Choose a notice for this file, preview it, and issue it")
        # No mnemonic: the file's tabs already use every letter of "Open" (Alt+O is Orders).
        self.open_button = QPushButton("Open", self)
        self.open_button.setObjectName("open_notice")
        self.open_button.setToolTip("Show the selected notice's PDF exactly as it was sent")
        bar = QHBoxLayout()
        bar.addWidget(self.issue_button)
        bar.addWidget(self.open_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.issue_button.clicked.connect(self.issue_notice)
        self.open_button.clicked.connect(self.open_selected)
        # Activation is a double-click (or what the platform uses instead) and Enter.
        self.view.activated.connect(self.open_index)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_file(self, detail: FileDetail | None) -> None:
        self.case_id = detail.summary.case_id if detail else None
        self.model.set_rows(detail.notices if detail else ())
        self._update_buttons()

    def _update_buttons(self) -> None:
        usable = self.ctx is not None and self.case_id is not None
        may = usable and self.ctx.actor.may("issue_notice") and not self.ctx.db.read_only
        self.issue_button.setEnabled(bool(may))
        self.issue_button.setToolTip(
            "Choose a notice for this file, preview it, and issue it" if may
            else "Your role may not issue notices, or the database is read-only" if usable
            else "")
        self.open_button.setEnabled(usable and self.selected() is not None)

    def selected(self) -> NoticeRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(source_row(self.view, rows[0])) if rows else None

    def _show(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()  # window-modal; the file view behind it keeps redrawing

    def issue_notice(self) -> None:
        """Open the issue dialog for the open file."""
        if self.ctx is None or self.case_id is None:
            return
        self._show(IssueDialog(self.ctx, self.case_id, self))

    def open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_notice(self.model.row_at(source_row(self.view, index)))

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_notice(row)

    def open_notice(self, row: NoticeRow) -> None:
        """Show an issued notice's stored PDF."""
        if self.ctx is None:
            return
        self._show(NoticeViewer(self.ctx, row, self))
