"""The same seed and date always give the same demo; another seed gives another one."""

from __future__ import annotations

from caseworker.demo import build_demo
from tests.demo.conftest import SMALL, TODAY, dump


def test_same_seed_and_day_give_identical_tables(small_demo, tmp_path):
    again = tmp_path / "again.sqlite"
    build_demo(again, cases=SMALL, seed=1, today=TODAY)
    first, second = dump(small_demo[0]), dump(again)
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], f"{table} differs between two builds"


def test_another_seed_gives_another_caseload(small_demo, tmp_path):
    other = tmp_path / "other.sqlite"
    build_demo(other, cases=SMALL, seed=2, today=TODAY)
    first, second = dump(small_demo[0]), dump(other)
    assert first["people"] != second["people"]
    assert first["payments"] != second["payments"]


def test_only_the_audit_event_and_cache_times_come_from_the_clock(small_conn):
    # One audit event for the build, not one per row.
    events = small_conn.execute("SELECT action, entity FROM audit_events").fetchall()
    assert events == [("create", "demo")]
