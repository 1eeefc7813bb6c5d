"""Demo payment histories: phases of paying well or badly, reversals, adjustments, arrangements.

All arithmetic is in integer cents. The generator keeps its own rough balance
(charges less payments, no interest) only to shape behaviour: the ledger, not
this module, says what a file owes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from caseworker.demo.context import Demo
from caseworker.demo.orders import add_fee
from caseworker.demo.plan import CaseFile, Charge
from caseworker.demo.schedule import add_months, clamp
from caseworker.demo.sink import day, local_stamp

EARLIER = (("good", 45), ("late", 20), ("partial", 15), ("none", 10), ("sporadic", 10))
# A file that is only "open" today has mostly been paid as ordered.
EARLIER_OPEN = (("good", 65), ("late", 20), ("partial", 10), ("none", 5))
FINAL = {
    "open": (("good", 65), ("late", 25), ("wage", 10)),
    "closed": (("good", 80), ("late", 20)),
    "enforcement": (("none", 35), ("sporadic", 30), ("partial", 20), ("wage", 15)),
    "arrangement": (("arrangement", 1),),
    "suspended": (("none", 1),),
}
PAYMENT_COLUMNS = ("id", "uid", "case_id", "seq", "received", "amount", "source", "reference",
                   "reverses_id", "reason", "needs_approval", "entered_by", "entered_at")
_DAYS = {n: timedelta(days=n) for n in range(-5, 60)}
REVERSAL_REASONS = ("NSF: cheque returned by the bank", "NSF: pre-authorized debit returned",
                    "Stop payment placed by the payor", "Account closed: item returned")


@dataclass(slots=True)
class Posting:
    """A payment or reversal before it gets its id and sequence number."""

    received: date
    cents: int
    source: str
    reference: str | None
    reverses: Posting | None = None
    reason: str | None = None
    needs_approval: bool = False
    id: int = 0


def _pick(rng, table) -> str:
    names, weights = zip(*table, strict=True)
    return rng.choices(names, weights)[0]


def _phases(demo: Demo, cf: CaseFile, end: date) -> list[tuple[date, str]]:
    """When the payor's behaviour changed, and how they paid from then on."""
    rng = demo.rng
    span = (end - cf.opened_on).days
    final = _pick(rng, FINAL[cf.status])
    if cf.status in ("open", "closed"):
        final_start = cf.opened_on + timedelta(days=int(span * rng.uniform(0.3, 0.9)))
    else:
        final_start = end - timedelta(days=rng.randrange(60, 48 * 30))
        # Default needs support still falling due, or there would be nothing to enforce.
        last_due = max((c.due for c in cf.charges if c.periodic), default=end)
        final_start = min(final_start, last_due - timedelta(days=120))
        final_start = max(final_start, cf.opened_on + timedelta(days=min(span // 2, 45)))
    earlier = EARLIER_OPEN if cf.status in ("open", "closed") else EARLIER
    phases = [(cf.opened_on, _pick(rng, earlier))]
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        gap = (final_start - phases[-1][0]).days
        if gap < 240:
            break
        phases.append((phases[-1][0] + timedelta(days=rng.randrange(120, gap - 90)),
                       _pick(rng, earlier)))
    if cf.status == "arrangement" and (final_start - phases[-1][0]).days > 200:
        # Arrears built up before the payor agreed to pay them down.
        phases.append((final_start - timedelta(days=rng.randrange(120, 200)),
                       rng.choice(("none", "sporadic"))))
    if cf.status == "enforcement" and rng.random() < 0.3 and \
            (final_start - phases[-1][0]).days > 300:
        phases.append((final_start - timedelta(days=rng.randrange(200, 300)), "arrangement"))
    phases.append((final_start, final))
    return phases


class Simulation:
    """Walks one file month by month and writes its payments, reversals and adjustments."""

    def __init__(self, demo: Demo, cf: CaseFile):
        self.demo, self.cf, self.rng = demo, cf, demo.rng
        self.postings: list[Posting] = []
        self.adjust_seq = 0
        self.owed = 0
        employed = cf.payor.employer_id is not None
        self.main_source = "wage" if employed and self.rng.random() < 0.5 else \
            self.rng.choice(("direct", "online", "online", "eft"))
        self.arrangement: dict | None = None
        self.intercepted: set[int] = set()
        # How often a good payor adds something towards arrears (open files catch up).
        self.catch_up = 0.15 if cf.status in ("open", "closed") else 0.06

    def run(self) -> None:
        cf, rng, today = self.cf, self.rng, self.demo.today
        end = today
        if cf.status == "closed":
            last_due = max((c.due for c in cf.charges), default=cf.opened_on)
            end = min(today - timedelta(days=30), last_due + timedelta(days=rng.randrange(30, 300)))
            end = max(end, cf.opened_on)
        phases = _phases(self.demo, cf, end)
        by_month: dict[int, list] = defaultdict(list)
        first = cf.opened_on.year * 12 + cf.opened_on.month - 1
        for charge in cf.charges:
            by_month[max(first, charge.due.year * 12 + charge.due.month - 1)].append(charge)
        phase_i, profile = 0, phases[0][1]
        last = end.year * 12 + end.month - 1
        for month in range(first, last + 1):
            month_start = date(month // 12, month % 12 + 1, 1)
            while phase_i + 1 < len(phases) and phases[phase_i + 1][0] <= month_start:
                phase_i += 1
                self._enter(phases[phase_i][1], phases[phase_i][0], profile)
                profile = phases[phase_i][1]
            charges = by_month.get(month, ())
            due_now = [c for c in charges if c.periodic]
            self.owed += sum(c.cents for c in charges)
            self._pay_month(profile, month_start, due_now, end)
            self._maybe_adjust(month_start, due_now, end)
        self._leave(profile, end, final=True)
        if cf.status == "closed":
            self._close(end)
        self._write()

    def _enter(self, profile: str, on: date, previous: str) -> None:
        self._leave(previous, on, final=False)
        cf = self.cf
        if profile == "arrangement":
            amount = max(5_000, self.owed // self.rng.randrange(24, 60) // 500 * 500)
            self.arrangement = {"start": on, "amount": amount,
                                "day": self.rng.choice((1, 15, max(1, min(on.day, 28))))}
            cf.arrangement_from = on
            cf.note(on, "note", f"Payment arrangement agreed: ${amount / 100:,.2f} a month on "
                                f"top of current support, from {on:%d %b %Y}.")
        elif profile in ("none", "sporadic", "partial") and cf.status == "enforcement":
            cf.enforcement_from = on + timedelta(days=self.rng.randrange(30, 100))
        elif profile == "wage" and cf.status == "enforcement":
            cf.enforcement_from = on - timedelta(days=self.rng.randrange(14, 60))

    def _leave(self, profile: str, on: date, final: bool) -> None:
        if profile != "arrangement" or self.arrangement is None:
            return
        a, cf, today = self.arrangement, self.cf, self.demo.today
        self.arrangement = None
        months = max(1, -(-self.owed // a["amount"]))
        if final and cf.status != "closed":
            status, end = "active", add_months(a["start"], months)
        elif self.owed <= 0:
            status, end = "completed", on
        else:
            status, end = "defaulted", min(add_months(on, 2), today)
            cf.note(end, "system", "Payment arrangement in default: two payments missed.")
        self.demo.sink.add("arrangements", {
            "case_id": cf.id, "amount": a["amount"], "frequency": "monthly", "day": a["day"],
            "start": day(a["start"]), "end": day(end), "status": status,
            "negotiated_by": cf.officer_id})

    def _post(self, on: date, cents: int, source: str, end: date,
              reversible: bool = True) -> None:
        cf, rng = self.cf, self.rng
        if cents <= 0 or on > end or on < cf.opened_on:
            return
        reference = self._reference(on, source)
        posting = Posting(on, cents, source, reference)
        self.postings.append(posting)
        self.owed -= cents
        if reversible and source in ("direct", "eft") and rng.random() < 0.02:
            back = on + timedelta(days=rng.randrange(3, 13))
            if back <= end:
                reason = rng.choice(REVERSAL_REASONS[:2] if source == "eft" else
                                    REVERSAL_REASONS)
                self.postings.append(Posting(back, cents, source, reference, posting, reason,
                                             needs_approval=cents > 50_000))
                self.owed += cents
                cf.note(back, "system", f"Payment of ${cents / 100:,.2f} received {on:%d %b %Y} "
                                        f"reversed: {reason}.")
                if cf.program.country == "CA" and rng.random() < 0.5:
                    add_fee(self.demo, cf, back, "nsf_fee", 2_500)
                    self.owed += 2_500

    def _reference(self, on: date, source: str) -> str | None:
        rnd = self.rng.random
        if source == "wage":
            return f"Payroll {on.isoformat()}"
        if source == "direct":
            return f"Cheque {100 + int(rnd() * 2900)}" if rnd() < 0.7 else "Money order"
        if source == "online":
            return f"Bill payment {10 ** 7 + int(rnd() * 9 * 10 ** 7)}"
        if source == "eft":
            return "Pre-authorized debit"
        if source in ("federal", "tax_refund"):
            return f"Tax refund {on.year - 1}"
        return None

    def _pay_month(self, profile: str, month_start: date, due_now: list, end: date) -> None:
        rng, cf = self.rng, self.cf
        rnd = rng.random  # hot loop: random() arithmetic is several times cheaper than randrange
        source = self.main_source
        if profile == "wage" and cf.payor.employer_id is None:
            profile = "late" if cf.status == "open" else "sporadic"
        if source != "wage" and len(due_now) > 1 and profile in ("good", "late", "partial"):
            # Payors who pay by cheque or online pay a weekly order once a month.
            due_now = [Charge(due_now[0].due, sum(c.cents for c in due_now), True, 0)]
        if profile == "good":
            for c in due_now:
                self._post(c.due + _DAYS[int(rnd() * 8) - 3], c.cents, source, end)
            if self.owed > 0 and rnd() < self.catch_up:
                self._post(month_start + _DAYS[int(rnd() * 27)],
                           min(self.owed, (100 + int(rnd() * 1400)) * 100), "direct", end)
        elif profile == "late":
            for c in due_now:
                if rnd() < 0.85:
                    self._post(c.due + _DAYS[5 + int(rnd() * 21)], c.cents, source, end)
        elif profile == "partial":
            for c in due_now:
                if rnd() < 0.85:
                    share = 30 + int(rnd() * 60)
                    self._post(c.due + _DAYS[int(rnd() * 15)],
                               c.cents * share // 10_000 * 100, source, end)
        elif profile == "sporadic":
            if rnd() < 0.3 and self.owed > 0:
                monthly = sum(c.cents for c in due_now) or cf.monthly_now or 30_000
                share = 20 + int(rnd() * 130)
                amount = min(monthly * share // 10_000 * 100, self.owed)
                self._post(month_start + _DAYS[int(rnd() * 27)], amount, "direct", end)
        elif profile == "wage":
            for c in due_now:
                if rnd() < 0.9:
                    share = 50 + int(rnd() * 70)
                    self._post(c.due + _DAYS[2 + int(rnd() * 5)], c.cents * share // 100,
                               "wage", end)
        elif profile == "arrangement" and self.arrangement is not None:
            a = self.arrangement
            if rnd() < 0.93:
                pay_on = clamp(month_start.year, month_start.month, a["day"])
                if pay_on >= a["start"]:
                    self._post(pay_on, sum(c.cents for c in due_now) + a["amount"], source, end)
        if profile != "good" and month_start.month in (4, 5, 6) and self.owed > 30_000 and \
                month_start.year not in self.intercepted and rnd() < 0.3:
            self.intercepted.add(month_start.year)
            source = "federal" if cf.program.country == "CA" else "tax_refund"
            self._post(month_start + _DAYS[int(rnd() * 28)],
                       min(self.owed, (300 + int(rnd() * 3200)) * 100), source, end)

    def _maybe_adjust(self, month_start: date, due_now: list, end: date) -> None:
        rng, cf = self.rng, self.cf
        roll = rng.random()
        if roll >= 0.002 or month_start > end:
            return
        on = month_start + timedelta(days=rng.randrange(0, 27))
        if on > end:
            return
        term_id = None
        if roll < 0.0016:
            live = [t for t, start, stop in cf.child_terms if start <= on and (stop or on) >= on]
            term_id = live[0] if live else None
            cents = -(sum(c.cents for c in due_now) or 20_000) * rng.randrange(1, 4)
            reason = rng.choice((
                "Credit for direct payments the recipient confirmed in writing",
                "Credit: child resided with the payor for the period (recipient agrees)",
                "Correction: payment received by the recipient directly, not through the program"))
        else:
            cents = rng.randrange(200, 3000) * 100
            reason = rng.choice(("Arrears confirmed on review of the order",
                                 "Retroactive support found owing on annual recalculation"))
        self.owed += cents
        self.adjust_seq += 1
        needs = abs(cents) > 100_000
        adj_id = self.demo.sink.add("adjustments", {
            "case_id": cf.id, "seq": self.adjust_seq, "date": day(on), "amount": cents,
            "term_id": term_id, "reason": reason, "needs_approval": needs,
            "entered_by": cf.officer_id,
            "entered_at": local_stamp(on, 9 * 60 + rng.randrange(420), cf.program.utc_offset)})
        recent = (self.demo.today - on).days < 21
        if needs and not (recent and rng.random() < 0.6):  # some still wait for a supervisor
            self.demo.sink.add("approvals", {
                "payment_id": None, "adjustment_id": adj_id, "decision": "approved",
                "decided_by": cf.supervisor_id, "note": None,
                "decided_at": local_stamp(min(on + timedelta(days=rng.randrange(0, 4)),
                                              self.demo.today),
                                          13 * 60 + rng.randrange(180), cf.program.utc_offset)})
        cf.note(on, "system", f"Adjustment of ${cents / 100:,.2f}: {reason}.")

    def _close(self, end: date) -> None:
        cf, rng = self.cf, self.rng
        if self.owed > 0:
            self._post(end, self.owed, rng.choice(("direct", "online")), end, reversible=False)
            cf.note(end, "call_in", "Payor called to confirm the final payment; advised the "
                                    "file will close once it clears.")
        cf.closed_on = min(end + timedelta(days=rng.randrange(10, 60)), self.demo.today)
        cf.note(cf.closed_on, "system", "File closed: support ended and the account is paid "
                                        "in full.")

    def _write(self) -> None:
        cf, sink, rnd = self.cf, self.demo.sink, self.rng.random
        self.postings.sort(key=lambda p: p.received)
        rows = self.demo.payment_rows
        first = sink.reserve("payments", len(self.postings))
        offset, officer, case_id = cf.program.utc_offset, cf.officer_id, cf.id
        for seq, p in enumerate(self.postings, 1):
            p.id = first + seq - 1
            rows.append((p.id, sink.uid(), case_id, seq, p.received.isoformat(), p.cents,
                         p.source, p.reference, p.reverses.id if p.reverses else None,
                         p.reason, p.needs_approval, officer,
                         local_stamp(p.received, 480 + int(rnd() * 540), offset)))
            if p.needs_approval:
                sink.add("approvals", {
                    "payment_id": p.id, "adjustment_id": None, "decision": "approved",
                    "decided_by": cf.supervisor_id, "note": "NSF confirmed with the bank",
                    "decided_at": local_stamp(min(p.received + timedelta(days=1),
                                                  self.demo.today),
                                              10 * 60 + int(rnd() * 300), offset)})
        cf.owed = self.owed
        cf.last_payment = max((p.received for p in self.postings if p.reverses is None),
                              default=None)


def simulate(demo: Demo, cf: CaseFile) -> None:
    """Write the file's money rows and note what happened on it."""
    Simulation(demo, cf).run()
