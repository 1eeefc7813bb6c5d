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
from caseworker.ui import errors
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import day, label, money

COLUMNS = ("File", "Kind", "Date", "Amount", "Reference", "Reason", "Entered by")
AMOUNT, REASON = COLUMNS.index("Amount"), COLUMNS.index("Reason")
REASON_WIDTH = (160, 420)  # the Reason column opens between these, by what it holds
OWN_ROW = "You entered this one: another supervisor decides it."


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
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The reason takes what is left; a long one is whole in its tooltip and below.
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("Nothing waits for approval.", self)
        self.detail = QLabel(self)
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
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
        layout.addWidget(self.detail)
        layout.addLayout(decide_row)
        layout.addWidget(close)
        self.approve.clicked.connect(lambda: self.decide(True))
        self.refuse.clicked.connect(lambda: self.decide(False))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()
        self._open_wide_enough()

    def _open_wide_enough(self) -> None:
        """Wide enough for every column but the reason, and a fair part of the reason
        (at 720 px the reason shrank to "…" and "Entered by" was cut off)."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c != REASON)
        reason = max(REASON_WIDTH[0], min(self.table.sizeHintForColumn(REASON) + 12,
                                          REASON_WIDTH[1]))
        margins = self.layout().contentsMargins()
        width = (others + reason + 2 * self.table.frameWidth()
                 + self.table.verticalScrollBar().sizeHint().width()
                 + margins.left() + margins.right())
        room = self.screen().availableGeometry().width() - 16
        self.resize(max(self.minimumWidth(), min(width, room)), 400)

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
                if c == REASON:
                    item.setToolTip(text)
                if self.own(row):
                    item.setToolTip(f"{text}\n{OWN_ROW}" if c == REASON else OWN_ROW)
                self.table.setItem(r, c, item)
        self.empty.setVisible(not self.rows)
        # The first row this user may decide; never their own (Approve would only be refused).
        first = next((r for r, row in enumerate(self.rows) if not self.own(row)), None)
        self.table.clearSelection()
        if first is not None:
            self.table.selectRow(first)
        self._update_buttons()

    def own(self, row: payments.Pending) -> bool:
        return row.entered_by == self.ctx.actor.user_id

    def selected(self) -> payments.Pending | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        may = row is not None and not self.own(row)
        self.approve.setEnabled(may)
        self.refuse.setEnabled(may)
        tip = OWN_ROW if row is not None and not may else ""
        self.approve.setToolTip(tip)
        self.refuse.setToolTip(tip)
        self.detail.setText(self.describe(row))

    def describe(self, row: payments.Pending | None) -> str:
        """The chosen row in full, the reason unclipped; or what to do next."""
        if row is None:
            if self.rows and all(self.own(r) for r in self.rows):
                return "Every row waiting was entered by you: another supervisor decides them."
            return "Choose a row to approve or refuse it." if self.rows else ""
        who = row.entered_by_name or f"user {row.entered_by}"
        reference = reference_of(row)
        text = (f"{kind_of(row)} of {money(abs(row.amount))} on {row.file_no}, dated "
                f"{day(row.on)}" + (f" ({reference})" if reference else "")
                + f", entered by {who}.\nReason: {row.reason}")
        if self.own(row):
            text += f"\n{OWN_ROW}"
        return text

    def decide(self, approve: bool) -> None:
        row = self.selected()
        if row is None:
            return
        done, _ = errors.attempt(self, self.title, lambda: self.ctx.db.run(
            lambda session: payments.decide(
                session, actor=self.ctx.actor, kind=row.kind, row_id=row.id, approve=approve,
                note=self.note.text(), today=self.today)))
        if not done:
            self.reload()  # decided by someone else meanwhile, say: show the list as it is
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
