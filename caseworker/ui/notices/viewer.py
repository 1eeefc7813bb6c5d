"""An issued notice's stored PDF, shown exactly as sent, with its hash checked first."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import OperationalError

from caseworker.notices import KINDS
from caseworker.services import notices
from caseworker.services.errors import ServiceError
from caseworker.services.files import NoticeRow
from caseworker.ui import messages
from caseworker.ui.dialogs.form import ERROR_STYLE, first_upper
from caseworker.ui.hub import AppContext
from caseworker.ui.notices.preview import PdfPreview
from caseworker.ui.widgets.format import day, label, local_time

TITLE = "Issued Notice"


def read_pdf(ctx: AppContext, notice_id: int) -> bytes:
    """The stored bytes; the read of a protected recipient's notice is audited when it can be."""
    if ctx.db.read_only:  # a read-only database cannot take the audit row
        with ctx.db.reader() as session:
            return notices.stored_pdf(session, notice_id)
    return ctx.db.run(lambda session: notices.stored_pdf(session, notice_id, actor=ctx.actor))


class NoticeViewer(QDialog):
    """The pages of one issued notice, what it was and its full SHA-256; Save a copy."""

    def __init__(self, ctx: AppContext, row: NoticeRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        kind = KINDS.get(row.kind, label(row.kind))
        self.setWindowTitle(f"{TITLE} — {kind} to {row.addressee_name}")
        self.caption = QLabel(
            f"<b>{escape(kind)}</b> to the {row.addressee_role}, {escape(row.addressee_name)}<br>"
            f"Issued {local_time(row.issued_at)} by {escape(row.issued_by or 'unknown')}; "
            f"figures as of {day(row.as_of)}<br>"
            f"<span style='color:#6b7280'>SHA-256 {row.sha256}</span>", self)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.pane = PdfPreview(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = self.buttons.addButton("&Save a copy…",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("save_copy")
        self.save_button.clicked.connect(self.save_copy)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.problem)
        layout.addWidget(self.pane, 1)
        layout.addWidget(self.buttons)
        screen = self.screen() or QGuiApplication.primaryScreen()
        height = min(1000, screen.availableGeometry().height() - 60) if screen else 800
        self.resize(self.pane.minimumWidth() + 24, height)
        self.load()

    def load(self) -> bool:
        """Read and draw the stored PDF; a hash mismatch or a busy database is said in the pane."""
        try:
            pdf = read_pdf(self.ctx, self.row.id)
        except ServiceError as exc:
            return self._cannot(first_upper(str(exc)) + ".")
        except OperationalError:
            return self._cannot("The database is busy: close this and open the notice again.")
        self.pdf = pdf
        self.save_button.setEnabled(True)
        if not self.pane.show_pdf(pdf):
            self.problem.setText("The stored PDF cannot be drawn here; Save a copy to open it "
                                 "in a PDF reader.")
            self.problem.show()
        return True

    def _cannot(self, text: str) -> bool:
        self.pdf = None
        self.save_button.setEnabled(False)
        self.problem.setText(text)
        self.problem.show()
        self.pane.clear("The notice cannot be shown.")
        return False

    def save_copy(self) -> None:
        if self.pdf is None:
            return
        suggested = f"{self.row.kind}-{self.row.as_of.isoformat()}-{self.row.sha256[:8]}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Save a copy of the notice", suggested,
                                              "PDF files (*.pdf)")
        if not path:
            return
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            messages.error(self, TITLE, f"The copy was not saved: {exc.strerror or exc}.")
