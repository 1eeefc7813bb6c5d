"""Editing a party: name, birth date, email, current address and telephone, saved together."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from caseworker.services import editing
from caseworker.services.editing import Edit, Editable
from caseworker.ui.dialogs.edit_base import EditDialog, differs
from caseworker.ui.dialogs.form import OptionalDate, error_label, file_caption
from caseworker.ui.dialogs.stale import save_all_checked
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.badges import protected_badge

PERSON = (("given_name", "&Given name"), ("family_name", "&Family name"),
          ("birth_date", "&Birth date"), ("email", "&Email"))
ADDRESS = (("line1", "&Address"), ("line2", "Line &2"), ("city", "&City"),
           ("region", "Province/&state"), ("postal_code", "&Postal/ZIP code"),
           ("country", "Co&untry (2 letters)"))
PHONE = (("number", "&Number"), ("kind", "&Kind"))
PHONE_KINDS = ("mobile", "home", "work")


class EditPersonDialog(EditDialog):
    """A person and the records that locate them, each saved against its own version.

    Only the records with changes are saved, all in one transaction: if someone else
    saved any of them first, none is saved and the user sees both versions.
    """

    title = "Edit Party"
    saved_text = "Party saved."

    def __init__(self, ctx: AppContext, case_id: int, person_id: int,
                 parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id, self.person_id = case_id, person_id
        with ctx.db.reader() as session:
            self.loaded = editing.load(session, kind="person", row_id=person_id,
                                       today=self.today, case_id=case_id)
        self.setWindowTitle(f"{self.title} — {self.loaded.label}")
        self.editors: dict[str, QWidget] = {}
        body = QVBoxLayout()
        body.addWidget(QLabel(file_caption(ctx, case_id), self))
        row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._group("Person", self.loaded, PERSON))
        left.addWidget(self._group("Telephone", self.loaded.phone, PHONE))
        left.addStretch(1)
        row.addLayout(left, 1)
        row.addWidget(self._group("Current address", self.loaded.address, ADDRESS), 1)
        body.addLayout(row, 1)
        self.finish_layout(body)
        self.setMinimumWidth(880)  # two columns of fields, each with room for its message
        self.ready()
        self.editors["person.given_name"].setFocus()

    def _group(self, title: str, record: Editable | None, fields: tuple) -> QGroupBox:
        """One record's fields; a record the person does not have is said, not offered."""
        box = QGroupBox(title, self)
        layout = QFormLayout(box)
        if record is None:
            layout.addRow(QLabel(f"No {title.lower()} on record.", box))
            return box
        if record.kind == "address" and self.loaded.protected:
            # The same warning the Parties tab gives: this address never goes to the payor.
            row = QHBoxLayout()
            row.addWidget(protected_badge(box))
            row.addStretch(1)
            layout.addRow(row)
        for name, caption in fields:
            key = f"{record.kind}.{name}"
            value = record.values[name]
            if name == "birth_date":
                # Made here, in reading order, so Tab reaches it after the family name.
                editor = self.birth = OptionalDate("Known:", box)
                editor.set_value(value)
            elif name == "kind":
                editor = QComboBox(box)
                editor.setEditable(True)
                editor.addItems(PHONE_KINDS)
                editor.setCurrentText(value or "")
            else:
                editor = QLineEdit(value or "", box)
                if name == "country":
                    editor.setMaxLength(2)
                    editor.setMaximumWidth(60)
            editor.setObjectName(key)
            self.editors[key] = editor
            layout.addRow(caption + ":", self._with_message(key, editor))
        return box

    def _with_message(self, key: str, editor: QWidget) -> QWidget:
        """The editor with its message under it: beside it, in two columns, a message
        wraps into a narrow strip and the group box clips it."""
        cell = QWidget(editor.parentWidget())
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        editor.setParent(cell)
        column.addWidget(editor, 0, Qt.AlignmentFlag.AlignLeft if editor.maximumWidth() < 16777215
                         else Qt.AlignmentFlag(0))
        message = error_label(cell)
        message.setMaximumWidth(16777215)
        column.addWidget(message)
        cell.setFocusProxy(editor)
        # Not marked required: a field emptied by mistake gets the service's message here,
        # which says more than a Save button gone grey.
        self.form.add(key, editor, label=message)
        return cell

    def _now(self, key: str) -> object:
        editor = self.editors[key]
        if isinstance(editor, OptionalDate):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentText().strip()
        return editor.text().strip()

    def edits(self) -> list[Edit]:
        found = []
        for record in (self.loaded, self.loaded.address, self.loaded.phone):
            if record is None:
                continue
            # In the order of the form, so a bad field's message is the top-most one.
            changed = {}
            for key in self.editors:
                kind, _, name = key.partition(".")
                if kind == record.kind and differs(record.values[name], self._now(key)):
                    changed[name] = self._now(key)
            if changed:
                found.append(Edit(record.kind, record.row_id, record.version, changed))
        return found

    def save(self, edits: list[Edit]) -> list[int] | None:
        return save_all_checked(self, self.ctx, edits=edits, case_id=self.case_id,
                                today=self.today)
