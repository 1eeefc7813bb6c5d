"""Times statement() on a 30-year weekly case with daily interest and a 20-year monthly case.

The development machine is shared (2 cores, other workers), so wall times move by 2x between
runs: the best run and the CPU time say more than the median, and the load average is
printed with them. For a figure that does not move at all, count instructions with
`benchmarks/ledger_instructions.py` (docs/ledger.md, Speed: 32.3M instructions per 30-year
statement compiled, 102M from source).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caseworker.ledger import native, statement  # noqa: E402

RUNS = 41


def weekly_case() -> dict:
    """30 years of weekly support (about 1,560 charges) and about 1,600 payments."""
    start = date(1995, 1, 6)
    end = start + timedelta(weeks=1560 - 1)
    payments = []
    day = start + timedelta(days=2)
    n = 0
    while len(payments) < 1600:
        n += 1
        # Mostly on time, every so often short or late, so interest and arrears build up.
        amount = "150.00" if n % 9 else "60.00"
        gap = 7 if n % 13 else 12
        payments.append({"id": f"P{n}", "received": day.isoformat(), "amount": amount,
                         "source": "wage"})
        day += timedelta(days=gap if n % 40 else 3)
    payments.append({"id": "R1", "received": payments[500]["received"],
                     "amount": payments[499]["amount"], "reverses": payments[499]["id"]})
    return {
        "case": "BENCH-WEEKLY", "currency": "CAD", "as_of": "2025-01-15",
        "policy": {"allocation": ["current", "arrears", "interest", "fees"],
                   "skip_current_sources": ["federal"],
                   "interest": {"method": "daily_simple", "grace_days": 15, "basis": 365,
                                "rate_table": [{"from": f"{y}-{m:02d}-01",
                                                "annual_rate": f"0.0{5 + (y + m) % 4}"}
                                               for y in range(1995, 2026) for m in (1, 7)]}},
        "terms": [{"id": "T1", "kind": "periodic", "category": "child", "amount": "150.00",
                   "frequency": "weekly", "start": start.isoformat(), "end": end.isoformat()},
                  {"id": "T2", "kind": "fixed_arrears", "amount": "2500.00",
                   "due": "1995-01-01"}],
        "payments": payments,
        "adjustments": [{"id": "A1", "date": "2001-05-05", "amount": "-200.00",
                         "reason": "credit agreed by recipient"}],
    }


def monthly_case() -> dict:
    """20 years of monthly support with a variation, monthly_simple interest."""
    payments = []
    for i in range(240):
        year, month = 2005 + i // 12, i % 12 + 1
        if i % 7:
            payments.append({"id": f"P{i}", "received": f"{year}-{month:02d}-05",
                             "amount": "600.00", "source": "direct"})
    return {
        "case": "BENCH-MONTHLY", "as_of": "2025-06-30",
        "policy": {"interest": {"method": "monthly_simple", "grace_days": 0,
                                "rate_table": [{"from": "2000-01-01", "annual_rate": "0.10"}]}},
        "terms": [{"id": "T1", "kind": "periodic", "category": "child", "amount": "600.00",
                   "frequency": "monthly", "day": 1, "start": "2005-01-01"},
                  {"id": "T2", "kind": "periodic", "category": "child", "amount": "650.00",
                   "frequency": "monthly", "day": 1, "start": "2015-01-01",
                   "supersedes": ["T1"]}],
        "payments": payments,
    }


def timings(document: dict) -> tuple[list, list, dict]:
    """Wall and CPU times of statement() in milliseconds, and the last result."""
    wall, cpu = [], []
    result = {}
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        result = statement(document)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu, result


def main() -> None:
    """Print the median time of each case (and the best, and CPU time: the machine is shared)."""
    engine = "compiled" if native.is_compiled() else f"from source ({native.status()})"
    print(f"ledger {engine}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          "target for the 30-year case: 5 ms or less")
    for name, doc in (("30-year weekly, daily_simple + grace", weekly_case()),
                      ("20-year monthly, monthly_simple", monthly_case())):
        statement(doc)  # warm up (imports, policy file)
        wall, cpu, result = timings(doc)
        print(f"{name}: median {statistics.median(wall):.2f} ms over {RUNS} runs "
              f"(best {min(wall):.2f} ms, median CPU {statistics.median(cpu):.2f} ms, "
              f"best CPU {min(cpu):.2f} ms; "
              f"{len(result['lines'])} lines, {len(result['allocations'])} allocations, "
              f"total owing {result['totals']['total_owing']})")


if __name__ == "__main__":
    main()
