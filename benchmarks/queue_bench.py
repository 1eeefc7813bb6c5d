"""How long the queue's figures take to recompute: `balances.refresh_all` over a demo caseload.

Usage: .venv/bin/python benchmarks/queue_bench.py [CASES]   (default 1,000 files)
Builds a demo without the cache, then times the recalculation and prints ms per file.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from caseworker.demo import build_demo
from caseworker.models.db import open_database
from caseworker.services import balances

TODAY = date(2026, 11, 23)


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        build_demo(path, cases=cases, seed=7, today=TODAY, balances=False)
        db = open_database(path)
        wall, cpu = time.perf_counter(), time.process_time()
        with db.session() as session:
            count = balances.refresh_all(session, TODAY)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        db.dispose()
    print(f"refresh_all over {count:,} files: {wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"{1000 * cpu / count:.2f} ms CPU per file")


if __name__ == "__main__":
    main()
