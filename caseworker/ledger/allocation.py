"""Allocation (section 4): which debt each payment, credit or adjustment pays."""

from __future__ import annotations

from caseworker.ledger.charges import DONE, IN_GRACE, MATURE, PERIODIC, Charge
from caseworker.ledger.state import State


class Allocation(State):
    """The allocation part of Engine: the policy's steps, oldest first, and credit."""

    __slots__ = ()   # the attributes are State's

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
                self.head = _first_unpaid(self.due_list, self.head)
                amount = self._pay_list(src, amount, d, self.due_list, self.head)
            elif step == "interest":
                self.interest_head = _first_unpaid(self.interest, self.interest_head)
                amount = self._pay_list(src, amount, d, self.interest, self.interest_head)
            else:
                self.fees_head = _first_unpaid(self.fees, self.fees_head)
                amount = self._pay_list(src, amount, d, self.fees, self.fees_head)
            if not amount:
                return 0
        return amount

    def _pay_list(self, src: str, amount: int, d: int, items: list[Charge], i: int) -> int:
        n = len(items)
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
            self.acc += paid * self.last_cum   # what it accrued so far stays accrued
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


def _first_unpaid(items: list[Charge], i: int) -> int:
    """The position of the first unpaid item from `i` on (paid ones never become unpaid)."""
    n = len(items)
    while i < n and not items[i].unpaid:
        i += 1
    return i
