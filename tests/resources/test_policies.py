"""The program policy files in resources/policies/ (LEDGER.md section 6).

Each file must parse, carry every key the ledger, the notices and the UI read,
with the right types; amounts and rates must be strings that parse as Decimal
(a TOML float is rejected outright); rate tables must ascend; every cited
source must name an address; and, once the ledger's loader exists, each file
must load through it by name.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

POLICY_DIR = Path(__file__).resolve().parents[2] / "resources" / "policies"
EXPECTED = {"ab-mep", "bc-fmep", "ca-county", "nc-county", "generic"}
STEPS = {"current", "arrears", "interest", "fees"}
METHODS = {"none", "monthly_simple", "daily_simple"}
DEDUCTION_BASES = {"net", "disposable", "gross"}
CURRENCY = {"CA": "CAD", "US": "USD"}
WORDS = ("payor", "recipient", "file", "running_record", "arrangement", "program")
THRESHOLDS_MONEY = (
    "approval_amount",
    "credit_bureau_arrears",
    "licence_suspension_arrears",
    "passport_denial_arrears",
)
THRESHOLDS_INT = ("default_notice_days", "missed_payment_days")


class FloatInPolicy(ValueError):
    pass


def _reject_float(text: str):
    raise FloatInPolicy(f"TOML float {text!r}: amounts and rates must be strings")


def _load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh, parse_float=_reject_float)


def _paths() -> list[Path]:
    return sorted(POLICY_DIR.glob("*.toml"))


def _money(value, where: str, *, positive: bool = False) -> Decimal:
    assert isinstance(value, str), f"{where}: amount must be a string, got {type(value).__name__}"
    try:
        amount = Decimal(value)
    except InvalidOperation:
        pytest.fail(f"{where}: {value!r} is not a decimal amount")
    assert amount.is_finite(), where
    assert amount >= 0, f"{where}: negative amount {value}"
    if positive:
        assert amount > 0, f"{where}: amount must be above zero"
    assert amount.as_tuple().exponent == -2, f"{where}: {value!r} must have exactly two decimals"
    return amount


def _rate(value, where: str) -> Decimal:
    assert isinstance(value, str), f"{where}: rate must be a string, got {type(value).__name__}"
    try:
        rate = Decimal(value)
    except InvalidOperation:
        pytest.fail(f"{where}: {value!r} is not a decimal rate")
    assert rate.is_finite() and Decimal(0) <= rate <= Decimal(1), f"{where}: {value} not in [0, 1]"
    return rate


def _int(value, where: str, low: int = 0) -> int:
    assert isinstance(value, int) and not isinstance(value, bool), f"{where}: must be an integer"
    assert value >= low, f"{where}: {value} below {low}"
    return value


def _str(value, where: str, *, empty_ok: bool = False) -> str:
    assert isinstance(value, str), f"{where}: must be a string"
    if not empty_ok:
        assert value.strip(), f"{where}: must not be empty"
    return value


@pytest.fixture(params=_paths(), ids=lambda p: p.stem)
def policy(request) -> tuple[str, dict, str]:
    path: Path = request.param
    return path.stem, _load(path), path.read_text(encoding="utf-8")


def test_the_five_programs_are_shipped():
    assert EXPECTED <= {p.stem for p in _paths()}


def test_a_toml_float_is_rejected(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[thresholds]\napproval_amount = 500.00\n', encoding="utf-8")
    with pytest.raises(FloatInPolicy):
        _load(bad)


def test_identity_and_currency(policy):
    stem, doc, _ = policy
    assert doc["id"] == stem
    for key in ("name", "short_name", "jurisdiction"):
        _str(doc[key], key)
    assert doc["country"] in CURRENCY, "country must be CA or US"
    assert doc["currency"] == CURRENCY[doc["country"]]


def test_ledger_keys(policy):
    stem, doc, _ = policy
    allocation = doc["allocation"]
    assert isinstance(allocation, list) and len(allocation) == 4 and set(allocation) == STEPS, (
        f"{stem}: allocation must be a permutation of {sorted(STEPS)}"
    )
    priority = doc["payee_priority"]
    assert isinstance(priority, list) and priority and all(isinstance(p, str) for p in priority)
    assert len(set(priority)) == len(priority)
    skip = doc["skip_current_sources"]
    assert isinstance(skip, list) and all(isinstance(s, str) and s for s in skip)
    _int(doc["arrangement_missed_limit"], "arrangement_missed_limit", low=1)
    assert 16 <= _int(doc["age_of_majority"], "age_of_majority") <= 21
    if "support_may_continue_to" in doc:
        until = _int(doc["support_may_continue_to"], "support_may_continue_to")
        assert until > doc["age_of_majority"]


def test_interest(policy):
    stem, doc, _ = policy
    interest = doc["interest"]
    assert interest["method"] in METHODS
    _int(interest["grace_days"], "interest.grace_days")
    assert _int(interest["basis"], "interest.basis") in (360, 365, 366)
    table = interest["rate_table"]
    assert isinstance(table, list)
    if interest["method"] != "none":
        assert table, f"{stem}: interest method {interest['method']} needs a rate table"
    previous = None
    for i, row in enumerate(table):
        where = f"{stem}.interest.rate_table[{i}]"
        assert set(row) == {"from", "annual_rate"}, f"{where}: keys must be from, annual_rate"
        assert isinstance(row["from"], str), f"{where}: from must be an ISO date string"
        start = dt.date.fromisoformat(row["from"])
        assert row["from"] == start.isoformat(), f"{where}: from must be YYYY-MM-DD"
        _rate(row["annual_rate"], where)
        if previous is not None:
            assert start > previous, f"{where}: dates must ascend"
        previous = start


def test_thresholds(policy):
    stem, doc, _ = policy
    th = doc["thresholds"]
    for key in THRESHOLDS_MONEY:
        _money(th[key], f"{stem}.thresholds.{key}")
    for key in THRESHOLDS_INT:
        _int(th[key], f"{stem}.thresholds.{key}", low=1)
    for key, value in th.items():  # keys a program adds follow the same rule
        if key.endswith(("_days", "_periods")):
            _int(value, f"{stem}.thresholds.{key}", low=1)
        else:
            _money(value, f"{stem}.thresholds.{key}")


def test_deduction(policy):
    stem, doc, _ = policy
    d = doc["deduction"]
    base = _rate(d["max_percent"], f"{stem}.deduction.max_percent")
    with_arrears = _rate(d["max_percent_with_arrears"],
                         f"{stem}.deduction.max_percent_with_arrears")
    assert base > 0 and with_arrears >= base
    assert d["basis"] in DEDUCTION_BASES
    for key, value in d.items():
        if key.startswith("max_percent"):
            _rate(value, f"{stem}.deduction.{key}")
        elif key.endswith("_fee"):
            _money(value, f"{stem}.deduction.{key}")


@pytest.mark.parametrize("table", ["fees", "recipient_fees"])
def test_fees(policy, table):
    stem, doc, _ = policy
    if table == "fees":
        assert "fees" in doc, f"{stem}: fees must be present (an empty list if none)"
    fees = doc.get(table, [])
    assert isinstance(fees, list)
    codes = [f["code"] for f in fees]
    assert len(codes) == len(set(codes)), f"{stem}.{table}: duplicate code"
    for fee in fees:
        where = f"{stem}.{table}.{fee.get('code')}"
        _str(fee["code"], where)
        _str(fee["label"], where)
        _money(fee["amount"], where + ".amount", positive=True)
        for key, value in fee.items():
            if key.startswith("threshold"):
                _money(value, f"{where}.{key}")


def test_words_and_letterhead(policy):
    stem, doc, _ = policy
    for key in WORDS:
        _str(doc["words"][key], f"{stem}.words.{key}")
    lh = doc["letterhead"]
    _str(lh["office"], "letterhead.office")
    assert isinstance(lh["address"], list) and lh["address"]
    for line in lh["address"]:
        _str(line, "letterhead.address")
    _str(lh["phone"], "letterhead.phone", empty_ok=True)
    _str(lh["website"], "letterhead.website", empty_ok=True)
    for line in lh.get("payment_address", []):
        _str(line, "letterhead.payment_address")
    if lh["website"]:
        assert lh["website"].startswith("https://") or lh["website"].startswith("http://")


SOURCE = re.compile(r"#\s*source[^:]*:(.*)$", re.MULTILINE)


def test_every_cited_source_names_an_address(policy):
    stem, _, text = policy
    citations = SOURCE.findall(text)
    if stem == "generic":
        assert not citations, "generic holds project defaults only; it cites nothing"
        return
    assert citations, f"{stem}: no '# source:' comments"
    for cite in citations:
        assert "http" in cite, f"{stem}: a source without an address: {cite.strip()}"


def test_unconfirmed_figures_are_said_plainly(policy):
    stem, _, text = policy
    if stem != "generic":
        assert "UNCONFIRMED" in text  # every real program has gaps; they must be flagged


def _load_policy():
    try:
        module = importlib.import_module("caseworker.ledger.policy")
    except ModuleNotFoundError:
        return None
    return getattr(module, "load_policy", None)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loads_through_the_ledger(name):
    load_policy = _load_policy()
    if load_policy is None:
        pytest.skip("caseworker.ledger.policy.load_policy does not exist yet")
    loaded = load_policy(name)
    assert loaded is not None
    source = _load(POLICY_DIR / f"{name}.toml")
    allocation = (loaded.get("allocation") if isinstance(loaded, Mapping)
                  else getattr(loaded, "allocation", None))
    if allocation is not None:
        assert list(allocation) == source["allocation"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_key_is_one_the_ledger_knows(name):
    """The ledger refuses unknown policy keys (a misspelling would otherwise fall back to a
    default): every shipped policy must use only the keys it lists."""
    from caseworker.ledger.policy import INTEREST_KEYS, POLICY_KEYS, RATE_ROW_KEYS

    source = _load(POLICY_DIR / f"{name}.toml")
    assert set(source) <= POLICY_KEYS, sorted(set(source) - POLICY_KEYS)
    assert set(source["interest"]) <= INTEREST_KEYS
    for row in source["interest"].get("rate_table", []):
        assert set(row) <= RATE_ROW_KEYS


def test_a_misspelt_key_in_a_policy_file_is_refused(tmp_path, monkeypatch):
    from caseworker.ledger import LedgerError
    from caseworker.ledger.policy import load_policy

    text = (POLICY_DIR / "generic.toml").read_text(encoding="utf-8")
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "typo.toml").write_text(
        text.replace("grace_days =", "grace_day ="), encoding="utf-8")
    import caseworker.paths

    real = caseworker.paths.resource
    monkeypatch.setattr(caseworker.paths, "resource",
                        lambda *parts: tmp_path.joinpath(*parts) if parts[:1] == ("policies",)
                        else real(*parts))
    with pytest.raises(LedgerError, match=r"policy typo: unknown key 'interest\.grace_day'"):
        load_policy("typo")
