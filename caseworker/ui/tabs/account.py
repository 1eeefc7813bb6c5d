"""The Account tab: the figures, the ledger statement, payments and adjustments."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from caseworker.services.files import FileDetail
from caseworker.ui.tabs.account_models import AdjustmentsModel, PaymentsModel, StatementModel
from caseworker.ui.widgets.format import day, money
from caseworker.ui.widgets.table import table_view

# The statement totals an officer reads first, in this order (LEDGER.md §7 keys).
HEADLINE = (("total_owing", "Total owing"), ("principal_owing", "Principal"),
            ("interest_owing", "Interest"), ("fees_owing", "Fees"), ("credit", "Credit"),
            ("collected", "Collected"))


def _section(title: str, view: QWidget, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(f"<b>{title}</b>", box))
    layout.addWidget(view)
    return box


class AccountTab(QWidget):
    """Figures on top, then the statement (when the ledger gave one), payments, adjustments."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.figures = QLabel(self)
        self.figures.setObjectName("account_figures")
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures.setWordWrap(True)
        self.statement = StatementModel(self)
        self.payments = PaymentsModel(self)
        self.adjustments = AdjustmentsModel(self)
        self.statement_view = table_view(self.statement, self, sortable=False)
        self.payments_view = table_view(self.payments, self)
        self.payments_view.setObjectName("payments_view")
        self.adjustments_view = table_view(self.adjustments, self)
        self.adjustments_view.setObjectName("adjustments_view")
        self.statement_box = _section("Statement", self.statement_view, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.statement_box)
        splitter.addWidget(_section("Payments", self.payments_view, self))
        splitter.addWidget(_section("Adjustments", self.adjustments_view, self))
        splitter.setSizes([300, 200, 120])
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(splitter, 1)

    def set_file(self, detail: FileDetail | None) -> None:
        account = detail.account if detail else None
        statement = account.statement if account else None
        self.statement.set_rows(statement.lines if statement else ())
        self.statement_box.setVisible(statement is not None)
        self.payments.set_rows(account.payments if account else ())
        self.adjustments.set_rows(account.adjustments if account else ())
        if statement is not None:
            self.statement_view.scrollToBottom()
            totals = dict(statement.totals)
            parts = [f"{caption} <b>{money(totals[key])}</b>" for key, caption in HEADLINE
                     if key in totals]
            parts.insert(1, f"Arrears <b>{money(statement.arrears)}</b>")
            self.figures.setText(" · ".join(parts) + f" — statement as of {day(statement.as_of)}")
        elif detail is not None:
            s = detail.summary
            cached = (f"Total owing <b>{money(s.total_owing)}</b> · Arrears "
                      f"<b>{money(s.arrears)}</b> as of {day(s.balance_as_of)}"
                      if s.balance_as_of else "No figures calculated yet.")
            self.figures.setText(f"{cached}<br><i>{account.statement_error or ''}</i>")
        else:
            self.figures.clear()
