"""The open file: a header line with its flags above the detail tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseworker.services import files
from caseworker.services.errors import ServiceError
from caseworker.ui import messages
from caseworker.ui.hub import AppContext
from caseworker.ui.tabs.account import AccountTab
from caseworker.ui.tabs.enforcement import EnforcementTab
from caseworker.ui.tabs.notices import NoticesTab
from caseworker.ui.tabs.orders import OrdersTab
from caseworker.ui.tabs.parties import PartiesTab
from caseworker.ui.tabs.summary import SummaryTab
from caseworker.ui.tabs.tasks import TasksTab
from caseworker.ui.widgets.badges import BadgeRow
from caseworker.ui.widgets.elided import ElidedLabel
from caseworker.ui.widgets.format import label

EMPTY_TEXT = "Open a file from the queue"


def _people_line(summary: files.Summary) -> str:
    parts = [f"{name} (payor)" for name in summary.payors]
    parts += [f"{name} (recipient)" for name in summary.recipients]
    if summary.children:
        count = len(summary.children)
        parts.append(f"{count} child" if count == 1 else f"{count} children")
    return " · ".join(parts)


class FileView(QWidget):
    """Shows one file at a time; reloads itself when the hub says that file changed."""

    # The number of the file now shown ("" for none): the window's title follows it, since a
    # file opened by number need not be a row of the queue.
    file_shown = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.file_no = QLabel(self)
        self.file_no.setObjectName("file_no")
        self.file_no.setStyleSheet("font-size: 16px; font-weight: 700;")
        self.file_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.people = ElidedLabel(self)  # long names must not widen the window
        self.people.setObjectName("file_people")
        self.status = QLabel(self)
        self.status.setObjectName("file_status")
        self.badges = BadgeRow(self)
        self.header = QWidget(self)
        header = QHBoxLayout(self.header)
        header.setContentsMargins(4, 4, 4, 4)
        header.addWidget(self.file_no)
        header.addWidget(self.badges)
        header.addWidget(self.people, 1)
        header.addWidget(self.status)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.summary_tab = SummaryTab(self)
        self.parties_tab = PartiesTab(self)
        self.orders_tab = OrdersTab(self)
        self.account_tab = AccountTab(self)
        self.enforcement_tab = EnforcementTab(self)
        self.tasks_tab = TasksTab(self)
        self.notices_tab = NoticesTab(self, ctx)
        for tab, title in ((self.summary_tab, "&Summary"), (self.parties_tab, "&Parties"),
                           (self.orders_tab, "&Orders"), (self.account_tab, "&Account"),
                           (self.enforcement_tab, "&Enforcement"), (self.tasks_tab, "&Tasks"),
                           (self.notices_tab, "&Notices")):
            self.tabs.addTab(tab, title)

        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setObjectName("file_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6b7280; font-size: 15px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self._show(None)
        ctx.hub.case_changed.connect(self._changed)

    def tab_widgets(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def show_case(self, case_id: int) -> None:
        """Open a file: read everything in one transaction, then fill the tabs."""
        if case_id <= 0:  # no file (database ids start at 1)
            self.clear()
            return
        try:
            with self.ctx.db.reader() as session:
                detail = files.load_file(session, case_id, actor=self.ctx.actor)
            # A read-only database cannot take the audit row; its reads are the snapshot's.
            if not self.ctx.db.read_only and any(p.protected for p in detail.parties):
                self.ctx.db.run(lambda session: files.audit_protected_reads(
                    session, actor=self.ctx.actor, detail=detail))
        except ServiceError as exc:
            messages.error(self, "Cannot open the file", str(exc))
            return
        opened = case_id != self.case_id
        self.case_id = case_id
        self._show(detail)
        if opened:  # a reload of the same file keeps the officer's tab and says nothing
            self.tabs.setCurrentIndex(0)
            self.ctx.hub.status_message.emit(f"Opened file {detail.summary.file_no}")

    def clear(self) -> None:
        """Back to the empty state (the file was closed or the database changed)."""
        self.case_id = None
        self._show(None)

    def _changed(self, case_id: int) -> None:
        if case_id == self.case_id:
            self.show_case(case_id)

    def _show(self, detail: files.FileDetail | None) -> None:
        self.header.setVisible(detail is not None)
        self.stack.setCurrentWidget(self.tabs if detail else self.empty)
        for tab in self.tab_widgets():
            tab.set_file(detail)
        self.file_shown.emit(detail.summary.file_no if detail else "")
        if detail is None:
            return
        summary = detail.summary
        self.file_no.setText(summary.file_no)
        self.people.setText(_people_line(summary))
        self.status.setText(label(summary.status))
        self.badges.set_flags(summary.flags)
