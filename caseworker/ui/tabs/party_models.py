"""Table models of the Parties tab: the people on a file, and what locates each one."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush

from caseworker.services.files import AddressRow, AssetRow, BankRow, IncomeRow, Party
from caseworker.ui.widgets.format import day, label, money
from caseworker.ui.widgets.table import MUTED, WARNING, RowsModel


class PartiesModel(RowsModel[Party]):
    """Who is on the file: role, name, birth date."""

    COL_ROLE, COL_NAME, COL_BORN = range(3)
    HEADERS = ("Role", "Name", "Born")
    STRETCH = COL_NAME

    def display(self, row: Party, column: int) -> str:
        if column == self.COL_ROLE:
            return label(row.role)
        if column == self.COL_NAME:
            return row.name
        return day(row.birth_date)

    def raw(self, row: Party, column: int) -> Any:
        return row.birth_date if column == self.COL_BORN else self.display(row, column)

    def foreground(self, row: Party, column: int) -> QBrush | None:
        return WARNING if row.protected and column == self.COL_NAME else None

    def tooltip(self, row: Party, column: int) -> str | None:
        return "Protected by a family-violence flag" if row.protected else None


class AddressesModel(RowsModel[AddressRow]):
    """A person's addresses over time, the current one first."""

    COL_FROM, COL_TO, COL_KIND, COL_ADDRESS = range(4)
    HEADERS = ("From", "To", "Kind", "Address")
    EMPTY = "No address on record."

    def display(self, row: AddressRow, column: int) -> str:
        if column == self.COL_FROM:
            return day(row.valid_from)
        if column == self.COL_TO:
            return "current" if row.current else day(row.valid_to)
        if column == self.COL_KIND:
            return label(row.kind)
        text = ", ".join(row.lines) + f", {row.country}"
        return f"PROTECTED: {text}" if row.protected else text

    def raw(self, row: AddressRow, column: int) -> Any:
        if column == self.COL_FROM:
            return row.valid_from
        if column == self.COL_TO:
            return row.valid_to
        return self.display(row, column)

    def foreground(self, row: AddressRow, column: int) -> QBrush | None:
        if row.protected:
            return WARNING
        return None if row.current else MUTED

    def tooltip(self, row: AddressRow, column: int) -> str | None:
        if row.protected:
            return "Protected address: never disclose it to the other party"
        return "\n".join(row.lines)


class IncomesModel(RowsModel[IncomeRow]):
    """A person's employers and other income sources."""

    COL_KIND, COL_EMPLOYER, COL_MONTHLY, COL_START, COL_END = range(5)
    HEADERS = ("Kind", "Employer or payer", "Monthly gross", "From", "To")
    EMPTY = "No employer or income on record."
    STRETCH = COL_EMPLOYER
    RIGHT_ALIGNED = frozenset({COL_MONTHLY})

    def display(self, row: IncomeRow, column: int) -> str:
        return (label(row.kind), row.employer or "", money(row.monthly_gross), day(row.start),
                day(row.end))[column]

    def raw(self, row: IncomeRow, column: int) -> Any:
        return (label(row.kind), row.employer or "", row.monthly_gross, row.start,
                row.end)[column]

    def tooltip(self, row: IncomeRow, column: int) -> str | None:
        return f"Telephone {row.employer_phone}" if row.employer_phone else None


class BanksModel(RowsModel[BankRow]):
    """A person's bank accounts, numbers masked."""

    COL_INSTITUTION, COL_ACCOUNT, COL_FOUND, COL_CLOSED = range(4)
    HEADERS = ("Institution", "Account", "Found", "Closed")
    EMPTY = "No bank account on record."
    STRETCH = COL_INSTITUTION

    def display(self, row: BankRow, column: int) -> str:
        return (row.institution, row.account_masked, day(row.found_on),
                day(row.closed_on))[column]

    def raw(self, row: BankRow, column: int) -> Any:
        return (row.institution, row.account_masked, row.found_on, row.closed_on)[column]


class AssetsModel(RowsModel[AssetRow]):
    """A person's property."""

    COL_KIND, COL_DESCRIPTION, COL_VALUE = range(3)
    HEADERS = ("Kind", "Description", "Estimated value")
    EMPTY = "No asset on record."
    STRETCH = COL_DESCRIPTION
    RIGHT_ALIGNED = frozenset({COL_VALUE})

    def display(self, row: AssetRow, column: int) -> str:
        return (label(row.kind), row.description, money(row.estimated_value))[column]

    def raw(self, row: AssetRow, column: int) -> Any:
        return (label(row.kind), row.description, row.estimated_value)[column]
