"""The recalculation: charges fall due, interest accrues and posts, payments are allocated."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Final

from caseworker.ledger.charges import (
    DEBIT,
    DONE,
    FEE,
    IN_GRACE,
    PERIODIC,
    Charge,
)
from caseworker.ledger.dates import DAILY_POST, MONTHLY_POST, TWO_DIGITS, iso, month_of
from caseworker.ledger.document import Entry
from caseworker.ledger.interest import Interest
from caseworker.ledger.money import fmt
from caseworker.ledger.state import BIG, order_entries

__all__ = ["Engine", "order_entries"]

# Charge and payment lines are copies of these with the changing fields set: same key order,
# and a copy is less work than building a seven-key dict.
_CHARGE_LINE: Final = {"date": "", "kind": "charge", "ref": "", "description": "", "debit": "",
                       "credit": "0.00", "balance": ""}
_PAYMENT_LINE: Final = {"date": "", "kind": "payment", "ref": "", "description": "",
                        "debit": "0.00", "credit": "", "balance": ""}


class Engine(Interest):
    """One recalculation of an account from its terms up to a last day."""

    __slots__ = ()   # the attributes are State's

    # -- the day loop ---------------------------------------------------------------
    def run(self) -> Engine:
        """Process every day with an event, in order, up to the last day."""
        # One long loop on purpose: it runs for every event day of decades of history, and
        # the common work (a charge falling due, a payment) is inlined to spare calls. Every
        # local is a plain int, str or list so that, compiled (docs/ledger.md, Speed), the
        # loop is native code.
        charges, entries = self.charges, self.entries
        nc = len(charges)
        # Three sorted streams of days, each ending in a day never reached: charges falling
        # due, entries, interest postings (with their flags), and a pointer into each.
        # The next event day is the least of their heads; days with nothing are skipped.
        charge_days: list[int] = [*self.dues, BIG]
        entry_days: list[int] = [e.date for e in entries] + [BIG]
        post_days: list[int] = [*self.posts[0], BIG]
        post_flags: list[int] = [*self.posts[1], 0]
        ci = ei = pi = 0
        cd, ed, pd = charge_days[0], entry_days[0], post_days[0]
        end = self.end
        daily, monthly, track = self.daily, self.monthly, self.threshold > 0
        threshold = self.threshold
        below_last = -1   # (none)
        lines, record, amounts = self.lines, self.record, self.amounts
        dues, current_first = self.dues, self.steps[0] == "current"
        bears_interest = daily or monthly
        reversed_ids, skip = self.reversed, self.skip
        charge_lines: dict[str, dict[str, str]] = {}
        payment_lines: dict[str, dict[str, str]] = {}
        stop_after = self.stop_after
        stop_day = -1
        # Arrears at the end of the previous event day (none yet: below any threshold).
        prev_day, prev_owed = -BIG, 0
        month_last = piece_last = -1
        base = rate = 0
        prefix, before_month = "", 0
        while True:
            d = cd if cd < ed else ed
            if pd < d:
                d = pd
            if d > end:
                break
            if d > month_last:
                first, month_last, prefix = month_of(d)
                before_month = first - 1
                self.month_last = month_last
                self.month_lo = bisect_left(dues, first)
            # The day's ISO text, made from its month's prefix: cheaper than a date object.
            self.today = text = prefix + TWO_DIGITS[d - before_month]
            flags = 0
            if pd == d:
                flags = post_flags[pi]
                pi += 1
                pd = post_days[pi]
            self.due_today = 0
            if daily:
                # The cumulative rate up to the end of day d is linear between rate changes.
                if d > piece_last:
                    base, rate, piece_last = self._rate_piece(d)
                self.last_cum = base + rate * d
            if bears_interest:
                in_grace, gi = self.in_grace, self.grace_at
                if gi < len(in_grace) and in_grace[gi].deadline < d:
                    # Most charges were paid within grace: pass those here, mature the rest.
                    n = len(in_grace)
                    while gi < n and in_grace[gi].deadline < d and in_grace[gi].state != IN_GRACE:
                        gi += 1
                    self.grace_at = gi
                    if gi < n and in_grace[gi].deadline < d:
                        self._mature(d - 1)
            if flags & MONTHLY_POST:
                self._post_monthly(d)
            if cd == d:
                due_list, in_grace = self.due_list, self.in_grace   # (compaction replaces)
                # _owe() inlined: this loop runs once per charge of a 30-year file.
                balance, owed = self.balance, 0
                deadline, cum = d + self.grace, self.last_cum
                while cd == d:
                    ch = charges[ci]
                    ci += 1
                    cd = charge_days[ci]
                    amount = ch.amount
                    balance += amount
                    if record:
                        # A term's charge lines differ only in date, id and balance: each is
                        # a copy of the term's own line (found by the id's "T1#" prefix).
                        template = charge_lines.get(ch.ref)
                        if template is None:
                            template = charge_lines[ch.ref] = self.charge_line(ch)
                        ch.ref += text
                        line = template.copy()
                        line["date"], line["ref"] = text, ch.ref
                        line["balance"] = (f"{balance // 100}.{TWO_DIGITS[balance % 100]}"
                                           if balance >= 0 else fmt(balance))
                        lines.append(line)
                    else:
                        ch.ref += text
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
                src, amount, source = entry.id, entry.amount, entry.source
                if entry.etype == "payment" and src not in reversed_ids:
                    # The usual entry, handled here rather than in _entry() to save a call.
                    self.collected += amount
                    self.balance -= amount
                    if record:
                        template = payment_lines.get(source)
                        if template is None:
                            template = payment_lines[source] = _PAYMENT_LINE.copy()
                            template["description"] = f"payment ({source})"
                        credit = amounts.get(amount) or self.amount_text(amount)
                        line = template.copy()
                        line["date"], line["ref"], line["credit"] = text, src, credit
                        bal = self.balance
                        line["balance"] = (f"{bal // 100}.{TWO_DIGITS[bal % 100]}"
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
            if flags & DAILY_POST:
                self._post_daily(d)
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
        self.below_last = None if below_last < 0 else below_last
        # Charges not reached keep a readable id (the date was left off to save time above).
        for ch in charges[ci:]:
            if ch.ref[-1] == "#":
                ch.ref += iso(ch.due)
        return self

    def charge_line(self, ch: Charge) -> dict[str, str]:
        """The line of a term's charges, less its date, id and balance."""
        line = _CHARGE_LINE.copy()
        line["description"] = ch.desc
        line["debit"] = self.amounts.get(ch.amount) or self.amount_text(ch.amount)
        return line

    def _rate_piece(self, d: int) -> tuple[int, int, int]:
        """(base, rate, last): the cumulative rate to the end of day x is base + rate * x
        for d <= x <= last (the day before the next rate change takes effect)."""
        table = self.rates
        starts = table.starts
        i = bisect_right(starts, d + 1) - 1
        last = starts[i + 1] - 2 if i + 1 < len(starts) else BIG
        if i < 0:
            return 0, 0, last
        return table.sums[i] + table.rates[i] * (1 - starts[i]), table.rates[i], last

    # -- charges --------------------------------------------------------------------
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
            self.line("payment", e.id, f"payment ({e.source})", 0, amount)
            if e.id in self.reversed:
                return
            left = self._apply(e.id, amount, d, e.source in self.skip, False)
            if left:
                self.pool.append([e.id, left])
                self.credit += left
        elif kind == "reversal":
            self.collected -= amount
            self.balance += amount
            self.line("reversal", e.id, f"reversal of {e.reverses}", amount, 0)
        elif kind == "credit":
            self.adjusted -= amount
            self.balance -= amount
            self.line("adjustment", e.id, e.reason, 0, amount)
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
            ch = Charge(e.id, d, amount, "recipient", DEBIT, BIG, e.reason)
            self.debits.append(ch)
            self.line("adjustment", e.id, e.reason, amount, 0)
            self._owe(ch, d)
            if self.credit:
                self._apply_credit(d)
