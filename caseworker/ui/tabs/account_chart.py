"""The Account tab's chart: what the file owed over time, from the statement's running balance."""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QLocale, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from caseworker.services.files import StatementLine
from caseworker.ui.widgets.format import money

# Beyond this many dates with a change, the chart shows month-end balances instead, so a
# 30-year weekly file still draws at once and the line stays readable.
MAX_DATES = 400
LINE_COLOR = QColor("#1d4ed8")


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_ends(points: list[tuple[date, Decimal]], as_of: date) -> list[tuple[date, Decimal]]:
    """The balance at every month end from the first point's month (a quiet month holds)."""
    out: list[tuple[date, Decimal]] = []
    i, balance = 0, Decimal(0)
    end = _month_end(points[0][0])
    while True:
        while i < len(points) and points[i][0] <= end:
            balance = points[i][1]
            i += 1
        out.append((min(end, as_of), balance))
        if end >= as_of:   # statement lines never pass the as-of date
            break
        end = _month_end(end + timedelta(days=1))
    return out


def owing_points(lines: Sequence[StatementLine], as_of: date,
                 max_dates: int = MAX_DATES) -> tuple[list[tuple[date, Decimal]], bool]:
    """(day, balance owing at the end of that day) for the chart, and whether by month-end.

    One point per date (the balance after that date's last line); with more than
    `max_dates` dates, one per month end (the last balance of the month, the final month
    at `as_of`). The last point is always the balance on `as_of`.
    """
    per_day: dict[date, Decimal] = {}
    for line in lines:
        per_day[line.date] = line.balance   # lines are in date order: the last one wins
    points = list(per_day.items())
    monthly = len(points) > max_dates
    if monthly:
        points = _month_ends(points, as_of)
    if points and points[-1][0] < as_of:
        points.append((as_of, points[-1][1]))
    return points, monthly


def chart_number(amount: Decimal) -> float:
    """The one place money becomes a float: a chart coordinate, never a figure shown."""
    return float(amount)


def chart_time(day: date) -> float:
    """A date as the chart's x coordinate (milliseconds since the epoch, local midnight)."""
    moment = QDateTime(day, QTime(0, 0))
    return float(moment.toMSecsSinceEpoch())


class OwingChart(QChartView):
    """A line of the running balance by date, with date and money axes; hover for a figure."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("owing_chart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.points: list[tuple[date, Decimal]] = []
        self._times: list[float] = []
        self.series = QLineSeries()
        self.series.setName("Owing")
        self.series.setPen(QPen(LINE_COLOR, 2))
        self.series.hovered.connect(self._hovered)
        chart = QChart()
        chart.legend().hide()
        chart.addSeries(self.series)
        # Axis numbers grouped by thousands ("$12,000"), as the rest of the screen writes money;
        # a fixed English locale, since a C-locale workstation would not group them.
        chart.setLocale(QLocale(QLocale.Language.English, QLocale.Country.Canada))
        chart.setLocalizeNumbers(True)
        self.x_axis = QDateTimeAxis()
        self.x_axis.setTitleText("Date")
        self.y_axis = QValueAxis()
        self.y_axis.setTitleText("Owing ($)")
        self.y_axis.setLabelFormat("$%.0f")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.setChart(chart)

    def set_lines(self, lines: Sequence[StatementLine], as_of: date) -> None:
        """Plot the statement's running balance up to `as_of`."""
        self.points, monthly = owing_points(lines, as_of)
        self._times = [chart_time(day) for day, _ in self.points]
        coordinates: list[QPointF] = []
        previous: float | None = None
        for x, (_, balance) in zip(self._times, self.points, strict=True):
            y = chart_number(balance)
            if previous is not None and not monthly:
                # Day by day the balance holds until the next line: draw it as a step.
                coordinates.append(QPointF(x, previous))
            coordinates.append(QPointF(x, y))
            previous = y
        self.series.replace(coordinates)
        how = "month-end balances" if monthly else "running balance"
        self.chart().setTitle(f"What is owing over time ({how}, to {as_of.isoformat()})"
                              if self.points else "No statement lines to chart")
        self._fit_axes()

    def _fit_axes(self) -> None:
        if not self.points:
            return
        first, last = self.points[0][0], self.points[-1][0]
        years = (last - first).days / 365
        # Evenly spaced ticks, as many as fit readably: years on a long file, else months.
        ticks = int(years) + 2 if years > 4 else (last - first).days // 60 + 2
        self.x_axis.setFormat("yyyy" if years > 4 else "MMM yyyy")
        self.x_axis.setTickCount(max(3, min(9, ticks)))
        self.x_axis.setRange(QDateTime(first, QTime(0, 0)), QDateTime(last, QTime(0, 0)))
        balances = [balance for _, balance in self.points]
        low, high = min(min(balances), Decimal(0)), max(max(balances), Decimal(0))
        if low == high:
            high = low + 100
        self.y_axis.setRange(chart_number(low), chart_number(high))
        self.y_axis.applyNiceNumbers()

    def point_near(self, x: float) -> tuple[date, Decimal] | None:
        """The plotted (day, balance) in force at chart x (the last point at or before it)."""
        if not self.points:
            return None
        i = bisect_left(self._times, x)
        if i < len(self._times) and self._times[i] == x:
            return self.points[i]
        return self.points[max(i - 1, 0)]

    def _hovered(self, point: QPointF, state: bool) -> None:
        near = self.point_near(point.x()) if state else None
        if near is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), f"{near[0].isoformat()}: {money(near[1])} owing", self)
