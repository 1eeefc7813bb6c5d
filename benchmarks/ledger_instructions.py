"""Counts the instructions of one 30-year weekly statement with callgrind (valgrind).

Wall time on the shared development machine moves between runs; an instruction count does
not. The script runs this file's `--child` part under callgrind twice, making no statement
and then ten, and prints the difference over ten:

    .venv/bin/python benchmarks/ledger_instructions.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def child(count: int) -> None:
    """Import and warm up, then make `count` statements (what callgrind measures)."""
    from ledger_bench import weekly_case

    from caseworker.ledger import statement

    document = weekly_case()
    statement(document)
    for _ in range(count):
        statement(document)


def collected(count: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out",
             sys.executable, __file__, "--child", str(count)],
            capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    from caseworker.ledger import native

    engine = "compiled" if native.status() == "compiled" else "from source"
    per = (collected(10) - collected(0)) // 10
    print(f"ledger {engine}: {per / 1e6:.1f}M instructions per 30-year weekly statement")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(int(sys.argv[2]))
    else:
        main()
