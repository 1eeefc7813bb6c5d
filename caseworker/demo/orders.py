"""Demo court orders: terms, variations that supersede them, fees and assignment periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from caseworker.demo.context import Demo
from caseworker.demo.places import court_name
from caseworker.demo.plan import CaseFile, Charge
from caseworker.demo.schedule import add_months, add_years, due_dates, first_of_next_month
from caseworker.demo.sink import day

FREQUENCIES = (("monthly", 78), ("semi_monthly", 8), ("biweekly", 8), ("weekly", 6))
PER_MONTH = {"monthly": (1, 1), "semi_monthly": (1, 2), "biweekly": (12, 26), "weekly": (12, 52)}
# Share of the payor's gross income paid as child support, by number of children.
CHILD_SHARE = {1: 0.09, 2: 0.145, 3: 0.19, 4: 0.22}
SPECIAL = ("child_care", "medical", "extracurricular", "education", "dental")


@dataclass
class Stream:
    """One obligation carried from order to variation: a child's support or spousal support."""

    category: str
    monthly: int  # cents
    end: date | None
    child_id: int | None
    term_id: int = 0
    frequency: str = "monthly"
    start: date = date.min
    pay_day: int | None = None
    amount: int = 0


def per_period(monthly: int, frequency: str) -> int:
    num, den = PER_MONTH[frequency]
    return (monthly * num + den // 2) // den


def make_orders(demo: Demo, cf: CaseFile) -> None:
    """Write the first order and its variations; fill in the file's charges."""
    rng = demo.rng
    gross = cf.payor.monthly_gross or 250_000
    n = len(cf.children)
    per_child = max(7_500, int(gross * CHILD_SHARE[min(n, 4)] * rng.uniform(0.8, 1.2) / n))
    streams = [Stream("child", per_child // 100 * 100, c.last_day, c.id) for c in cf.children]
    if rng.random() < 0.18:
        spousal_end = None if rng.random() < 0.4 else add_years(cf.made_on, rng.randrange(2, 11))
        if cf.status == "closed":
            latest = max(c.last_day for c in cf.children)
            spousal_end = min(spousal_end or latest, latest)
        streams.append(Stream("spousal", int(gross * rng.uniform(0.05, 0.18)) // 100 * 100,
                              spousal_end, None))
    frequency = rng.choices(*zip(*FREQUENCIES, strict=True))[0]
    start = cf.made_on
    if (cf.opened_on - cf.made_on).days > 180:
        # Registered long after the order: the recipient's sworn arrears come in as one
        # figure and the program charges support from registration.
        start = cf.opened_on
    order_id = _order(demo, cf, cf.made_on, None)
    _start_streams(demo, cf, order_id, streams, start, frequency)
    streams = [s for s in streams if s.term_id]  # a child who came of age before registration
    if start == cf.opened_on:
        months = max(1, (cf.opened_on - cf.made_on).days // 30)
        amount = sum(s.monthly for s in streams) * months * rng.randrange(20, 100) // 100
        _one_off(demo, cf, order_id, "fixed_arrears", "arrears_at_registration",
                 amount // 100 * 100, cf.opened_on)
    elif rng.random() < 0.2:
        amount = sum(s.monthly for s in streams) * rng.randrange(2, 14)
        _one_off(demo, cf, order_id, "fixed_arrears", "retroactive_support", amount, cf.made_on)
    if rng.random() < 0.1:
        _one_off(demo, cf, order_id, "lump_sum", "costs", rng.randrange(5, 60) * 10_000,
                 cf.made_on + timedelta(days=rng.randrange(30, 120)))
    _variations(demo, cf, streams, order_id, frequency)
    _special_expenses(demo, cf)
    _assignments(demo, cf)


def _order(demo: Demo, cf: CaseFile, made_on: date, varies: int | None) -> int:
    rng = demo.rng
    superior = rng.random() < 0.6
    prefix = {"ab-mep": "FL", "bc-fmep": "E", "ca-county": "FL", "nc-county": "CVD"}
    number = rng.randrange(1, 99999)
    court_file = f"{prefix[cf.program.policy]}{made_on.year % 100:02d}-{number:05d}"
    order_id = demo.sink.add("orders", {
        "case_id": cf.id, "court": court_name(cf.program.policy, made_on, superior),
        "court_file": court_file, "made_on": day(made_on), "varies_id": varies})
    cf.orders.append((order_id, made_on))
    return order_id


def _term(demo: Demo, order_id: int, kind: str, category: str | None, cents: int, *,
          frequency: str | None = None, pay_day: int | None = None, days: str | None = None,
          start: date | None = None, end: date | None = None, due: date | None = None,
          child_id: int | None = None) -> int:
    return demo.sink.add("terms", {
        "order_id": order_id, "kind": kind, "category": category, "amount": cents,
        "frequency": frequency, "day": pay_day, "days": days, "start": day(start),
        "end": day(end), "due": day(due), "child_id": child_id})


def _one_off(demo: Demo, cf: CaseFile, order_id: int, kind: str, category: str, cents: int,
             due: date) -> int:
    term_id = _term(demo, order_id, kind, category, cents, due=due)
    if due <= demo.today:
        cf.charges.append(Charge(due, cents, False, term_id))
    return term_id


def term_start(start: date, frequency: str) -> date:
    if frequency in ("weekly", "biweekly"):
        return start + timedelta(days=(4 - start.weekday()) % 7)  # pay days fall on Fridays
    return start


def _start_streams(demo: Demo, cf: CaseFile, order_id: int, streams: list[Stream], start: date,
                   frequency: str, superseding: bool = False) -> list[tuple[Stream, int]]:
    """Write one periodic term per live stream from `start`; returns the terms they replace."""
    rng = demo.rng
    pay_day, days = None, None
    if frequency == "monthly":
        pay_day = rng.choices((1, 15, start.day), (65, 15, 20))[0]
    elif frequency == "semi_monthly":
        days = "1,15"
    else:
        start = term_start(start, frequency)
    replaced = []
    for stream in streams:
        if stream.end is not None and stream.end < start:
            continue
        amount = per_period(stream.monthly, frequency)
        term_id = _term(demo, order_id, "periodic", stream.category, amount, frequency=frequency,
                        pay_day=pay_day, days=days, start=start, end=stream.end,
                        child_id=stream.child_id)
        if superseding and stream.term_id:
            replaced.append((stream, stream.term_id))
            demo.sink.add("term_supersedes", {"term_id": term_id,
                                              "superseded_id": stream.term_id})
        stream.term_id, stream.frequency = term_id, frequency
        stream.start, stream.pay_day, stream.amount = start, pay_day, amount
        if stream.category == "child":
            cf.child_terms.append((term_id, start, stream.end))
    return replaced


def _charges_until(cf: CaseFile, stream: Stream, cut: date, today: date) -> None:
    """The charges of a stream's current term that fall before `cut` (its superseder's start)."""
    last = min(today, cut - timedelta(days=1))
    if stream.end is not None:
        last = min(last, stream.end)
    for due in due_dates(stream.frequency, stream.start, last, day=stream.pay_day):
        cf.charges.append(Charge(due, stream.amount, True, stream.term_id))


def _variations(demo: Demo, cf: CaseFile, streams: list[Stream], order_id: int,
                frequency: str) -> None:
    """Later orders that change the amounts; each new term supersedes the one before."""
    rng, today = demo.rng, demo.today
    count = rng.choices((0, 1, 2, 3), (50, 32, 14, 4))[0] if streams else 0
    live_until = max((s.end or today for s in streams), default=today)
    made = cf.made_on
    for _ in range(count):
        made = add_months(max(made, *(s.start for s in streams)), rng.randrange(14, 60))
        horizon = min(today, live_until) - timedelta(days=60)
        if made >= horizon:
            break
        effective = first_of_next_month(made)
        if rng.random() < 0.2:  # a retroactive variation, back to the application date
            effective = max(add_months(effective, -rng.randrange(1, 7)),
                            add_months(max(s.start for s in streams), 1))
        if rng.random() < 0.1:
            frequency = "monthly"
        cut = term_start(effective, frequency)
        live = [s for s in streams if s.end is None or s.end >= cut]
        if not live:
            break
        for stream in streams:
            _charges_until(cf, stream, cut if stream in live else date.max, today)
        order_id = _order(demo, cf, made, order_id)
        change = rng.uniform(0.7, 1.35)
        for stream in live:
            stream.monthly = int(stream.monthly * change) // 100 * 100
        _start_streams(demo, cf, order_id, live, cut, frequency, superseding=True)
        streams = live
        cf.note(made, "system", f"Variation order of {made:%d %b %Y} registered; new support "
                                f"from {effective:%d %b %Y}.")
        if rng.random() < 0.15:
            _one_off(demo, cf, order_id, "lump_sum", "costs", rng.randrange(5, 40) * 10_000,
                     made + timedelta(days=rng.randrange(30, 90)))
    for stream in streams:
        _charges_until(cf, stream, date.max, today)
    cf.frequency = frequency
    cf.monthly_now = sum(s.monthly for s in streams if s.end is None or s.end >= today)


def _special_expenses(demo: Demo, cf: CaseFile) -> None:
    rng = demo.rng
    if rng.random() >= 0.15:
        return
    last = min(max(c.last_day for c in cf.children), demo.today)
    order_id = cf.orders[0][0]
    for _ in range(rng.randrange(1, 5)):
        span = (last - cf.made_on).days
        if span < 60:
            return
        due = cf.made_on + timedelta(days=rng.randrange(30, span))
        _one_off(demo, cf, order_id, "special_expense", rng.choice(SPECIAL),
                 rng.randrange(15, 150) * 1_000, due)


def add_fee(demo: Demo, cf: CaseFile, due: date, category: str, cents: int) -> None:
    """A program fee, on the order in force when it is charged."""
    order_id = next((oid for oid, made in reversed(cf.orders) if made <= due), cf.orders[0][0])
    _one_off(demo, cf, order_id, "fee", category, cents, due)


def _assignments(demo: Demo, cf: CaseFile) -> None:
    rng, today = demo.rng, demo.today
    if rng.random() >= 0.12 or (today - cf.made_on).days < 200:
        return
    start = cf.made_on + timedelta(days=rng.randrange(0, (today - cf.made_on).days - 100))
    for _ in range(rng.choice((1, 1, 2))):
        start = start.replace(day=1)
        end = add_months(start, rng.randrange(6, 36)) - timedelta(days=1)
        if cf.status != "closed" and (end >= today or rng.random() < 0.15):
            end = None
        elif end >= today:
            end = today - timedelta(days=1)
        demo.sink.add("assignments", {"case_id": cf.id, "start": day(start), "end": day(end),
                                      "assignee": cf.program.assignee})
        cf.note(start, "system", f"Support assigned to the {cf.program.assignee} from "
                                 f"{start:%d %b %Y} (recipient receiving public assistance).")
        if end is None:
            return
        start = end + timedelta(days=rng.randrange(60, 900))
        if start >= today:
            return
