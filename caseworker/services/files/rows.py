"""The plain frozen rows a file's detail tabs show: no ORM object ever reaches the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class TaskRow:
    """A bring-forward on the file."""

    id: int
    due: date
    kind: str
    description: str
    assigned_to: str | None
    done_on: date | None


@dataclass(frozen=True)
class ActionRow:
    """An enforcement action taken on the file."""

    id: int
    kind: str
    status: str
    started: date
    ended: date | None
    note: str | None


@dataclass(frozen=True)
class StayRow:
    """A stay of enforcement; `active` is as of the day the file was read."""

    id: int
    scope: str
    reason: str
    start: date
    end: date | None
    active: bool


@dataclass(frozen=True)
class Summary:
    """The file at a glance: who, what is owed, and what happens next."""

    case_id: int
    file_no: str
    status: str
    officer: str | None
    team: str | None
    policy: str
    flags: tuple[str, ...]
    opened_on: date
    closed_on: date | None
    payors: tuple[str, ...]
    recipients: tuple[str, ...]
    children: tuple[str, ...]
    balance_as_of: date | None
    monthly_support: Decimal | None
    total_owing: Decimal | None
    arrears: Decimal | None
    last_payment_on: date | None
    next_task: TaskRow | None
    active_stays: tuple[StayRow, ...]
    active_actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class AddressRow:
    """One address of a person over time; `protected` marks a family-violence address."""

    kind: str
    lines: tuple[str, ...]
    country: str
    valid_from: date
    valid_to: date | None
    current: bool
    protected: bool


@dataclass(frozen=True)
class IncomeRow:
    """An employer or other income source of a person."""

    kind: str
    employer: str | None
    employer_phone: str | None
    monthly_gross: Decimal | None
    start: date | None
    end: date | None


@dataclass(frozen=True)
class BankRow:
    """A bank account of a person, its number masked."""

    institution: str
    account_masked: str
    found_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class AssetRow:
    """Property of a person."""

    kind: str
    description: str
    estimated_value: Decimal | None


@dataclass(frozen=True)
class Party:
    """A person on the file in one role, with what locates them; identifiers masked."""

    person_id: int
    role: str
    name: str
    birth_date: date | None
    protected: bool
    email: str | None
    addresses: tuple[AddressRow, ...]
    phones: tuple[tuple[str, str], ...]           # (kind, number)
    incomes: tuple[IncomeRow, ...]
    bank_accounts: tuple[BankRow, ...]
    assets: tuple[AssetRow, ...]
    aliases: tuple[str, ...]
    identifiers: tuple[tuple[str, str], ...]      # (kind, masked value), never the whole number


@dataclass(frozen=True)
class TermRow:
    """One term of an order, with the terms it supersedes and what superseded it."""

    id: int
    order_id: int
    kind: str
    category: str | None
    amount: Decimal
    frequency: str | None
    start: date | None
    end: date | None
    due: date | None
    child: str | None
    supersedes: tuple[int, ...]
    superseded_by: tuple[int, ...]


@dataclass(frozen=True)
class OrderRow:
    """A court order or variation with its terms."""

    id: int
    court: str
    court_file: str | None
    made_on: date
    varies_id: int | None
    varies_made_on: date | None
    terms: tuple[TermRow, ...]


@dataclass(frozen=True)
class PaymentRow:
    """A payment or a reversal, with its link and approval state."""

    id: int
    seq: int
    received: date
    amount: Decimal
    source: str
    reference: str | None
    reverses_id: int | None
    reversed_by_id: int | None   # the reversal that counts (never a refused or pending one)
    reason: str | None
    approval: str | None       # None, "pending", "approved" or "refused"
    pending_reversal_id: int | None = None  # a reversal of it waiting for a supervisor


@dataclass(frozen=True)
class AdjustmentRow:
    """An adjustment of the account with its reason and approval state."""

    id: int
    seq: int
    date: date
    amount: Decimal
    reason: str
    approval: str | None


@dataclass(frozen=True)
class StatementLine:
    """One line of the ledger statement."""

    date: date
    kind: str
    ref: str
    description: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


@dataclass(frozen=True)
class ArrangementPeriod:
    """One period of a payment arrangement: what was expected, received and missing."""

    arrangement: str            # the ledger id, PA<database id>
    start: date
    end: date
    expected: Decimal
    received: Decimal
    shortfall: Decimal
    in_default: bool


@dataclass(frozen=True)
class Statement:
    """The ledger's statement of the file as of a day (totals, breakdowns and lines).

    `result` is the ledger's own dict, kept for explaining lines (its allocations) and
    for saving it exactly as computed.
    """

    as_of: date
    totals: tuple[tuple[str, Decimal], ...]
    arrears: Decimal
    lines: tuple[StatementLine, ...]
    by_payee: tuple[tuple[str, Decimal], ...] = ()
    aging: tuple[tuple[str, Decimal], ...] = ()
    delinquent_since: date | None = None
    arrangement: tuple[ArrangementPeriod, ...] = ()
    result: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Account:
    """Payments, adjustments and, when the ledger could compute it, the statement."""

    payments: tuple[PaymentRow, ...]
    adjustments: tuple[AdjustmentRow, ...]
    statement: Statement | None
    statement_error: str | None


@dataclass(frozen=True)
class NoticeRow:
    """A notice issued from the file, identified by the hash of the PDF as sent."""

    id: int
    issued_at: datetime
    kind: str
    addressee_role: str
    addressee_name: str
    as_of: date
    issued_by: str | None
    sha256: str


@dataclass(frozen=True)
class FileDetail:
    """Everything the detail tabs show for one file, read in one transaction."""

    summary: Summary
    parties: tuple[Party, ...]
    orders: tuple[OrderRow, ...]
    account: Account
    actions: tuple[ActionRow, ...]
    stays: tuple[StayRow, ...]
    tasks: tuple[TaskRow, ...]
    notices: tuple[NoticeRow, ...]
