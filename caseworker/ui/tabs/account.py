"""The Account tab: figures, the ledger statement with explanations, a chart, arrangements."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseworker.ledger import LedgerError
from caseworker.services import explain, statements
from caseworker.services.errors import ServiceError
from caseworker.services.files import FileDetail, Statement
from caseworker.ui import messages
from caseworker.ui.hub import AppContext
from caseworker.ui.tabs.account_chart import OwingChart
from caseworker.ui.tabs.account_explain import ExplainPane
from caseworker.ui.tabs.account_figures import FiguresGrid
from caseworker.ui.tabs.account_models import (
    AdjustmentsModel,
    ArrangementModel,
    PaymentsModel,
    StatementModel,
)
from caseworker.ui.widgets.format import day, money
from caseworker.ui.widgets.table import table_view

# The statement totals an officer reads first, in this order (LEDGER.md §7 keys).
HEADLINE = (("total_owing", "Total owing"),)
TEXT_FILTER = "Text statement (*.txt)"
JSON_FILTER = "JSON statement, exactly as computed (*.json)"
SAVE_DIR_KEY = "account/save_dir"
HINT_HEIGHT = 64   # the explanation pane's height before anything is explained


def _section(title: str, view: QWidget, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(f"<b>{title}</b>", box))
    layout.addWidget(view)
    return box


def headline(statement: Statement) -> str:
    """Total owing, arrears and since when the file is delinquent, on one line."""
    totals = dict(statement.totals)
    parts = [f"{caption} <b>{money(totals[key])}</b>" for key, caption in HEADLINE
             if key in totals]
    parts.append(f"Arrears <b>{money(statement.arrears)}</b>")
    # Delinquent: arrears of at least a month's support without a break (LEDGER.md §7).
    parts.append(f"Delinquent since <b>{day(statement.delinquent_since)}</b>"
                 if statement.delinquent_since else "Not delinquent")
    return " · ".join(parts) + f" — as of {day(statement.as_of)}"


class AccountTab(QWidget):
    """Headline and figures on top; statement, chart and arrangement periods in sub-tabs."""

    def __init__(self, parent: QWidget | None = None, ctx: AppContext | None = None):
        super().__init__(parent)
        # The file view builds its tabs with only a parent; it is the one holding the context.
        self.ctx: AppContext | None = ctx or getattr(parent, "ctx", None)
        self.detail: FileDetail | None = None
        self.figures = QLabel(self)
        self.figures.setObjectName("account_figures")
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures.setWordWrap(True)
        self.figures.setToolTip("Delinquent: in arrears of at least a month's support, "
                                "without a break, since that date")
        self.grid = FiguresGrid(self)
        self.explain_button = QPushButton("E&xplain", self)
        self.explain_button.setObjectName("explain_button")
        self.explain_button.setToolTip("Where the selected statement line comes from")
        self.explain_button.clicked.connect(self.explain_selected)
        self.save_button = QPushButton("Save statement…", self)
        self.save_button.setObjectName("save_statement_button")
        self.save_button.setToolTip("Save the statement as a text file for a client, or as "
                                    "JSON exactly as the ledger computed it")
        self.save_button.clicked.connect(self.save_statement)

        self.statement = StatementModel(self)
        self.payments = PaymentsModel(self)
        self.adjustments = AdjustmentsModel(self)
        self.periods = ArrangementModel(self)
        self.statement_view = table_view(self.statement, self, sortable=False)
        self.statement_view.setObjectName("statement_view")
        # Activated: a double-click or Return on a line.
        self.statement_view.activated.connect(self._activated)
        self.statement_view.selectionModel().selectionChanged.connect(self._line_selected)
        self.payments_view = table_view(self.payments, self)
        self.payments_view.setObjectName("payments_view")
        self.adjustments_view = table_view(self.adjustments, self)
        self.adjustments_view.setObjectName("adjustments_view")
        self.periods_view = table_view(self.periods, self, sortable=False)
        self.periods_view.setObjectName("periods_view")
        self.explain_pane = ExplainPane(self)
        self.chart = OwingChart(self)

        self.statement_box = _section("Statement", self.statement_view, self)
        # The statement keeps the full width (its description needs it in a narrow file
        # view); the explanation opens underneath it.
        self.statement_page = QSplitter(Qt.Orientation.Vertical, self)
        self.statement_page.addWidget(self.statement_box)
        self.statement_page.addWidget(self.explain_pane)
        self.statement_page.setStretchFactor(0, 1)
        self.statement_page.setChildrenCollapsible(False)
        self.payments_page = QSplitter(Qt.Orientation.Vertical, self)
        self.payments_page.addWidget(_section("Payments", self.payments_view, self))
        self.payments_page.addWidget(_section("Adjustments", self.adjustments_view, self))
        self.payments_page.setSizes([400, 160])
        self.periods_page = _section("Arrangement periods: expected, received and shortfall",
                                     self.periods_view, self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("account_pages")
        self.pages.addTab(self.statement_page, "Statement")
        self.pages.addTab(self.payments_page, "Payments and adjustments")
        self.pages.addTab(self.chart, "Chart")
        self.pages.addTab(self.periods_page, "Arrangement")

        top = QHBoxLayout()
        top.addWidget(self.figures, 1)
        top.addWidget(self.explain_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid)
        layout.addWidget(self.pages, 1)
        self._size_explain(open_=False)
        self._enable()

    @property
    def current(self) -> Statement | None:
        """The statement shown, if the ledger could compute one."""
        return self.detail.account.statement if self.detail else None

    def set_file(self, detail: FileDetail | None) -> None:
        same_file = (detail is not None and self.detail is not None
                     and detail.summary.case_id == self.detail.summary.case_id)
        self.detail = detail
        account = detail.account if detail else None
        statement = account.statement if account else None
        self.statement.set_rows(statement.lines if statement else ())
        self.statement_box.setVisible(statement is not None)
        self.payments.set_rows(account.payments if account else ())
        self.adjustments.set_rows(account.adjustments if account else ())
        self.grid.set_statement(statement)
        self.periods.as_of = statement.as_of if statement else None
        self.periods.set_rows(statement.arrangement if statement else ())
        self.pages.setTabVisible(self.pages.indexOf(self.periods_page),
                                 bool(statement and statement.arrangement))
        self.pages.setTabVisible(self.pages.indexOf(self.chart), statement is not None)
        if statement is not None:
            self.chart.set_lines(statement.lines, statement.as_of)
        shown = self.explain_pane.explanation
        refs = {line.ref for line in statement.lines} if statement else set()
        if same_file and shown is not None and shown.ref in refs:
            # The file changed (a payment posted...): what paid what may have too.
            self.explain_ref(shown.ref)
        elif shown is not None:   # another file's, or a line that is gone: back to the hint
            self.explain_pane.show_explanation(None)
            self._size_explain(open_=False)
        self._enable()
        # The latest line, payment and adjustment in view (they are listed oldest first).
        for view in (self.statement_view, self.payments_view, self.adjustments_view):
            view.scrollToBottom()
            # Again once the splitter has laid the table out at its new height.
            QTimer.singleShot(0, view, view.scrollToBottom)
        if statement is not None:
            self.figures.setText(headline(statement))
        elif detail is not None:
            s = detail.summary
            cached = (f"Total owing <b>{money(s.total_owing)}</b> · Arrears "
                      f"<b>{money(s.arrears)}</b> as of {day(s.balance_as_of)}"
                      if s.balance_as_of else "No figures calculated yet.")
            self.figures.setText(f"{cached}<br><i>{account.statement_error or ''}</i>")
        else:
            self.figures.clear()

    def _enable(self, *_args: object) -> None:
        has = self.current is not None and self.ctx is not None
        self.save_button.setEnabled(has)
        self.explain_button.setEnabled(has and self.statement_view.selectionModel().hasSelection())

    def _activated(self, index: QModelIndex) -> None:
        self.explain_row(index.row())

    def _line_selected(self, *_args: object) -> None:
        self._enable()
        rows = self.statement_view.selectionModel().selectedRows()
        line = self.statement.row_at(rows[0].row()) if rows else None
        if line is not None and line.kind == "payment":
            self.select_payment(line.ref)

    def select_payment(self, ref: str) -> None:
        """Select a statement line's payment (`P<id>`) in the payments table as well."""
        # So the window's Reverse payment… offers the payment the officer is looking at.
        for row in range(self.payments.rowCount()):
            if f"P{self.payments.row_at(row).id}" == ref:
                index = self.payments_view.model().mapFromSource(self.payments.index(row, 0))
                self.payments_view.selectRow(index.row())
                return

    def explain_selected(self) -> None:
        """Explain the selected statement line (the Explain button)."""
        rows = self.statement_view.selectionModel().selectedRows()
        if rows:
            self.explain_row(rows[0].row())

    def explain_row(self, row: int) -> None:
        """Look up where statement line `row` comes from and show it beside the statement."""
        statement = self.current
        if statement is None or self.ctx is None or not 0 <= row < self.statement.rowCount():
            return
        if self.explain_ref(self.statement.row_at(row).ref):
            self.pages.setCurrentWidget(self.statement_page)
            self._size_explain(open_=True)

    def explain_ref(self, ref: str) -> bool:
        """Show where the statement line with this ref comes from; False if it cannot."""
        statement = self.current
        if statement is None or self.ctx is None:
            return False
        case_id = self.detail.summary.case_id
        try:
            with self.ctx.db.reader() as session:
                found = explain.explain(session, case_id, statement.result, ref)
        except ServiceError as exc:
            messages.error(self, "Cannot explain the line", str(exc))
            return False
        self.explain_pane.show_explanation(found)
        return True

    def _size_explain(self, *, open_: bool) -> None:
        """Give the explanation room to be read, or just the hint's strip when there is none."""
        sizes = self.statement_page.sizes()
        total = sum(sizes) or 560
        if open_ and sizes[1] < total * 2 // 5:
            self.statement_page.setSizes([total - total * 9 // 20, total * 9 // 20])
        elif not open_:
            self.statement_page.setSizes([total - HINT_HEIGHT, HINT_HEIGHT])

    def save_statement(self) -> None:
        """Ask where, then save the statement as text or JSON (by the name or the filter)."""
        statement = self.current
        if statement is None or self.ctx is None:
            return
        summary = self.detail.summary
        folder = QSettings().value(SAVE_DIR_KEY, str(Path.home()))
        suggested = Path(str(folder)) / f"{summary.file_no}-statement-{day(statement.as_of)}.txt"
        path, chosen = QFileDialog.getSaveFileName(
            self, "Save statement", str(suggested), f"{TEXT_FILTER};;{JSON_FILTER}")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".txt", ".json"):
            target = target.with_name(target.name + (".json" if chosen == JSON_FILTER
                                                     else ".txt"))
        fmt = "json" if target.suffix.lower() == ".json" else "text"
        try:
            with self.ctx.db.reader() as session:
                content = statements.statement_file(session, summary.case_id, fmt,
                                                    statement.as_of)
            target.write_text(content, encoding="utf-8")
        except (ServiceError, LedgerError, OSError) as exc:
            messages.error(self, "Cannot save the statement", f"{target}: {exc}")
            return
        QSettings().setValue(SAVE_DIR_KEY, str(target.parent))
        self.ctx.hub.status_message.emit(f"Saved the statement of {summary.file_no} to {target}")
