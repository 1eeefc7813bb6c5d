"""The engine's shortcuts agree with the plain definitions they stand for (docs/ledger.md)."""

from __future__ import annotations

import random

import pytest

from caseworker.ledger.dates import iso, parse_date
from caseworker.ledger.document import parse_document
from caseworker.ledger.engine import Engine


def _engine(seed: int) -> Engine:
    rnd = random.Random(seed)
    rows = [{"from": iso(730000 + rnd.randint(-400, 4000)),
             "annual_rate": rnd.choice(["0.1", "0.0725", "0", "0.12345", "1"])}
            for _ in range(rnd.randint(0, 6))]
    rows = list({r["from"]: r for r in rows}.values())
    doc = parse_document({"case": "RATES", "as_of": iso(734000), "policy": {
        "interest": {"method": "daily_simple", "basis": 365, "rate_table": rows}}})
    return Engine(doc, doc.as_of, doc.as_of)


@pytest.mark.parametrize("seed", range(40))
def test_rate_pieces_give_the_cumulative_rate(seed: int) -> None:
    eng = _engine(seed)
    table = eng.rates
    rnd = random.Random(seed)
    for _ in range(30):
        day = 730000 + rnd.randint(-800, 4800)
        base, rate, last = eng._rate_piece(day)
        assert last >= day
        # The piece holds to its last day and no further (unless it is the final piece).
        for x in {day, min(last, day + 1), min(last, day + 500), min(last, day + 5000)}:
            assert base + rate * x == table.cumulative(x + 1)
        if last < 1 << 60:   # it ends the day before the day before the next row's date
            assert last + 2 in table.starts


def test_rate_piece_before_the_table_is_zero() -> None:
    doc = parse_document({"case": "RATES", "as_of": "2020-01-01", "policy": {"interest": {
        "method": "daily_simple", "rate_table": [{"from": "2010-01-01", "annual_rate": "0.1"}]}}})
    eng = Engine(doc, doc.as_of, doc.as_of)
    first = parse_date("2010-01-01", "", "", "")
    assert eng._rate_piece(first - 10) == (0, 0, first - 2)
    # The rate's own piece starts a day early, at a cumulative 0 ("0.1" is 1 over a scale 10).
    base, rate, last = eng._rate_piece(first - 1)
    assert (rate, last) == (1, 1 << 62)
    assert base + rate * (first - 1) == 0 and base + rate * first == 1


@pytest.mark.parametrize("seed", range(30))
def test_charges_of_several_terms_come_in_sort_key_order(seed: int) -> None:
    # build_charges merges each term's dated charges instead of sorting them all by key.
    from caseworker.ledger.charges import build_charges

    rnd = random.Random(seed)
    terms = []
    for i in range(rnd.randint(1, 6)):
        start = iso(737000 + rnd.randint(0, 900))
        if rnd.random() < 0.6:
            terms.append({"id": f"T{i + 1}", "kind": "periodic", "amount": "10.00",
                          "frequency": rnd.choice(["weekly", "monthly", "semi_monthly"]),
                          "start": start})
        else:
            terms.append({"id": f"T{i + 1}", "kind": rnd.choice(["lump_sum", "fee"]),
                          "amount": "5.00", "due": start})
    rnd.shuffle(terms)
    doc = parse_document({"case": "MERGE", "terms": terms})
    charges = build_charges(doc, 737000 + 1200)
    assert [c.skey for c in charges] == sorted(c.skey for c in charges)
    assert len(charges) == len({c.skey for c in charges})


def test_order_entries_puts_one_day_in_natural_id_order() -> None:
    from caseworker.ledger.engine import order_entries

    doc = parse_document({"case": "ORDER", "payments": [
        {"id": i, "received": day, "amount": "1.00"}
        for i, day in (("P10", "2024-01-02"), ("P9", "2024-01-02"), ("P2", "2024-01-01"),
                       ("P1", "2024-01-03"), ("P11", "2024-01-02"))]})
    assert [e.id for e in order_entries(list(doc.entries))] == ["P2", "P9", "P10", "P11", "P1"]


@pytest.mark.parametrize("enabled", [True, False])
def test_statement_leaves_the_cyclic_collector_as_it_found_it(enabled: bool) -> None:
    import gc

    from caseworker.ledger import statement

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        statement({"case": "GC", "as_of": "2024-01-01"})
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_statement_resumes_the_collector_after_bad_input() -> None:
    import gc

    from caseworker.ledger import LedgerError, statement

    assert gc.isenabled()
    with pytest.raises(LedgerError):
        statement({"case": "GC", "terms": "not a list"})
    assert gc.isenabled()


def test_an_inline_policy_is_read_once_and_an_edited_one_again() -> None:
    from caseworker.ledger.policy import load_policy

    raw = {"interest": {"method": "daily_simple", "grace_days": 5,
                        "rate_table": [{"from": "2010-01-01", "annual_rate": "0.05"}]}}
    first = load_policy(raw)
    assert load_policy({**raw}) is first   # the same content: the policy already read
    raw["interest"]["grace_days"] = 9       # changed in place: read again
    assert load_policy(raw).grace_days == 9 and first.grace_days == 5


def test_a_policy_file_edited_while_the_program_runs_is_read_again(tmp_path, monkeypatch):
    import caseworker.paths
    from caseworker.ledger import policy

    monkeypatch.setattr(caseworker.paths, "resource", lambda *parts: tmp_path.joinpath(*parts))
    (tmp_path / "policies").mkdir()
    path = tmp_path / "policies" / "edited.toml"
    path.write_text('[interest]\nmethod = "daily_simple"\ngrace_days = 3\n')
    assert policy.load_policy("edited").grace_days == 3
    assert policy.load_policy("edited") is policy.load_policy("edited")
    path.write_text('[interest]\nmethod = "daily_simple"\ngrace_days = 4\n')
    assert policy.load_policy("edited").grace_days == 4


@pytest.mark.parametrize("seed", range(40))
def test_order_entries_is_a_sort_by_date_then_natural_id(seed: int) -> None:
    # Sorted payments with a few entries after them are put in place one by one; many out of
    # order are sorted: either way the order is the plain definition's.
    from caseworker.ledger.document import natural_key
    from caseworker.ledger.engine import order_entries

    rnd = random.Random(seed)
    days = sorted(rnd.randint(0, 60) for _ in range(rnd.randint(0, 80)))
    tail = [rnd.randint(0, 60) for _ in range(rnd.choice([0, 1, 3, 40]))]
    if rnd.random() < 0.3:
        rnd.shuffle(days)
    doc = parse_document({"case": "ORDER", "payments": [
        {"id": f"P{i}", "received": iso(737000 + day), "amount": "1.00"}
        for i, day in enumerate(days + tail)]})
    entries = list(doc.entries)
    rnd.shuffle(entries) if rnd.random() < 0.2 else None
    expected = sorted(entries, key=lambda e: (e.date, natural_key(e.id)))
    assert [e.id for e in order_entries(entries)] == [e.id for e in expected]
