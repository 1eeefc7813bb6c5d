"""Issue one notice from the open file: choose it, preview the exact PDF, then Issue."""

from __future__ import annotations

import hashlib
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import OperationalError

from caseworker.ledger import LedgerError
from caseworker.services import files, notices
from caseworker.services.errors import ServiceError
from caseworker.ui import messages
from caseworker.ui.dialogs.form import ERROR_STYLE, file_caption, first_upper
from caseworker.ui.hub import AppContext
from caseworker.ui.notices.choice import NoticeChoice
from caseworker.ui.notices.preview import PdfPreview

TITLE = "Issue Notice"
NOT_PREVIEWED = "Preview the notice first: what is issued is exactly what you saw."
CHANGED = ("The file changed since the preview (a payment or another change was recorded), "
           "so nothing was issued. The pages now show the notice as it would be issued: "
           "check them, then click Issue again.")


class IssueDialog(QDialog):
    """One file, one notice: Issue is enabled only for the choice last previewed."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.today = today or date.today()
        self.notice_id: int | None = None
        self.previewed: tuple | None = None  # the request whose PDF the pane shows
        self.previewed_sha256: str | None = None  # and the hash of that PDF: Issue keeps it
        with ctx.db.reader() as session:
            summary = files.summary(session, case_id)
            words = notices.program_words(session, case_id)
        self.file_no = summary.file_no
        self.setWindowTitle(f"{TITLE} — {self.file_no}")

        self.choice = NoticeChoice(self, today=self.today, attorney=True, words=words, names={
            "payor": ", ".join(summary.payors), "recipient": ", ".join(summary.recipients)})
        self.reason = QLabel(self)
        self.reason.setObjectName("reason_message")
        self.reason.setStyleSheet(ERROR_STYLE)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.hide()
        self.pages_note = QLabel(self)
        self.pages_note.setObjectName("pages_note")
        self.pages_note.setWordWrap(True)
        self.pages_note.hide()
        self.preview_button = QPushButton("&Preview", self)
        self.preview_button.setObjectName("preview")
        self.preview_button.setDefault(True)  # Enter previews; issuing takes a deliberate click
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.issue_button = self.buttons.addButton(
            "&Issue", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setObjectName("issue")
        self.issue_button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.issue_button.clicked.connect(self.issue)
        self.preview_button.clicked.connect(self.preview)
        self.choice.changed.connect(self._choice_changed)
        self.pane = PdfPreview(self)

        side = QVBoxLayout()
        caption = QLabel(file_caption(ctx, case_id), self)
        caption.setWordWrap(True)
        side.addWidget(caption)
        side.addSpacing(8)
        side.addWidget(self.choice)
        side.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.reason)
        side.addWidget(self.pages_note)
        side.addStretch(1)
        side.addWidget(self.buttons)
        panel = QWidget(self)
        panel.setLayout(side)
        panel.setFixedWidth(380)
        layout = QHBoxLayout(self)
        layout.addWidget(panel)
        layout.addWidget(self.pane, 1)
        self._fit_screen()
        self._update_issue()
        self.choice.kind.setFocus()

    def _fit_screen(self) -> None:
        # Tall enough for a whole page where the screen allows it, never taller than the screen.
        screen = self.screen() or QGuiApplication.primaryScreen()
        height = min(1000, screen.availableGeometry().height() - 60) if screen else 800
        self.resize(self.pane.minimumWidth() + 420, height)

    def request(self) -> tuple:
        """The notice asked for, as a comparable value."""
        return (self.choice.kind_code(), self.choice.to_role(), self.choice.as_of_text(),
                tuple(sorted(self.choice.options().items())))

    def _choice_changed(self) -> None:
        if self.previewed is not None and self.previewed != self.request():
            self.pane.clear("The choice changed: click Preview to see this notice.")
        self._show_reason("")
        self._update_issue()

    def _show_reason(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.setVisible(bool(text))
        self.pages_note.hide()

    def _update_issue(self) -> None:
        why = ""
        if not self.ctx.actor.may("issue_notice"):
            why = f"Your role ({self.ctx.actor.role}) may not issue notices."
        elif self.ctx.db.read_only:
            why = "The database is open read-only: nothing can be issued."
        elif self.previewed is None or self.previewed != self.request():
            why = NOT_PREVIEWED
        self.issue_button.setEnabled(not why)
        self.issue_button.setToolTip(why)

    def _kwargs(self) -> dict:
        return {"today": self.today, **self.choice.options()}

    def preview(self) -> bool:
        """Make the notice without issuing it and show its pages; False when it cannot be made."""
        self.previewed = None
        request = self.request()
        kind, to, as_of = request[:3]
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a long history takes a while
        try:
            return self._preview(request, kind, to, as_of)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _preview(self, request: tuple, kind: str, to: str, as_of: str) -> bool:
        try:
            with self.ctx.db.reader() as session:
                # The issuing officer signs, as issue_notice does, so the bytes are the same.
                pdf = notices.preview_notice(session, self.file_no, kind, to, as_of,
                                             officer=self.ctx.actor.full_name, **self._kwargs())
            if to == "recipient" and not self.ctx.db.read_only:
                self.ctx.db.run(lambda session: notices.audit_preview(
                    session, self.ctx.actor, self.file_no, to))
        except (ServiceError, LedgerError) as exc:
            self._refused(str(exc))
            return False
        except OperationalError:
            messages.error(self, TITLE, "The database is busy: try the preview again in a moment.")
            return False
        self._show_reason("")
        # A workstation that cannot draw PDFs still issues: the pane says why it shows nothing.
        self.previewed = request
        self.previewed_sha256 = hashlib.sha256(pdf).hexdigest()
        drawn = self.pane.show_pdf(pdf)
        count = self.pane.page_count()
        self.pages_note.setText((f"{count} page{'s' if count != 1 else ''}. " if drawn else "")
                                + "Issue keeps exactly this PDF with the file and notes it "
                                "in the running record.")
        self.pages_note.show()
        self._update_issue()
        return self.previewed is not None

    def _refused(self, reason: str) -> None:
        self.previewed = None
        # The dialog is about one file: "file X: a stay…" -> "a stay…"; "file X has…" -> "it has…"
        reason = reason.removeprefix(f"file {self.file_no}: ")
        if reason.startswith(f"file {self.file_no} "):
            reason = "it " + reason.removeprefix(f"file {self.file_no} ")
        self._show_reason(f"This file cannot get the notice: {reason}.")
        self.pane.clear("No preview: this file cannot get the notice (the reason is at the left).")
        self._update_issue()

    def issue(self) -> None:
        """Issue the notice previewed: stored with its hash, listed, and in the running record."""
        if self.previewed is None or self.previewed != self.request():
            return
        kind, to, as_of = self.previewed[:3]
        shown = self.previewed_sha256
        try:
            self.notice_id = self.ctx.db.run(lambda session: notices.issue_notice(
                session, self.ctx.actor, self.file_no, kind, to, as_of,
                previewed_sha256=shown, **self._kwargs()))
        except notices.NoticeChanged:
            # Never issue what the officer has not seen: show the notice as it is now.
            if self.preview():
                self.reason.setText(CHANGED)
                self.reason.show()
            return
        except (ServiceError, LedgerError) as exc:
            self._refused(str(exc))
            return
        except OperationalError:
            messages.error(self, TITLE, "The database is busy: someone else is saving. "
                           "The notice was not issued; try again in a moment.")
            return
        hub = self.ctx.hub
        hub.case_changed.emit(self.case_id)
        hub.record_changed.emit(self.case_id)
        hub.status_message.emit(f"{first_upper(self.choice.describe())} issued "
                                f"from file {self.file_no}")
        self.accept()
