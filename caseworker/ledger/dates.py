"""Dates as ordinal integers, and the due dates of a schedule computed arithmetically."""

from __future__ import annotations

import calendar
from bisect import bisect_left
from datetime import date
from typing import Final

from caseworker.ledger.errors import reject

# Months between due dates, and days between due dates, per frequency.
MONTH_STEPS = {"monthly": 1, "semi_monthly": 1, "quarterly": 3, "annually": 12}
DAY_STEPS = {"weekly": 7, "biweekly": 14}
FREQUENCIES = tuple(MONTH_STEPS) + tuple(DAY_STEPS)
# Compiled by mypyc (docs/ledger.md, Speed), this module is a shared library, not a .py file;
# the compiled modules are compiled together or not at all (native.py), so one flag serves.
COMPILED: Final = not __file__.endswith(".py")
TWO_DIGITS: Final = tuple(f"{i:02d}" for i in range(100))

# The calendar ends on 9999-12-31 (Python's date.max). The engine looks ahead of the dates
# it is given: a statement carries charges to the end of the as-of month and to the end of
# the arrangement period under way (up to a year ahead), and interest postings are listed
# month by month, each needing the first day of the month after it. So:
LAST_DAY = date.max.toordinal()
LAST_AS_OF = date(9998, 12, 31).toordinal()     # the latest as-of date of a statement
LAST_HORIZON = date(9999, 11, 30).toordinal()   # the latest day a projection runs to


def ordinal_of(text: str) -> int:
    """The ordinal of a valid `YYYY-MM-DD` text of ASCII digits, else 0 (never an ordinal).

    Compiled, plain character arithmetic is a small part of the cost of a date object, and a
    30-year file has thousands of dates; interpreted, the datetime module's C code is faster
    (tests/ledger/test_dates.py checks both against it)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return 0
    if not COMPILED:
        if not (text.isascii() and text[:4].isdigit() and text[5:7].isdigit()
                and text[8:].isdigit()):
            return 0
        try:
            return date.fromisoformat(text).toordinal()
        except ValueError:
            return 0
    # Written out, not a loop: compiled, each line is a few machine instructions.
    y1, y2, y3, y4 = ord(text[0]) - 48, ord(text[1]) - 48, ord(text[2]) - 48, ord(text[3]) - 48
    m1, m2, d1, d2 = ord(text[5]) - 48, ord(text[6]) - 48, ord(text[8]) - 48, ord(text[9]) - 48
    if not (0 <= y1 <= 9 and 0 <= y2 <= 9 and 0 <= y3 <= 9 and 0 <= y4 <= 9 and 0 <= m1 <= 9
            and 0 <= m2 <= 9 and 0 <= d1 <= 9 and 0 <= d2 <= 9):
        return 0
    year, month, day = y1 * 1000 + y2 * 100 + y3 * 10 + y4, m1 * 10 + m2, d1 * 10 + d2
    if year < 1 or month < 1 or month > 12 or day < 1 or day > month_length(year, month):
        return 0
    # Days before the month in a common year, counted from March 1st (day 306 of a year
    # that starts in March is January 1st), then the leap day if the month is after it.
    before = (153 * ((month + 9) % 12) + 2) // 5
    before = before + 59 if month > 2 else before - 306
    if month > 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        before += 1
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + before + day


def month_length(year: int, month: int) -> int:
    """Days in a month. (Arithmetic, not a table: a table is slower to read compiled.)"""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 + ((month + (month >> 3)) & 1)


def parse_date(value: object, where: str, ident: str, field: str) -> int:
    """The ordinal of an ISO `YYYY-MM-DD` string; LedgerError naming the field otherwise."""
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        ordinal = ordinal_of(value)
        if ordinal:
            return ordinal
        try:
            return date.fromisoformat(value).toordinal()
        except ValueError:
            pass
    if value is None:
        raise reject(where, ident, field, "is missing")
    if isinstance(value, date):  # a TOML file may hold a bare date
        return value.toordinal()
    raise reject(where, ident, field, f"must be a date YYYY-MM-DD, not {value!r}")


def iso(ordinal: int) -> str:
    """The ISO string of an ordinal date."""
    return date.fromordinal(ordinal).isoformat()


def month_key(ordinal: int) -> int:
    """A number that is equal for two dates of the same calendar month."""
    d = date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


def month_end(ordinal: int) -> int:
    """The last day of the month of `ordinal`."""
    d = date.fromordinal(ordinal)
    return ordinal + calendar.monthrange(d.year, d.month)[1] - d.day


def month_first(ordinal: int) -> int:
    """The first day of the month of `ordinal`."""
    return ordinal - date.fromordinal(ordinal).day + 1


def clamped(year: int, month: int, day: int) -> int:
    """The ordinal of `day` in that month, or of its last day when the month is shorter."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, day if day <= last else last).toordinal()


def due_dates(frequency: str, start: int, end: int | None, horizon: int,
              days: tuple[int, ...]) -> list[int]:
    """Due dates from `start` to `end` (inclusive; None = open) and not after `horizon`.

    Month-based frequencies fall on each of `days` every 1, 3 or 12 months counted from
    start's month, clamped to short months; weekly and biweekly count from start itself.
    """
    stop = horizon if end is None or end > horizon else end
    if stop > LAST_DAY:
        stop = LAST_DAY
    if stop < start:
        return []
    step = DAY_STEPS.get(frequency)
    if step is not None:
        return list(range(start, stop + 1, step))
    step = MONTH_STEPS[frequency]
    first = date.fromordinal(start)
    index = first.year * 12 + first.month - 1
    last_index = month_key(stop)   # no month after stop's can hold a due date by stop
    out: list[int] = []
    while index <= last_index:
        year, month0 = divmod(index, 12)
        last = calendar.monthrange(year, month0 + 1)[1]
        base = date(year, month0 + 1, 1).toordinal() - 1
        for day in days:
            due = base + (day if day <= last else last)
            if due > stop:
                return out
            if due >= start:
                out.append(due)
        index += step
    return out


def months_between(start: int, end: int) -> int:
    """Whole calendar months from the month of `start` to that of `end`."""
    return month_key(end) - month_key(start)


def add_years(ordinal: int, years: int) -> int:
    """The same day `years` later (Feb 29 becomes Feb 28)."""
    d = date.fromordinal(ordinal)
    return clamped(d.year + years, d.month, d.day)


def civil(ordinal: int) -> tuple[int, int, int]:
    """(year, month, day) of an ordinal, by arithmetic: the same as date.fromordinal, but
    plain integer work that compiles to a few instructions (the days-to-civil algorithm of
    H. Hinnant, counted in 400-year eras from March 1st; tests/ledger/test_dates.py checks it
    against the datetime module)."""
    z = ordinal + 305   # days since 0000-03-01 of the proleptic Gregorian calendar
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def month_of(day: int) -> tuple[int, int, str]:
    """First and last ordinal of the month of `day`, and its ISO prefix ("2024-02-")."""
    first, last = month_bounds(day)
    year, month, _ = civil(first)
    digits = str(year)
    if year < 1000:
        digits = "0" * (4 - len(digits)) + digits
    return first, last, digits + "-" + TWO_DIGITS[month] + "-"


def month_bounds(day: int) -> tuple[int, int]:
    """First and last ordinal of the month of `day`."""
    year, month, dom = civil(day)
    first = day - dom + 1
    return first, first + month_length(year, month) - 1


# Interest posting days (section 5): flags of what is posted on a day.
MONTHLY_POST: Final = 1
DAILY_POST: Final = 2


def posting_days(method: str, start: int, as_of: int, end: int
                 ) -> tuple[list[int], list[int]]:
    """The days of interest postings from `start` to `end`, plus the as-of date itself, in
    order, and beside them what is posted on each (MONTHLY_POST, DAILY_POST or nothing)."""
    days: list[int] = []
    flags: list[int] = []
    if method != "none":
        first, last = month_bounds(start)
        while first <= end:
            if method == "monthly_simple":
                if first > start:
                    days.append(first)
                    flags.append(MONTHLY_POST)
            elif last <= end:
                days.append(last)
                flags.append(DAILY_POST)
            first, last = month_bounds(last + 1)
    as_of_flag = DAILY_POST if method == "daily_simple" else 0
    i = bisect_left(days, as_of)
    if i < len(days) and days[i] == as_of:
        flags[i] |= as_of_flag
    else:
        days.insert(i, as_of)
        flags.insert(i, as_of_flag)
    return days, flags
