"""One demo file as the generator plans it, before and while its rows are written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from caseworker.demo.context import Program
from caseworker.demo.people import Adult


@dataclass
class Child:
    """A child on a file and the day support for them ends (the eve of majority)."""

    id: int
    birth: date
    last_day: date


@dataclass
class Charge:
    """A dated amount the payor owes (cents), from a term or a positive adjustment."""

    due: date
    cents: int
    periodic: bool
    term_id: int


@dataclass
class Event:
    """Something that happened on a file, for the running record."""

    on: date
    kind: str
    text: str


@dataclass
class CaseFile:
    """Everything the generator decides about one file."""

    id: int
    program: Program
    status: str
    officer_id: int
    team: str
    supervisor_id: int
    made_on: date
    opened_on: date
    closed_on: date | None = None
    payor: Adult | None = None
    recipient: Adult | None = None
    children: list[Child] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)
    charges: list[Charge] = field(default_factory=list)
    child_terms: list[tuple[int, date, date]] = field(default_factory=list)
    orders: list[tuple[int, date]] = field(default_factory=list)
    frequency: str = "monthly"
    monthly_now: int = 0  # cents of periodic support a month as of today
    events: list[Event] = field(default_factory=list)
    enforcement_from: date | None = None
    arrangement_from: date | None = None
    last_payment: date | None = None
    owed: int = 0  # cents, by the generator's own simple reckoning (no interest)

    def note(self, on: date, kind: str, text: str) -> None:
        self.events.append(Event(on, kind, text))
