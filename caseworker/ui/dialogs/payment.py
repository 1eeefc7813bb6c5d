"""Money dialogs of a file: post a payment, reverse one, adjust the account."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from caseworker.services import files, payments
from caseworker.services.common import money as parse_money
from caseworker.ui import messages
from caseworker.ui.dialogs.form import FormDialog, date_edit, file_caption, iso, money_edit
from caseworker.ui.dialogs.terms import KIND_LABELS
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import day, frequency, label, money

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SOURCE_LABELS = {"direct": "Direct (cheque, transfer)", "wage": "Wage deduction",
                 "federal": "Federal garnishment", "tax_refund": "Tax refund intercept",
                 "bank": "Bank garnishment", "cash": "Cash", "other": "Other"}
REVERSAL_REASONS = ("NSF", "Stopped payment", "Recalled by the bank", "Posted to the wrong file")
NOTHING_TO_REVERSE = "This file has no payment that can be reversed."
WAITS = "It waits for a supervisor's approval and does not count on the account until then."


def _approval_of(session, case_id: int, row_id: int, kind: str) -> str | None:
    """Whether the row just written waits for a supervisor ("pending") or counts now."""
    account = files.account(session, case_id)
    rows = account.payments if kind == "payment" else account.adjustments
    return next((row.approval for row in rows if row.id == row_id), None)


class PostPaymentDialog(FormDialog):
    """Money received for a file: date, amount, source and the cheque or transfer reference."""

    title = "Post Payment"
    ok_text = "Post"

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id = case_id
        self.received = date_edit(self, self.today)
        self.received.setObjectName("received")
        self.amount = money_edit(self)
        self.amount.setObjectName("amount")
        self.source = QComboBox(self)
        self.source.setObjectName("source")
        for code in payments.SOURCES:
            self.source.addItem(SOURCE_LABELS.get(code, label(code)), code)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText("Cheque number, transfer id…")
        body = QFormLayout()
        body.addRow(QLabel(file_caption(ctx, case_id), self))
        body.addRow("&Received on:", self.form.beside("received", self.received))
        body.addRow("&Amount:", self.form.beside("amount", self.amount, required=True))
        body.addRow("&Source:", self.form.beside("source", self.source, required=True))
        body.addRow("&Reference:", self.form.beside("reference", self.reference))
        self.finish_layout(body)
        self.amount.setFocus()
        self.setTabOrder(self.amount, self.received)
        self.setTabOrder(self.received, self.source)
        self.setTabOrder(self.source, self.reference)

    def write(self, session: Session) -> int:
        return payments.post_payment(
            session, actor=self.ctx.actor, case_id=self.case_id, received=iso(self.received),
            amount=self.amount.text(), source=self.source.currentData(),
            reference=self.reference.text(), today=self.today)

    def saved(self, result_id: int) -> None:
        self.announce(self.case_id, "Payment posted; the account is recalculated.")


class ReversePaymentDialog(FormDialog):
    """Take back a payment that did not clear (NSF, stopped); the reason is required."""

    title = "Reverse Payment"
    ok_text = "Reverse"

    def __init__(self, ctx: AppContext, case_id: int, payment_id: int | None = None,
                 parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id = case_id
        self.waits = False
        with ctx.db.reader() as session:
            rows = files.account(session, case_id, today=self.today).payments
        self.payment = QComboBox(self)
        self.payment.setObjectName("payment")
        self.payment.addItem("Choose the payment…", None)
        for row in rows:
            # A payment already reversed, or whose reversal waits for a supervisor, is not
            # offered: the service would refuse it.
            if (row.reverses_id is None and row.reversed_by_id is None
                    and row.pending_reversal_id is None):
                ref = f", {row.reference}" if row.reference else ""
                self.payment.addItem(f"{day(row.received)}  {money(row.amount)}  "
                                     f"({label(row.source)}{ref})", row.id)
        if payment_id is not None:
            self.payment.setCurrentIndex(max(self.payment.findData(payment_id), 0))
        self.on = date_edit(self, self.today)
        self.on.setObjectName("on")
        self.reason = QComboBox(self)
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        self.reason.addItems(("",) + REVERSAL_REASONS)
        self.reason.lineEdit().setPlaceholderText("NSF, stopped payment… (required)")
        # With nothing to reverse, the form says so instead of waiting for a payment.
        self.nothing = self.payment.count() == 1
        self.none_left = QLabel(NOTHING_TO_REVERSE, self)
        self.none_left.setObjectName("nothing_to_reverse")
        self.none_left.setWordWrap(True)
        self.none_left.setVisible(self.nothing)
        body = QFormLayout()
        body.addRow(QLabel(file_caption(ctx, case_id), self))
        body.addRow(self.none_left)
        body.addRow("&Payment:", self.form.beside("payment", self.payment, required=True))
        body.addRow("Re&versed on:", self.form.beside("on", self.on))
        body.addRow("R&eason:", self.form.beside("reason", self.reason, required=True))
        if self.nothing:
            self.payment.setItemText(0, "No payment to reverse")
            for field in (self.payment, self.on, self.reason):
                field.setEnabled(False)
        self.finish_layout(body)
        if self.nothing:
            self.buttons.button(self.buttons.StandardButton.Cancel).setFocus()
        else:
            (self.reason if payment_id is not None else self.payment).setFocus()

    def update_ok(self) -> None:
        super().update_ok()
        if getattr(self, "nothing", False):
            self.ok_button.setEnabled(False)
            self.ok_button.setToolTip(NOTHING_TO_REVERSE)

    def write(self, session: Session) -> int:
        reversal = payments.reverse_payment(
            session, actor=self.ctx.actor, payment_id=self.payment.currentData(),
            reason=self.reason.currentText(), on=iso(self.on), today=self.today)
        self.waits = _approval_of(session, self.case_id, reversal, "payment") == "pending"
        return reversal

    def saved(self, result_id: int) -> None:
        text = "Payment reversed." + (f" {WAITS}" if self.waits else "")
        self.announce(self.case_id, text)
        if self.waits:
            messages.info(self, self.title, text)


class AdjustmentDialog(FormDialog):
    """Correct the account: a credit lowers what is owing, a charge raises it; reason required."""

    title = "Adjust Account"

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id = case_id
        self.waits = False
        self.on = date_edit(self, self.today)
        self.on.setObjectName("date")
        self.amount = money_edit(self)
        self.amount.setObjectName("amount")
        # The officer says which way the money goes; no default, so it is never a slip.
        self.credit = QRadioButton("&Credit (lowers what is owing)", self)
        self.credit.setObjectName("credit")
        self.charge = QRadioButton("C&harge (raises what is owing)", self)
        self.charge.setObjectName("charge")
        self.direction = QButtonGroup(self)
        self.direction.addButton(self.credit)
        self.direction.addButton(self.charge)
        sides = QWidget(self)
        row = QHBoxLayout(sides)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.credit)
        row.addWidget(self.charge)
        row.addStretch(1)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("Why the account is corrected (required)")
        self.term = QComboBox(self)
        self.term.setObjectName("term")
        self.term.addItem("No particular term", None)
        with ctx.db.reader() as session:
            for order in files.orders(session, case_id):
                for t in order.terms:
                    how = f" {frequency(t.frequency).lower()}" if t.frequency else ""
                    self.term.addItem(f"T{t.id}: {KIND_LABELS.get(t.kind, label(t.kind))} "
                                      f"{money(t.amount)}{how} (order of {day(order.made_on)})",
                                      t.id)
        body = QFormLayout()
        body.addRow(QLabel(file_caption(ctx, case_id), self))
        body.addRow("&Dated:", self.form.beside("date", self.on))
        body.addRow("&Amount:", self.form.beside("amount", self.amount, required=True))
        body.addRow("Direction:", self.form.beside(
            "direction", sides, required=lambda: self.direction.checkedButton() is not None))
        self.direction.buttonToggled.connect(lambda *_: self.form.touched("direction"))
        body.addRow("&Reason:", self.form.beside("reason", self.reason, required=True))
        body.addRow("&Term:", self.form.beside("term", self.term))
        self.finish_layout(body)
        self.amount.setFocus()
        for first, second in ((self.amount, self.credit), (self.credit, self.charge),
                              (self.charge, self.on), (self.on, self.reason),
                              (self.reason, self.term)):
            self.setTabOrder(first, second)

    def signed_amount(self) -> Decimal:
        """The amount as typed, checked as typed (a message quotes what the officer typed,
        never a sign the dialog added); then the radio buttons decide the sign, so a sign
        typed in the box is dropped."""
        amount = abs(parse_money("amount", self.amount.text().strip(), allow_negative=True))
        return -amount if self.credit.isChecked() else amount

    def write(self, session: Session) -> int:
        adjustment = payments.make_adjustment(
            session, actor=self.ctx.actor, case_id=self.case_id, on=iso(self.on),
            amount=self.signed_amount(), reason=self.reason.text(),
            term_id=self.term.currentData(), today=self.today)
        self.waits = _approval_of(session, self.case_id, adjustment, "adjustment") == "pending"
        return adjustment

    def saved(self, result_id: int) -> None:
        kind = "Credit" if self.credit.isChecked() else "Charge"
        text = f"{kind} entered." + (
            f" {WAITS}" if self.waits else "")
        self.announce(self.case_id, text)
        if self.waits:
            messages.info(self, self.title, text)
