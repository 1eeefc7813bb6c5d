"""The recalculation: charges fall due, interest accrues and posts, payments are allocated."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, deque
from operator import itemgetter

from caseworker.ledger.allocation import AllocationMixin
from caseworker.ledger.charges import (
    DEBIT,
    DONE,
    FEE,
    IN_GRACE,
    PERIODIC,
    Charge,
    build_charges,
)
from caseworker.ledger.dates import iso, month_bounds
from caseworker.ledger.document import Document, Entry, natural_key
from caseworker.ledger.interest import DAILY_POST, MONTHLY_POST, InterestMixin, posting_days
from caseworker.ledger.money import _TWO, fmt

_BIG = 1 << 62
# Entry fields by position: a NamedTuple's named fields are slow to read in bulk.
_DATE = itemgetter(1)
_DATE_ID = itemgetter(1, 0)
_FIRST = itemgetter(0)
_CHARGE_LINE = {"date": "", "kind": "charge", "ref": "", "description": "", "debit": "",
                "credit": "0.00", "balance": ""}
_PAYMENT_LINE = {"date": "", "kind": "payment", "ref": "", "description": "", "debit": "0.00",
                 "credit": "", "balance": ""}


def order_entries(entries: list[Entry]) -> list[Entry]:
    """Entries by date; on one date by natural id order, so input order never matters."""
    entries.sort(key=_DATE_ID)
    dates = list(map(_DATE, entries))
    if len(set(dates)) < len(dates):   # only days with several entries need a second look
        for day, count in Counter(dates).items():
            if count > 1:
                i = bisect_left(dates, day)
                entries[i:i + count] = sorted(entries[i:i + count],
                                              key=lambda e: natural_key(e.id))
    return entries


class Engine(InterestMixin, AllocationMixin):
    """One recalculation of an account from its terms up to a last day."""

    # Slots, not a dict: the day loop reads and writes these tens of thousands of times, and
    # an instance with this many attributes outgrows the fast shared-key dict.
    __slots__ = ("acc", "adjusted", "allocs", "amounts", "as_of", "balance", "below_last",
                 "charged", "charges", "collected", "credit", "daily", "debits", "denominator",
                 "descs", "doc", "due_list", "due_today", "dues", "end", "entries", "fees",
                 "fees_head", "grace", "head", "holes", "in_grace", "interest",
                 "interest_charged", "interest_head", "isos", "last_cum", "lines", "mature",
                 "month_first", "month_last", "month_lo", "monthly", "owed_due", "policy",
                 "pool", "posts", "rates", "record", "reversed", "skip", "steps", "stop_after",
                 "stopped_on", "threshold")

    def __init__(self, doc: Document, as_of: int, horizon: int, extra: tuple[Entry, ...] = (),
                 threshold: int = 0, stop_after: frozenset[str] = frozenset(),
                 record: bool = True) -> None:
        policy = doc.policy
        self.doc, self.as_of, self.policy = doc, as_of, policy
        self.charges = build_charges(doc, horizon)
        self.dues = [c.due for c in self.charges]
        entries = doc.entries
        if entries and max(map(_DATE, entries)) > as_of:   # (usually none is after as_of)
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
        # Running state
        self.due_list: list[Charge] = []
        self.head = self.holes = 0
        self.interest: list[Charge] = []
        self.interest_head = 0
        self.fees: list[Charge] = []
        self.fees_head = 0
        self.in_grace: deque[Charge] = deque()
        self.mature = 0          # unpaid principal past its grace: the base of interest
        # Interest accrued and not yet posted is acc + mature * last_cum, over denominator:
        # acc takes up every change of mature, so a day that changes nothing costs nothing.
        self.acc = 0
        self.last_cum = 0
        self.pool: deque[list] = deque()
        self.credit = 0
        self.owed_due = 0        # unpaid of everything due so far
        self.balance = 0
        self.charged = self.collected = self.adjusted = self.interest_charged = 0
        # Statement lines, built JSON-ready as they happen (a projection needs none).
        self.record = record
        self.lines: list[dict] = []
        self.amounts: dict[int, str] = {0: "0.00"}
        self.allocs: list[tuple] = []
        self.debits: list[Charge] = []
        self.threshold = threshold
        self.below_last: int | None = None
        self.stop_after = stop_after
        self.stopped_on: int | None = None
        self.due_today = 0
        self.isos: dict[int, str] = {}
        self.month_first = self.month_last = self.month_lo = 0
        self.descs: dict[str, str] = {}

    # -- the day loop ---------------------------------------------------------------
    def run(self) -> Engine:
        """Process every day with an event, in order, up to the last day."""
        # One long loop on purpose: it runs for every event day of decades of history, and
        # the common work (a charge falling due, a payment) is inlined to spare calls.
        charges, entries, posts = self.charges, self.entries, self.posts
        nc = len(charges)
        # The days with something to do, merged once in C rather than compared every day;
        # cd and ed are the next charge and entry days, moved on as they pass.
        days = sorted({*self.dues, *map(_DATE, entries), *map(_FIRST, posts)})
        days = days[:bisect_right(days, self.end)]
        ci = ei = 0
        # Due and entry dates by position, each list ending in a day never reached.
        charge_days = [*self.dues, _BIG]
        entry_days = [*map(_DATE, entries), _BIG]
        cd, ed = charge_days[0], entry_days[0]
        # Next monthly and daily posting days, from lists that end in a day never reached.
        next_monthly = iter([p for p, f in posts if f & MONTHLY_POST] + [_BIG]).__next__
        next_daily = iter([p for p, f in posts if f & DAILY_POST] + [_BIG]).__next__
        md, dd = next_monthly(), next_daily()
        daily, monthly, track = self.daily, self.monthly, self.threshold > 0
        threshold, below_last = self.threshold, None
        in_grace, lines, isos = self.in_grace, self.lines, self.isos
        record, amounts = self.record, self.amounts
        dues, current_first = self.dues, self.steps[0] == "current"
        bears_interest = daily or monthly
        reversed_ids, descs, skip = self.reversed, self.descs, self.skip
        stop_after, stop_day = self.stop_after, -1
        # Arrears at the end of the previous event day (none yet: below any threshold).
        prev_day, prev_owed = -_BIG, 0
        month_last = piece_last = -1
        prefix, before_month = "", 0
        # Lines are copies of a template with the changing fields set: a dict copy is about
        # half the work of a seven-key dict display, and the key order stays the same.
        charge_line, payment_line = _CHARGE_LINE.copy, _PAYMENT_LINE.copy
        for d in days:
            if d > month_last:
                self.month_first, month_last = month_bounds(d)
                prefix = iso(self.month_first)[:8]
                before_month = self.month_first - 1
                self.month_last = month_last
                self.month_lo = bisect_left(self.dues, self.month_first)
            # The day's ISO text, made from its month's prefix: cheaper than a date object.
            isos[d] = text = prefix + _TWO[d - before_month]
            self.due_today = 0
            if daily:
                # The cumulative rate up to the end of day d is linear between rate changes.
                if d > piece_last:
                    base, rate, piece_last = self._rate_piece(d)
                self.last_cum = base + rate * d
            if bears_interest and in_grace and in_grace[0].deadline < d:
                # Most charges were paid within grace: drop those here, mature the rest.
                while in_grace and in_grace[0].deadline < d and in_grace[0].state != IN_GRACE:
                    in_grace.popleft()
                if in_grace and in_grace[0].deadline < d:
                    self._mature(d - 1)
            if md == d:
                self._post_monthly(d)
                md = next_monthly()
            if cd == d:
                due_list = self.due_list   # compaction may have replaced it
                # _owe() inlined: this loop runs once per charge of a 30-year file.
                balance, owed = self.balance, 0
                deadline, cum = d + self.grace, self.last_cum
                while cd == d:
                    ch = charges[ci]
                    ci += 1
                    cd = charge_days[ci]
                    amount = ch.amount
                    ch.ref += text
                    balance += amount
                    if record:
                        line = charge_line()
                        line["date"], line["ref"], line["description"] = text, ch.ref, ch.desc
                        line["debit"] = amounts.get(amount) or self.amount_text(amount)
                        line["balance"] = (f"{balance // 100}.{_TWO[balance % 100]}"
                                           if balance >= 0 else fmt(balance))
                        lines.append(line)
                    unpaid = ch.unpaid
                    if not unpaid:
                        ch.state = DONE
                        continue
                    owed += unpaid
                    if ch.kind == FEE:
                        self.fees.append(ch)
                        continue
                    due_list.append(ch)
                    ch.listed = True
                    if bears_interest:
                        ch.state = IN_GRACE
                        ch.deadline = deadline
                        ch.cum_from = cum
                        ch.pending = 0
                        in_grace.append(ch)
                self.charged += balance - self.balance
                self.balance = balance
                self.owed_due += owed
                self.due_today += owed
            if self.credit:
                self._apply_credit(d)
            while ed == d:
                entry = entries[ei]
                ei += 1
                ed = entry_days[ei]
                # Unpacked at once: a named field of a NamedTuple is a slow lookup in a loop.
                src, _, etype, amount, source, _, _, _ = entry
                if etype == "payment" and src not in reversed_ids:
                    # The usual entry, handled here rather than in _entry() to save a call.
                    self.collected += amount
                    self.balance -= amount
                    desc = descs.get(source)
                    if desc is None:
                        desc = descs[source] = f"payment ({source})"
                    if record:
                        credit = amounts.get(amount) or self.amount_text(amount)
                        line = payment_line()
                        line["date"], line["ref"], line["description"] = text, src, desc
                        line["credit"] = credit
                        bal = self.balance
                        line["balance"] = (f"{bal // 100}.{_TWO[bal % 100]}"
                                           if bal >= 0 else fmt(bal))
                        lines.append(line)
                    if current_first and source not in skip:
                        # The current step inlined: this month's support, oldest first.
                        i = self.month_lo
                        while i < nc and not charges[i].unpaid and dues[i] <= month_last:
                            i += 1
                        self.month_lo = i
                        while amount and i < nc and dues[i] <= month_last:
                            ch = charges[i]
                            i += 1
                            if ch.unpaid and ch.kind == PERIODIC:
                                amount = self._pay(src, ch, amount, d)
                        if amount:   # the other steps, in the policy's order
                            amount = self._apply(src, amount, d, True, False)
                    else:
                        amount = self._apply(src, amount, d, source in skip, False)
                    if amount:
                        self.pool.append([src, amount])
                        self.credit += amount
                else:
                    self._entry(entry, d)
                if src in stop_after:
                    stop_day = d
            if dd == d:
                self._post_daily(d)
                dd = next_daily()
            if track:
                # Arrears on a day are counted at its end; between event days they stay as
                # they were at the end of the previous one.
                owed = self.owed_due
                if owed - self.due_today < threshold:
                    below_last = d
                elif prev_owed < threshold and d - 1 > prev_day:
                    below_last = d - 1
                prev_day, prev_owed = d, owed
            if stop_day == d and self.balance + self.accrued() <= 0:
                self.stopped_on = d
                break
        self.below_last = below_last
        # Charges not reached keep a readable id (the date was left off to save time above).
        for ch in charges[ci:]:
            if ch.ref[-1] == "#":
                ch.ref += iso(ch.due)
        return self

    def _rate_piece(self, d: int) -> tuple[int, int, int]:
        """(base, rate, last): the cumulative rate to the end of day x is base + rate * x
        for d <= x <= last (the day before the next rate change takes effect)."""
        table = self.rates
        starts = table.starts
        i = bisect_right(starts, d + 1) - 1
        last = starts[i + 1] - 2 if i + 1 < len(starts) else _BIG
        if i < 0:
            return 0, 0, last
        return table.sums[i] + table.rates[i] * (1 - starts[i]), table.rates[i], last

    # -- charges --------------------------------------------------------------------
    def amount_text(self, cents: int) -> str:
        """The amount string of `cents`, remembered (line amounts repeat)."""
        text = self.amounts[cents] = fmt(cents)
        return text

    def line(self, d: int, kind: str, ref: str, desc: str, debit: int, credit: int) -> None:
        """Record a statement line with the balance after it."""
        if self.record:
            amounts = self.amounts
            self.lines.append({"date": self.isos[d], "kind": kind, "ref": ref,
                               "description": desc,
                               "debit": amounts.get(debit) or self.amount_text(debit),
                               "credit": amounts.get(credit) or self.amount_text(credit),
                               "balance": fmt(self.balance)})

    def _owe(self, ch: Charge, d: int) -> None:
        unpaid = ch.unpaid
        self.owed_due += unpaid
        self.due_today += unpaid
        if not unpaid:
            ch.state = DONE
            return
        if ch.kind == FEE:
            self.fees.append(ch)
            return
        # A debit adjustment is owed to the recipient: among charges due the same day it
        # takes its place by payee priority (term charges of the day are already in order).
        due_list, rank_of = self.due_list, self.policy.payee_rank
        rank, pos = rank_of(ch.payee), len(due_list)
        while pos > self.head and due_list[pos - 1].due == d and rank_of(
                due_list[pos - 1].payee) > rank:
            pos -= 1
        due_list.insert(pos, ch)
        ch.listed = True
        if self.daily or self.monthly:
            ch.state = IN_GRACE
            ch.deadline = d + self.grace
            ch.cum_from = self.last_cum
            ch.pending = 0
            self.in_grace.append(ch)

    # -- payments -------------------------------------------------------------------
    def _entry(self, e: Entry, d: int) -> None:
        kind = e.etype
        amount = e.amount
        if kind == "payment":
            self.collected += amount
            self.balance -= amount
            desc = self.descs.get(e.source)
            if desc is None:
                desc = self.descs[e.source] = f"payment ({e.source})"
            self.line(d, "payment", e.id, desc, 0, amount)
            if e.id in self.reversed:
                return
            left = self._apply(e.id, amount, d, e.source in self.skip, False)
            if left:
                self.pool.append([e.id, left])
                self.credit += left
        elif kind == "reversal":
            self.collected -= amount
            self.balance += amount
            self.line(d, "reversal", e.id, f"reversal of {e.reverses}", amount, 0)
        elif kind == "credit":
            self.adjusted -= amount
            self.balance -= amount
            self.line(d, "adjustment", e.id, e.reason, 0, amount)
            if e.term is not None:
                prefix = e.term + "#"
                for ch in self.charges:
                    if ch.due > d or not amount:
                        break
                    if ch.unpaid and ch.ref.startswith(prefix):
                        amount = self._pay(e.id, ch, amount, d)
                if amount:
                    self.pool.append([e.id, amount])
                    self.credit += amount
                    self._apply_credit(d)
                return
            left = self._apply(e.id, amount, d, False, False)
            if left:
                self.pool.append([e.id, left])
                self.credit += left
        else:
            self.adjusted += amount
            self.balance += amount
            ch = Charge(e.id, d, amount, "recipient", DEBIT, _BIG, e.reason)
            self.debits.append(ch)
            self.line(d, "adjustment", e.id, e.reason, amount, 0)
            self._owe(ch, d)
            if self.credit:
                self._apply_credit(d)
