"""Notice data for tests: one complete, realistic notice of each kind."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

PROGRAM = {
    "id": "test",
    "words": {"payor": "payor", "recipient": "recipient", "file": "file",
              "running_record": "running record", "arrangement": "payment arrangement",
              "program": "Maintenance Enforcement Program"},
    "letterhead": {"office": "Maintenance Enforcement Program",
                   "address": ["10365 97 Street NW", "Edmonton, Alberta T5J 3W7"],
                   "phone": "780-422-5555", "website": "https://mep.example.org"},
    "deduction": {"max_percent": "0.40", "basis": "gross"},
}

# The protected party's location: none of these may reach the payor or an employer.
RECIPIENT_LOCATION = {
    "address_lines": ["77 Quietwood Crescent", "Lethbridge, Alberta T1K 9Z9"],
    "city": "Lethbridge",
    "postal_code": "T1K 9Z9",
    "employer": {"name": "Oldman River Dental Clinic", "address_lines": ["5 Bluff Road"]},
    "phone": "403-555-0199",
}

ADDRESSEES = {
    "payor": {"name": "Gordon P. Halvorsen", "role": "payor",
              "address_lines": ["4410 Whitemud Road", "Edmonton, Alberta T6H 5R2"]},
    "recipient": {"name": "Marie-Claire Halvorsen", "role": "recipient",
                  "address_lines": RECIPIENT_LOCATION["address_lines"]},
    "employer": {"name": "Prairie Rail Services Ltd.", "role": "employer",
                 "address_lines": ["Attn: Payroll", "2200 Yellowhead Trail NW",
                                   "Edmonton, Alberta T5L 1A1"]},
    "attorney": {"name": "Priya Raman, Counsel", "role": "attorney",
                 "address_lines": ["Alberta Justice, Civil Law", "9833 109 Street NW",
                                   "Edmonton, Alberta T5K 2E8"]},
}

# Who each kind normally goes to in these tests.
DEFAULT_TO = {"statement": "payor", "default": "payor", "arrangement": "payor",
              "deduction": "employer", "intent": "payor", "court": "attorney",
              "closure": "payor"}

EXTRAS: dict[str, dict[str, Any]] = {
    "statement": {"lines_from": "2026-01-01"},
    "default": {"respond_by": "2026-12-23"},
    "arrangement": {"arrangement": {"amount": "150.00", "frequency": "monthly",
                                    "start": "2026-12-15", "end": None}},
    "deduction": {"employer": {"name": "Prairie Rail Services Ltd.",
                               "address_lines": ["2200 Yellowhead Trail NW"]},
                  "deduction_per_pay": "412.50", "pay_frequency": "biweekly",
                  "deduction_start": "2026-12-01"},
    "intent": {"step": "licence_suspension", "respond_by": "2026-12-23"},
    "court": {},
    "closure": {"closure_reason": "paid_in_full"},
}


def statement(months: int = 14, as_of: str = "2026-11-22") -> dict[str, Any]:
    """A ledger statement (LEDGER.md section 7) with a charge and a payment each month."""
    lines = []
    balance = Decimal("3200.00")
    lines.append({"date": "2011-02-28", "kind": "charge", "ref": "T4#2011-02-28",
                  "description": "Arrears fixed at registration", "debit": "3200.00",
                  "credit": "0.00", "balance": str(balance)})
    for i in range(months):
        # The last of the months is November 2026.
        index = 2026 * 12 + 10 - (months - 1 - i)
        when = dt.date(index // 12, index % 12 + 1, 1)
        balance += Decimal("520.00")
        lines.append({"date": when.isoformat(), "kind": "charge", "ref": f"T2#{when}",
                      "description": "Child support", "debit": "520.00", "credit": "0.00",
                      "balance": str(balance)})
        paid = Decimal("400.00") if i % 3 else Decimal("520.00")
        balance -= paid
        lines.append({"date": when.replace(day=12).isoformat(), "kind": "payment",
                      "ref": f"P{i}", "description": "Payment received - wage deduction",
                      "debit": "0.00", "credit": str(paid), "balance": str(balance)})
    return {
        "case": "AB-2011-00042", "as_of": as_of,
        "totals": {"charged": "10480.00", "collected": "6560.00", "adjusted": "-300.00",
                   "interest_charged": "212.37", "principal_owing": "3620.00",
                   "interest_owing": "212.37", "fees_owing": "40.00", "credit": "0.00",
                   "total_owing": "3872.37"},
        "arrears": "3352.37",
        "by_payee": {"recipient": "3620.00", "program": "40.00"},
        "aging": {"0-30": "520.00", "31-90": "240.00", "91-180": "240.00",
                  "181-365": "360.00", "366-730": "0.00", "731+": "2260.00"},
        "delinquent_since": "2019-04-01",
        "arrangement": [],
        "lines": lines,
        "allocations": [],
    }


def payments(count: int) -> list[dict[str, Any]]:
    """A payment history of `count` payments, newest last."""
    start = dt.date(2011, 3, 4)
    return [{"date": (start + dt.timedelta(days=14 * i)).isoformat(), "amount": "225.00",
             "source": "wage" if i % 4 else "direct", "reference": f"R{100000 + i}",
             "note": ""} for i in range(count)]


def notice(kind: str, to: str | None = None, protected: bool = False,
           **overrides: Any) -> dict[str, Any]:
    """Complete notice data for `kind`, addressed to `to` (default: the usual addressee)."""
    role = to or DEFAULT_TO[kind]
    data: dict[str, Any] = {
        "kind": kind,
        "date": "2026-11-23",
        "program": copy.deepcopy(PROGRAM),
        "file_no": "AB-2011-00042",
        "protected": protected,
        "addressee": copy.deepcopy(ADDRESSEES[role]),
        "payor": {"name": "Gordon P. Halvorsen",
                  "address_lines": ADDRESSEES["payor"]["address_lines"]},
        "recipient": {"name": "Marie-Claire Halvorsen", **copy.deepcopy(RECIPIENT_LOCATION)},
        "officer": {"name": "Dana Whitford", "title": "Enforcement Officer"},
        "statement": statement(),
    }
    extras = copy.deepcopy(EXTRAS[kind])
    if kind == "court":
        extras["payments"] = payments(12)
    data.update(extras)
    data.update(overrides)
    return data
