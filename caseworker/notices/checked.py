"""Checks notice data before printing, and strips the protected party's location from it."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from caseworker.notices.wording import (
    NoticeDataError,
    common,
    day,
    kind_text,
    money,
)

# Policy words every notice's wording may use.
REQUIRED_WORDS = ("payor", "recipient", "file", "arrangement", "program")
TOTAL_KEYS = ("charged", "collected", "adjusted", "interest_charged", "principal_owing",
              "interest_owing", "fees_owing", "credit", "total_owing")
# Extra keys each kind needs, beyond the ones every notice has.
KIND_EXTRAS = {
    "statement": (),
    "default": ("respond_by",),
    "arrangement": ("arrangement",),
    "deduction": ("employer", "deduction_per_pay", "pay_frequency", "deduction_start"),
    "intent": ("step", "respond_by"),
    "court": ("payments",),
    "closure": ("closure_reason",),
}
# The only part of the protected party the other side may see.
RECIPIENT_SAFE_KEYS = ("name",)
# Parts of the data that are not free text about the recipient and are never scrubbed:
# the addressee's own address, the payor's own details, the payor's employer, the office.
_NOT_SCRUBBED = {"kind", "date", "file_no", "protected", "addressee", "payor", "employer",
                 "officer", "program", "recipient"}
# Shorter strings (a province code) say too little and would match ordinary words.
_MIN_SECRET = 3
_MIN_WORD = 4


def check(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate notice data and return a copy that is safe to print for its addressee."""
    if not isinstance(data, Mapping):
        raise NoticeDataError("notice data must be a mapping")
    kind = _need(data, "kind", str)
    kind_text(kind)  # rejects an unknown kind
    day(_need(data, "date"), "date")
    file_no = _need(data, "file_no", str)
    _check_program(_need(data, "program", Mapping), kind)
    addressee = _need(data, "addressee", Mapping)
    role = _need(addressee, "role", str, "addressee.role")
    _need(addressee, "name", str, "addressee.name")
    lines = addressee.get("address_lines", [])
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        raise NoticeDataError("addressee.address_lines: must be a list of strings")
    if addressee.get("attention") is not None and not isinstance(addressee["attention"], str):
        raise NoticeDataError("addressee.attention: must be a string")
    allowed = kind_text(kind)["addressees"]
    if role not in allowed:
        raise NoticeDataError(f"addressee.role: a {kind} notice goes to {' or '.join(allowed)}, "
                              f"not {role!r}")
    for party in ("payor", "recipient"):
        _need(_need(data, party, Mapping), "name", str, f"{party}.name")
    _check_statement(_need(data, "statement", Mapping), file_no)
    for key in KIND_EXTRAS[kind]:
        _need(data, key)
    _check_extras(data, kind)
    return redact(data)


def is_redacted_for(data: Mapping[str, Any]) -> bool:
    """True when the recipient is protected and this notice goes to anyone but them."""
    return bool(data.get("protected")) and data["addressee"]["role"] != "recipient"


def redact(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy without the recipient's location when the file is protected from the addressee.

    Defence in depth: the data builder should never have put the location in, so this
    keeps only the recipient's name (a whitelist) and blanks any copy of the location
    that found its way into free text such as a note or a payment description.
    """
    if not is_redacted_for(data):
        return dict(data)
    recipient = data["recipient"]
    secrets = _secrets(data)
    out = {key: (value if key in _NOT_SCRUBBED else copy.deepcopy(value))
           for key, value in data.items()}
    out["recipient"] = {k: recipient[k] for k in RECIPIENT_SAFE_KEYS if k in recipient}
    if secrets:
        pattern = re.compile("|".join(rf"(?<!\w){re.escape(s)}(?!\w)" for s in secrets),
                             re.IGNORECASE)
        marker = common()["format"]["withheld"]
        for key in out:
            if key not in _NOT_SCRUBBED:
                out[key] = _scrub(out[key], pattern, marker)
    return out


def _secrets(data: Mapping[str, Any]) -> list[str]:
    """What free text must not contain: each location value, its parts, its telling words.

    A note may quote part of an address ("seen at 77 Quietwood"), so distinctive words are
    withheld too; words the reader already sees elsewhere on the notice (their own address,
    the office's, the notice's own wording) tell them nothing and are left alone.
    """
    located = _strings({k: v for k, v in data["recipient"].items()
                        if k not in RECIPIENT_SAFE_KEYS})
    found: set[str] = set()
    for value in located:
        for part in [value, *value.split(",")]:
            if len(part.strip()) >= _MIN_SECRET:
                found.add(part.strip())
    known = {w.lower() for w in _words(" ".join(_strings([
        data["addressee"], data.get("payor", {}).get("address_lines", []),
        data["program"].get("letterhead", {}), common(), kind_text(data["kind"])])))}
    for value in located:
        found.update(w for w in _words(value)
                     if len(w) >= _MIN_WORD and w.lower() not in known)
    return sorted(found, key=len, reverse=True)


def strings_in(value: Any) -> list[str]:
    """Every string in a value (nested mappings and lists), e.g. all the text of a notice."""
    return _strings(value)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _scrub(value: Any, pattern: re.Pattern[str], marker: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(marker, value)
    if isinstance(value, dict):
        return {k: _scrub(v, pattern, marker) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, pattern, marker) for v in value]
    return value


def _need(where: Mapping[str, Any], key: str, kind: type | None = None,
          name: str | None = None) -> Any:
    name = name or key
    if key not in where or where[key] is None:
        raise NoticeDataError(f"{name}: missing")
    value = where[key]
    if kind is not None and not isinstance(value, kind):
        raise NoticeDataError(f"{name}: expected {kind.__name__}, got {type(value).__name__}")
    if isinstance(value, str) and not value.strip():
        raise NoticeDataError(f"{name}: empty")
    return value


def _check_program(program: Mapping[str, Any], kind: str) -> None:
    words = _need(program, "words", Mapping, "program.words")
    for word in REQUIRED_WORDS:
        _need(words, word, str, f"program.words.{word}")
    letterhead = _need(program, "letterhead", Mapping, "program.letterhead")
    _need(letterhead, "office", str, "program.letterhead.office")
    address = letterhead.get("address", [])
    if not isinstance(address, list) or not all(isinstance(x, str) for x in address):
        raise NoticeDataError("program.letterhead.address: must be a list of strings")
    for key in ("payment_address", "employer_payment_address", "payment_methods"):
        lines = letterhead.get(key, [])
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            raise NoticeDataError(f"program.letterhead.{key}: must be a list of strings")
    if kind == "deduction":
        deduction = _need(program, "deduction", Mapping, "program.deduction")
        _need(deduction, "max_percent", None, "program.deduction.max_percent")
        _need(deduction, "basis", str, "program.deduction.basis")


def _check_statement(statement: Mapping[str, Any], file_no: str) -> None:
    # A statement of another file would print the wrong figures under this file's number.
    case = statement.get("case")
    if case is not None and case != file_no:
        raise NoticeDataError(f"statement.case: {case!r} is not file {file_no!r}")
    day(_need(statement, "as_of", None, "statement.as_of"), "statement.as_of")
    totals = _need(statement, "totals", Mapping, "statement.totals")
    for key in TOTAL_KEYS:
        money(_need(totals, key, None, f"statement.totals.{key}"), f"statement.totals.{key}")
    money(_need(statement, "arrears", None, "statement.arrears"), "statement.arrears")
    for i, line in enumerate(statement.get("lines", [])):
        where = f"statement.lines[{i}]"
        day(_need(line, "date", None, f"{where}.date"), f"{where}.date")
        for key in ("debit", "credit", "balance"):
            money(line.get(key, "0"), f"{where}.{key}")


def _check_extras(data: Mapping[str, Any], kind: str) -> None:
    for key in ("respond_by", "deduction_start", "lines_from", "unpaid_since", "closed_on"):
        if data.get(key) is not None:
            day(data[key], key)
    if kind == "deduction":
        money(data["deduction_per_pay"], "deduction_per_pay")
        _need(_need(data, "employer", Mapping), "name", str, "employer.name")
    elif kind == "arrangement":
        terms = _need(data, "arrangement", Mapping)
        money(_need(terms, "amount", None, "arrangement.amount"), "arrangement.amount")
        _need(terms, "frequency", str, "arrangement.frequency")
        day(_need(terms, "start", None, "arrangement.start"), "arrangement.start")
        if terms.get("end") is not None:
            day(terms["end"], "arrangement.end")
    elif kind == "intent":
        steps = kind_text("intent")["steps"]
        if data["step"] not in steps:
            raise NoticeDataError(f"step: unknown enforcement step {data['step']!r}; "
                                  f"known: {', '.join(steps)}")
    elif kind == "court":
        if not isinstance(data["payments"], list):
            raise NoticeDataError("payments: must be a list")
        for i, pay in enumerate(data["payments"]):
            day(_need(pay, "date", None, f"payments[{i}].date"), f"payments[{i}].date")
            money(_need(pay, "amount", None, f"payments[{i}].amount"), f"payments[{i}].amount")
    elif kind == "closure":
        reasons = kind_text("closure")["reasons"]
        if data["closure_reason"] not in reasons:
            raise NoticeDataError(f"closure_reason: unknown reason {data['closure_reason']!r}; "
                                  f"known: {', '.join(reasons)}")
