"""How values are written on screen: money, dates, local times and code words."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal


def money(amount: Decimal | None) -> str:
    """`$1,234.50`, `-$100.00`, or empty for no figure; Decimal throughout, never float."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def day(value: date | None) -> str:
    """An ISO date (unambiguous in both Canadian and US offices), or empty."""
    return value.isoformat() if value else ""


def local_time(at: datetime | None) -> str:
    """A stored UTC timestamp in the workstation's local time, to the minute."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else ""


# Code words whose written form is not the code with spaces (an apostrophe, an acronym).
WORDS = {"drivers_licence": "Driver's licence", "eft": "EFT", "nsf": "NSF"}


def label(code: str | None) -> str:
    """A stored code word as people write it: `family_violence` -> `Family violence`."""
    if not code:
        return ""
    return WORDS.get(code) or code.replace("_", " ").capitalize()


# How often a term or an arrangement falls due, in the same words in every dialog.
FREQUENCY_LABELS = {"monthly": "Monthly", "semi_monthly": "Twice a month", "weekly": "Weekly",
                    "biweekly": "Every two weeks", "quarterly": "Quarterly",
                    "annually": "Annually"}


def frequency(code: str | None) -> str:
    """`biweekly` -> `Every two weeks`: the one table of frequency words."""
    if not code:
        return ""
    return FREQUENCY_LABELS.get(code) or label(code)
