"""Negotiating a payment arrangement: the payoff projection follows the officer's typing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QLabel, QSpinBox, QWidget

from caseworker.ledger import LedgerError
from caseworker.services import arrangements
from caseworker.services.errors import ServiceError, StaleRecord, ValidationError
from caseworker.ui import messages
from caseworker.ui.dialogs.form import (
    FormDialog,
    OptionalDate,
    date_edit,
    file_caption,
    first_upper,
    iso,
    money_edit,
)
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import day, frequency, money

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEBOUNCE_MS = 150  # long enough to skip each keystroke, short enough to feel immediate


class ArrangementDialog(FormDialog):
    """Amount, frequency and day in; number of payments, payoff date and interest out; Record."""

    title = "Payment Arrangement"
    ok_text = "Record"

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id = case_id
        self.last: dict | None = None
        self.projected_for: tuple | None = None  # the proposal `last` was worked out for
        # The active arrangement this one replaces, as seen now; Record checks it is unchanged.
        with ctx.db.reader() as session:
            self.replaces = arrangements.current(session, case_id, self.today)
        self.amount = money_edit(self)
        self.amount.setObjectName("amount")
        self.frequency = QComboBox(self)
        self.frequency.setObjectName("frequency")
        for code in arrangements.FREQUENCIES:
            self.frequency.addItem(frequency(code), code)
        self.frequency.setCurrentIndex(self.frequency.findData("monthly"))
        self.day = QSpinBox(self)
        self.day.setObjectName("day")
        self.day.setRange(0, 31)
        self.day.setSpecialValueText("When support falls due")
        self.day.setMaximumWidth(220)
        self.day.setToolTip("Day of the month the payor pays (for monthly payments)")
        self.start = date_edit(self, self.today)
        self.start.setObjectName("start")
        self.end = OptionalDate("Ends on", self)
        self.end.setObjectName("end")
        self.projection = QLabel(self)
        self.projection.setObjectName("projection")
        self.projection.setWordWrap(True)
        self.projection.setFrameShape(QFrame.Shape.StyledPanel)
        self.projection.setMinimumHeight(90)
        self.projection.setMinimumWidth(440)
        self.projection.setText("Type an amount to see how long the payor takes to pay off.")
        self.replaces_line = QLabel(self)
        self.replaces_line.setObjectName("replaces")
        self.replaces_line.setWordWrap(True)
        self._show_replaces()
        body = QFormLayout()
        body.addRow(QLabel(file_caption(ctx, case_id), self))
        body.addRow(self.replaces_line)
        body.addRow("&Amount:", self.form.beside("amount", self.amount, required=True))
        body.addRow("&Frequency:", self.form.beside("frequency", self.frequency))
        body.addRow("&Day:", self.form.beside("day", self.day))
        body.addRow(self.projection)
        body.addRow("&Starts on:", self.form.beside("start", self.start))
        body.addRow("", self.form.beside("end", self.end))
        self.finish_layout(body)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh_projection)
        for signal in (self.amount.textChanged, self.frequency.currentIndexChanged,
                       self.day.valueChanged):
            signal.connect(lambda *_: self.timer.start())
        self.frequency.currentIndexChanged.connect(self._frequency_changed)
        # The start follows the projection's first payment until the officer sets it.
        self.start_chosen = False
        self.start.dateChanged.connect(self._start_edited)
        self._following = False
        self.amount.setFocus()

    def _show_replaces(self) -> None:
        """What Record replaces: the arrangement in force as this officer last saw it."""
        self.replaces_line.setText(replaces_text(self.replaces))

    def _frequency_changed(self) -> None:
        # A day of the month means something only for monthly payments.
        monthly = self.frequency.currentData() == "monthly"
        self.day.setEnabled(monthly)
        if not monthly:
            self.day.setValue(0)

    def _start_edited(self) -> None:
        if not self._following:
            self.start_chosen = True

    def pay_day(self) -> int | None:
        return self.day.value() or None

    def proposal(self) -> tuple:
        """What the projection depends on, to tell a stale one from a fresh one."""
        return (self.amount.text().strip(), self.frequency.currentData(), self.pay_day())

    def refresh_projection(self) -> None:
        """Ask the ledger what this proposal does; never writes anything."""
        self.timer.stop()
        self.last = None
        self.projected_for = self.proposal()
        if not self.amount.text().strip():
            self.projection.setText("Type an amount to see how long the payor takes to pay off.")
            return
        opener = getattr(self.ctx.db, "reader", None) or self.ctx.db.session
        try:
            with opener() as session:
                result = arrangements.project(
                    session, case_id=self.case_id, amount=self.amount.text(),
                    frequency=self.frequency.currentData(), pay_day=self.pay_day(),
                    today=self.today)
        except ValidationError as exc:
            self.form.show_error(exc, focus=False)
            self.projection.setText("No projection until the amount is a sum of money.")
            return
        except (ServiceError, LedgerError) as exc:
            self.projection.setText(first_upper(str(exc)))
            return
        self.last = result
        self.projection.setText(describe(result))
        if result.get("first_payment") and not self.start_chosen:
            self._following = True
            self.start.setDate(QDate.fromString(result["first_payment"], Qt.DateFormat.ISODate))
            self._following = False

    def accept(self) -> None:
        if self.form.missing():
            return
        if self.timer.isActive() or self.projected_for != self.proposal():
            # Return pressed before the projection caught up with the typing: work it out
            # now, so the start is the projected first payment (not the day it opened).
            self.refresh_projection()
        if (self.last is not None and self.last.get("payments") is None
                and not messages.confirm(self, self.title, never_catches_up(self.last))):
            return
        super().accept()
        self._show_replaces()  # after a stale save: the arrangement Record now replaces

    def write(self, session: Session) -> int:
        try:
            return arrangements.record_arrangement(
                session, actor=self.ctx.actor, case_id=self.case_id, amount=self.amount.text(),
                frequency=self.frequency.currentData(), pay_day=self.pay_day(),
                start=iso(self.start), end=self.end.text() or None, replaces=self.replaces,
                today=self.today)
        except StaleRecord as exc:
            # The message names both; the officer has now seen the newer one, so Record
            # again replaces it knowingly.
            self.replaces = arrangements.current(session, self.case_id, self.today)
            raise StaleRecord(f"{exc}. Record again to replace it with yours", exc.mine,
                              exc.theirs, exc.version) from None

    def saved(self, result_id: int) -> None:
        self.announce(self.case_id, "Payment arrangement recorded.")


def replaces_text(seen: arrangements.Current | None) -> str:
    """`Replaces: $400.00 monthly from 2026-01-01`, or that none is in force."""
    if seen is None:
        return "Replaces: nothing; no arrangement is in force."
    text = f"Replaces: {money(seen.amount)} {frequency(seen.frequency).lower()} from " \
           f"{day(seen.start)}"
    if seen.end:
        text += f" to {day(seen.end)}"
    if seen.status == "defaulted":
        text += " (in default)"
    return text + "."


def never_catches_up(result: dict) -> str:
    """The question before recording an arrangement that never pays off what is owing."""
    return f"{first_upper(result['message'])}\n\nRecord this arrangement anyway?"


def describe(result: dict) -> str:
    """The projection as the officer reads it to the payor."""
    owing = f"Owing on {result['as_of']}: <b>{_money(result['owing'])}</b>.<br>"
    if result["payments"] is None:
        return (owing + "<b style='color:#b00020'>Never catches up.</b> "
                + result["message"])
    if result["payments"] == 0:
        return owing + result["message"]
    count = result["payments"]
    return (owing + f"<b>{count}</b> payment{'s' if count != 1 else ''}, the first on "
            f"{result['first_payment']}; paid off on <b>{result['paid_off']}</b>; "
            f"interest paid on the way <b>{_money(result['interest_paid'])}</b>; "
            f"last payment {_money(result['last_payment_amount'])}.")



def _money(text: str | None) -> str:
    # The ledger gives plain "1234.50"; officers read "$1,234.50".
    return money(Decimal(text)) if text else ""
