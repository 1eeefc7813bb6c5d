"""Demo people: names, addresses over time, phones, identifiers, income, banks, assets, aliases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from caseworker.demo import places
from caseworker.demo.context import Demo
from caseworker.demo.schedule import add_months
from caseworker.demo.sink import day

LANGUAGES = {"french": ("fr", 0.5), "hispanic": ("es", 0.4), "south_asian": ("pa", 0.2),
             "east_asian": ("zh", 0.25), "african_arabic": ("ar", 0.15),
             "ukrainian_german": ("uk", 0.05)}
ELSEWHERE = {"CA": "CA_OTHER", "US": "US_OTHER"}


@dataclass
class Adult:
    """What the rest of a file needs to know about a payor or recipient."""

    id: int
    given: str
    family: str
    group: str
    monthly_gross: int  # cents
    employed: bool
    employer_id: int | None
    elsewhere: bool


def person_row(demo: Demo, given: str, family: str, birth: date | None, group: str,
               email: bool = False) -> int:
    lang, share = LANGUAGES.get(group, ("en", 0.0))
    language = lang if demo.rng.random() < share else "en"
    address = None
    if email:
        domain = demo.rng.choice(("example.com", "example.net", "example.org"))
        handle = f"{given}.{family}".lower().replace(" ", "").replace("'", "")
        address = f"{handle}{demo.rng.randrange(1, 100)}@{domain}"
    return demo.sink.add("people", {
        "given_name": given, "family_name": family, "birth_date": day(birth),
        "language": language, "email": address})


def child(demo: Demo, family: str, group: str, birth: date) -> int:
    female = demo.rng.random() < 0.5
    return person_row(demo, demo.names.given(group, female), family, birth, group)


def adult(demo: Demo, *, region: str, group: str, female: bool, birth: date, since: date,
          payor: bool, elsewhere: bool = False, family: str | None = None) -> Adult:
    """A payor or recipient with what an officer would have found about them."""
    rng = demo.rng
    given = demo.names.given(group, female)
    family = family or demo.names.family(group)
    person_id = person_row(demo, given, family, birth, group, email=rng.random() < 0.55)
    city = _addresses(demo, person_id, region, since, payor, elsewhere)
    for kind in rng.sample(("mobile", "home", "work"), rng.choice((1, 1, 2, 2, 3))):
        demo.sink.add("phones", {"person_id": person_id, "kind": kind,
                                 "number": places.phone_number(rng, city)})
    _identifiers(demo, person_id, region, payor)
    gross, employed, employer_id = _incomes(demo, person_id, region, since, payor)
    if rng.random() < (0.3 if payor else 0.08):
        _bank_account(demo, person_id, city.country, since)
    if payor and rng.random() < 0.12:
        _asset(demo, person_id, gross)
    if rng.random() < (0.12 if payor else 0.06):
        demo.sink.add("aliases", {"person_id": person_id,
                                  "name": demo.names.alias_for(given, family, female, group)})
    return Adult(person_id, given, family, group, gross, employed, employer_id, elsewhere)


def _addresses(demo: Demo, person_id: int, region: str, since: date, payor: bool,
               elsewhere: bool) -> places.City:
    """An address history with no gaps; returns the city of the current address."""
    rng, today = demo.rng, demo.today
    moves = rng.choice((0, 1, 1, 2, 2, 3) if payor else (0, 0, 1, 1, 2))
    start = since - timedelta(days=rng.randrange(0, 5 * 365))
    starts = [start]
    for _ in range(moves):
        nxt = add_months(starts[-1], rng.randrange(6, 60))
        if nxt >= today:
            break
        starts.append(nxt)
    home = places.CITIES[region]
    city = rng.choice(home)
    for i, valid_from in enumerate(starts):
        last = i == len(starts) - 1
        if last and elsewhere:
            city = rng.choice(places.CITIES[ELSEWHERE[city.country]])
        elif i and rng.random() < 0.4:
            city = rng.choice(home)  # most moves stay in town; some go elsewhere in the region
        valid_to = None if last else starts[i + 1] - timedelta(days=1)
        _address_row(demo, person_id, city, "residential", valid_from, valid_to)
    if rng.random() < 0.06:
        _address_row(demo, person_id, city, "mailing", starts[-1], None, po_box=True)
    return city


def _address_row(demo: Demo, person_id: int, city: places.City, kind: str, valid_from: date,
                 valid_to: date | None, po_box: bool = False) -> None:
    rng = demo.rng
    name, region = places.city_region(city)
    if po_box:
        line1, line2 = f"PO Box {rng.randrange(10, 9999)}", None
    else:
        line1, line2 = places.street_line(rng, city.country), places.unit_line(rng)
    demo.sink.add("addresses", {
        "person_id": person_id, "kind": kind, "line1": line1, "line2": line2, "city": name,
        "region": region, "postal_code": places.postal_code(rng, city), "country": city.country,
        "valid_from": day(valid_from), "valid_to": day(valid_to)})


def _luhn_complete(digits: list[int]) -> list[int]:
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    return digits + [(10 - total % 10) % 10]


def _identifiers(demo: Demo, person_id: int, region: str, payor: bool) -> None:
    rng = demo.rng
    if rng.random() < (0.9 if payor else 0.55):
        if region in ("AB", "BC"):
            first = 6 if region == "AB" else 7
            digits = _luhn_complete([first] + [rng.randrange(10) for _ in range(7)])
            text = "".join(map(str, digits))
            demo.sink.add("identifiers", {"person_id": person_id, "kind": "sin",
                                          "value": f"{text[:3]} {text[3:6]} {text[6:]}"})
        else:
            area = rng.randrange(1, 900)
            area = 667 if area == 666 else area
            value = f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"
            demo.sink.add("identifiers", {"person_id": person_id, "kind": "ssn", "value": value})
    if payor and rng.random() < 0.45:
        n = rng.randrange
        value = {"AB": lambda: f"{n(100000, 999999)}-{n(100, 999)}",
                 "BC": lambda: f"{n(1000000, 9999999)}",
                 "CA": lambda: f"{rng.choice('ABDEFGNRSUWY')}{n(1000000, 9999999)}",
                 "NC": lambda: f"{n(10 ** 8, 10 ** 12)}"}[region]()
        demo.sink.add("identifiers", {"person_id": person_id, "kind": "drivers_licence",
                                      "value": value})


INCOME_KINDS = (("employment", 70), ("self_employment", 9), ("pension", 3), ("disability", 5),
                ("social_assistance", 6), ("unemployment", 4), ("workers_comp", 3))


def _incomes(demo: Demo, person_id: int, region: str, since: date,
             payor: bool) -> tuple[int, bool, int | None]:
    """Income over time; returns (monthly gross in cents, employed now, current employer)."""
    rng, today = demo.rng, demo.today
    if not payor and rng.random() < 0.5:
        return 0, False, None
    kinds, weights = zip(*INCOME_KINDS, strict=True)
    jobs = rng.choice((1, 1, 2, 2, 3))
    start = since - timedelta(days=rng.randrange(0, 3 * 365))
    gross = employer_id = 0
    employed = False
    for i in range(jobs):
        kind = rng.choices(kinds, weights)[0]
        gross = int(rng.lognormvariate(8.35, 0.45)) * 100  # about $4,200 a month, skewed
        if kind in ("social_assistance", "unemployment", "disability", "workers_comp"):
            gross = rng.randrange(900, 2200) * 100
        employer_id = demo.employer(region) if kind == "employment" else None
        last = i == jobs - 1
        end = None
        if not last or rng.random() < 0.12:  # a payor who has just lost work
            end = min(add_months(start, rng.randrange(8, 70)), today - timedelta(days=20))
            if end <= start:
                end = None
        demo.sink.add("income_sources", {
            "person_id": person_id, "kind": kind, "employer_id": employer_id,
            "monthly_gross": gross, "start": day(start), "end": day(end)})
        employed = kind == "employment" and end is None
        if end is None:
            break
        start = end + timedelta(days=rng.randrange(1, 200))
        if start >= today:
            break
    return gross, employed, employer_id if employed else None


def _bank_account(demo: Demo, person_id: int, country: str, since: date) -> None:
    rng = demo.rng
    if country == "CA":
        number = f"{rng.randrange(10000, 99999)}-{rng.randrange(100, 999)}-" \
                 f"{rng.randrange(1000000, 9999999)}"
    else:
        number = f"{rng.randrange(10 ** 9, 10 ** 12)}"
    found = since + timedelta(days=rng.randrange(30, 3000))
    found = min(found, demo.today - timedelta(days=1))
    closed = found + timedelta(days=rng.randrange(90, 900)) if rng.random() < 0.2 else None
    demo.sink.add("bank_accounts", {
        "person_id": person_id, "institution": rng.choice(places.BANKS[country]),
        "account_number": number, "found_on": day(found),
        "closed_on": day(closed if closed and closed < demo.today else None)})


def _asset(demo: Demo, person_id: int, gross: int) -> None:
    rng = demo.rng
    roll = rng.random()
    if roll < 0.55:
        year = demo.today.year - rng.randrange(0, 18)
        kind, text = "vehicle", f"{year} {rng.choice(places.VEHICLES)}"
        value = max(1500, 45000 - (demo.today.year - year) * 2600) * 100
    elif roll < 0.8:
        kind, text = "land", rng.choice(("Residential property (joint title)",
                                         "Acreage, quarter section", "Condominium unit",
                                         "Vacant lot", "Recreational property"))
        value = rng.randrange(80, 650) * 100_000
    elif roll < 0.92:
        kind, text = "business", "Sole proprietorship: " + rng.choice(
            ("contracting", "trucking", "landscaping", "auto repair", "cleaning"))
        value = rng.randrange(5, 120) * 100_000
    else:
        kind, text = "investment", rng.choice(("Registered retirement savings", "401(k) plan",
                                               "Brokerage account", "Term deposit"))
        value = rng.randrange(2, 80) * 100_000
    demo.sink.add("assets", {"person_id": person_id, "kind": kind, "description": text,
                             "estimated_value": value})
