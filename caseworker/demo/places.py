"""Place pools for demo addresses, phones, employers, banks and courts (all written here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random


@dataclass(frozen=True)
class City:
    """A city with the postal prefixes (Canada) or ZIP codes (US) and area codes used there."""

    name: str
    region: str
    country: str
    postal: tuple[str, ...]
    area_codes: tuple[str, ...]


def _cities(region: str, country: str, text: str) -> tuple[City, ...]:
    cities = []
    for line in text.strip().splitlines():
        name, postal, areas = (part.strip() for part in line.split("|"))
        cities.append(City(name, region, country, tuple(postal.split()), tuple(areas.split())))
    return tuple(cities)


CITIES: dict[str, tuple[City, ...]] = {
    "AB": _cities("AB", "CA", """
        Edmonton | T5A T5B T5E T5K T5T T5W T6A T6E T6H T6L T6T T6X | 780 587 825
        Calgary | T2A T2B T2E T2J T2Y T3A T3E T3G T3K T3M | 403 587 825
        Red Deer | T4N T4P T4R | 403 587
        Lethbridge | T1H T1J T1K | 403 587
        Medicine Hat | T1A T1B T1C | 403 587
        Grande Prairie | T8V T8W T8X | 780 587
        Fort McMurray | T9H T9J T9K | 780 587
        St. Albert | T8N | 780 587
        Airdrie | T4A T4B | 403 587
        Sherwood Park | T8A T8H | 780 587
        Spruce Grove | T7X | 780
        Leduc | T9E | 780
        Camrose | T4V | 780
        Lloydminster | T9V | 780
        Cold Lake | T9M | 780
        Wetaskiwin | T9A | 780
        Brooks | T1R | 403
        Okotoks | T1S | 403
        Slave Lake | T0G | 780
    """),
    "BC": _cities("BC", "CA", """
        Vancouver | V5K V5L V5N V5R V5T V6A V6K V6P | 604 778 236
        Surrey | V3S V3T V3W V4N V4A | 604 778 236
        Burnaby | V5A V5C V5E V5H V5J | 604 778
        Richmond | V6X V6Y V7A V7C | 604 778
        Victoria | V8N V8R V8T V8Z V9A | 250 778
        Kelowna | V1W V1X V1Y V1Z | 250 778 236
        Kamloops | V2B V2C V2E V2H | 250 778
        Nanaimo | V9R V9S V9T V9X | 250 778
        Prince George | V2K V2L V2M V2N | 250 778 236
        Abbotsford | V2S V2T V3G | 604 778
        Chilliwack | V2P V2R | 604 778
        Coquitlam | V3B V3C V3J V3K | 604 778
        Langley | V2Y V2Z V3A | 604 778
        Vernon | V1B V1H V1T | 250 778
        Penticton | V2A | 250 778
        Fort St. John | V1J | 250
        Terrace | V8G | 250
        Cranbrook | V1C | 250
        Courtenay | V9N | 250
        Prince Rupert | V8J | 250
    """),
    "CA": _cities("CA", "US", """
        Sacramento | 95811 95815 95817 95820 95822 95823 95824 95828 95838 95842 | 916 279
        Elk Grove | 95624 95757 95758 | 916 279
        Citrus Heights | 95610 95621 | 916
        Rancho Cordova | 95670 95742 | 916
        Folsom | 95630 | 916
        North Highlands | 95660 | 916
        Galt | 95632 | 209
        Roseville | 95661 95678 | 916
        Stockton | 95202 95205 95206 95207 95210 | 209
        Lodi | 95240 95242 | 209
        West Sacramento | 95605 95691 | 916
        Woodland | 95695 95776 | 530
        Fresno | 93702 93704 93722 93727 | 559
        Modesto | 95350 95351 95355 | 209
    """),
    "NC": _cities("NC", "US", """
        Charlotte | 28202 28205 28208 28210 28212 28215 28216 28217 28226 28269 | 704 980
        Matthews | 28104 28105 | 704 980
        Huntersville | 28078 | 704 980
        Cornelius | 28031 | 704
        Mint Hill | 28227 | 704
        Pineville | 28134 | 704
        Gastonia | 28052 28054 28056 | 704 980
        Concord | 28025 28027 | 704 980
        Monroe | 28110 28112 | 704 980
        Mooresville | 28115 28117 | 704 980
        Statesville | 28625 28677 | 704
        Raleigh | 27601 27604 27610 27616 | 919 984
        Greensboro | 27401 27405 27406 | 336 743
        Rock Hill | 29730 29732 | 803
    """),
    "CA_OTHER": _cities("", "CA", """
        Regina SK | S4N S4R S4T | 306 639
        Saskatoon SK | S7H S7K S7L | 306 639
        Winnipeg MB | R2C R2W R3E | 204 431
        Toronto ON | M1B M4C M6H M9V | 416 647
        Ottawa ON | K1K K2B K2J | 613 343
        Hamilton ON | L8L L9C | 905 289
        Whitehorse YT | Y1A | 867
        Halifax NS | B3H B3K | 902 782
    """),
    "US_OTHER": _cities("", "US", """
        Houston TX | 77004 77036 77072 | 713 832
        Phoenix AZ | 85008 85033 85041 | 602 480
        Las Vegas NV | 89101 89115 89121 | 702 725
        Seattle WA | 98106 98118 98133 | 206
        Columbia SC | 29203 29209 | 803
        Atlanta GA | 30310 30315 30349 | 404 470
        Portland OR | 97203 97220 97266 | 503 971
        Reno NV | 89502 89506 | 775
    """),
}

STREET_NAMES = (
    "Maple Aspen Birch Willow Poplar Spruce Tamarack Cedar Juniper Hawthorn Larkspur Prairie "
    "Ridge Valley Meadow Coulee Lakeview Riverbend Parkland Sunset Sunrise Highland Heritage "
    "Pioneer Station Mill Church Railway Centre Main Queen King Victoria Jasper Whyte Glenmore "
    "Magnolia Dogwood Peachtree Oakwood Pinecrest Sycamore Cypress Redwood Sierra Mesa Vista "
    "Mission Arroyo Palomar Fairview Greenfield Brookside Stonegate Wildrose Chinook Foothills"
).split()
STREET_KINDS_CA = ("Street", "Avenue", "Drive", "Crescent", "Road", "Close", "Way", "Place",
                   "Boulevard", "Court", "Terrace", "Gate")
STREET_KINDS_US = ("Street", "Avenue", "Drive", "Lane", "Road", "Court", "Way", "Circle",
                   "Boulevard", "Place", "Trail", "Parkway")
LETTERS = "ABCEGHJKLMNPRSTVWXYZ"  # letters Canada Post uses in postal codes

_EMPLOYER_HEADS = (
    "Northgate Prairie Chinook Bow Valley Fraser Coast Sierra Ridge Piedmont Tidewater "
    "Blue Heron Red Willow Ironwood Silverline Summit Keystone Harbourview Goldfield "
    "Crossroads Evergreen Timberline Clearwater Granite Peak Westwind Eastgate Riverside "
    "Lakeshore Pinnacle Sandhill Copperline"
).split()
_EMPLOYER_TRADES = (
    "Drywall|Trucking|Concrete|Seafoods|Logistics|Textile|Oilfield Services|Roofing|"
    "Landscaping|Auto Body|Electric|Plumbing & Heating|Catering|Home Care|Security|"
    "Janitorial|Farms|Meats|Lumber|Welding|Staffing|Dental Group|Property Management|"
    "Hospitality|Courier|Flooring|Mechanical|Grocers|Tire & Lube|Excavating"
).split("|")
_EMPLOYER_SUFFIX_CA = ("Ltd.", "Inc.", "Corp.", "Ltd.", "Co-op", "Partnership")
_EMPLOYER_SUFFIX_US = ("LLC", "Inc.", "Co.", "LLC", "Corp.", "Group")

BANKS = {
    "CA": ("ATB Financial", "Servus Credit Union", "Royal Bank of Canada", "TD Canada Trust",
           "Scotiabank", "Bank of Montreal", "CIBC", "Vancity", "Coast Capital Savings",
           "Tangerine", "National Bank", "Connect First Credit Union"),
    "US": ("Bank of America", "Wells Fargo", "JPMorgan Chase", "Golden 1 Credit Union",
           "Truist", "First Citizens Bank", "State Employees' Credit Union", "U.S. Bank",
           "PNC Bank", "Navy Federal Credit Union", "Fifth Third Bank"),
}

VEHICLES = ("Ford F-150", "Chevrolet Silverado", "Dodge Ram 1500", "Toyota Corolla",
            "Honda Civic", "GMC Sierra", "Toyota Tacoma", "Nissan Rogue", "Hyundai Elantra",
            "Jeep Wrangler", "Harley-Davidson Street Glide", "Polaris snowmobile",
            "Kia Sorento", "Ford Escape")


def postal_code(rng: Random, city: City) -> str:
    prefix = rng.choice(city.postal)
    if city.country == "CA":
        return f"{prefix} {rng.randrange(10)}{rng.choice(LETTERS)}{rng.randrange(10)}"
    return prefix


def street_line(rng: Random, country: str) -> str:
    kinds = STREET_KINDS_CA if country == "CA" else STREET_KINDS_US
    number = rng.randrange(1, 20000) if rng.random() < 0.6 else rng.randrange(1, 400)
    street = f"{rng.choice(STREET_NAMES)} {rng.choice(kinds)}"
    if country == "CA" and rng.random() < 0.3:  # prairie cities number their streets
        street = f"{rng.randrange(1, 180)} {rng.choice(('Street', 'Avenue'))} NW"
    return f"{number} {street}"


def unit_line(rng: Random) -> str | None:
    roll = rng.random()
    if roll < 0.18:
        return f"Unit {rng.randrange(1, 40)}"
    if roll < 0.3:
        return f"Apt {rng.randrange(101, 2400)}"
    return None


def city_region(city: City) -> tuple[str, str]:
    """The city's name and its province or state (the 'elsewhere' pools carry it in the name)."""
    if city.region:
        return city.name, city.region
    name, region = city.name.rsplit(" ", 1)
    return name, region


def phone_number(rng: Random, city: City) -> str:
    # The 555 exchange keeps demo numbers away from real subscribers.
    return f"{rng.choice(city.area_codes)}-555-{rng.randrange(10000):04d}"


def employer_name(rng: Random, country: str) -> str:
    suffixes = _EMPLOYER_SUFFIX_CA if country == "CA" else _EMPLOYER_SUFFIX_US
    return f"{rng.choice(_EMPLOYER_HEADS)} {rng.choice(_EMPLOYER_TRADES)} {rng.choice(suffixes)}"


# Public employers are common payors of wages on support files.
PUBLIC_EMPLOYERS = {
    "AB": ("City of Edmonton", "City of Calgary", "Alberta Health Services",
           "Edmonton Public Schools", "Government of Alberta"),
    "BC": ("City of Surrey", "Fraser Health Authority", "BC Ferries", "Province of British "
           "Columbia", "Vancouver School Board"),
    "CA": ("County of Sacramento", "Sacramento City Unified School District", "State of "
           "California", "Sacramento Regional Transit"),
    "NC": ("City of Charlotte", "Mecklenburg County", "Charlotte-Mecklenburg Schools",
           "Atrium Health"),
}


def court_name(policy: str, made_on: date, superior: bool) -> str:
    """The court that made an order, with the names courts had on that date."""
    if policy == "ab-mep":
        if superior:
            king = made_on >= date(2022, 9, 8)
            return f"Court of {'King' if king else 'Queen'}'s Bench of Alberta"
        return ("Alberta Court of Justice" if made_on >= date(2023, 1, 1)
                else "Provincial Court of Alberta")
    if policy == "bc-fmep":
        return ("Supreme Court of British Columbia" if superior
                else "Provincial Court of British Columbia")
    if policy == "ca-county":
        return "Superior Court of California, County of Sacramento"
    return "District Court, Mecklenburg County"
