"""What every part of the generator shares: the seeded random source, today, staff, pools."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from random import Random

from caseworker.demo import places
from caseworker.demo.names import NamePicker
from caseworker.demo.sink import Sink
from caseworker.paths import resource


@dataclass(frozen=True)
class Program:
    """One enforcement program the demo spreads files over."""

    policy: str
    prefix: str
    region: str
    country: str
    currency: str
    utc_offset: int  # standard time; close enough for demo timestamps
    assignee: str
    majority: int


# Ages of majority as the programs apply them; a shipped policy file overrides them.
PROGRAMS = (
    Program("ab-mep", "AB", "AB", "CA", "CAD", -7, "crown", 18),
    Program("bc-fmep", "BC", "BC", "CA", "CAD", -8, "crown", 19),
    Program("ca-county", "CA", "CA", "US", "USD", -8, "state", 18),
    Program("nc-county", "NC", "NC", "US", "USD", -5, "state", 18),
)
PROGRAM_WEIGHTS = (36, 28, 20, 16)


def _policy_majority(program: Program) -> int:
    """The age of majority from the program's policy file when it names one."""
    path = resource("policies", f"{program.policy}.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return program.majority
    for holder in (data, data.get("children", {}), data.get("terms", {})):
        value = holder.get("age_of_majority") if isinstance(holder, dict) else None
        if isinstance(value, int) and 16 <= value <= 21:
            return value
    return program.majority


def programs() -> tuple[Program, ...]:
    return tuple(Program(**{**p.__dict__, "majority": _policy_majority(p)}) for p in PROGRAMS)


@dataclass(frozen=True)
class Staff:
    """The users the files are spread over."""

    officers: tuple[tuple[int, str], ...]  # (user id, team)
    supervisors: dict[str, int]  # team -> supervisor id
    investigator: int
    administrator: int


@dataclass
class Demo:
    """The generator's shared state for one build."""

    rng: Random
    today: date
    sink: Sink
    staff: Staff
    names: NamePicker
    employers: dict[str, list[int]] = field(default_factory=dict)
    # Tuples for the two biggest tables, in PAYMENT_COLUMNS and RECORD_COLUMNS order.
    payment_rows: list[tuple] = field(default_factory=list)
    record_rows: list[tuple] = field(default_factory=list)
    # Recent payors per program, some of whom turn up again on a second family's file.
    payors: dict[str, list] = field(default_factory=dict)

    def employer(self, region: str) -> int:
        """An employer in the region, creating the region's pool on first use."""
        pool = self.employers[region]
        if self.rng.random() < 0.15:
            return pool[self.rng.randrange(len(places.PUBLIC_EMPLOYERS[region]))]
        return self.rng.choice(pool)

    def make_employers(self, region: str, count: int) -> None:
        rng, pool = self.rng, []
        country = places.CITIES[region][0].country
        names = list(places.PUBLIC_EMPLOYERS[region])
        names += [places.employer_name(rng, country) for _ in range(count)]
        for name in names:
            city = rng.choice(places.CITIES[region])
            pool.append(self.sink.add("employers", {
                "name": name, "line1": places.street_line(rng, country), "city": city.name,
                "region": region, "postal_code": places.postal_code(rng, city),
                "country": country, "phone": places.phone_number(rng, city),
                "payroll_contact": rng.choice(("Payroll", "Payroll Department", "HR / Payroll",
                                               "Accounts Payable", None))}))
        self.employers[region] = pool
