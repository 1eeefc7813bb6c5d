"""The Parties tab: the people on the file, and for the one selected what locates them."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.files import FileDetail, Party
from caseworker.ui.tabs.party_models import (
    AddressesModel,
    AssetsModel,
    BanksModel,
    IncomesModel,
    PartiesModel,
)
from caseworker.ui.widgets.badges import protected_badge
from caseworker.ui.widgets.format import day, label
from caseworker.ui.widgets.table import RowsModel, source_row, table_view


def _section(title: str, parent: QWidget) -> QLabel:
    heading = QLabel(f"<b>{title}</b>", parent)
    heading.setContentsMargins(0, 8, 0, 0)
    return heading



def _id_kind(kind: str) -> str:
    """SIN, SSN and the like are written in capitals; longer kinds as words."""
    return kind.upper() if len(kind) <= 4 else label(kind)


class PartyDetail(QWidget):
    """Everything known about one person: contacts, addresses, income, accounts, assets."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QHBoxLayout()
        self.name = QLabel(self)
        self.name.setObjectName("party_name")
        self.name.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.protected = protected_badge(self)
        title.addWidget(self.name)
        title.addWidget(self.protected)
        title.addStretch(1)
        layout.addLayout(title)
        facts = QFormLayout()
        self.facts: dict[str, QLabel] = {}
        for key, caption in (("role", "Role"), ("born", "Born"), ("phones", "Telephone"),
                             ("email", "Email"), ("aliases", "Also known as"),
                             ("identifiers", "Identifiers")):
            value = QLabel(self)
            value.setObjectName(f"party_{key}")
            value.setWordWrap(True)  # a long telephone or identifier line must not widen the pane
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            facts.addRow(caption, value)
        layout.addLayout(facts)
        self.addresses = AddressesModel(self)
        self.incomes = IncomesModel(self)
        self.banks = BanksModel(self)
        self.assets = AssetsModel(self)
        for title_text, model in (("Addresses", self.addresses), ("Employers and income",
                                  self.incomes), ("Bank accounts", self.banks),
                                  ("Assets", self.assets)):
            layout.addWidget(_section(title_text, self))
            layout.addWidget(self._small_table(model))
        layout.addStretch(1)
        self.set_party(None)

    def _small_table(self, model: RowsModel) -> QTableView:
        view = table_view(model, self)
        view.setObjectName(f"{type(model).__name__}_view")
        # Short tables sized to a few rows: the detail pane scrolls, not each table.
        view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 3 + 28)
        view.setMaximumHeight(view.verticalHeader().defaultSectionSize() * 5 + 28)
        return view

    def set_party(self, party: Party | None) -> None:
        self.name.setText(party.name if party else "")
        self.protected.setVisible(bool(party and party.protected and party.addresses))
        facts = {
            "role": label(party.role), "born": day(party.birth_date),
            "phones": ", ".join(f"{number} ({kind})" for kind, number in party.phones),
            "email": party.email or "",
            "aliases": ", ".join(party.aliases),
            "identifiers": ", ".join(f"{_id_kind(kind)} {masked}"
                                     for kind, masked in party.identifiers),
        } if party else {}
        for key, widget in self.facts.items():
            widget.setText(facts.get(key) or ("" if party is None else "none"))
        self.addresses.set_rows(party.addresses if party else ())
        self.incomes.set_rows(party.incomes if party else ())
        self.banks.set_rows(party.bank_accounts if party else ())
        self.assets.set_rows(party.assets if party else ())


class PartiesTab(QWidget):
    """A list of the people on the file beside the detail of the one selected."""

    edit_requested = Signal(int)  # person id: the window opens the party's edit form

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = PartiesModel(self)
        self.view = table_view(self.model, self, sortable=False)
        self.view.setObjectName("parties_view")
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setObjectName("edit_party")
        self.edit_button.setToolTip("Change the selected person's name, birth date, email, "
                                    "current address and telephone")
        self.edit_button.setEnabled(False)
        self.edit_button.hide()  # until the window says the user may edit (set_editable)
        self.editable = False
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)
        self.detail = PartyDetail(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        splitter = QSplitter(self)
        splitter.addWidget(side)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 620])
        QVBoxLayout(self).addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.edit_button.clicked.connect(self._edit)
        self.view.doubleClicked.connect(lambda _index: self._edit())

    def set_editable(self, editable: bool) -> None:
        """Whether the user may edit parties (their role's right); the window decides."""
        self.editable = editable
        self.edit_button.setVisible(editable)
        self._update_edit()

    def selected_person_id(self) -> int | None:
        """The person selected in the list, if any (what "Edit Party" edits)."""
        return self._shown_id()

    def _update_edit(self) -> None:
        self.edit_button.setEnabled(self.editable and self._shown_id() is not None)

    def _edit(self) -> None:
        person_id = self._shown_id()
        if self.editable and person_id is not None:
            self.edit_requested.emit(person_id)

    def set_file(self, detail: FileDetail | None) -> None:
        """Show a file's people; a reload of the same file keeps the person selected."""
        shown = self._shown_id()
        parties = detail.parties if detail else ()
        self.model.set_rows(parties)
        ids = [p.person_id for p in parties]
        if ids:
            self.view.selectRow(ids.index(shown) if shown in ids else 0)
        else:
            self.detail.set_party(None)
        self._update_edit()

    def _shown_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).person_id if rows else None

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.detail.set_party(self.model.row_at(source_row(self.view, indexes[0])))
        self._update_edit()
