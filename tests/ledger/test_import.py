"""The ledger is pure: importing it loads no Qt."""

from __future__ import annotations

import subprocess
import sys


def test_ledger_imports_no_pyside6() -> None:
    code = ("import caseworker.ledger, caseworker.ledger.text, sys; "
            "assert not any(m.startswith('PySide6') for m in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)
