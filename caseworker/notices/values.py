"""The placeholder values of a notice: every {name} its wording may use, as plain text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from caseworker.notices.checked import TOTAL_KEYS
from caseworker.notices.wording import (
    NoticeDataError,
    capitalised,
    common,
    day,
    fill,
    kind_text,
    money,
    show_date,
    show_money,
    word_values,
)


def placeholder_values(notice: Mapping[str, Any]) -> dict[str, str]:
    """Plain-text values for the wording's placeholders (escape them before using as markup)."""
    labels = common()["labels"]
    program = notice["program"]
    statement = notice["statement"]
    letterhead = program["letterhead"]
    values: dict[str, str] = {
        "file_no": notice["file_no"],
        "date": show_date(notice["date"], "date"),
        "as_of": show_date(statement["as_of"], "statement.as_of"),
        "payor": notice["payor"]["name"],
        "recipient": notice["recipient"]["name"],
        "addressee": notice["addressee"]["name"],
        "office": letterhead["office"],
        "phone": str(letterhead.get("phone", "")),
        "website": str(letterhead.get("website", "")),
    }
    # The notices' own words (common.toml [words]) with the program's over them.
    values.update(word_values(program["words"]))
    totals = statement["totals"]
    for key in TOTAL_KEYS:
        values[key] = show_money(totals[key], f"statement.totals.{key}")
    values["arrears"] = show_money(statement["arrears"], "statement.arrears")
    # What is owed back when the total owing is below zero (else nothing).
    total = money(totals["total_owing"], "statement.totals.total_owing")
    values["credit_remaining"] = show_money(max(-total, Decimal(0)), "statement.totals.total_owing")
    since = statement.get("delinquent_since")
    values["delinquent_since"] = (show_date(since, "statement.delinquent_since") if since
                                  else labels["not_delinquent"])
    if notice.get("respond_by"):
        values["respond_by"] = show_date(notice["respond_by"], "respond_by")
    _kind_values(notice, values)
    return values


def _kind_values(notice: Mapping[str, Any], values: dict[str, str]) -> None:
    kind = notice["kind"]
    text = kind_text(kind)
    frequencies = common()["frequencies"]
    if kind == "deduction":
        deduction = notice["program"]["deduction"]
        values["employer"] = notice["employer"]["name"]
        values["deduction_per_pay"] = show_money(notice["deduction_per_pay"], "deduction_per_pay")
        freq = frequencies.get(notice["pay_frequency"], notice["pay_frequency"])
        values["pay_frequency"] = freq
        values["pay_frequency_title"] = capitalised(freq)
        values["deduction_start"] = show_date(notice["deduction_start"], "deduction_start")
        limit, weeks = deduction_limit(notice)
        values["max_percent"] = _percent(limit)
        values["limit_note"] = (
            "" if weeks is None else
            fill(text["limit_with_arrears"], {"weeks": str(weeks)}) if weeks else
            text["limit_with_any_arrears"])
        bases = common().get("deduction_basis", {})
        values["deduction_basis"] = bases.get(deduction["basis"], deduction["basis"])
    elif kind == "arrangement":
        terms = notice["arrangement"]
        freq = frequencies.get(terms["frequency"], terms["frequency"])
        values["arrangement_amount"] = show_money(terms["amount"], "arrangement.amount")
        values["arrangement_frequency"] = freq
        values["arrangement_frequency_title"] = capitalised(freq)
        values["arrangement_start"] = show_date(terms["start"], "arrangement.start")
        if terms.get("end"):
            end = show_date(terms["end"], "arrangement.end")
            values["arrangement_end"] = fill(text["until"], {"end": end})
            values["arrangement_end_title"] = end
        else:
            values["arrangement_end"] = common()["labels"]["open_end"]
            values["arrangement_end_title"] = capitalised(values["arrangement_end"])
    elif kind == "intent":
        step = text["steps"][notice["step"]]
        values["step_title"] = fill(step["title"], values, "intent.steps")
        values["step_action"] = fill(step["action"], values, "intent.steps")
        values["step_effect"] = fill(step["effect"], values, "intent.steps")
    elif kind == "closure":
        reason = text["reasons"][notice["closure_reason"]]
        values["closure_reason"] = fill(reason["title"], values, "closure.reasons")
        values["closure_text"] = fill(reason["text"], values, "closure.reasons")
        closed = notice.get("closed_on")
        values["closed_on"] = show_date(closed, "closed_on") if closed else values["date"]


def deduction_limit(notice: Mapping[str, Any]) -> tuple[object, int | None]:
    """The limit on deductions, and the weeks of arrears that raised it (None if not raised).

    The policy's `max_percent_with_arrears` applies when support due more than
    `arrears_weeks_for_higher_limit` weeks (0 when the policy names none) before the
    deduction starts is still unpaid: `unpaid_since`, the due date of the oldest unpaid
    support on the figures' date (15 U.S.C. 1673(b)(2): support "with respect to a period
    which is prior to the twelve-week period which ends with the beginning of such
    workweek"). Without `unpaid_since` the lower limit stands.
    """
    deduction = notice["program"]["deduction"]
    base = deduction["max_percent"]
    higher = deduction.get("max_percent_with_arrears")
    since = notice.get("unpaid_since")
    if higher is None or not since:
        return base, None
    if _fraction(higher, "max_percent_with_arrears") <= _fraction(base, "max_percent"):
        return base, None
    weeks = deduction.get("arrears_weeks_for_higher_limit") or 0
    if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 0:
        raise NoticeDataError(f"program.deduction.arrears_weeks_for_higher_limit: {weeks!r} "
                              f"is not a number of weeks")
    start = day(notice["deduction_start"], "deduction_start")
    if day(since, "unpaid_since") < start - dt.timedelta(weeks=weeks):
        return higher, weeks
    return base, None


def _fraction(value: object, key: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise NoticeDataError(f"program.deduction.{key}: {value!r} is not a number") from None
    return number / 100 if number > 1 else number


def _percent(value: object) -> str:
    """The deduction limit as a percentage: policies write it as a fraction ("0.40" = 40%)."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise NoticeDataError(f"program.deduction.max_percent: {value!r} is not a number") from None
    if number <= 1:
        number *= 100
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
