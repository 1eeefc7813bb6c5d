"""Interest: accrual between events, grace, and the monthly and daily postings (section 5)."""

from __future__ import annotations

from typing import Final

from caseworker.ledger.allocation import Allocation
from caseworker.ledger.charges import IN_GRACE, INTEREST, MATURE, new_charge
from caseworker.ledger.money import div_half_up, fmt

# An interest line, less its date, id, amount and balance (copied: see engine.py).
_INTEREST_LINE: Final = {"date": "", "kind": "interest", "ref": "", "description": "interest",
                         "debit": "", "credit": "0.00", "balance": ""}


class Interest(Allocation):
    """The interest part of Engine: what accrues, what matures, what is posted."""

    __slots__ = ()   # the attributes are State's

    def accrued(self) -> int:
        """Interest accrued on principal past its grace and not yet posted, in cents."""
        if not self.daily:
            return 0
        return div_half_up(self.acc + self.mature * self.last_cum, self.denominator)

    # -- interest -------------------------------------------------------------------
    def _mature(self, limit: int) -> None:
        """Charges whose grace ended on or before `limit` unpaid start bearing interest."""
        queue, i = self.in_grace, self.grace_at
        n = len(queue)
        while i < n and queue[i].deadline <= limit:
            ch = queue[i]
            i += 1
            if ch.state != IN_GRACE:
                continue
            if self.daily:
                # Its interest so far, pending + unpaid x (last_cum - cum_from), is owed
                # now; from here on mature x last_cum counts it, so take that out of acc.
                self.acc += ch.pending - ch.unpaid * ch.cum_from
                ch.pending = 0
            self.mature += ch.unpaid
            ch.state = MATURE
        self.grace_at = i

    def _post_monthly(self, d: int) -> None:
        if self.mature:
            rate = self.rates.rate_on(d)
            self._post(d, div_half_up(self.mature * rate, 12 * self.rates.scale))

    def _post_daily(self, d: int) -> None:
        i = self.grace_at
        if i < len(self.in_grace) and self.in_grace[i].deadline <= d:
            self._mature(d)
        acc = self.acc + self.mature * self.last_cum
        if acc:
            cents = div_half_up(acc, self.denominator)
            self.acc = -self.mature * self.last_cum   # nothing accrued after this posting
            self._post(d, cents)
            if self.credit:
                # The posting is due today: credit on hand pays it now (it would otherwise
                # wait for the next event and come after that day's support).
                self._apply_credit(d)

    def _post(self, d: int, cents: int) -> None:
        if not cents:
            return
        ch = new_charge("interest#" + self.today, d, cents, "recipient", INTEREST, 0, "interest")
        self.interest.append(ch)
        self.interest_charged += cents
        self.owed_due += cents
        self.due_today += cents
        self.balance += cents
        if self.record:   # (a posting's amount is seldom seen twice: not remembered)
            line = _INTEREST_LINE.copy()
            line["date"], line["ref"], line["debit"] = self.today, ch.ref, fmt(cents)
            line["balance"] = fmt(self.balance)
            self.lines.append(line)
