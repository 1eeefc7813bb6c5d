"""Due dates computed arithmetically agree with python-dateutil's rrule."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from dateutil.rrule import MONTHLY, WEEKLY, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from caseworker.ledger.dates import due_dates

starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
spans = st.integers(min_value=0, max_value=3000)


def _ords(dates: list) -> list[int]:
    return [d.toordinal() if isinstance(d, date) else d.date().toordinal() for d in dates]


def _month_rule(start: date, end: date, day: int, interval: int) -> list[int]:
    # The `day`th, or the month's last day when shorter: the first of the two in each month.
    rule = rrule(MONTHLY, interval=interval, dtstart=start.replace(day=1), until=end,
                 bymonthday=(day, -1), bysetpos=1)
    return [o for o in _ords(list(rule)) if o >= start.toordinal()]


@settings(max_examples=150, deadline=None)
@given(starts, spans, st.integers(min_value=1, max_value=31),
       st.sampled_from([("monthly", 1), ("quarterly", 3), ("annually", 12)]))
def test_month_based_dates_match_rrule(start: date, span: int, day: int, freq: tuple) -> None:
    name, interval = freq
    end = start + timedelta(days=span)
    ours = due_dates(name, start.toordinal(), end.toordinal(), 10**7, (day,))
    assert ours == _month_rule(start, end, day, interval)


@settings(max_examples=100, deadline=None)
@given(starts, spans, st.integers(min_value=1, max_value=27),
       st.integers(min_value=1, max_value=31))
def test_semi_monthly_dates_match_two_rrules(start: date, span: int, a: int, b: int) -> None:
    if a == b:
        b = a + 1
    days = tuple(sorted((a, b)))
    end = start + timedelta(days=span)
    ours = due_dates("semi_monthly", start.toordinal(), end.toordinal(), 10**7, days)
    expected = sorted(set(_month_rule(start, end, days[0], 1)
                          + _month_rule(start, end, days[1], 1)))
    assert ours == expected


@settings(max_examples=100, deadline=None)
@given(starts, spans, st.sampled_from([("weekly", 1), ("biweekly", 2)]))
def test_weekly_dates_match_rrule(start: date, span: int, freq: tuple) -> None:
    name, interval = freq
    end = start + timedelta(days=span)
    ours = due_dates(name, start.toordinal(), end.toordinal(), 10**7, ())
    assert ours == _ords(list(rrule(WEEKLY, interval=interval, dtstart=start, until=end)))


def test_open_ended_schedule_stops_at_the_horizon() -> None:
    start = date(2024, 1, 31).toordinal()
    horizon = date(2024, 4, 30).toordinal()
    assert [date.fromordinal(o).isoformat() for o in due_dates("monthly", start, None, horizon,
                                                                (31,))] == [
        "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]


def test_first_due_date_is_on_or_after_start() -> None:
    start = date(2024, 1, 15).toordinal()
    first = due_dates("monthly", start, None, start + 60, (1,))[0]
    assert date.fromordinal(first) == date(2024, 2, 1)


def test_due_dates_stop_at_the_end_of_the_calendar() -> None:
    from datetime import date

    from caseworker.ledger.dates import LAST_DAY, due_dates

    start = date(9999, 8, 31).toordinal()
    for frequency, days in (("monthly", (31,)), ("quarterly", (31,)), ("annually", (31,)),
                            ("semi_monthly", (1, 15))):
        got = due_dates(frequency, start, None, LAST_DAY + 500, days)
        assert got and got[-1] <= LAST_DAY
    assert due_dates("quarterly", start, None, LAST_DAY, (31,)) == [
        start, date(9999, 11, 30).toordinal()]


# -- the calendar by arithmetic (docs/ledger.md, Speed) ----------------------------------
ordinals = st.integers(min_value=1, max_value=date.max.toordinal())


@settings(max_examples=2000, deadline=None)
@given(ordinals)
def test_civil_gives_the_calendar_date(ordinal: int) -> None:
    from caseworker.ledger.dates import civil

    day = date.fromordinal(ordinal)
    assert civil(ordinal) == (day.year, day.month, day.day)


def test_civil_at_the_ends_of_the_calendar_and_around_leap_days() -> None:
    from caseworker.ledger.dates import civil

    for day in (date.min, date.max, date(2000, 2, 29), date(1900, 2, 28), date(1900, 3, 1),
                date(2100, 3, 1), date(2024, 12, 31), date(2025, 1, 1)):
        assert civil(day.toordinal()) == (day.year, day.month, day.day)


@settings(max_examples=500, deadline=None)
@given(ordinals)
def test_month_of_gives_the_month_and_its_iso_prefix(ordinal: int) -> None:
    from caseworker.ledger.dates import month_of

    day = date.fromordinal(ordinal)
    first = day.replace(day=1)
    last = first.replace(day=calendar.monthrange(day.year, day.month)[1])
    assert month_of(ordinal) == (first.toordinal(), last.toordinal(), first.isoformat()[:8])


def test_month_length_matches_the_calendar_module() -> None:
    from caseworker.ledger.dates import month_length

    assert all(month_length(y, m) == calendar.monthrange(y, m)[1]
               for y in range(1, 10000) for m in range(1, 13))


@pytest.fixture(params=[False, True], ids=["datetime", "arithmetic"])
def both_parsers(request, monkeypatch):
    """ordinal_of reads dates with the datetime module when interpreted and by arithmetic when
    compiled: run from source, both ways are tested (compiled, the arithmetic one twice)."""
    from caseworker.ledger import dates

    monkeypatch.setattr(dates, "COMPILED", request.param, raising=False)
    return dates.ordinal_of


@settings(max_examples=1000, deadline=None)
@given(ordinals)
def test_ordinal_of_reads_every_valid_date(ordinal: int) -> None:
    from caseworker.ledger import dates

    text = date.fromordinal(ordinal).isoformat()
    for compiled in (False, True):
        saved = dates.COMPILED
        try:
            dates.COMPILED = compiled   # (a constant when compiled: then both runs are alike)
            assert dates.ordinal_of(text) == ordinal
        finally:
            dates.COMPILED = saved


@pytest.mark.parametrize("text", [
    "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "2024-01-32",
    "2024-04-31", "2024-01-00", "2024-1-011", "2024/01/01", "20240-1-01", "2024-01-0a",
    "\uff12\uff10\uff12\uff14-01-01", "2024-W01-1", "2024-01-1 ", " 024-01-01", "",
])
def test_ordinal_of_refuses_what_is_not_a_plain_date(both_parsers, text: str) -> None:
    assert both_parsers(text) == 0


def test_posting_days_put_the_as_of_date_among_the_month_ends() -> None:
    from caseworker.ledger.dates import DAILY_POST, MONTHLY_POST, posting_days

    jan31, feb15, feb29, mar31 = (date(2024, 1, 31).toordinal(), date(2024, 2, 15).toordinal(),
                                  date(2024, 2, 29).toordinal(), date(2024, 3, 31).toordinal())
    assert posting_days("daily_simple", jan31 - 20, feb15, mar31) == (
        [jan31, feb15, feb29, mar31], [DAILY_POST] * 4)
    # On a month end already listed the flags merge; monthly interest posts on month firsts.
    assert posting_days("daily_simple", jan31 - 20, feb29, feb29) == (
        [jan31, feb29], [DAILY_POST, DAILY_POST])
    assert posting_days("monthly_simple", jan31 - 20, feb15, feb29) == (
        [jan31 + 1, feb15], [MONTHLY_POST, 0])
    assert posting_days("none", jan31 - 20, feb15, mar31) == ([feb15], [0])
