"""Registering a new file: the people, the program and its flags, the court order and terms."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caseworker.models import FLAGS
from caseworker.services import intake
from caseworker.services.accounts import policy_file
from caseworker.ui.dialogs.form import FormDialog, date_edit, iso
from caseworker.ui.dialogs.parties import ChildrenBox, PartyBox
from caseworker.ui.dialogs.terms import TermsEditor
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class IntakeDialog(FormDialog):
    """Everything a new file starts with, saved in one transaction or not at all."""

    title = "Register New File"
    ok_text = "Register"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id: int | None = None
        inner = QWidget(self)
        self.payor = PartyBox(self.form, "payor", employer=True, parent=inner)
        self.recipient = PartyBox(self.form, "recipient", address_required=True, parent=inner)
        self.children = ChildrenBox(self.form, inner)
        self.policy = QComboBox(inner)
        self.policy.setObjectName("policy")
        self.policy.addItem("Choose the program…", None)
        for code, name in intake.policies():
            self.policy.addItem(name, code)
        self.flags: dict[str, QCheckBox] = {}
        program = QGroupBox("Program and flags", inner)
        program_form = QFormLayout(program)
        program_form.addRow("P&rogram:", self.form.beside("policy", self.policy, required=True))
        flag_box = QWidget(program)
        flag_grid = QGridLayout(flag_box)
        flag_grid.setContentsMargins(0, 0, 0, 0)
        for index, flag in enumerate(FLAGS):
            box = QCheckBox(label(flag), flag_box)
            box.setObjectName(flag)
            self.flags[flag] = box
            flag_grid.addWidget(box, index // 2, index % 2)
        program_form.addRow("Flags:", self.form.beside("flags", flag_box))
        self.court = QLineEdit(inner)
        self.court.setObjectName("court")
        self.made_on = date_edit(inner, self.today)
        self.made_on.setObjectName("made_on")
        self.terms = TermsEditor(self.form, child_key="child_index", today=self.today,
                                 parent=inner)
        order = QGroupBox("Court order", inner)
        order_layout = QVBoxLayout(order)
        order_form = QFormLayout()
        order_form.addRow("C&ourt:", self.form.beside(
            "court", self.court, required=lambda: not self.terms.rows or bool(
                self.court.text().strip())))
        order_form.addRow("&Made on:", self.form.beside("made_on", self.made_on))
        order_layout.addLayout(order_form)
        order_layout.addWidget(self.terms)
        grid = QGridLayout(inner)
        grid.addWidget(self.payor, 0, 0)
        grid.addWidget(self.recipient, 0, 1)
        grid.addWidget(self.children, 1, 0)
        grid.addWidget(program, 1, 1)
        grid.addWidget(order, 2, 0, 1, 2)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of its own
        self.scroll_area.setWidget(inner)
        self.finish_layout(self.scroll_area)
        self.open_at(1180, 820)
        self.policy.currentIndexChanged.connect(self._policy_changed)
        self.children.changed.connect(self._children_changed)
        self.terms.changed.connect(self.update_ok)
        self.children.add_row()
        self.terms.add_row()
        self._tab_order()
        self.children.rows_changed.connect(self._tab_order)
        self.terms.rows_changed.connect(self._tab_order)
        self.payor.edits["given_name"].setFocus()

    def _tab_order(self) -> None:
        # Top to bottom through each block, in the order an officer reads the court papers.
        kids = [w for row in self.children.rows for w in (
            row["given_name"], row["family_name"], row["birth_date"], row["remove"])]
        cancel = self.buttons.button(self.buttons.StandardButton.Cancel)
        chain = [*self.payor.tab_chain(), *self.recipient.tab_chain(), *kids,
                 self.children.add_button, self.policy, *self.flags.values(), self.court,
                 self.made_on, *self.terms.tab_chain(), self.ok_button, cancel]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def _policy_changed(self) -> None:
        code = self.policy.currentData()
        policy = policy_file(code) if code else {}
        words = policy.get("words", {})
        self.payor.set_word(words.get("payor", "payor"))
        self.recipient.set_word(words.get("recipient", "recipient"))
        age = policy.get("age_of_majority")
        self.terms.set_majority_age(int(age) if age is not None else None)

    def _children_changed(self) -> None:
        self.terms.set_children(self.children.choices())
        self.update_ok()

    def value(self) -> intake.FileInput:
        return intake.FileInput(
            policy=self.policy.currentData() or "", payor=self.payor.value(),
            recipient=self.recipient.value(), children=self.children.value(),
            flags=[flag for flag, box in self.flags.items() if box.isChecked()],
            court=self.court.text(), order_made_on=iso(self.made_on),
            terms=self.terms.terms())

    def write(self, session: Session) -> int:
        return intake.register_file(session, actor=self.ctx.actor, given=self.value(),
                                    today=self.today)

    def saved(self, result_id: int) -> None:
        self.case_id = result_id
        hub = self.ctx.hub
        hub.caseload_changed.emit()
        hub.status_message.emit("New file registered.")
        hub.case_opened.emit(result_id)  # the officer goes on working the file just opened
