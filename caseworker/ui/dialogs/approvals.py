"""The supervisor's list of reversals and adjustments that wait for approval."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseworker.services import payments
from caseworker.services.errors import ServiceError
from caseworker.ui import messages
from caseworker.ui.dialogs.form import first_upper
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import day, label, money

COLUMNS = ("File", "Kind", "Date", "Amount", "Reference", "Reason", "Entered by")
AMOUNT, REASON = COLUMNS.index("Amount"), COLUMNS.index("Reason")


class ApprovalsDialog(QDialog):
    """The team's waiting rows with Approve and Refuse; the services refuse one's own rows and
    other roles."""

    title = "Approvals"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.rows: list[payments.Pending] = []
        self.setWindowTitle(self.title)
        self.setMinimumSize(720, 320)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("pending")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(REASON,
                                                           QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("Nothing waits for approval.", self)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setPlaceholderText("Note for the running record (optional)")
        self.approve = QPushButton("&Approve", self)
        self.approve.setObjectName("approve")
        self.refuse = QPushButton("&Refuse", self)
        self.refuse.setObjectName("refuse")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        decide_row = QHBoxLayout()
        decide_row.addWidget(self.note, 1)
        decide_row.addWidget(self.approve)
        decide_row.addWidget(self.refuse)
        layout = QVBoxLayout(self)
        who = ctx.actor
        layout.addWidget(QLabel(f"Deciding as <b>{who.full_name}</b> ({who.role}). "
                                "Nobody decides a row they entered.", self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(decide_row)
        layout.addWidget(close)
        self.approve.clicked.connect(lambda: self.decide(True))
        self.refuse.clicked.connect(lambda: self.decide(False))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        """Read what waits now (another supervisor may have decided some meanwhile)."""
        with self.ctx.db.reader() as session:
            self.rows = payments.pending_approvals(session, actor=self.ctx.actor)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            who = row.entered_by_name or f"user {row.entered_by}"
            if row.entered_by == self.ctx.actor.user_id:
                who += " (you)"
            cells = (row.file_no, kind_of(row), day(row.on), money(abs(row.amount)),
                     reference_of(row), row.reason, who)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == AMOUNT:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(REASON,
                                                           QHeaderView.ResizeMode.Stretch)
        self.empty.setVisible(not self.rows)
        if self.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> payments.Pending | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.approve.setEnabled(chosen)
        self.refuse.setEnabled(chosen)

    def decide(self, approve: bool) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.ctx.db.run(lambda session: payments.decide(
                session, actor=self.ctx.actor, kind=row.kind, row_id=row.id, approve=approve,
                note=self.note.text(), today=self.today))
        except ServiceError as exc:
            # Own row, wrong role, or decided by someone else meanwhile: said plainly.
            messages.error(self, self.title, first_upper(str(exc)) + ".")
            self.reload()
            return
        verdict = "approved" if approve else "refused"
        hub = self.ctx.hub
        hub.case_changed.emit(row.case_id)
        hub.record_changed.emit(row.case_id)
        hub.caseload_changed.emit()
        hub.status_message.emit(f"{kind_of(row)} of {money(abs(row.amount))} on "
                                f"{row.file_no} {verdict}.")
        self.note.clear()
        self.reload()


def reference_of(row: payments.Pending) -> str:
    """Which payment a reversal takes back: its reference and the day it was received."""
    if row.kind != "reversal":
        return ""
    paid = f"payment of {day(row.payment_received)}" if row.payment_received else ""
    return ", ".join(part for part in (row.reference or "", paid) if part)


def kind_of(row: payments.Pending) -> str:
    """Which way the money goes, in words: a minus sign is easy to miss."""
    if row.kind != "adjustment":
        return label(row.kind)
    return "Credit adjustment" if row.amount < 0 else "Charge adjustment"
