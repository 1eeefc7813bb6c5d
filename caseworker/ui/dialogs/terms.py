"""The terms editor: one row per term of an order, every kind the ledger knows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.orders import FREQUENCIES, KINDS, TermInput, majority_end
from caseworker.ui.dialogs.form import (
    Form,
    OptionalDate,
    date_edit,
    error_label,
    iso,
    money_edit,
    required_caption,
)
from caseworker.ui.widgets.format import frequency, label

KIND_LABELS = {"periodic": "Periodic support", "lump_sum": "Lump sum",
               "fixed_arrears": "Fixed arrears", "special_expense": "Special expense",
               "fee": "Fee"}
# Suggestions only: the ledger treats the category as free text (LEDGER.md §2).
CATEGORIES = ("child", "spousal", "costs", "section7", "default_fee")
MONTH_DAY = ("monthly", "quarterly", "annually")


@dataclass(frozen=True)
class ChildChoice:
    """A child a term can name: its key (person id, or at intake the child row's own key,
    which stays with the child when rows above it are removed), name and birth date."""

    key: int
    name: str
    birth_date: date | None


@dataclass(frozen=True)
class OldTerm:
    """An existing term of the file that a variation may supersede."""

    id: int
    text: str


def _cell(caption: str, editor: QWidget, error: QLabel, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    caption_label = QLabel(caption, box)
    caption_label.setBuddy(editor)
    column.addWidget(caption_label)
    editor.setParent(box)
    column.addWidget(editor)
    column.addWidget(error)
    column.addStretch(1)
    box.setFocusProxy(editor)
    return box


class TermRow(QFrame):
    """One term: kind, amount, category and child; its schedule or its due date; supersedes."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.age: int | None = None
        self.children: list[ChildChoice] = []
        self.kind = QComboBox(self)
        for code in KINDS:
            self.kind.addItem(KIND_LABELS.get(code, label(code)), code)
        self.amount = money_edit(self)
        self.category = QComboBox(self)
        self.category.setEditable(True)
        self.category.addItems(("",) + CATEGORIES)
        self.child = QComboBox(self)
        self.child.setMinimumWidth(150)
        self.frequency = QComboBox(self)
        for code in FREQUENCIES:
            self.frequency.addItem(frequency(code), code)
        # The day follows the start date (the ledger's own default, LEDGER.md §2) until
        # the officer sets it; twice a month starts from the ledger's 1 and 15.
        self.day = QSpinBox(self)
        self.day.setRange(1, 31)
        self.day.setValue(1)
        self.day_set = False
        self._setting_day = False
        self.lost_child: str | None = None  # a child chosen here, then removed from the form
        self.day2 = QSpinBox(self)
        self.day2.setRange(1, 31)
        self.day2.setValue(15)
        days = QWidget(self)
        days_row = QHBoxLayout(days)
        days_row.setContentsMargins(0, 0, 0, 0)
        days_row.addWidget(self.day)
        days_row.addWidget(self.day2)
        self.start = date_edit(self, date(today.year, today.month, 1))
        self.end = OptionalDate("Ends", self)
        self.due = date_edit(self, today)
        self.supersedes = QListWidget(self)
        self.supersedes.setMaximumHeight(64)
        self.supersedes.setToolTip("Tick the old terms this one replaces from its start date")
        self.remove = QPushButton("Remove", self)
        self.errors = {name: error_label(self) for name in (
            "kind", "amount", "category", "child", "frequency", "days", "start", "end", "due",
            "supersedes")}
        for error in self.errors.values():
            error.setWordWrap(False)  # a wrapped label in a grid cell gets clipped
            error.setMinimumWidth(0)
            error.setMaximumWidth(16777215)
        self.errors["day"] = self.errors["days"]
        self.offer_supersedes = False
        e = self.errors
        self.cells = {
            "kind": _cell("&Kind", self.kind, e["kind"], self),
            "amount": _cell(required_caption("&Amount"), self.amount, e["amount"], self),
            "category": _cell("Cate&gory", self.category, e["category"], self),
            "child": _cell("C&hild", self.child, e["child"], self),
            "frequency": _cell("&Frequency", self.frequency, e["frequency"], self),
            "days": _cell("Da&y of month", days, e["days"], self),
            "start": _cell("&Start", self.start, e["start"], self),
            "end": _cell("E&nd", self.end, e["end"], self),
            "due": _cell("&Due", self.due, e["due"], self),
            "supersedes": _cell("Su&persedes", self.supersedes, e["supersedes"], self),
        }
        grid = QGridLayout(self)
        for column, name in enumerate(("kind", "amount", "category", "child")):
            grid.addWidget(self.cells[name], 0, column)
        grid.addWidget(self.remove, 0, 4, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        for column, name in enumerate(("frequency", "days", "start", "end")):
            grid.addWidget(self.cells[name], 1, column)
        grid.addWidget(self.cells["due"], 1, 0)
        grid.addWidget(self.cells["supersedes"], 2, 0, 1, 4)
        grid.setColumnStretch(4, 1)
        self.kind.currentIndexChanged.connect(self._arrange)
        self.frequency.currentIndexChanged.connect(self._arrange)
        self.child.activated.connect(lambda _i: self.offer_end())
        self.child.currentIndexChanged.connect(self._child_chosen)
        self.day.valueChanged.connect(self._day_changed)
        self.start.dateChanged.connect(lambda _d: self._follow_start())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        for signal in (self.kind.currentIndexChanged, self.amount.textChanged,
                       self.category.editTextChanged, self.child.currentIndexChanged,
                       self.frequency.currentIndexChanged, self.day.valueChanged,
                       self.day2.valueChanged, self.start.dateChanged, self.end.changed,
                       self.due.dateChanged, self.supersedes.itemChanged):
            signal.connect(self.changed)
        self.set_children([])
        self.set_old_terms([], visible=False)
        self._arrange()

    # -- what the row offers -------------------------------------------------------------
    def set_children(self, children: list[ChildChoice]) -> None:
        """Offer these children; the one chosen stays chosen while it is still offered.

        When the chosen child is gone, the box is left empty with a message naming the
        child, and the term cannot be saved until the officer chooses again: it never
        passes silently to another child or to none."""
        chosen = self.child.currentData()
        names = {c.key: c.name for c in self.children}
        self.children = list(children)
        self.child.blockSignals(True)
        self.child.clear()
        self.child.addItem("—", None)
        for child in children:
            self.child.addItem(child.name or "(child without a name)", child.key)
        index = self.child.findData(chosen) if chosen is not None else 0
        if chosen is not None and index < 0:
            self.lost_child = names.get(chosen) or "The child"
        self.child.setCurrentIndex(-1 if self.lost_child else max(index, 0))
        self.child.blockSignals(False)
        if self.lost_child:
            self.errors["child"].setText(f"{self.lost_child} was removed: choose again")
            self.errors["child"].show()

    def set_old_terms(self, terms: list[OldTerm], *, visible: bool) -> None:
        ticked = set(self.superseded())
        self.supersedes.clear()
        for term in terms:
            item = QListWidgetItem(term.text, self.supersedes)
            item.setData(Qt.ItemDataRole.UserRole, term.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if term.id in ticked
                               else Qt.CheckState.Unchecked)
        self.offer_supersedes = visible and bool(terms)
        self._arrange()

    def superseded(self) -> list[int]:
        return [self.supersedes.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.supersedes.count())
                if self.supersedes.item(i).checkState() == Qt.CheckState.Checked]

    def offer_end(self) -> None:
        """Child support ends at the age of majority: fill that in; the officer may change it."""
        key = self.child.currentData()
        child = next((c for c in self.children if c.key == key), None)
        if (self.kind.currentData() != "periodic" or child is None or child.birth_date is None
                or self.age is None):
            return
        if not self.category.currentText().strip():
            self.category.setCurrentText("child")
        self.end.set_value(majority_end(child.birth_date, self.age))

    def _child_chosen(self, index: int) -> None:
        if index >= 0:
            self.lost_child = None

    def _day_changed(self) -> None:
        if not self._setting_day:
            self.day_set = True  # the officer's day: the start date no longer moves it

    def _follow_start(self) -> None:
        """Until the officer sets the day: the day of the start date (monthly, quarterly,
        annually), or the 1st for twice a month, as the ledger would take it."""
        if self.day_set:
            return
        frequency = self.frequency.currentData()
        self._setting_day = True
        self.day.setValue(self.start.date().day() if frequency in MONTH_DAY else 1)
        self._setting_day = False

    def _arrange(self) -> None:
        periodic = self.kind.currentData() == "periodic"
        frequency = self.frequency.currentData()
        self._follow_start()
        for name in ("frequency", "days", "start", "end"):
            self.cells[name].setVisible(periodic)
        self.cells["due"].setVisible(not periodic)
        self.cells["days"].setVisible(periodic and frequency in MONTH_DAY + ("semi_monthly",))
        self.day2.setVisible(frequency == "semi_monthly")
        # Only a periodic term with a start date can cut an old one (the service says so too).
        self.cells["supersedes"].setVisible(periodic and self.offer_supersedes)

    def tab_chain(self) -> list[QWidget]:
        """The row's fields in the order they are laid out."""
        return [self.kind, self.amount, self.category, self.child, self.frequency, self.day,
                self.day2, self.start, self.end, self.due, self.supersedes, self.remove]

    # -- reading and checking ------------------------------------------------------------
    def register(self, form: Form, index: int) -> None:
        prefix = f"terms[{index}]"
        editors = {"kind": self.kind, "amount": self.amount, "category": self.category,
                   "child": self.child, "frequency": self.frequency, "days": self.day,
                   "day": self.day, "start": self.start, "end": self.end, "due": self.due,
                   "supersedes": self.supersedes}
        for name, editor in editors.items():
            required = (name == "amount" or (
                (lambda: self.lost_child is None) if name == "child" else False))
            form.add(f"{prefix}.{name}", editor, required=required, label=self.errors[name])

    def value(self, child_key: str) -> TermInput:
        periodic = self.kind.currentData() == "periodic"
        frequency = self.frequency.currentData() if periodic else None
        term = TermInput(kind=self.kind.currentData(), amount=self.amount.text(),
                         category=self.category.currentText().strip() or None,
                         supersedes=self.superseded() if periodic else [])
        if periodic:
            term.frequency = frequency
            term.start = iso(self.start)
            term.end = self.end.text() or None
            if frequency == "semi_monthly":
                term.days = [self.day.value(), self.day2.value()]
            elif frequency in MONTH_DAY and self.day.value():
                term.day = self.day.value()
        else:
            term.due = iso(self.due)
        setattr(term, child_key, self.child.currentData())
        return term


class TermsEditor(QWidget):
    """Rows of terms with Add and Remove; gives the services their TermInput list."""

    changed = Signal()
    rows_changed = Signal()  # a row came or went: the dialog sets its tab order again

    def __init__(self, form: Form, *, child_key: str = "child_id", today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.child_key = child_key  # "child_id" on a file, "child_index" at intake
        self.today = today or date.today()
        self.rows: list[TermRow] = []
        self.children: list[ChildChoice] = []
        self.old_terms: list[OldTerm] = []
        self.show_supersedes = False
        self.age: int | None = None
        self.add_button = QPushButton("Add &term", self)
        self.add_button.setObjectName("add_term")
        self.message = error_label(self)
        self.message.setMaximumWidth(16777215)
        self.list = QVBoxLayout()
        self.list.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.message)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.list)
        layout.addLayout(buttons)
        form.add("terms", self.add_button, required=lambda: bool(self.rows),
                 label=self.message)
        self.add_button.clicked.connect(self.add_row)

    def add_row(self) -> TermRow:
        row = TermRow(self.today, self)
        row.set_children(self.children)
        row.set_old_terms(self.old_terms, visible=self.show_supersedes)
        row.age = self.age
        row.remove_requested.connect(self.remove_row)
        row.changed.connect(self.changed)
        self.rows.append(row)
        self.list.addWidget(row)
        row.show()  # at once, not on the next event loop turn: the user types into it now
        self._renumber()
        row.amount.setFocus()
        return row

    def remove_row(self, row: TermRow) -> None:
        self.rows.remove(row)
        self.list.removeWidget(row)
        row.deleteLater()
        self._renumber()

    def _renumber(self) -> None:
        # The services name terms by position, so the names follow the rows as they move.
        self.form.remove("terms[")
        for index, row in enumerate(self.rows):
            row.register(self.form, index)
        self.form.touched("terms")
        self.changed.emit()
        self.rows_changed.emit()

    def tab_chain(self) -> list[QWidget]:
        """Every row's fields, row by row, then Add term."""
        return [w for row in self.rows for w in row.tab_chain()] + [self.add_button]

    def set_children(self, children: list[ChildChoice]) -> None:
        before = {c.key: c.birth_date for c in self.children}
        self.children = list(children)
        for row in self.rows:
            row.set_children(self.children)
            key = row.child.currentData()
            if key is not None and before.get(key) != next(
                    (c.birth_date for c in children if c.key == key), None):
                row.offer_end()  # the child's birth date changed: so does the end

    def set_majority_age(self, age: int | None) -> None:
        self.age = age
        for row in self.rows:
            row.age = age
            row.offer_end()

    def set_old_terms(self, terms: list[OldTerm], *, visible: bool) -> None:
        self.old_terms, self.show_supersedes = list(terms), visible
        for row in self.rows:
            row.set_old_terms(self.old_terms, visible=visible)

    def terms(self) -> list[TermInput]:
        found = [row.value(self.child_key) for row in self.rows]
        if self.child_key == "child_index":  # at intake: the child's place on the form now
            place = {child.key: index for index, child in enumerate(self.children)}
            for term in found:
                if term.child_index is not None:
                    term.child_index = place.get(term.child_index, -1)
        return found
