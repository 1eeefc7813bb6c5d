"""A fresh office database with users and one file registered through intake (for services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseworker.models import User
from caseworker.models.db import Database, create_database
from caseworker.services.context import Actor, actor_for
from caseworker.services.intake import FileInput, PartyInput, register_file
from caseworker.services.orders import TermInput

TODAY = date(2026, 11, 23)


@dataclass
class Office:
    """The open database, its people and the registered file."""

    db: Database
    officer: Actor
    other_officer: Actor
    supervisor: Actor
    investigator: Actor
    case_id: int


def recipient() -> PartyInput:
    return PartyInput(given_name="Mary", family_name="Lee", line1="5 Hidden Lane",
                      city="Red Deer", region="AB", postal_code="t4n 1a1", country="CA")


def sample_file(**overrides) -> FileInput:
    given = FileInput(
        policy="generic", payor=PartyInput(given_name="John", family_name="Lee",
                                           birth_date="1980-02-29", employer="Northwind"),
        recipient=recipient(),
        children=[PartyInput(given_name="Kim", family_name="Lee", birth_date="2012-06-01")],
        court="Court of King's Bench", order_made_on="2024-12-15",
        terms=[TermInput(kind="periodic", amount="400.00", frequency="monthly", day=1,
                         start="2025-01-01", end="2030-05-31", child_index=0)])
    for key, value in overrides.items():
        setattr(given, key, value)
    return given


def make_office(path) -> Office:
    db = create_database(path)
    with db.session() as s:
        s.add_all([User(username="olivia", full_name="Olivia Officer", role="officer",
                        team="North"),
                   User(username="oscar", full_name="Oscar Other", role="officer", team="North"),
                   User(username="sue", full_name="Sue Supervisor", role="supervisor",
                        team="North"),
                   User(username="ivan", full_name="Ivan Investigator", role="investigator",
                        team="North")])
    with db.session() as s:
        actors = [actor_for(s, name) for name in ("olivia", "oscar", "sue", "ivan")]
    with db.session() as s:
        case_id = register_file(s, actor=actors[0], given=sample_file(), today=TODAY)
    return Office(db, *actors, case_id)
