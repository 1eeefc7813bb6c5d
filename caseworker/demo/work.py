"""Demo enforcement work: actions, stays, the bring-forward task list and referrals."""

from __future__ import annotations

from datetime import date, timedelta

from caseworker.demo.context import Demo
from caseworker.demo.orders import add_fee
from caseworker.demo.plan import CaseFile
from caseworker.demo.sink import day

ACTIONS = {
    "CA": (("income_deduction", "Support deduction notice served on the employer"),
           ("federal_garnishment", "Federal garnishment of federal payments"),
           ("drivers_licence", "Driver's licence suspension requested"),
           ("passport_denial", "Passport refusal requested"),
           ("credit_bureau", "Reported to the credit bureau"),
           ("land_title_writ", "Writ registered against land titles"),
           ("bank_garnishment", "Garnishee summons served on the bank"),
           ("default_hearing", "Default hearing scheduled")),
    "US": (("income_withholding", "Income withholding order sent to the employer"),
           ("tax_refund_offset", "Certified for federal and state tax refund offset"),
           ("drivers_licence", "Driver's licence suspension notice sent"),
           ("passport_denial", "Certified for passport denial"),
           ("credit_bureau", "Reported to the consumer credit agencies"),
           ("property_lien", "Lien recorded against real property"),
           ("bank_levy", "Financial institution levy served"),
           ("contempt_hearing", "Show-cause hearing for contempt scheduled")),
}
STAY_REASONS = (
    "Court stay pending the payor's application to vary",
    "Hardship review: enforcement paused while the payor's finances are assessed",
    "Payor incarcerated: enforcement suspended until release",
    "Payor in hospital long term: enforcement suspended",
)
TASKS = {
    "open": (("review", "Review the file and the payment history"),
             ("call_back", "Call the recipient back about the disbursement"),
             ("document_due", "Financial disclosure due from the payor"),
             ("annual_review", "Annual review of the order and income")),
    "enforcement": (("review_enforcement", "Review enforcement: payments not resumed"),
                    ("check_employment", "Check for a new employer"),
                    ("default_hearing", "Prepare the default hearing materials"),
                    ("demand_letter", "Send a demand letter for the arrears")),
    "arrangement": (("arrangement_review", "Check the arrangement payment arrived"),
                    ("arrangement_review", "Review the arrangement with the payor")),
    "suspended": (("stay_expiry", "Stay ends soon: decide the next step"),
                  ("locate", "Locate the payor: mail returned")),
}
OTHER_PROGRAMS = {
    "CA": ("Ontario Family Responsibility Office", "Saskatchewan Maintenance Enforcement",
           "Manitoba Maintenance Enforcement", "Nova Scotia MEP"),
    "US": ("Texas OAG Child Support Division", "Arizona DCSS", "Nevada Child Support",
           "Washington DCS", "Georgia DCSS"),
}


def write_work(demo: Demo, cf: CaseFile) -> None:
    """Enforcement actions, stays, tasks and referrals that fit the file's status."""
    _actions(demo, cf)
    stay_end = _stays(demo, cf)
    _tasks(demo, cf, stay_end)
    _referrals(demo, cf)


def _action_row(demo: Demo, cf: CaseFile, kind: str, label: str, start: date,
                ended: date | None, status: str) -> None:
    demo.sink.add("enforcement_actions", {
        "case_id": cf.id, "kind": kind, "status": status, "started": day(start),
        "ended": day(ended), "note": None})
    cf.note(start, "system", f"Enforcement: {label}.")


def _actions(demo: Demo, cf: CaseFile) -> None:
    rng, today = demo.rng, demo.today
    choices = ACTIONS[cf.program.country]
    if cf.payor.employer_id is not None and cf.status in ("open", "arrangement") and \
            rng.random() < 0.5:
        kind, label = choices[0]
        start = cf.opened_on + timedelta(days=rng.randrange(20, 90))
        if start < today:
            _action_row(demo, cf, kind, label, start, None, "active")
    if cf.status == "closed" and rng.random() < 0.4:
        kind, label = choices[0]
        start = cf.opened_on + timedelta(days=rng.randrange(20, 90))
        if start < cf.closed_on:
            _action_row(demo, cf, kind, label, start, cf.closed_on, "ended")
    if cf.status not in ("enforcement", "arrangement", "suspended"):
        return
    start = cf.enforcement_from or cf.arrangement_from or today - timedelta(days=120)
    start = min(max(start, cf.opened_on + timedelta(days=30)), today - timedelta(days=3))
    picks = rng.sample(choices, rng.choice((1, 2, 2, 3, 4)))
    for kind, label in picks:
        if start >= today:
            break
        ended, status = None, "active"
        if cf.status == "arrangement" and rng.random() < 0.6:
            ended, status = cf.arrangement_from or start, "withdrawn"
            if ended < start:
                ended = start
        _action_row(demo, cf, kind, label, start, ended, status)
        if cf.program.country == "US" and kind == "drivers_licence" and rng.random() < 0.5:
            add_fee(demo, cf, start, "licence_reinstatement_fee", 5_000)
        start += timedelta(days=rng.randrange(20, 120))
    if cf.program.policy == "ab-mep" and cf.status == "enforcement" and rng.random() < 0.5:
        # A monthly default fee while the payor is in default (charged as it accrued).
        fee_day = start.replace(day=1)
        while fee_day < today:
            add_fee(demo, cf, fee_day, "default_fee", 2_500)
            fee_day = date(fee_day.year + fee_day.month // 12, fee_day.month % 12 + 1, 1)


def _stays(demo: Demo, cf: CaseFile) -> date | None:
    """Write the file's stays; returns the end of the one in force, if any."""
    rng, today = demo.rng, demo.today
    in_force_end = None
    if cf.status == "suspended" or (cf.status == "enforcement" and rng.random() < 0.15):
        start = max(cf.enforcement_from or cf.opened_on, cf.opened_on) + \
            timedelta(days=rng.randrange(10, 60))
        start = min(start, today - timedelta(days=2))
        roll = rng.random()
        end = (today + timedelta(days=rng.randrange(1, 15)) if roll < 0.4 else
               None if roll < 0.7 else today + timedelta(days=rng.randrange(15, 180)))
        if cf.flags.get("incarcerated"):
            reason = STAY_REASONS[2]
        elif cf.flags.get("deceased"):
            reason, end = "Payor deceased: claim filed against the estate", None
        else:
            reason = rng.choice(STAY_REASONS[:2] + STAY_REASONS[3:])
        scope = "all" if cf.status == "suspended" else "drivers_licence"
        demo.sink.add("stays", {"case_id": cf.id, "scope": scope, "reason": reason,
                                "start": day(start), "end": day(end)})
        cf.note(start, "note", f"Stay ({scope}): {reason}.")
        in_force_end = end
    if cf.flags.get("bankruptcy"):
        start = max(cf.opened_on, today - timedelta(days=rng.randrange(30, 900)))
        end = start + timedelta(days=rng.randrange(270, 1100))
        scope = "land_title_writ" if cf.program.country == "CA" else "property_lien"
        reason = "Bankruptcy: stay against property of the estate (support is not discharged)"
        demo.sink.add("stays", {"case_id": cf.id, "scope": scope, "reason": reason,
                                "start": day(start), "end": day(end)})
        cf.note(start, "note", f"Stay ({scope}): {reason}.")
    if cf.status == "arrangement" and rng.random() < 0.4 and cf.arrangement_from:
        end = None if rng.random() < 0.5 else today + timedelta(days=rng.randrange(1, 120))
        demo.sink.add("stays", {
            "case_id": cf.id, "scope": "drivers_licence", "start": day(cf.arrangement_from),
            "reason": "Licence suspension stayed while the arrangement is kept", "end": day(end)})
    if rng.random() < 0.06 and (today - cf.opened_on).days > 800:
        start = cf.opened_on + timedelta(days=rng.randrange(100, (today - cf.opened_on).days
                                                            - 400))
        demo.sink.add("stays", {"case_id": cf.id, "scope": "all", "reason": STAY_REASONS[0],
                                "start": day(start),
                                "end": day(start + timedelta(days=rng.randrange(60, 300)))})
    return in_force_end


def _tasks(demo: Demo, cf: CaseFile, stay_end: date | None) -> None:
    rng, today = demo.rng, demo.today
    last = cf.closed_on or today
    for _ in range(rng.randrange(0, 4)):  # finished bring-forwards from the file's past
        if (last - cf.opened_on).days < 30:
            break
        due = cf.opened_on + timedelta(days=rng.randrange(14, (last - cf.opened_on).days))
        kind, text = rng.choice(TASKS["open"])
        done = min(due + timedelta(days=rng.randrange(-3, 10)), last)
        _task(demo, cf, cf.officer_id, due, kind, text, done)
    if cf.status == "closed":
        return
    count = rng.choices((0, 1, 2), (22, 60, 18))[0]
    if stay_end is not None and stay_end <= today + timedelta(days=14):
        count = max(count, 1)
    for i in range(count):
        kind, text = rng.choice(TASKS[cf.status])
        if i == 0 and stay_end is not None and stay_end <= today + timedelta(days=14):
            kind, text = "stay_expiry", f"Stay ends {stay_end:%d %b %Y}: decide the next step"
            due = stay_end - timedelta(days=7)
        else:
            roll = rng.random()
            due = (today - timedelta(days=rng.randrange(1, 30)) if roll < 0.12 else
                   today if roll < 0.18 else today + timedelta(days=rng.randrange(1, 90)))
        who = demo.staff.investigator if kind == "locate" else cf.officer_id
        _task(demo, cf, who, due, kind, text, None)


def _task(demo: Demo, cf: CaseFile, who: int, due: date, kind: str, text: str,
          done: date | None) -> None:
    demo.sink.add("tasks", {"case_id": cf.id, "assigned_to": who, "due": day(due),
                            "kind": kind, "description": text, "done_on": day(done)})


def _referrals(demo: Demo, cf: CaseFile) -> None:
    rng, today = demo.rng, demo.today
    made = min(cf.opened_on + timedelta(days=rng.randrange(10, 90)), today)
    if cf.flags.get("interjurisdictional"):
        to = rng.choice(OTHER_PROGRAMS[cf.program.country])
        demo.sink.add("referrals", {
            "case_id": cf.id, "to": to, "made_on": day(made),
            "reason": "Payor lives there: reciprocal enforcement of the order",
            "status": "closed" if cf.status == "closed" else rng.choice(("open", "accepted"))})
    if cf.status == "suspended" and rng.random() < 0.4:
        demo.sink.add("referrals", {
            "case_id": cf.id, "to": "Locate unit", "reason": "Payor's whereabouts unknown",
            "made_on": day(today - timedelta(days=rng.randrange(5, 200))), "status": "open"})
    if cf.status == "enforcement" and rng.random() < 0.12:
        demo.sink.add("referrals", {
            "case_id": cf.id, "to": "Legal services", "made_on": day(
                today - timedelta(days=rng.randrange(5, 150))),
            "reason": "Default hearing: arrears not paid after enforcement", "status": "open"})
