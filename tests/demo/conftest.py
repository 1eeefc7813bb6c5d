"""Small demo builds shared by the demo tests (built once per run, read only)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from caseworker.demo import build_demo

TODAY = date(2026, 11, 23)
SMALL = 30
# Columns the seed does not decide: the audit service stamps its one event with the clock
# (and so its hashes) and a fresh uid, and the balance cache records when it was computed.
CLOCK_COLUMNS = {"audit_events": {"at", "hash", "prev_hash", "uid"},
                 "case_balances": {"computed_at"}}


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows in key order, without the columns that come from the clock."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for table in tables:
            columns = ", ".join(f'"{r[1]}"' for r in conn.execute(f"PRAGMA table_info({table})")
                                if r[1] not in CLOCK_COLUMNS.get(table, ()))
            out[table] = conn.execute(
                f"SELECT {columns} FROM {table} ORDER BY {columns}").fetchall()
        return out
    finally:
        conn.close()


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory) -> tuple[Path, object]:
    """A 30-file demo and its build report."""
    path = tmp_path_factory.mktemp("demo-small") / "demo.sqlite"
    report = build_demo(path, cases=SMALL, seed=1, today=TODAY)
    return path, report


@pytest.fixture(scope="session")
def wide_demo(tmp_path_factory) -> Path:
    """A 300-file demo, big enough that every kind of file turns up."""
    path = tmp_path_factory.mktemp("demo-wide") / "demo.sqlite"
    build_demo(path, cases=300, seed=7, today=TODAY)
    return path


@pytest.fixture
def small_conn(small_demo):
    conn = sqlite3.connect(small_demo[0])
    yield conn
    conn.close()


@pytest.fixture
def wide_conn(wide_demo):
    conn = sqlite3.connect(wide_demo)
    yield conn
    conn.close()
