"""One demo file from start to finish: program, status, flags, people, then the rest."""

from __future__ import annotations

from datetime import date, timedelta

from caseworker.demo import people
from caseworker.demo.context import PROGRAM_WEIGHTS, Demo, Program
from caseworker.demo.orders import make_orders
from caseworker.demo.payments import simulate
from caseworker.demo.plan import CaseFile, Child
from caseworker.demo.record import opening_notes, write_record
from caseworker.demo.schedule import add_years
from caseworker.demo.sink import day
from caseworker.demo.work import write_work

STATUSES = (("open", 33), ("enforcement", 25), ("arrangement", 10), ("suspended", 6),
            ("closed", 26))
FLAG_RATES = {"family_violence": 0.035, "safety_risk": 0.02, "bankruptcy": 0.015,
              "incarcerated": 0.015, "deceased": 0.005, "interjurisdictional": 0.06}
YEAR = 365.25


class FileNumbers:
    """File numbers like AB-2011-00042: the program, the year opened, a count in that year."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, int], int] = {}

    def next(self, prefix: str, year: int) -> str:
        n = self.counts.get((prefix, year), 0) + 1
        self.counts[(prefix, year)] = n
        return f"{prefix}-{year}-{n:05d}"


def _days(years: float) -> timedelta:
    return timedelta(days=int(years * YEAR))


def _timeline(demo: Demo, program: Program, status: str, n_children: int):
    """When the order was made, when the file opened, and the children's birth dates."""
    rng, today = demo.rng, demo.today
    oldest_allowed = today - _days(25)
    majority = program.majority
    if status == "closed":
        # Support ended some time ago, after the youngest came of age.
        youngest_majority = today - timedelta(days=rng.randrange(150, 8 * 365))
        youngest_birth = youngest_majority - _days(majority)
        duration = rng.uniform(2, min(majority - 0.5, 17))
        made_on = max(youngest_majority - _days(duration), oldest_allowed,
                      youngest_birth + timedelta(days=60))
    else:
        years_ago = 25 * rng.random() ** 1.6
        made_on = max(today - _days(years_ago) - timedelta(days=30), oldest_allowed)
        age = rng.uniform(0, majority - 2)
        if status == "open":  # an open file still has a child to support
            age = min(age, max(0.0, majority - years_ago - 0.5))
        elif status != "closed":  # support ran into the years the payor stopped paying
            age = min(age, max(0.0, majority - years_ago + 1.0))
        youngest_birth = made_on - _days(age)
    lag = rng.choices((rng.randrange(0, 90), rng.randrange(90, 365), rng.randrange(365, 2200)),
                      (70, 20, 10))[0]
    opened_on = min(made_on + timedelta(days=lag), today - timedelta(days=10))
    if status == "closed":
        opened_on = min(opened_on, youngest_majority - timedelta(days=90))
    opened_on = max(opened_on, made_on)
    births = [youngest_birth]
    for _ in range(n_children - 1):
        older = births[-1] - timedelta(days=rng.randrange(330, 6 * 365))
        if (made_on - older).days >= (majority - 1) * YEAR:
            break
        births.append(older)
    return made_on, opened_on, births


def make_case(demo: Demo, case_id: int, programs: tuple[Program, ...],
              numbers: FileNumbers) -> None:
    """Plan and write one whole file."""
    rng = demo.rng
    program = rng.choices(programs, PROGRAM_WEIGHTS)[0]
    status = rng.choices(*zip(*STATUSES, strict=True))[0]
    flags = {flag: rng.random() < rate for flag, rate in FLAG_RATES.items()}
    if flags["deceased"] and status not in ("closed", "suspended"):
        status = "suspended"
    if flags["incarcerated"] and status == "open":
        status = "suspended"
    officer_id, team = rng.choice(demo.staff.officers)
    n_children = rng.choices((1, 2, 3, 4), (45, 35, 15, 5))[0]
    made_on, opened_on, births = _timeline(demo, program, status, n_children)
    cf = CaseFile(id=case_id, program=program, status=status, officer_id=officer_id, team=team,
                  supervisor_id=demo.staff.supervisors[team], made_on=made_on,
                  opened_on=opened_on, flags=flags)
    _parties(demo, cf, births)
    opening_notes(cf)
    make_orders(demo, cf)
    simulate(demo, cf)
    write_work(demo, cf)
    write_record(demo, cf)
    demo.sink.add("cases", {
        "id": case_id, "file_no": numbers.next(program.prefix, opened_on.year),
        "status": status, "officer_id": officer_id, "team": team, "policy": program.policy,
        "currency": program.currency, "opened_on": day(opened_on),
        "closed_on": day(cf.closed_on), **flags})


def _parties(demo: Demo, cf: CaseFile, births: list[date]) -> None:
    rng, region = demo.rng, cf.program.region
    payor_female = rng.random() < 0.14
    recipient_female = not payor_female if rng.random() < 0.97 else payor_female
    group = demo.names.group(region)
    partner_group = group if rng.random() < 0.75 else demo.names.group(region)
    since = cf.made_on - timedelta(days=rng.randrange(0, 3 * 365))
    payor_birth = births[-1] - timedelta(days=rng.randrange(20 * 365, 42 * 365))
    known = demo.payors.setdefault(cf.program.policy, [])
    if known and rng.random() < 0.03 and not cf.flags["deceased"]:
        cf.payor = rng.choice(known)  # a payor with a second family, owing on two files
        group = cf.payor.group
    else:
        cf.payor = people.adult(
            demo, region=region, group=group, female=payor_female, birth=payor_birth,
            since=since, payor=True, elsewhere=cf.flags["interjurisdictional"])
        if len(known) < 500:
            known.append(cf.payor)
        else:
            known[rng.randrange(500)] = cf.payor
    recipient_birth = payor_birth + timedelta(days=rng.randrange(-6 * 365, 8 * 365))
    cf.recipient = people.adult(
        demo, region=region, group=partner_group, female=recipient_female,
        birth=recipient_birth, since=since, payor=False)
    family = cf.payor.family if rng.random() < 0.7 else cf.recipient.family
    for birth in sorted(births):
        child_id = people.child(demo, family, group, birth)
        last_day = add_years(birth, cf.program.majority) - timedelta(days=1)
        cf.children.append(Child(child_id, birth, last_day))
    for person_id, role in ([(cf.payor.id, "payor"), (cf.recipient.id, "recipient")]
                            + [(c.id, "child") for c in cf.children]):
        demo.sink.add("case_parties", {"case_id": cf.id, "person_id": person_id, "role": role})
