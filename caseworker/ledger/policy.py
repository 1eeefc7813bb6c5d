"""Program policy: allocation order, payee priority and interest rules, from data."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from caseworker.ledger.dates import parse_date
from caseworker.ledger.errors import LedgerError, reject

STEPS = ("current", "arrears", "interest", "fees")
METHODS = ("none", "monthly_simple", "daily_simple")
DEFAULT_ALLOCATION = STEPS
DEFAULT_PAYEE_PRIORITY = ("recipient", "assignee")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_RATE = re.compile(r"\d+(?:\.\d+)?")

# The keys the engine reads (LEDGER.md section 6)...
LEDGER_KEYS = frozenset({"allocation", "payee_priority", "skip_current_sources",
                         "arrangement_missed_limit", "interest"})
# ...and the keys a policy file carries for the rest of the program (its name, words, fees,
# thresholds, letterhead...). A policy, file or inline, may carry these and nothing else, so
# a misspelt key is refused instead of silently replaced by its default. A new key in a
# policy file must be added here (tests/resources checks every shipped policy).
FILE_KEYS = frozenset({"id", "name", "short_name", "jurisdiction", "country", "currency",
                       "age_of_majority", "support_may_continue_to", "support_continues_if",
                       "fees", "recipient_fees", "thresholds", "deduction", "words",
                       "letterhead", "notices"})
POLICY_KEYS = LEDGER_KEYS | FILE_KEYS
INTEREST_KEYS = frozenset({"method", "grace_days", "basis", "rate_table"})
RATE_ROW_KEYS = frozenset({"from", "annual_rate", "source", "note"})


@dataclass(frozen=True)
class RateTable:
    """Annual rates as integers over `scale`, each in force from an ordinal date."""

    starts: tuple[int, ...] = ()
    rates: tuple[int, ...] = ()
    scale: int = 1
    sums: tuple[int, ...] = ()

    def rate_on(self, day: int) -> int:
        """The scaled annual rate in force on `day` (0 before the table begins)."""
        i = bisect_right(self.starts, day) - 1
        return self.rates[i] if i >= 0 else 0

    def cumulative(self, day: int) -> int:
        """The sum of the scaled daily rates of every day before `day`."""
        i = bisect_right(self.starts, day) - 1
        if i < 0:
            return 0
        return self.sums[i] + self.rates[i] * (day - self.starts[i])


@dataclass(frozen=True)
class Policy:
    """The rules of one program, as the engine needs them."""

    allocation: tuple[str, ...] = DEFAULT_ALLOCATION
    payee_priority: tuple[str, ...] = DEFAULT_PAYEE_PRIORITY
    skip_current_sources: frozenset[str] = frozenset()
    arrangement_missed_limit: int = 2
    method: str = "none"
    grace_days: int = 0
    basis: int = 365
    rate_table: RateTable = RateTable()

    def payee_rank(self, payee: str) -> int:
        """Position of a payee in `payee_priority`; an assignee may be listed by name."""
        order = self.payee_priority
        if payee in order:
            return order.index(payee)
        if payee not in ("recipient", "program") and "assignee" in order:
            return order.index("assignee")
        return len(order)


# Policies already read, by their content: every statement of a file carries the same
# policy, and reading a rate table of decades is a good part of a short statement's work.
# A Policy is immutable, so one can be shared; the memo is emptied when it grows large.
_READ: dict[object, Policy] = {}


def _remember(key: object, policy: Policy) -> Policy:
    if len(_READ) >= 256:
        _READ.clear()
    _READ[key] = policy
    return policy


def load_policy(ref: str | dict) -> Policy:
    """A policy by name (resources/policies/<name>.toml) or from an inline object."""
    if isinstance(ref, dict):
        # The repr of a JSON or TOML object is its content (strings, numbers, dates, lists).
        key = repr(ref)
        return _READ.get(key) or _remember(key, _from_mapping(ref, "inline"))
    if not isinstance(ref, str) or not _NAME.fullmatch(ref):
        raise reject("policy", "", "policy", f"must be a policy name or an object, not {ref!r}")
    from caseworker.paths import resource

    path = resource("policies", ref + ".toml")
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        # The file as it is now (an edited file is read again).
        known = _READ.get((ref, raw))
        if known is not None:
            return known
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise LedgerError(f"policy {ref}: no such policy (looked for resources/policies/"
                          f"{ref}.toml)", field="policy", ident=ref) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LedgerError(f"policy {ref}: cannot be read ({exc})", field="policy",
                          ident=ref) from None
    return _remember((ref, raw), _from_mapping(data, ref))


def policy_words(ref: object) -> dict[str, str]:
    """The program's words (payor, recipient, file, ...) of a policy, or {} when it has none."""
    data: object = ref
    if isinstance(ref, str) and _NAME.fullmatch(ref):
        from caseworker.paths import resource

        try:
            with open(resource("policies", ref + ".toml"), "rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError):
            return {}
    words = data.get("words", {}) if isinstance(data, dict) else {}
    if not isinstance(words, dict):
        return {}
    return {k: v for k, v in words.items() if isinstance(k, str) and isinstance(v, str)}


def _strings(value: object, name: str, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise reject("policy", name, field, "must be a list of strings")
    return tuple(value)


def _int(value: object, name: str, field: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise reject("policy", name, field, f"must be a whole number from {low} to {high}")
    return value


def _unknown(data: dict, allowed: frozenset, name: str, prefix: str = "") -> None:
    extra = [k for k in data if k not in allowed]
    if extra:
        key = min(extra, key=str)
        raise LedgerError(f"policy {name}: unknown key '{prefix}{key}'", field=prefix + str(key),
                          ident=name)


def _from_mapping(data: dict, name: str) -> Policy:
    # Keys the engine does not use (age of majority, words, thresholds, fees...) belong to
    # other parts of the program: they are allowed but not read here.
    _unknown(data, POLICY_KEYS, name)
    allocation = _strings(data.get("allocation", list(STEPS)), name, "allocation")
    if sorted(allocation) != sorted(STEPS):
        raise reject("policy", name, "allocation",
                     "must list each of current, arrears, interest, fees once")
    priority = _strings(data.get("payee_priority", list(DEFAULT_PAYEE_PRIORITY)), name,
                        "payee_priority")
    # A charge's sort key keeps 6 bits for the payee's rank (charges.py).
    if len(priority) > 32 or len(set(priority)) < len(priority):
        raise reject("policy", name, "payee_priority",
                     "must name each payee once, 32 payees at the most")
    skip = frozenset(_strings(data.get("skip_current_sources", []), name,
                              "skip_current_sources"))
    limit = _int(data.get("arrangement_missed_limit", 2), name, "arrangement_missed_limit",
                 1, 120)
    interest = data.get("interest", {"method": "none"})
    if not isinstance(interest, dict):
        raise reject("policy", name, "interest", "must be an object")
    _unknown(interest, INTEREST_KEYS, name, "interest.")
    method = interest.get("method", "none")
    if method not in METHODS:
        raise reject("policy", name, "interest.method", f"must be one of {', '.join(METHODS)}, "
                     f"not {method!r}")
    grace = _int(interest.get("grace_days", 0), name, "interest.grace_days", 0, 366)
    basis = _int(interest.get("basis", 365), name, "interest.basis", 360, 366)
    table = _rate_table(interest.get("rate_table", []), name)   # checked whatever the method
    if method == "none":
        table = RateTable()
    return Policy(allocation, priority, skip, limit, method, grace, basis, table)


def _rate_table(rows: object, name: str) -> RateTable:
    if not isinstance(rows, list):
        raise reject("policy", name, "interest.rate_table", "must be a list of {from, annual_rate}")
    parsed: dict[int, Decimal] = {}
    for row in rows:
        if not isinstance(row, dict):
            raise reject("policy", name, "interest.rate_table",
                         "rows must be {from = \"YYYY-MM-DD\", annual_rate = \"0.10\"}")
        _unknown(row, RATE_ROW_KEYS, name, "interest.rate_table.")
        start = parse_date(row.get("from"), "policy", name, "interest.rate_table.from")
        text = row.get("annual_rate")
        if not isinstance(text, str) or not _RATE.fullmatch(text):
            raise reject("policy", name, "interest.rate_table.annual_rate",
                         f"must be a string such as \"0.10\", not {text!r}")
        try:
            rate = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern already vouches for it
            raise reject("policy", name, "interest.rate_table.annual_rate",
                         "is not a number") from None
        if rate > 1:
            raise reject("policy", name, "interest.rate_table.annual_rate",
                         f"is a fraction (0.10 for 10%), not {text!r}")
        if start in parsed:
            raise reject("policy", name, "interest.rate_table.from", "has the same date twice")
        parsed[start] = rate
    starts = tuple(sorted(parsed))
    places = max([-int(parsed[s].as_tuple().exponent) for s in starts] + [0])
    scale = 10 ** places
    rates = tuple(int(parsed[s].scaleb(places)) for s in starts)
    sums = [0]
    for i in range(1, len(starts)):
        sums.append(sums[-1] + rates[i - 1] * (starts[i] - starts[i - 1]))
    return RateTable(starts, rates, scale, tuple(sums))
