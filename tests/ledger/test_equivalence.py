"""Every output byte as the engine gave it before the speed work (docs/ledger.md, Speed).

The statements and payoffs of seeded, varied documents (every frequency, variations,
reversals, adjustments, assignments, arrangements, the three interest methods with grace
and rate changes) are hashed and compared with digests recorded from the engine as it was
before it was made faster. A deliberate change of output must re-record them:
`python tests/ledger/test_equivalence.py > tests/ledger/equivalence_digests.json`.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from caseworker.ledger import LedgerError, payoff, statement

DIGESTS = Path(__file__).with_name("equivalence_digests.json")
FREQUENCIES = ["monthly", "semi_monthly", "weekly", "biweekly", "quarterly", "annually"]
COUNT = 160


def _amount(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _terms(rnd: random.Random, day, span: int) -> list[dict]:
    terms: list[dict] = []
    for i in range(rnd.randint(1, 4)):
        frequency = rnd.choice(FREQUENCIES + ["weekly", "biweekly", "semi_monthly", "monthly"])
        start = rnd.randint(0, span // 2)
        term = {"id": f"T{i + 1}", "kind": "periodic", "category": rnd.choice(["child", ""]),
                "amount": _amount(rnd.choice([rnd.randint(0, 200_000), 15_000, 0])),
                "frequency": frequency, "start": day(start)}
        if frequency in ("monthly", "quarterly", "annually") and rnd.random() < 0.8:
            term["day"] = rnd.randint(1, 31)
        elif frequency == "semi_monthly" and rnd.random() < 0.8:
            first = rnd.randint(1, 27)
            term["days"] = [first, rnd.randint(first + 1, 31)]
        if rnd.random() < 0.4:
            term["end"] = day(start + rnd.randint(0, span))
        if terms and rnd.random() < 0.4:
            term["supersedes"] = rnd.sample([t["id"] for t in terms], rnd.randint(1, len(terms)))
        terms.append(term)
    for i in range(rnd.randint(0, 4)):
        terms.append({"id": f"S{i + 1}",
                      "kind": rnd.choice(["lump_sum", "special_expense", "fee", "fixed_arrears"]),
                      "amount": _amount(rnd.randint(0, 500_000)),
                      "due": day(rnd.randint(-30, span))})
    return terms


def document(seed: int) -> dict:
    """A varied account document, the same for the same seed."""
    rnd = random.Random(seed)
    base = date(1990 + rnd.randint(0, 30), rnd.randint(1, 12), rnd.randint(1, 28))
    span = rnd.choice([60, 400, 900, 2000, 4000, 8000])

    def day(offset: int) -> str:
        return (base + timedelta(days=offset)).isoformat()

    terms = _terms(rnd, day, span)
    payments = []
    for i in range(rnd.choice([0, 3, 10, 40, 150, 600])):
        received = rnd.randint(0, span + 30)
        payments.append({"id": f"P{i + 1}", "received": day(received),
                         "amount": _amount(rnd.choice([rnd.randint(1, 300_000), 15_000, 1])),
                         "source": rnd.choice(["direct", "wage", "federal"])})
        if rnd.random() < 0.08:
            payments.append({"id": f"R{i + 1}", "received": day(received + rnd.randint(0, 90)),
                             "amount": payments[-1]["amount"], "reverses": f"P{i + 1}"})
    adjustments = []
    for i in range(rnd.randint(0, 5)):
        cents = rnd.randint(-80_000, 80_000) or 1
        adjustment = {"id": f"A{i + 1}", "date": day(rnd.randint(0, span)),
                      "amount": _amount(cents), "reason": "adjusted"}
        if cents < 0 and rnd.random() < 0.5:
            adjustment["term"] = rnd.choice(terms)["id"]
        adjustments.append(adjustment)
    rates = {day(rnd.randint(-400, span + 200)): rnd.choice(["0.1", "0.0725", "0.12345", "0"])
             for _ in range(rnd.randint(0, 12))}
    steps = ["current", "arrears", "interest", "fees"]
    rnd.shuffle(steps)
    policy = {"allocation": steps, "skip_current_sources": rnd.choice([["federal"], []]),
              "interest": {"method": rnd.choice(["none", "monthly_simple", "daily_simple",
                                                 "daily_simple"]),
                           "grace_days": rnd.choice([0, 0, 1, 15, 30, 90, rnd.randint(0, 366)]),
                           "basis": rnd.choice([365, 360, 366]),
                           "rate_table": [{"from": k, "annual_rate": v} for k, v in rates.items()]}}
    if rnd.random() < 0.3:
        policy["payee_priority"] = rnd.choice([["assignee", "recipient"], ["recipient"]])
    doc = {"case": f"EQ{seed}", "as_of": day(rnd.randint(-10, span + 60)), "policy": policy,
           "terms": terms, "payments": payments, "adjustments": adjustments}
    if rnd.random() < 0.4:
        start = rnd.randint(0, span)
        doc["assignments"] = [{"start": day(start), "end": day(start + rnd.randint(0, 400)),
                               "to": "state"}, {"start": day(start + 500), "to": "city"}]
    if rnd.random() < 0.4:
        start = rnd.randint(0, span)
        doc["arrangements"] = [{"id": "X1", "amount": _amount(rnd.randint(1_000, 100_000)),
                                "frequency": rnd.choice(FREQUENCIES), "start": day(start),
                                "end": day(start + rnd.randint(0, span + 100))}]
    return doc


def outputs(seed: int) -> str:
    """The JSON of the statement (and, for some, an earlier statement and a payoff)."""
    doc = document(seed)
    parts = []
    for call in (lambda: statement(doc),
                 lambda: statement(doc, (date(1990, 1, 1) + timedelta(days=seed * 47)).isoformat()),
                 lambda: payoff(doc, _amount(5_000 * (1 + seed % 40)),
                                FREQUENCIES[seed % 6], [None, 1, 15, 31][seed % 4])):
        try:
            parts.append(json.dumps(call()))
        except LedgerError as exc:
            parts.append(f"error: {exc}")
        if seed % 4 and len(parts) == 2:
            break
    return "\n".join(parts)


def digest(seed: int) -> str:
    return hashlib.sha256(outputs(seed).encode()).hexdigest()[:20]


@pytest.mark.parametrize("chunk", range(8))
def test_outputs_are_byte_for_byte_as_recorded(chunk: int) -> None:
    recorded = json.loads(DIGESTS.read_text())
    seeds = range(chunk * COUNT // 8, (chunk + 1) * COUNT // 8)
    changed = [seed for seed in seeds if digest(seed) != recorded[str(seed)]]
    assert not changed, f"outputs changed for seeds {changed} (see the module docstring)"


if __name__ == "__main__":
    print(json.dumps({str(seed): digest(seed) for seed in range(COUNT)}, indent=0))
