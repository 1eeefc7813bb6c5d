"""Due dates computed arithmetically agree with python-dateutil's rrule."""

from __future__ import annotations

from datetime import date, timedelta

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
