"""Every bad input of LEDGER.md section 1 is refused with one message naming the field and id."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseworker.ledger import LedgerError, payoff, statement
from caseworker.ledger.policy import load_policy


def good() -> dict:
    return {
        "case": "V-1", "as_of": "2025-06-30", "policy": "generic",
        "terms": [{"id": "T1", "kind": "periodic", "category": "child", "amount": "450.00",
                   "frequency": "monthly", "day": 1, "start": "2025-01-01", "end": "2025-12-31"},
                  {"id": "T2", "kind": "lump_sum", "amount": "100.00", "due": "2025-02-01"}],
        "assignments": [{"start": "2025-03-01", "end": "2025-03-31", "to": "crown"}],
        "arrangements": [{"id": "PA1", "amount": "50.00", "frequency": "monthly", "day": 15,
                          "start": "2025-02-15"}],
        "payments": [{"id": "P1", "received": "2025-01-03", "amount": "450.00", "source": "wage"},
                     {"id": "P2", "received": "2025-02-03", "amount": "450.00"},
                     {"id": "P3", "received": "2025-02-10", "amount": "450.00", "reverses": "P2"}],
        "adjustments": [{"id": "A1", "date": "2025-03-01", "amount": "-20.00", "term": "T1",
                         "reason": "agreed"}],
    }


def test_the_good_document_is_accepted() -> None:
    assert statement(good())["totals"]["collected"] == "450.00"


def _set(path: tuple, value: object) -> dict:
    doc = copy.deepcopy(good())
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


_DELETE = object()

# (what is changed, new value, field named, id named, words in the message)
CASES = [
    (("extra",), 1, "extra", "V-1", "not a known key"),
    (("terms", 0, "colour"), "red", "colour", "T1", "not a known key"),
    (("payments", 0, "note"), "x", "note", "P1", "not a known key"),
    (("adjustments", 0, "by"), "me", "by", "A1", "not a known key"),
    (("arrangements", 0, "extra"), 1, "extra", "PA1", "not a known key"),
    (("terms", 0, "amount"), 450.0, "amount", "T1", "not the number"),
    (("payments", 1, "amount"), 450, "amount", "P2", "not the number"),
    (("terms", 0, "amount"), "-450.00", "amount", "T1", "negative"),
    (("terms", 1, "amount"), "1.005", "amount", "T2", "amount such as"),
    (("terms", 0, "amount"), "abc", "amount", "T1", "amount such as"),
    (("payments", 0, "amount"), "0.00", "amount", "P1", "more than zero"),
    (("terms", 0, "start"), "2025-02-30", "start", "T1", "YYYY-MM-DD"),
    (("terms", 1, "due"), "01/02/2025", "due", "T2", "YYYY-MM-DD"),
    (("payments", 0, "received"), "2025-1-3", "received", "P1", "YYYY-MM-DD"),
    (("adjustments", 0, "date"), None, "date", "A1", "missing"),
    (("as_of",), "tomorrow", "as_of", "V-1", "YYYY-MM-DD"),
    (("terms", 0, "end"), "2024-12-31", "end", "T1", "before start"),
    (("arrangements", 0, "end"), "2025-01-01", "end", "PA1", "before start"),
    (("assignments", 0, "end"), "2025-02-01", "end", "#1", "before start"),
    (("terms", 0, "supersedes"), ["T9"], "supersedes", "T1", "unknown term 'T9'"),
    (("payments", 2, "reverses"), "P9", "reverses", "P3", "unknown payment 'P9'"),
    (("adjustments", 0, "term"), "T9", "term", "A1", "unknown term 'T9'"),
    (("adjustments", 0, "reason"), _DELETE, "reason", "A1", "missing"),
    (("adjustments", 0, "amount"), "0", "amount", "A1", "not be zero"),
    (("payments", 2, "amount"), "400.00", "amount", "P3", "must equal the amount of P2"),
    (("payments", 2, "received"), "2025-02-01", "received", "P3", "before P2"),
    (("payments", 1, "id"), "P1", "id", "P1", "used twice"),
    (("terms", 0, "kind"), "weekly", "kind", "T1", "must be one of"),
    (("terms", 0, "frequency"), "fortnightly", "frequency", "T1", "must be one of"),
    (("terms", 0, "day"), 32, "day", "T1", "1-31"),
    (("case",), "", "case", "", "file number"),
    (("policy",), "atlantis", "policy", "atlantis", "no such policy"),
    (("policy",), {"allocation": ["arrears"]}, "allocation", "inline", "each of"),
    (("policy",), {"interest": {"method": "daily_simple",
                                "rate_table": [{"from": "2020-01-01", "annual_rate": 0.1}]}},
     "interest.rate_table.annual_rate", "inline", "string"),
    (("policy",), {"interest": {"method": "daily_simple",
                                "rate_table": [{"from": "2020-01-01", "annual_rate": "10"}]}},
     "interest.rate_table.annual_rate", "inline", "fraction"),
    (("policy",), {"interest": {"method": "compound"}}, "interest.method", "inline", "one of"),
    # A misspelt key is refused, not replaced by its default (LEDGER.md section 1).
    (("policy",), {"alocation": ["current", "arrears", "interest", "fees"]}, "alocation",
     "inline", "unknown key 'alocation'"),
    (("policy",), {"interest": {"method": "daily_simple", "grace_day": 15}},
     "interest.grace_day", "inline", "unknown key 'interest.grace_day'"),
    (("policy",), {"interest": {"method": "none", "grace_day": 15}},
     "interest.grace_day", "inline", "unknown key"),
    (("policy",), {"interest": {"method": "daily_simple", "rate_table": [
        {"from": "2020-01-01", "annual_rate": "0.10", "rate": "0.2"}]}},
     "interest.rate_table.rate", "inline", "unknown key 'interest.rate_table.rate'"),
    (("policy",), {"interest": {"method": "none", "rate_table": [
        {"from": "2020-01-01", "anual_rate": "0.10"}]}},
     "interest.rate_table.anual_rate", "inline", "unknown key"),
]


@pytest.mark.parametrize("path,value,field,ident,words", CASES,
                         ids=[f"{c[2]}-{c[4]}" for c in CASES])
def test_rejected(path: tuple, value: object, field: str, ident: str, words: str) -> None:
    with pytest.raises(LedgerError) as caught:
        statement(_set(path, value))
    error = caught.value
    assert error.field == field
    assert error.ident == ident
    message = str(error)
    assert words in message
    assert field in message and ident in message
    assert "\n" not in message


def test_a_reversal_of_a_reversal_is_refused() -> None:
    doc = good()
    doc["payments"].append({"id": "P4", "received": "2025-02-11", "amount": "450.00",
                            "reverses": "P3"})
    with pytest.raises(LedgerError, match="unknown payment 'P3'"):
        statement(doc)


def test_a_payment_reversed_twice_is_refused() -> None:
    doc = good()
    doc["payments"].append({"id": "P4", "received": "2025-02-11", "amount": "450.00",
                            "reverses": "P2"})
    with pytest.raises(LedgerError, match="already reversed"):
        statement(doc)


def test_overlapping_assignments_are_refused() -> None:
    doc = good()
    doc["assignments"].append({"start": "2025-03-15", "to": "state"})
    with pytest.raises(LedgerError, match="overlap"):
        statement(doc)


def test_a_bad_as_of_argument_is_refused() -> None:
    with pytest.raises(LedgerError, match="as_of"):
        statement(good(), "2025-13-01")


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(LedgerError, match="JSON object"):
        statement([])  # type: ignore[arg-type]


@pytest.mark.parametrize("args,field", [(("abc",), "payment"), (("-5.00",), "payment"),
                                        (("10.00", "daily"), "frequency"),
                                        (("10.00", "monthly", 0), "day")])
def test_payoff_arguments_are_checked(args: tuple, field: str) -> None:
    with pytest.raises(LedgerError) as caught:
        payoff(good(), *args)
    assert caught.value.field == field


def test_unknown_policy_name_is_named() -> None:
    with pytest.raises(LedgerError) as caught:
        load_policy("no-such-program")
    assert caught.value.ident == "no-such-program"
    assert "no-such-program" in str(caught.value)


@pytest.mark.parametrize("name", ["generic", "ab-mep", "bc-fmep", "ca-county", "nc-county"])
def test_shipped_policies_load(name: str) -> None:
    load_policy(name)


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-5, 40) | st.floats(allow_nan=False)
                     | st.text(max_size=12) | st.sampled_from(["2025-02-30", "450.00", "-1.00",
                                                              "T1", "P2", "monthly", "periodic"]),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, prefix + (i,))
    return out


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_damage_gives_a_ledger_error_or_a_statement(data: st.DataObject) -> None:
    doc = good()
    path = data.draw(st.sampled_from(_paths(doc)))
    value = data.draw(_JSON)
    damaged = _set(path, value)
    try:
        statement(damaged)
    except LedgerError as exc:
        assert str(exc) and "\n" not in str(exc)


@pytest.mark.parametrize("name", ["generic", "ab-mep", "bc-fmep", "ca-county", "nc-county"])
def test_a_statement_under_each_shipped_policy_balances(name: str) -> None:
    doc = good()
    doc["policy"] = name
    doc["as_of"] = "2026-06-30"
    totals = {k: int(v.replace(".", "")) for k, v in statement(doc)["totals"].items()}
    assert totals["total_owing"] == (totals["charged"] + totals["interest_charged"]
                                     + totals["adjusted"] - totals["collected"])


def test_an_inline_policy_may_carry_the_keys_of_a_policy_file() -> None:
    """A whole policy file put inline (its words, fees, thresholds...) is accepted."""
    import tomllib

    from caseworker.paths import resource

    for path in sorted(resource("policies").glob("*.toml")):
        with open(path, "rb") as handle:
            whole = tomllib.load(handle)
        doc = good()
        doc["policy"] = whole
        named = good()
        named["policy"] = path.stem
        assert statement(doc) == statement(named), path.stem


def test_an_id_with_thousands_of_digits_sorts_without_error() -> None:
    from caseworker.ledger import statement

    long = "T" + "1" * 5000
    doc = {"case": "LONG", "as_of": "2024-01-31", "terms": [
        {"id": long, "kind": "lump_sum", "amount": "1.00", "due": "2024-01-01"},
        {"id": "T2", "kind": "lump_sum", "amount": "2.00", "due": "2024-01-01"}]}
    assert [line["ref"].split("#")[0] for line in statement(doc)["lines"]] == ["T2", long]


def test_natural_key_compares_digit_runs_as_numbers() -> None:
    from caseworker.ledger.document import natural_key

    ids = ["P10", "P2", "P01", "P1", "Q", "P0010"]
    assert sorted(ids, key=natural_key) == ["P01", "P1", "P2", "P0010", "P10", "Q"]


def test_a_key_that_is_not_text_beside_an_unknown_one_is_refused() -> None:
    from caseworker.ledger import LedgerError, statement

    with pytest.raises(LedgerError, match="is not a known key"):
        statement({"case": "KEYS", 5: 1, "zz": 2})


@pytest.mark.parametrize("priority", [[f"a{i}" for i in range(33)], ["recipient", "recipient"]],
                         ids=["too many", "twice"])
def test_payee_priority_is_refused_past_what_the_sort_key_holds(priority: list) -> None:
    from caseworker.ledger import LedgerError, statement

    with pytest.raises(LedgerError, match="payee_priority"):
        statement({"case": "PRIO", "policy": {"payee_priority": priority}})


def test_more_terms_than_the_sort_key_holds_are_refused() -> None:
    from caseworker.ledger import LedgerError, statement

    terms = [{"id": f"T{i}", "kind": "fee", "amount": "1.00", "due": "2024-01-01"}
             for i in range(4096)]
    with pytest.raises(LedgerError, match="4,095 terms"):
        statement({"case": "MANY", "terms": terms})
