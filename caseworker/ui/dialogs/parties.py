"""The people blocks of the intake form: a payor or recipient, and the list of children."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.intake import PartyInput
from caseworker.ui.dialogs.form import DateText, Form, OptionalDate, error_label, required_caption
from caseworker.ui.dialogs.terms import ChildChoice

ADDRESS = (("line1", "Address"), ("line2", "Line 2"), ("city", "City"),
           ("region", "Province/state"), ("postal_code", "Postal/ZIP code"),
           ("country", "Country (2 letters)"))


class PartyBox(QGroupBox):
    """A payor's or recipient's name, birth date, address, contacts (and employer)."""

    def __init__(self, form: Form, role: str, *, address_required: bool = False,
                 employer: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.role = role
        self.edits: dict[str, QLineEdit] = {}
        self.birth = OptionalDate("Known:", self)
        self.birth.setObjectName(f"{role}.birth_date")
        layout = QFormLayout(self)

        def line(name: str, caption: str, required: bool = False) -> None:
            edit = QLineEdit(self)
            edit.setObjectName(f"{role}.{name}")
            if name == "country":
                edit.setMaxLength(2)
                edit.setMaximumWidth(60)
            self.edits[name] = edit
            layout.addRow(caption + ":", form.beside(f"{role}.{name}", edit, required=required))

        line("given_name", "Given name", True)
        line("family_name", "Family name", True)
        layout.addRow("Birth date:", form.beside(f"{role}.birth_date", self.birth))
        for name, caption in ADDRESS:
            line(name, caption, address_required and name != "line2")
        line("phone", "Phone")
        line("email", "Email")
        if employer:
            line("employer", "Employer")
        self.set_word(role)

    def tab_chain(self) -> list[QWidget]:
        """Fields in reading order: names, birth date, address, contacts."""
        edits = list(self.edits.values())
        return edits[:2] + [self.birth.check, self.birth.edit] + edits[2:]

    def set_word(self, word: str) -> None:
        """The program's own word for the party ("debtor", "person paying support")."""
        self.setTitle(word[:1].upper() + word[1:])

    def value(self) -> PartyInput:
        text = {name: edit.text() for name, edit in self.edits.items()}
        return PartyInput(birth_date=self.birth.text() or None, **text)


class ChildrenBox(QGroupBox):
    """Children of the file, each with a birth date; rows come and go with Add and Remove."""

    changed = Signal()
    rows_changed = Signal()  # a row came or went: the dialog sets its tab order again

    def __init__(self, form: Form, parent: QWidget | None = None):
        super().__init__("Children", parent)
        self.form = form
        self.rows: list[dict[str, QWidget]] = []
        # Each child keeps its key while rows above it come and go: a term names the
        # child, never a position on the form (positions are only worked out on saving).
        self.keys: dict[int, int] = {}
        self._next_key = 0
        self.grid = QGridLayout()
        for column, caption in enumerate(("Given name", "Family name", "Birth date")):
            self.grid.addWidget(QLabel(required_caption(caption), self), 0, column)
        self.add_button = QPushButton("Add &child", self)
        self.add_button.setObjectName("add_child")
        self.add_button.clicked.connect(self.add_row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def add_row(self) -> dict[str, QWidget]:
        row: dict[str, QWidget] = {
            "given_name": QLineEdit(self), "family_name": QLineEdit(self),
            "birth_date": DateText(self), "remove": QPushButton("Remove", self)}
        row["birth_date"].setPlaceholderText("yyyy-mm-dd")
        for name in ("given_name", "family_name", "birth_date"):
            row[f"{name}.error"] = error_label(self)
            row[f"{name}.error"].setWordWrap(False)
            row[f"{name}.error"].setMinimumWidth(0)
        self.keys[id(row)] = self._next_key
        self._next_key += 1
        row["remove"].clicked.connect(lambda: self.remove_row(row))
        row["given_name"].textChanged.connect(self.changed)
        row["birth_date"].changed.connect(self.changed)
        self.rows.append(row)
        self._lay_out()
        row["given_name"].setFocus()
        return row

    def remove_row(self, row: dict[str, QWidget]) -> None:
        self.rows.remove(row)
        self.keys.pop(id(row), None)
        for widget in row.values():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._lay_out()

    def _lay_out(self) -> None:
        # Two grid lines per child (fields, then their messages); names follow the positions.
        self.form.remove("children[")
        for index, row in enumerate(self.rows):
            for column, name in enumerate(("given_name", "family_name", "birth_date")):
                self.grid.addWidget(row[name], 1 + 2 * index, column)
                self.grid.addWidget(row[f"{name}.error"], 2 + 2 * index, column)
                self.form.add(f"children[{index}].{name}", row[name], required=True,
                              label=row[f"{name}.error"])
                row[name].show()
            self.grid.addWidget(row["remove"], 1 + 2 * index, 3)
            row["remove"].show()
        self.form.touched("children")
        self.changed.emit()
        self.rows_changed.emit()

    def choices(self) -> list[ChildChoice]:
        """The children as a term can name them, in the form's order, each by its own key."""
        found = []
        for index, row in enumerate(self.rows):
            name = f"{row['given_name'].text().strip()} {row['family_name'].text().strip()}"
            found.append(ChildChoice(self.keys[id(row)], name.strip() or f"Child {index + 1}",
                                     row["birth_date"].value()))
        return found

    def value(self) -> list[PartyInput]:
        return [PartyInput(given_name=row["given_name"].text(),
                           family_name=row["family_name"].text(),
                           birth_date=row["birth_date"].text() or None) for row in self.rows]
