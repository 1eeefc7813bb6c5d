"""Issue one notice to many files from the queue's selection, off the UI thread.

Each file is its own short transaction in `services.notices.issue_batch`; the worker
thread opens its own sessions through the Database (SQLite connections never cross
threads). Cancel stops after the file in hand: every file is issued whole or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.models.db import Database
from caseworker.services import notices
from caseworker.services.context import Actor
from caseworker.services.errors import ServiceError
from caseworker.services.notices import BatchResult
from caseworker.ui.dialogs.form import ERROR_STYLE, first_upper
from caseworker.ui.hub import AppContext
from caseworker.ui.notices.choice import NoticeChoice
from caseworker.ui.widgets.table import RowsModel, table_view

TITLE = "Issue Notice to Selected Files"


class RefusedModel(RowsModel[BatchResult]):
    """The files that could not get the notice, each with the service's reason."""

    COL_FILE, COL_REASON = range(2)
    HEADERS = ("File", "Why it was not issued")
    STRETCH = COL_REASON

    def display(self, row: BatchResult, column: int) -> str:
        return (row.file_no, why(row))[column]

    def tooltip(self, row: BatchResult, column: int) -> str | None:
        return why(row) if column == self.COL_REASON else None


def why(row: BatchResult) -> str:
    """The service's reason without the file number that the File column already shows."""
    reason = row.reason or ""
    for prefix in (f"file {row.file_no}: ", f"file {row.file_no} "):
        reason = reason.removeprefix(prefix)
    return first_upper(reason)


class BatchWorker(QObject):
    """Runs `issue_batch` in its thread; reports progress and the results as plain values."""

    progressed = Signal(int, int)   # files done, files in the batch
    finished = Signal(object)       # list[BatchResult]
    failed = Signal(str)            # the whole batch was refused (e.g. the user's right)

    def __init__(self, db: Database, actor: Actor, file_nos: Sequence[str], kind: str, to: str,
                 as_of: str, options: dict[str, Any], today: date | None):
        super().__init__()
        self.db, self.actor, self.file_nos = db, actor, list(file_nos)
        self.kind, self.to, self.as_of, self.options, self.today = kind, to, as_of, options, today
        self.stop = threading.Event()  # set from the UI thread, read here before each file

    def run(self) -> None:
        try:
            results = notices.issue_batch(
                self.db, self.actor, self.file_nos, self.kind, self.to, self.as_of,
                today=self.today, progress=self.progressed.emit, cancelled=self.stop.is_set,
                **self.options)
        except ServiceError as exc:
            self.failed.emit(first_upper(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a worker must always report back, or hang
            self.failed.emit(f"The batch stopped on an unexpected error: {exc}")
            return
        self.finished.emit(results)


class BatchDialog(QDialog):
    """Kind and addressee for all the files, Issue, a progress bar, Cancel, then who was refused."""

    def __init__(self, ctx: AppContext, case_ids: Sequence[int], parent: QWidget | None = None,
                 *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        with ctx.db.reader() as session:
            numbers = notices.file_numbers(session, case_ids)
        self.case_ids = [cid for cid in dict.fromkeys(case_ids) if cid in numbers]
        self.file_nos = [numbers[cid] for cid in self.case_ids]
        self.case_of = {numbers[cid]: cid for cid in self.case_ids}
        self.results: list[BatchResult] | None = None
        self.thread: QThread | None = None
        self.worker: BatchWorker | None = None
        self._close_when_done = False
        self._running = False
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(860)  # most reasons fit whole; the tooltip has the long ones

        count = len(self.file_nos)
        self.heading = QLabel(f"<b>{count} file{'s' if count != 1 else ''}</b> selected: "
                              + ", ".join(self.file_nos[:6])
                              + (f" and {count - 6} more" if count > 6 else ""), self)
        self.heading.setWordWrap(True)
        self.choice = NoticeChoice(self, today=self.today)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setRange(0, max(count, 1))
        self.progress.setValue(0)
        self.progress.setFormat("%v of %m files")
        self.status = QLabel(self)
        self.status.setObjectName("batch_status")
        self.status.setWordWrap(True)
        self.refused = RefusedModel(self)
        self.refused_view = table_view(self.refused, self)
        self.refused_view.setObjectName("refused_view")
        self.refused_view.setMinimumHeight(220)
        self.refused_view.hide()
        self.buttons = QDialogButtonBox(self)
        self.issue_button = QPushButton(f"&Issue to {count} file{'s' if count != 1 else ''}",
                                        self)
        self.issue_button.setObjectName("issue")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancel")
        self.buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.issue_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.choice)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.refused_view, 1)
        layout.addWidget(self.buttons)
        self._ready()

    def _ready(self) -> None:
        problem = ""
        if not self.file_nos:
            problem = "No files are selected."
        elif not self.ctx.actor.may("issue_notice"):
            problem = f"Your role ({self.ctx.actor.role}) may not issue notices."
        elif self.ctx.db.read_only:
            problem = "The database is open read-only: nothing can be issued."
        self.issue_button.setEnabled(not problem)
        self._say(problem, error=bool(problem))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Issue the chosen notice to every file, in a worker thread."""
        if self.running() or self.results is not None or not self.issue_button.isEnabled():
            return
        self.choice.setEnabled(False)
        self.issue_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop after the file being issued now")
        self.progress.setValue(0)
        self._say(f"Issuing the {self.choice.describe()}…")
        self.worker = BatchWorker(self.ctx.db, self.ctx.actor, self.file_nos,
                                  self.choice.kind_code(), self.choice.to_role(),
                                  self.choice.as_of_text(), self.choice.options(), self.today)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Queued to this (the UI) thread, since the worker lives in the other one.
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self._running = True
        self.thread.start()

    def cancel(self) -> None:
        """Stop after the file in hand; what was issued stays issued."""
        if self.worker is not None:
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self._say("Stopping after the file being issued now…")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _stop_thread(self) -> None:
        # The worker has reported: its thread only has to end its event loop.
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self._running = False

    def _failed(self, reason: str) -> None:
        self._stop_thread()
        self.results = []
        done = self.progress.value()
        if done:
            reason += (f" The first {done} file{'s' if done != 1 else ''} had been dealt with; "
                       f"what was issued is on each file's Notices tab.")
        self._say(reason, error=True)
        # Which of the files dealt with got a notice is unknown here: refresh them all.
        for case_id in self.case_ids[:done + 1]:
            self.ctx.hub.case_changed.emit(case_id)
        if done:
            self.ctx.hub.caseload_changed.emit()
        self._done()

    def _finished(self, results: list[BatchResult]) -> None:
        self._stop_thread()
        self.results = results
        issued = [r for r in results if r.notice_id is not None]
        refused = [r for r in results if r.notice_id is None]
        unreached = len(self.file_nos) - len(results)
        parts = [f"Issued to {len(issued)} file{'s' if len(issued) != 1 else ''}."]
        if refused:
            parts.append(f"{len(refused)} could not get it (listed below).")
        if unreached:
            parts.append(f"Cancelled: {unreached} not reached.")
        self._say(" ".join(parts), error=not issued)
        self.refused.set_rows(refused)
        if refused:
            self.refused_view.show()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        hub = self.ctx.hub
        for result in issued:
            hub.case_changed.emit(self.case_of[result.file_no])
            hub.record_changed.emit(self.case_of[result.file_no])
        if issued:
            hub.caseload_changed.emit()
            hub.status_message.emit(f"{self.choice.describe()} issued to {len(issued)} files")
        self._done()

    def _done(self) -> None:
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Close")
        self.cancel_button.setToolTip("")
        if self._close_when_done:
            super().reject()

    def issued_ids(self) -> list[int]:
        """The notices issued by the batch (empty before it ends)."""
        return [r.notice_id for r in self.results or () if r.notice_id is not None]

    def reject(self) -> None:
        # While running, Cancel (and Escape, and closing) stop the batch first.
        if self.running():
            if self.worker.stop.is_set():  # asked twice: close as soon as the file is done
                self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.running():
            self._close_when_done = True
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
