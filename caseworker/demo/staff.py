"""The demo office: officers in teams, their supervisors, an investigator, an administrator."""

from __future__ import annotations

from caseworker.demo.context import Staff
from caseworker.demo.sink import Sink

TEAMS = ("North", "South", "Central")

# (username, full name, role, team); the first officer is the default user.
USERS = (
    ("mkowalchuk", "Megan Kowalchuk", "officer", "North"),
    ("dsidhu", "Daljit Sidhu", "officer", "North"),
    ("jtremblay", "Josee Tremblay", "officer", "North"),
    ("rgarcia", "Rosa Garcia", "officer", "South"),
    ("twashington", "Terrell Washington", "officer", "South"),
    ("bcardinal", "Brenda Cardinal", "officer", "South"),
    ("kwong", "Kevin Wong", "officer", "Central"),
    ("lmacdonald", "Lindsay MacDonald", "officer", "Central"),
    ("hfriesen", "Heidi Friesen", "supervisor", "North"),
    ("aokafor", "Adaeze Okafor", "supervisor", "South"),
    ("gbains", "Gurdeep Bains", "investigator", None),
    ("admin", "Pat Morrison", "administrator", None),
    ("fsantos", "Felipe Santos", "officer", "Central"),
)

# Central has no supervisor of its own; North's supervisor covers it.
SUPERVISES = {"North": "hfriesen", "Central": "hfriesen", "South": "aokafor"}


def make_staff(sink: Sink) -> tuple[Staff, str]:
    """Write the users; returns who is who and the default user's name."""
    ids: dict[str, int] = {}
    officers = []
    for username, full_name, role, team in USERS:
        # An officer who has left keeps their history but signs in no more.
        active = username != "fsantos"
        ids[username] = sink.add("users", {"username": username, "full_name": full_name,
                                           "role": role, "team": team, "active": active})
        if role == "officer" and active:
            officers.append((ids[username], team))
    staff = Staff(officers=tuple(officers),
                  supervisors={team: ids[name] for team, name in SUPERVISES.items()},
                  investigator=ids["gbains"], administrator=ids["admin"])
    return staff, USERS[0][0]
