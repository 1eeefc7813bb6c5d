"""Notice wording from `resources/notices/`: loading, placeholder filling, money and dates."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from caseworker.paths import resource

# The kinds in the order an officer meets them; their wording lives in TOML.
KIND_ORDER = ("statement", "default", "arrangement", "deduction", "intent", "court", "closure")

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


class NoticeDataError(ValueError):
    """The notice data or wording is incomplete or malformed; the message names the field."""


@cache
def common() -> dict[str, Any]:
    """The wording shared by every notice (labels, figure names, formats)."""
    return _load("common")


@cache
def kind_text(kind: str) -> dict[str, Any]:
    """The wording of one kind of notice."""
    if kind not in KIND_ORDER:
        raise NoticeDataError(f"kind: unknown notice kind {kind!r}; known: {', '.join(KIND_ORDER)}")
    return _load(kind)


def _load(name: str) -> dict[str, Any]:
    path = resource("notices", f"{name}.toml")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def fill(template: str, values: Mapping[str, str], where: str = "") -> str:
    """Put `values` into the {placeholders} of `template`; an unknown one is an error.

    Values must already be safe for reportlab paragraph markup (see `markup`).
    """

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        if name not in values:
            raise NoticeDataError(f"wording{' ' + where if where else ''}: "
                                  f"no value for placeholder {{{name}}}")
        return values[name]

    return _PLACEHOLDER.sub(one, template)


def markup(text: object) -> str:
    """Escape data so that a name like "Smith & Sons <Ltd>" prints as written."""
    return escape(str(text))


def money(value: object, field: str) -> Decimal:
    """A Decimal from an amount given as a string (or Decimal); floats are refused."""
    if isinstance(value, bool) or not isinstance(value, (str, Decimal)):
        raise NoticeDataError(f"{field}: amount must be a string like \"450.00\", "
                              f"not {type(value).__name__}")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise NoticeDataError(f"{field}: {value!r} is not an amount") from None
    if not amount.is_finite():
        raise NoticeDataError(f"{field}: {value!r} is not an amount")
    return amount


def show_money(value: object, field: str) -> str:
    """An amount as printed on a notice, e.g. "$1,234.50"."""
    amount = money(value, field).quantize(Decimal("0.01"))
    fmt = common()["format"]
    pattern = fmt["negative_money"] if amount < 0 else fmt["money"]
    return pattern.replace("{amount}", f"{abs(amount):,.2f}")


def day(value: object, field: str) -> dt.date:
    """A date from an ISO string (or a date)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise NoticeDataError(f"{field}: {value!r} is not a date (YYYY-MM-DD)")


def show_date(value: object, field: str) -> str:
    """A date as printed on a notice, e.g. "November 22, 2026"."""
    when = day(value, field)
    fmt = common()["format"]
    month = fmt["months"][when.month - 1]
    return fmt["date"].format(month=month, day=when.day, year=when.year)


def show_short_date(value: object, field: str) -> str:
    """A date as printed in a table column, e.g. "Nov 22, 2026"."""
    when = day(value, field)
    fmt = common()["format"]
    month = fmt["short_months"][when.month - 1]
    return fmt["short_date"].format(month=month, day=when.day, year=when.year)


def capitalised(word: str) -> str:
    """The word with its first letter upper-case, for the start of a sentence or a title."""
    return word[:1].upper() + word[1:]


def words_of(program_words: Mapping[str, object] | None = None) -> dict[str, str]:
    """The notice words (common.toml [words]) with a program's own words over them."""
    merged = {**common().get("words", {}), **(program_words or {})}
    return {key: text for key, text in merged.items() if isinstance(text, str)}


def word_values(program_words: Mapping[str, object] | None = None) -> dict[str, str]:
    """Placeholder values {word_x}, {Word_x} and {Title_x} for every word (see `words_of`).

    Made once per program's words: a court sheet names a source on every payment row."""
    key = tuple(sorted((k, v) for k, v in (program_words or {}).items() if isinstance(v, str)))
    return dict(_word_values(key))


@cache
def _word_values(program_words: tuple[tuple[str, str], ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for word, text in words_of(dict(program_words)).items():
        values[f"word_{word}"] = text
        values[f"Word_{word}"] = capitalised(text)
        values[f"Title_{word}"] = " ".join(capitalised(w) for w in text.split())
    return values


def step_title(step: str, program_words: Mapping[str, object] | None = None) -> str:
    """An enforcement step's title in a program's words ("Driver's License Suspension")."""
    steps = kind_text("intent")["steps"]
    return fill(steps[step]["title"], word_values(program_words), "intent.steps")


def source_name(source: str, program_words: Mapping[str, object] | None = None) -> str:
    """A payment source as a notice names it, in the program's words ("Income withholding")."""
    template = common()["sources"].get(source)
    if template is None:
        return capitalised(source.replace("_", " "))
    return fill(template, word_values(program_words), "sources")


def action_name(action: str, program_words: Mapping[str, object] | None = None) -> str:
    """An enforcement action (a stay's scope) named in words ("driver's license suspension")."""
    template = common().get("enforcement_actions", {}).get(action)
    if template is None:
        return action.replace("_", " ")
    return fill(template, word_values(program_words), "enforcement_actions")
