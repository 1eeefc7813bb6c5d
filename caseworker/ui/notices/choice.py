"""What notice to make: kind, addressee, date of the figures and the kind's own options.

Shared by the single-file dialog and the batch dialog. Only the options the chosen kind
uses are shown, and only the addressees it may go to are offered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from caseworker.notices import KINDS
from caseworker.notices.wording import kind_text, step_title
from caseworker.services.notices import ADDRESSEES, PAY_FREQUENCIES
from caseworker.ui.dialogs.form import date_edit, iso, money_edit
from caseworker.ui.widgets.format import label

DEFAULT_REASON = ""  # closure: the service takes "paid in full" when nothing is owing


class NoticeChoice(QWidget):
    """The fields of a notice request; `changed` fires on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None,
                 names: dict[str, str] | None = None, attorney: bool = False,
                 words: dict[str, str] | None = None):
        super().__init__(parent)
        self.today = today or date.today()
        self.names = names or {}  # role -> who it is on this file, shown beside the role
        # Counsel are typed in for one file's notice, so a batch does not offer them.
        self.offers_attorney = attorney
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for code, title in KINDS.items():
            self.kind.addItem(title, code)
        self.to = QComboBox(self)
        self.to.setObjectName("to")
        self.as_of = date_edit(self, self.today)
        self.as_of.setObjectName("as_of")
        self.as_of.setMaximumDate(QDate(self.today))  # figures are never as of a later day
        self.as_of.setToolTip("The date of the figures printed on the notice")
        self.step = QComboBox(self)
        self.step.setObjectName("step")
        # In the file's program's words ("Driver's License Suspension" in the US); a batch,
        # which may span programs, shows the notices' own words.
        for code in kind_text("intent")["steps"]:
            self.step.addItem(step_title(code, words), code)
        self.reason = QComboBox(self)
        self.reason.setObjectName("reason")
        self.reason.addItem("Paid in full, when nothing is owing", DEFAULT_REASON)
        for code, text in kind_text("closure")["reasons"].items():
            self.reason.addItem(text["title"], code)
        self.per_pay = money_edit(self)
        self.per_pay.setObjectName("per_pay")
        self.per_pay.setPlaceholderText("support in force")
        self.per_pay.setMinimumWidth(150)
        self.per_pay.setToolTip("Amount to deduct from each pay; empty: the support in force "
                                "converted to the pay frequency")
        self.frequency = QComboBox(self)
        self.frequency.setObjectName("pay_frequency")
        for code in PAY_FREQUENCIES:
            self.frequency.addItem(label(code).replace("Semi monthly", "Twice a month"), code)
        self.frequency.setCurrentIndex(self.frequency.findData("monthly"))
        self.attorney_name = QLineEdit(self)
        self.attorney_name.setObjectName("attorney_name")
        self.attorney_name.setPlaceholderText("e.g. Priya Raman, Counsel")
        self.attorney_firm = QLineEdit(self)
        self.attorney_firm.setObjectName("attorney_firm")
        self.attorney_firm.setPlaceholderText("optional")
        self.attorney_address = QPlainTextEdit(self)
        self.attorney_address.setObjectName("attorney_address")
        self.attorney_address.setPlaceholderText("One line each: street, city, postal code")
        self.attorney_address.setTabChangesFocus(True)
        self.attorney_address.setFixedHeight(70)
        self.attorney_address.setToolTip("Counsel are not on file: the address typed here is "
                                         "printed on the notice and kept with its record")

        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addRow("&Notice:", self.kind)
        self.layout_.addRow("&To:", self.to)
        self.layout_.addRow("Figures &as of:", self.as_of)
        self.layout_.addRow("&Step:", self.step)
        self.layout_.addRow("&Reason:", self.reason)
        self.layout_.addRow("Amount &deducted per pay:", self.per_pay)
        self.layout_.addRow("Pay &frequency:", self.frequency)
        self.layout_.addRow("Attorney's na&me:", self.attorney_name)
        self.layout_.addRow("F&irm:", self.attorney_firm)
        self.layout_.addRow("Attorney's addr&ess:", self.attorney_address)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.to.currentIndexChanged.connect(self._to_changed)
        for signal in (self.kind.currentIndexChanged, self.to.currentIndexChanged,
                       self.as_of.dateChanged, self.step.currentIndexChanged,
                       self.reason.currentIndexChanged, self.per_pay.textChanged,
                       self.frequency.currentIndexChanged, self.attorney_name.textChanged,
                       self.attorney_firm.textChanged, self.attorney_address.textChanged):
            signal.connect(lambda *_: self.changed.emit())
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind_code()
        before = self.to.currentData()
        self.to.blockSignals(True)  # one `changed` for the kind, not one per addressee
        self.to.clear()
        for role in kind_text(kind)["addressees"]:
            if role in ADDRESSEES and (role != "attorney" or self.offers_attorney):
                who = self.names.get(role)
                self.to.addItem(f"{label(role)} — {who}" if who else label(role), role)
        index = self.to.findData(before)
        self.to.setCurrentIndex(max(index, 0))
        self.to.setEnabled(self.to.count() > 1)
        self.to.blockSignals(False)
        for editor, kinds in ((self.step, ("intent",)), (self.reason, ("closure",)),
                              (self.per_pay, ("deduction",)), (self.frequency, ("deduction",))):
            self._show_row(editor, kind in kinds)
        self._to_changed()

    def _to_changed(self) -> None:
        for editor in (self.attorney_name, self.attorney_firm, self.attorney_address):
            self._show_row(editor, self.to_role() == "attorney")

    def _show_row(self, editor: QWidget, shown: bool) -> None:
        self.layout_.setRowVisible(editor, shown)

    def kind_code(self) -> str:
        return self.kind.currentData()

    def to_role(self) -> str:
        return self.to.currentData()

    def as_of_text(self) -> str:
        return iso(self.as_of)

    def options(self) -> dict:
        """The keyword options of the kind, as the notices service takes them (text, no float)."""
        kind = self.kind_code()
        if self.to_role() == "attorney":
            lines = tuple(x.strip() for x in self.attorney_address.toPlainText().splitlines()
                          if x.strip())
            return {"attorney": {"name": self.attorney_name.text().strip(),
                                 "firm": self.attorney_firm.text().strip(),
                                 "address_lines": lines}}
        if kind == "intent":
            return {"step": self.step.currentData()}
        if kind == "closure":
            return {"closure_reason": self.reason.currentData() or None}
        if kind == "deduction":
            return {"deduction_per_pay": self.per_pay.text().strip().replace(",", "") or None,
                    "pay_frequency": self.frequency.currentData()}
        return {}

    def describe(self) -> str:
        """`Statement of account to the payor`: the choice in words, for messages."""
        return f"{KINDS[self.kind_code()]} to the {self.to_role()}"

    def set_choice(self, kind: str, to: str | None = None) -> None:
        """Select a kind (and addressee), as the officer would."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        if to is not None:
            self.to.setCurrentIndex(self.to.findData(to))

