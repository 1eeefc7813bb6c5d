"""Demo running-record entries: what officers write down, in their own short style."""

from __future__ import annotations

from datetime import date, timedelta

from caseworker.demo.context import Demo
from caseworker.demo.plan import CaseFile
from caseworker.demo.sink import local_stamp

# (kind, weight, text); {p} is the payor, {r} the recipient, {d} a recent date, {a} an amount.
CONTACTS = (
    ("call_in", 6, "{r} called: asked when the next payment will be sent. Explained the "
                   "disbursement schedule."),
    ("call_in", 5, "{p} called about the balance owing; gave the figure and mailed a statement."),
    ("call_in", 3, "{p} called: lost their job on {d}; advised to send proof and apply to vary "
                   "if income stays down."),
    ("call_in", 3, "{r} called: payor now working for a new employer; details taken, will "
                   "verify."),
    ("call_in", 2, "{r} called upset about missed payments; explained the enforcement steps "
                   "already taken."),
    ("call_out", 5, "Called {p} about the missed payment; no answer, left a message to call "
                    "back."),
    ("call_out", 4, "Called {p}: says payment of {a} will be made by the end of the month."),
    ("call_out", 3, "Called employer payroll to confirm the deduction notice is in place; "
                    "confirmed."),
    ("call_out", 2, "Called {r} to confirm the current address; no change."),
    ("letter", 5, "Statement of account mailed to {p}."),
    ("letter", 4, "Letter to {p}: arrears of {a}; asked for a financial statement within 30 "
                  "days."),
    ("letter", 3, "Letter received from {r} with a change of address."),
    ("letter", 2, "Mail to {p} returned undeliverable; address flagged for locate."),
    ("note", 6, "File reviewed. Payments coming in as ordered; no action needed."),
    ("note", 4, "File reviewed. Arrears of {a}; next step is a demand letter."),
    ("note", 3, "Employment search done: no new employer found."),
    ("note", 3, "Checked for a new address through the licensing registry; no change."),
    ("note", 2, "Financial statement received from {p}; reviewed ability to pay."),
    ("note", 2, "Supervisor consulted on next enforcement step; agreed to continue."),
    ("visit", 1, "{p} came to the counter and paid {a} by debit; receipt given."),
    ("visit", 1, "Field visit to the last known address of {p}; a neighbour says they "
                 "moved out."),
)
RECORD_COLUMNS = ("id", "uid", "case_id", "at", "author_id", "kind", "text", "corrects_id")
_KINDS = tuple(c[0] for c in CONTACTS)
_WEIGHTS = tuple(c[1] for c in CONTACTS)


def write_record(demo: Demo, cf: CaseFile) -> None:
    """The file's running record: what the generator noted plus everyday contacts."""
    rng, today, sink = demo.rng, demo.today, demo.sink
    payor = f"{cf.payor.given} {cf.payor.family}"
    recipient = f"{cf.recipient.given} {cf.recipient.family}"
    last = cf.closed_on or today
    span = max(1, (last - cf.opened_on).days)
    count = min(40, int(span / 365 * rng.uniform(0.6, 2.2)) + rng.randrange(1, 4))
    entries = [(e.on, e.kind, e.text, cf.officer_id) for e in cf.events]
    amount = f"${max(cf.owed, cf.monthly_now, 10_000) / 100:,.2f}"
    for _ in range(count):
        # Recent months are busier on the record than the file's early years.
        offset = int(span * (1 - rng.random() ** 0.6))
        on = cf.opened_on + timedelta(days=offset)
        if on.weekday() >= 5:  # offices are closed at the weekend
            on -= timedelta(days=on.weekday() - 4)
        i = rng.choices(range(len(CONTACTS)), _WEIGHTS)[0]
        text = CONTACTS[i][2].format(p=payor, r=recipient, a=amount,
                                     d=f"{on - timedelta(days=rng.randrange(3, 40)):%d %b %Y}")
        author = cf.officer_id
        if _KINDS[i] == "visit" and "Field" in text:
            author = demo.staff.investigator
        entries.append((on, _KINDS[i], text, author))
    entries.sort(key=lambda e: e[0])
    offset_h, rnd, rows, case_id = cf.program.utc_offset, rng.random, demo.record_rows, cf.id
    first = sink.reserve("record_entries", len(entries))
    for n, (on, kind, text, author) in enumerate(entries):
        on = min(max(on, cf.opened_on), today)
        rows.append((first + n, sink.uid(), case_id,
                     local_stamp(on, 480 + int(rnd() * 540), offset_h), author, kind, text, None))


def opening_notes(cf: CaseFile) -> None:
    """The entries every file starts with."""
    made: date = cf.made_on
    cf.note(cf.opened_on, "system", f"File registered with the program; order of "
                                    f"{made:%d %b %Y} filed by the recipient.")
    if cf.flags.get("family_violence"):
        cf.note(cf.opened_on, "note", "Family violence flag set: the recipient's address and "
                                      "location must not be disclosed to the payor.")
    if cf.flags.get("safety_risk"):
        cf.note(cf.opened_on, "note", "Safety risk: payor threatened staff on the phone; no "
                                      "field visits alone.")
    if cf.flags.get("interjurisdictional"):
        cf.note(cf.opened_on, "note", "Payor lives outside the program's jurisdiction; "
                                      "reciprocal enforcement requested.")
