"""Due dates of periodic terms (the LEDGER.md rules) and small date helpers for the generator."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=65536)  # due dates repeat across thousands of files
def clamp(year: int, month: int, day: int) -> date:
    """The day in that month, or the month's last day when it is too short."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(on: date, months: int, day: int | None = None) -> date:
    index = on.year * 12 + on.month - 1 + months
    return clamp(index // 12, index % 12 + 1, on.day if day is None else day)


def add_years(on: date, years: int) -> date:
    # A 29 February birthday falls on 28 February in other years.
    return clamp(on.year + years, on.month, on.day)


def first_of_next_month(on: date) -> date:
    return add_months(on.replace(day=1), 1)


def due_dates(frequency: str, start: date, end: date, *, day: int | None = None,
              days: tuple[int, ...] = (1, 15)) -> list[date]:
    """Every due date of a periodic term from start to end, both inclusive."""
    if end < start:
        return []
    if frequency in ("weekly", "biweekly"):
        step = timedelta(days=7 if frequency == "weekly" else 14)
        out, current = [], start
        while current <= end:
            out.append(current)
            current += step
        return out
    wanted = days if frequency == "semi_monthly" else (day or start.day,)
    stride = {"monthly": 1, "semi_monthly": 1, "quarterly": 3, "annually": 12}[frequency]
    out = []
    year, month = start.year, start.month
    while True:
        for want in wanted:
            due = clamp(year, month, want)
            if due > end:
                return out
            if due >= start:
                out.append(due)
        index = year * 12 + month - 1 + stride
        year, month = index // 12, index % 12 + 1
