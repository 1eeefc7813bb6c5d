"""Entering a court order, or a variation whose terms supersede old ones from their start."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caseworker.services import files, orders
from caseworker.ui import messages
from caseworker.ui.dialogs.form import FormDialog, date_edit, file_caption, iso
from caseworker.ui.dialogs.terms import (
    KIND_LABELS,
    ChildChoice,
    OldTerm,
    TermsEditor,
)
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import day, frequency, money

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def describe_term(term: files.TermRow) -> str:
    """`T3 Periodic support $400.00 monthly from 2025-01-01 (Kim Lee)`."""
    text = f"T{term.id} {KIND_LABELS.get(term.kind, term.kind)} {money(term.amount)}"
    if term.kind == "periodic":
        text += f" {frequency(term.frequency).lower()} from " \
                f"{day(term.start)}"
        if term.end:
            text += f" to {day(term.end)}"
    else:
        text += f" due {day(term.due)}"
    if term.child:
        text += f" ({term.child})"
    if term.superseded_by:
        text += " — already superseded"
    return text


STACKS = ("None of the new terms replaces a term of the order it varies; both will be "
          "charged. Save anyway?")


class OrderDialog(FormDialog):
    """Court, date and terms of an order; for a variation, the order varied and what it cuts."""

    title = "Enter Order or Variation"

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None, *,
                 varies_id: int | None = None, today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id = case_id
        with ctx.db.reader() as session:
            self.orders = files.orders(session, case_id)
            kids = orders.children(session, case_id)
            age = orders.age_of_majority(session, case_id)
        self.varies = QComboBox(self)
        self.varies.setObjectName("varies")
        self.varies.addItem("Nothing: a new order", None)
        for order in self.orders:
            self.varies.addItem(f"Order of {day(order.made_on)}, {order.court}"
                                + (f" ({order.court_file})" if order.court_file else ""),
                                order.id)
        self.court = QLineEdit(self)
        self.court.setObjectName("court")
        self.court.setMinimumWidth(320)
        self.court_file = QLineEdit(self)
        self.court_file.setObjectName("court_file")
        self.court_file.setMaximumWidth(200)
        self.made_on = date_edit(self, self.today)
        self.made_on.setObjectName("made_on")
        self.terms = TermsEditor(self.form, child_key="child_id", today=self.today, parent=self)
        self.terms.setObjectName("terms")
        self.terms.set_children([ChildChoice(c.id, c.name, c.birth_date) for c in kids])
        self.terms.set_majority_age(age)
        old = [OldTerm(t.id, describe_term(t)) for o in self.orders for t in o.terms
               if t.kind == "periodic"]
        self.terms.set_old_terms(old, visible=False)
        self.terms.changed.connect(self.update_ok)
        head = QFormLayout()
        head.addRow(QLabel(file_caption(ctx, case_id), self))
        head.addRow("&Varies:", self.form.beside("varies", self.varies))
        head.addRow("&Court:", self.form.beside("court", self.court, required=True))
        head.addRow("Court f&ile no.:", self.form.beside("court_file", self.court_file))
        head.addRow("&Made on:", self.form.beside("made_on", self.made_on))
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addLayout(head)
        column.addWidget(QLabel("<b>Terms</b>", inner))
        column.addWidget(self.terms)
        column.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of its own
        self.scroll_area.setWidget(inner)
        self.finish_layout(self.scroll_area)
        self.open_at(900, 640)
        self.varies.currentIndexChanged.connect(self._varies_changed)
        self.terms.rows_changed.connect(self._tab_order)
        self.terms.add_row()
        if varies_id is not None:
            self.varies.setCurrentIndex(max(self.varies.findData(varies_id), 0))
        self.court.setFocus()

    def _tab_order(self) -> None:
        """Top to bottom: the order's own fields, each term row, Add term, then Save."""
        cancel = self.buttons.button(self.buttons.StandardButton.Cancel)
        chain = [self.varies, self.court, self.court_file, self.made_on,
                 *self.terms.tab_chain(), self.ok_button, cancel]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt's name
        # Past Cancel, back to the top (Qt's own wrap lands in the first term row).
        cancel = self.buttons.button(self.buttons.StandardButton.Cancel)
        if next_ and self.focusWidget() is cancel:
            self.varies.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().focusNextPrevChild(next_)

    def _varies_changed(self) -> None:
        varied = next((o for o in self.orders if o.id == self.varies.currentData()), None)
        # Only a variation cuts old terms; a new order stands beside the old ones.
        self.terms.set_old_terms(self.terms.old_terms, visible=varied is not None)
        if varied is not None and not self.court.text().strip():
            self.court.setText(varied.court)

    def accept(self) -> None:
        if self.form.missing():
            return
        if (self.varies.currentData() is not None
                and not any(term.supersedes for term in self.terms.terms())
                and not messages.confirm(self, self.title, STACKS)):
            return
        super().accept()

    def write(self, session: Session) -> int:
        return orders.add_order(
            session, actor=self.ctx.actor, case_id=self.case_id, court=self.court.text(),
            made_on=iso(self.made_on), terms=self.terms.terms(),
            court_file=self.court_file.text(), varies_id=self.varies.currentData(),
            today=self.today)

    def saved(self, result_id: int) -> None:
        what = "Variation" if self.varies.currentData() else "Order"
        self.announce(self.case_id, f"{what} entered; the account is recalculated.")
