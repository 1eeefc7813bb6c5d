"""The payoff projection agrees with statements of the same payments actually made."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from caseworker.ledger import payoff, statement
from caseworker.ledger.document import parse_document
from caseworker.ledger.projection import _schedule

CASES = Path(__file__).parent / "cases"

DAILY = {"interest": {"method": "daily_simple", "grace_days": 10, "basis": 365,
                      "rate_table": [{"from": "2020-01-01", "annual_rate": "0.08"},
                                     {"from": "2026-01-01", "annual_rate": "0.05"}]}}


def _document(policy: dict) -> dict:
    return {"case": "PROJ", "as_of": "2025-06-30", "policy": policy,
            "terms": [{"id": "T1", "kind": "periodic", "amount": "400.00",
                       "frequency": "monthly", "day": 1, "start": "2024-01-01",
                       "end": "2027-12-31"},
                      {"id": "T2", "kind": "fixed_arrears", "amount": "6000.00",
                       "due": "2023-12-31"}],
            "payments": [{"id": "P1", "received": "2024-03-05", "amount": "1200.00"}]}


@pytest.mark.parametrize("policy", [{}, DAILY, {"interest": {
    "method": "monthly_simple", "rate_table": [{"from": "2020-01-01", "annual_rate": "0.10"}]}}],
    ids=["no interest", "daily", "monthly"])
@pytest.mark.parametrize("frequency,day", [("monthly", None), ("monthly", 20), ("weekly", None),
                                           ("biweekly", 3), ("semi_monthly", None)])
def test_making_the_projected_payments_pays_the_account_off(policy: dict, frequency: str,
                                                            day: int | None) -> None:
    doc = _document(policy)
    result = payoff(doc, "650.00", frequency, day)
    assert result["payments"] and result["paid_off"]
    paid_off = date.fromisoformat(result["paid_off"]).toordinal()
    dates = [d for d in _schedule(parse_document(doc), date(2025, 6, 30).toordinal(),
                                  paid_off, frequency, day)]
    assert len(dates) == result["payments"]
    assert date.fromordinal(dates[0]).isoformat() == result["first_payment"]
    made = json.loads(json.dumps(doc))
    made["payments"] += [{"id": f"X{n}", "received": date.fromordinal(d).isoformat(),
                          "amount": "650.00"} for n, d in enumerate(dates)]
    made["as_of"] = result["paid_off"]
    after = statement(made)["totals"]
    assert Decimal(after["total_owing"]) <= 0
    assert Decimal(after["total_owing"]) == Decimal(result["last_payment_amount"]) - 650
    before = statement(made, date.fromordinal(dates[-2]).isoformat())["totals"]
    assert Decimal(before["total_owing"]) > 0
    charged = Decimal(after["interest_charged"]) - Decimal(
        statement(doc)["totals"]["interest_charged"])
    assert charged == Decimal(result["interest_paid"])


def test_ten_percent_example_pays_off_in_five() -> None:
    case = json.loads((CASES / "payoff_10_percent_simple.json").read_text())
    assert payoff(case["document"], "300.00", "monthly", 15)["payments"] == 5
