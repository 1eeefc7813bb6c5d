"""The running state of one recalculation, declared once for the Engine classes built on it.

Engine is a chain of small classes (State -> Allocation -> Interest -> Engine), one concern
per module. Every attribute is declared here with its type: slots keep `self.x` fast when
the ledger runs as plain Python, and the declarations let mypyc give each one a fixed place
when it is compiled (docs/ledger.md, Speed).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from operator import attrgetter
from typing import Any, Final

from caseworker.ledger.charges import Charge, build_charges
from caseworker.ledger.dates import posting_days
from caseworker.ledger.document import Document, Entry, natural_key
from caseworker.ledger.money import fmt
from caseworker.ledger.policy import Policy, RateTable

BIG: Final = 1 << 62   # a day never reached
_DATE = attrgetter("date")


def order_entries(entries: list[Entry]) -> list[Entry]:
    """Entries by date; on one date by natural id order, so input order never matters."""
    n = len(entries)
    # Usually the payments come in date order and a few adjustments after them: those few
    # are put in place one by one (a sort by key reads each entry's date through a call).
    dates = [e.date for e in entries]
    ordered = 1
    while ordered < n and dates[ordered - 1] <= dates[ordered]:
        ordered += 1
    if n - ordered > 32:
        entries.sort(key=_DATE)
    elif ordered < n:
        tail = entries[ordered:]
        del entries[ordered:], dates[ordered:]
        for entry in tail:   # after any of the same date, as a stable sort would put it
            at = bisect_right(dates, entry.date)
            dates.insert(at, entry.date)
            entries.insert(at, entry)
    i = 0
    while i < n:   # only days with several entries need a second look
        day, j = entries[i].date, i + 1
        while j < n and entries[j].date == day:
            j += 1
        if j > i + 1:
            entries[i:j] = sorted(entries[i:j], key=lambda e: natural_key(e.id))
        i = j
    return entries


class State:
    """What one recalculation knows at the end of the day it has reached."""

    __slots__ = ("acc", "adjusted", "allocs", "amounts", "as_of", "balance", "below_last",
                 "charged", "charges", "collected", "credit", "daily", "debits", "denominator",
                 "doc", "due_list", "due_today", "dues", "end", "entries", "fees",
                 "fees_head", "grace", "grace_at", "head", "holes", "in_grace", "interest",
                 "interest_charged", "interest_head", "last_cum", "lines", "mature",
                 "month_last", "month_lo", "monthly", "owed_due", "policy",
                 "pool", "posts", "rates", "record", "reversed", "skip", "steps", "stop_after",
                 "stopped_on", "threshold", "today")

    doc: Document
    policy: Policy
    as_of: int
    end: int
    charges: list[Charge]
    dues: list[int]
    entries: list[Entry]
    reversed: set[str]
    posts: tuple[list[int], list[int]]   # interest posting days, and what each posts
    steps: tuple[str, ...]
    skip: frozenset[str]
    daily: bool
    monthly: bool
    rates: RateTable
    denominator: int
    grace: int
    due_list: list[Charge]
    head: int
    holes: int
    interest: list[Charge]
    interest_head: int
    fees: list[Charge]
    fees_head: int
    in_grace: list[Charge]       # principal in its grace, by deadline, from grace_at on
    grace_at: int
    mature: int
    acc: int
    last_cum: int
    pool: deque[list[Any]]
    credit: int
    owed_due: int
    balance: int
    charged: int
    collected: int
    adjusted: int
    interest_charged: int
    record: bool
    lines: list[dict[str, str]]
    amounts: dict[int, str]
    allocs: list[tuple[str, Charge, int]]
    debits: list[Charge]
    threshold: int
    below_last: int | None
    stop_after: frozenset[str]
    stopped_on: int | None
    due_today: int
    today: str                  # the ISO text of the day being processed
    month_last: int
    month_lo: int

    def __init__(self, doc: Document, as_of: int, horizon: int, extra: tuple[Entry, ...] = (),
                 threshold: int = 0, stop_after: frozenset[str] = frozenset(),
                 record: bool = True) -> None:
        policy = doc.policy
        self.doc, self.as_of, self.policy = doc, as_of, policy
        self.charges = build_charges(doc, horizon)
        self.dues = [c.due for c in self.charges]
        entries = doc.entries
        if entries and max([e.date for e in entries]) > as_of:   # (usually none is after)
            entries = [e for e in entries if e.date <= as_of]
        self.entries = order_entries([*entries, *extra])
        self.reversed = {p for p, day in doc.reversed_on.items() if day <= as_of}
        self.end = horizon if extra else as_of
        starts = [as_of] + self.dues[:1] + [e.date for e in self.entries[:1]]
        self.posts = posting_days(policy.method, min(starts), as_of, self.end)
        self.steps = policy.allocation
        self.skip = policy.skip_current_sources
        self.daily = policy.method == "daily_simple"
        self.monthly = policy.method == "monthly_simple"
        self.rates = policy.rate_table
        self.denominator = policy.basis * self.rates.scale
        self.grace = policy.grace_days
        self.due_list = []
        self.head = self.holes = 0
        self.interest = []
        self.interest_head = 0
        self.fees = []
        self.fees_head = 0
        self.in_grace = []
        self.grace_at = 0
        self.mature = 0          # unpaid principal past its grace: the base of interest
        # Interest accrued and not yet posted is acc + mature * last_cum, over denominator:
        # acc takes up every change of mature, so a day that changes nothing costs nothing.
        self.acc = 0
        self.last_cum = 0
        self.pool = deque()      # [source id, cents] of credit on hand, oldest first
        self.credit = 0
        self.owed_due = 0        # unpaid of everything due so far
        self.balance = 0
        self.charged = self.collected = self.adjusted = self.interest_charged = 0
        # Statement lines, built JSON-ready as they happen (a projection needs none).
        self.record = record
        self.lines = []
        self.amounts = {0: "0.00"}
        self.allocs = []
        self.debits = []
        self.threshold = threshold
        self.below_last = None
        self.stop_after = stop_after
        self.stopped_on = None
        self.due_today = 0
        self.today = ""
        self.month_last = self.month_lo = 0

    def amount_text(self, cents: int) -> str:
        """The amount string of `cents`, remembered (line amounts repeat)."""
        text = self.amounts[cents] = fmt(cents)
        return text

    def line(self, kind: str, ref: str, desc: str, debit: int, credit: int) -> None:
        """Record a statement line with the balance after it."""
        if self.record:
            amounts = self.amounts
            self.lines.append({"date": self.today, "kind": kind, "ref": ref,
                               "description": desc,
                               "debit": amounts.get(debit) or self.amount_text(debit),
                               "credit": amounts.get(credit) or self.amount_text(credit),
                               "balance": fmt(self.balance)})
