"""The recalculation: charges fall due, interest accrues and posts, payments are allocated."""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from datetime import date
from operator import attrgetter

from caseworker.ledger.charges import (
    DEBIT,
    DONE,
    FEE,
    IN_GRACE,
    INTEREST,
    MATURE,
    PERIODIC,
    Charge,
    build_charges,
)
from caseworker.ledger.dates import iso
from caseworker.ledger.document import Document, Entry, natural_key
from caseworker.ledger.money import _TWO, div_half_up

_BIG = 1 << 62
_MONTHLY_POST, _DAILY_POST = 1, 2
_DIM = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_bounds(day: int) -> tuple[int, int]:
    """First and last ordinal of the month of `day`."""
    d = date.fromordinal(day)
    first = day - d.day + 1
    length = _DIM[d.month]
    if d.month == 2 and d.year % 4 == 0 and (d.year % 100 != 0 or d.year % 400 == 0):
        length = 29
    return first, first + length - 1


def posting_days(method: str, start: int, as_of: int, end: int) -> list[tuple[int, int]]:
    """(day, flags) of interest postings from `start` to `end`, plus the as-of date itself."""
    flags: dict[int, int] = {as_of: 0}
    if method != "none":
        first, last = month_bounds(start)
        while first <= end:
            if method == "monthly_simple":
                if first > start:
                    flags[first] = flags.get(first, 0) | _MONTHLY_POST
            elif last <= end:
                flags[last] = flags.get(last, 0) | _DAILY_POST
            first, last = month_bounds(last + 1)
        if method == "daily_simple":
            flags[as_of] |= _DAILY_POST
    return sorted(flags.items())


def order_entries(entries: list[Entry]) -> list[Entry]:
    """Entries by date; on one date by natural id order, so input order never matters."""
    entries.sort(key=attrgetter("date", "id"))
    i, n = 0, len(entries)
    while i < n - 1:
        j = i + 1
        while j < n and entries[j].date == entries[i].date:
            j += 1
        if j - i > 1:
            entries[i:j] = sorted(entries[i:j], key=lambda e: natural_key(e.id))
        i = j
    return entries


class Engine:
    """One recalculation of an account from its terms up to a last day."""

    def __init__(self, doc: Document, as_of: int, horizon: int, extra: tuple[Entry, ...] = (),
                 threshold: int = 0, stop_after: frozenset[str] = frozenset()) -> None:
        policy = doc.policy
        self.doc, self.as_of, self.policy = doc, as_of, policy
        self.charges = build_charges(doc, horizon)
        self.dues = [c.due for c in self.charges]
        self.entries = order_entries([e for e in doc.entries if e.date <= as_of] + list(extra))
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
        self.acc = 0             # accrued interest not yet posted, over self.denominator
        self.last_cum = 0
        self.pool: deque[list] = deque()
        self.credit = 0
        self.owed_due = 0        # unpaid of everything due so far
        self.balance = 0
        self.charged = self.collected = self.adjusted = self.interest_charged = 0
        self.lines: list[tuple] = []
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
        charges, entries, posts = self.charges, self.entries, self.posts
        nc, ne, npo = len(charges), len(entries), len(posts)
        ci = ei = pi = 0
        end = self.end
        daily, monthly, track = self.daily, self.monthly, self.threshold > 0
        starts, rates, sums = self.rates.starts, self.rates.rates, self.rates.sums
        segment, nseg = -1, len(starts)
        in_grace, lines, isos = self.in_grace, self.lines, self.isos
        bears_interest = daily or monthly
        reversed_ids, descs, skip = self.reversed, self.descs, self.skip
        stop_after = self.stop_after
        prev_day = prev_owed = None
        month_last = -1
        prefix = ""
        while True:
            cd = charges[ci].due if ci < nc else _BIG
            ed = entries[ei].date if ei < ne else _BIG
            pd = posts[pi][0] if pi < npo else _BIG
            d = cd if cd < ed else ed
            if pd < d:
                d = pd
            if d > end:
                break
            if d > month_last:
                self.month_first, month_last = month_bounds(d)
                prefix = iso(self.month_first)[:8]
                self.month_last = month_last
                self.month_lo = bisect_left(self.dues, self.month_first)
            # The day's ISO text, made from its month's prefix: cheaper than a date object.
            isos[d] = text = prefix + _TWO[d - self.month_first + 1]
            if track:
                if prev_day is None:
                    self.below_last = d - 1
                elif prev_owed < self.threshold and d - 1 > prev_day:
                    self.below_last = d - 1
                self.due_today = 0
            if daily:
                # cumulative rate up to the end of day d, walking the rate table forward
                nxt = d + 1
                while segment + 1 < nseg and starts[segment + 1] <= nxt:
                    segment += 1
                c = sums[segment] + rates[segment] * (nxt - starts[segment]) if segment >= 0 else 0
                if self.mature:
                    self.acc += self.mature * (c - self.last_cum)
                self.last_cum = c
            if (daily or monthly) and in_grace and in_grace[0].deadline < d:
                self._mature(d - 1)
            flags = posts[pi][1] if pd == d else 0
            if flags & _MONTHLY_POST:
                self._post_monthly(d)
            if cd == d:
                due_list = self.due_list   # compaction may have replaced it
                # _owe() inlined: this loop runs once per charge of a 30-year file.
                balance, added, owed = self.balance, 0, 0
                deadline, cum = d + self.grace, self.last_cum
                while ci < nc:
                    ch = charges[ci]
                    if ch.due != d:
                        break
                    ci += 1
                    amount = ch.amount
                    ch.ref += text
                    balance += amount
                    added += amount
                    lines.append((d, "charge", ch.ref, ch.desc, amount, 0, balance))
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
                self.balance = balance
                self.charged += added
                self.owed_due += owed
                self.due_today += owed
            if self.credit:
                self._apply_credit(d)
            stop = False
            while ei < ne and entries[ei].date == d:
                entry = entries[ei]
                ei += 1
                if entry.etype == "payment" and entry.id not in reversed_ids:
                    # The usual entry, handled here rather than in _entry() to save a call.
                    amount = entry.amount
                    self.collected += amount
                    self.balance -= amount
                    desc = descs.get(entry.source)
                    if desc is None:
                        desc = descs[entry.source] = f"payment ({entry.source})"
                    lines.append((d, "payment", entry.id, desc, 0, amount, self.balance))
                    left = self._apply(entry.id, amount, d, entry.source in skip, False)
                    if left:
                        self.pool.append([entry.id, left])
                        self.credit += left
                else:
                    self._entry(entry, d)
                if entry.id in stop_after:
                    stop = True
            if flags & _DAILY_POST:
                self._post_daily(d)
            if pd == d:
                pi += 1
            if track:
                if self.owed_due - self.due_today < self.threshold:
                    self.below_last = d
                prev_day, prev_owed = d, self.owed_due
            if stop and self.balance + self.accrued() <= 0:
                self.stopped_on = d
                break
        # Charges not reached keep a readable id (the date was left off to save time above).
        for ch in charges[ci:]:
            if ch.ref[-1] == "#":
                ch.ref += iso(ch.due)
        return self

    def accrued(self) -> int:
        """Interest accrued on principal past its grace and not yet posted, in cents."""
        return div_half_up(self.acc, self.denominator) if self.daily else 0

    # -- interest -------------------------------------------------------------------
    def _mature(self, limit: int) -> None:
        """Charges whose grace ended on or before `limit` unpaid start bearing interest."""
        queue = self.in_grace
        while queue and queue[0].deadline <= limit:
            ch = queue.popleft()
            if ch.state != IN_GRACE:
                continue
            if self.daily:
                self.acc += ch.pending + ch.unpaid * (self.last_cum - ch.cum_from)
                ch.pending = 0
            self.mature += ch.unpaid
            ch.state = MATURE

    def _post_monthly(self, d: int) -> None:
        if self.mature:
            rate = self.rates.rate_on(d)
            self._post(d, div_half_up(self.mature * rate, 12 * self.rates.scale))

    def _post_daily(self, d: int) -> None:
        if self.in_grace and self.in_grace[0].deadline <= d:
            self._mature(d)
        if self.acc:
            cents = div_half_up(self.acc, self.denominator)
            self.acc = 0
            self._post(d, cents)

    def _post(self, d: int, cents: int) -> None:
        if not cents:
            return
        ch = Charge("interest#" + self.isos[d], d, cents, "recipient", INTEREST, 0, "interest")
        self.interest.append(ch)
        self.interest_charged += cents
        self.owed_due += cents
        self.due_today += cents
        self.balance += cents
        self.lines.append((d, "interest", ch.ref, "interest", cents, 0, self.balance))

    # -- charges --------------------------------------------------------------------
    def _fall_due(self, ch: Charge, d: int) -> None:
        self.balance += ch.amount
        self.charged += ch.amount
        self.lines.append((d, "charge", ch.ref, ch.desc, ch.amount, 0, self.balance))
        self._owe(ch, d)

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
            self.lines.append((d, "payment", e.id, desc, 0, amount, self.balance))
            if e.id in self.reversed:
                return
            left = self._apply(e.id, amount, d, e.source in self.skip, False)
            if left:
                self.pool.append([e.id, left])
                self.credit += left
        elif kind == "reversal":
            self.collected -= amount
            self.balance += amount
            self.lines.append((d, "reversal", e.id, f"reversal of {e.reverses}", amount, 0,
                               self.balance))
        elif kind == "credit":
            self.adjusted -= amount
            self.balance -= amount
            self.lines.append((d, "adjustment", e.id, e.reason, 0, amount, self.balance))
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
            self.lines.append((d, "adjustment", e.id, e.reason, amount, 0, self.balance))
            self._owe(ch, d)
            if self.credit:
                self._apply_credit(d)

    def _apply_credit(self, d: int) -> None:
        pool = self.pool
        while pool:
            piece = pool[0]
            left = self._apply(piece[0], piece[1], d, False, True)
            self.credit -= piece[1] - left
            if left:
                piece[1] = left
                return
            pool.popleft()

    def _apply(self, src: str, amount: int, d: int, skip_current: bool, due_only: bool) -> int:
        """Allocate `amount` in the policy's order; return what is left."""
        for step in self.steps:
            if step == "current":
                if skip_current:
                    continue
                last = d if due_only else self.month_last
                charges, dues = self.charges, self.dues
                i, n = self.month_lo, len(dues)
                while i < n and not charges[i].unpaid and dues[i] <= last:
                    i += 1
                self.month_lo = i   # paid charges never become unpaid again
                while i < n and dues[i] <= last:
                    ch = charges[i]
                    if ch.unpaid and ch.kind == PERIODIC:
                        amount = self._pay(src, ch, amount, d)
                        if not amount:
                            return 0
                    i += 1
            elif step == "arrears":
                if self.holes > 64 and 2 * self.holes > len(self.due_list) - self.head:
                    self.due_list = [c for c in self.due_list[self.head:] if c.unpaid]
                    self.head = self.holes = 0
                amount = self._pay_list(src, amount, d, self.due_list, "head")
            elif step == "interest":
                amount = self._pay_list(src, amount, d, self.interest, "interest_head")
            else:
                amount = self._pay_list(src, amount, d, self.fees, "fees_head")
            if not amount:
                return 0
        return amount

    def _pay_list(self, src: str, amount: int, d: int, items: list[Charge], head: str) -> int:
        i, n = getattr(self, head), len(items)
        while i < n and not items[i].unpaid:
            i += 1
        setattr(self, head, i)
        while i < n:
            ch = items[i]
            if ch.unpaid:
                amount = self._pay(src, ch, amount, d)
                if not amount:
                    return 0
            i += 1
        return amount

    def _pay(self, src: str, ch: Charge, amount: int, d: int) -> int:
        unpaid = ch.unpaid
        paid = amount if amount < unpaid else unpaid
        state = ch.state
        if state == IN_GRACE:
            if self.daily:
                ch.pending += unpaid * (self.last_cum - ch.cum_from)
                ch.cum_from = self.last_cum
            if paid == unpaid:
                ch.state = DONE   # paid within grace: its interest is dropped
        elif state == MATURE:
            self.mature -= paid
            if paid == unpaid:
                ch.state = DONE
        if ch.due <= d:
            self.owed_due -= paid
            if ch.due == d:
                self.due_today -= paid
        ch.unpaid = unpaid - paid
        if paid == unpaid and ch.listed:
            self.holes += 1
        self.allocs.append((src, ch, paid))
        return amount - paid
