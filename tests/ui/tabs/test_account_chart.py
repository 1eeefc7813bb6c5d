"""The Account tab's chart of what is owing over time (QtCharts)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from caseworker.services.files import StatementLine
from caseworker.ui.tabs.account_chart import MAX_DATES, chart_number, chart_time, owing_points
from tests.ui.tabs.conftest import click_tab


def _line(day: date, balance: str) -> StatementLine:
    return StatementLine(day, "charge", f"T1#{day}", "support", Decimal("1.00"), Decimal(0),
                         Decimal(balance))


def test_the_chart_sub_tab_shows_the_chart(qtbot, account):
    click_tab(qtbot, account.pages.tabBar(), "Chart")
    assert account.chart.isVisible()
    assert account.chart.chart().series() == [account.chart.series]


def test_the_series_ends_at_the_total_owing(qtbot, account, expected):
    click_tab(qtbot, account.pages.tabBar(), "Chart")
    total = Decimal(expected["totals"]["total_owing"])
    last = account.chart.series.points()[-1]
    assert last.y() == chart_number(total)
    assert last.x() == chart_time(date.today())
    assert account.chart.points[-1] == (date.today(), total)


def test_the_axes_are_labelled_with_dates_and_money(account):
    assert account.chart.x_axis.titleText() == "Date"
    assert account.chart.y_axis.titleText() == "Owing ($)"
    assert account.chart.y_axis.labelFormat().startswith("$")


def test_axis_numbers_are_grouped_by_thousands(account):
    chart = account.chart.chart()
    assert chart.localizeNumbers()
    assert chart.locale().toString(12000.0, "f", 0) == "12,000"


def test_one_point_per_date_the_last_balance_of_the_day():
    day = date(2025, 1, 1)
    lines = [_line(day, "100.00"), _line(day, "40.00"), _line(day + timedelta(days=3), "90.00")]
    points, monthly = owing_points(lines, day + timedelta(days=3))
    assert points == [(day, Decimal("40.00")), (day + timedelta(days=3), Decimal("90.00"))]
    assert not monthly


def test_the_last_point_is_the_balance_on_the_as_of_date():
    points, _ = owing_points([_line(date(2025, 1, 1), "5.00")], date(2025, 6, 30))
    assert points[-1] == (date(2025, 6, 30), Decimal("5.00"))


def test_a_long_file_is_drawn_by_month_ends_with_quiet_months_held():
    start = date(2000, 1, 3)
    lines = [_line(start + timedelta(days=i), str(i)) for i in range(MAX_DATES + 1)]
    lines.append(_line(date(2003, 5, 2), "7.00"))   # then nothing for months
    points, monthly = owing_points(lines, date(2003, 8, 15))
    assert monthly
    assert points[0] == (date(2000, 1, 31), Decimal(28))
    assert (date(2003, 6, 30), Decimal("7.00")) in points
    assert points[-1] == (date(2003, 8, 15), Decimal("7.00"))
    assert len(points) == 44   # Jan 2000 to Aug 2003


def test_hovering_reads_the_decimal_balance_in_force(qtbot, account):
    first_day, first_balance = account.chart.points[0]
    x = chart_time(first_day) + 1.0   # just after the first point, before the next
    assert account.chart.point_near(x) == (first_day, first_balance)
