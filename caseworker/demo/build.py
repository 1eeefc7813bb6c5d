"""Build a whole demo database: staff, employers, files, the balance cache, one audit event."""

from __future__ import annotations

import importlib
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from random import Random

from sqlalchemy import text
from sqlalchemy.orm import Session

from caseworker.demo.cases import FileNumbers, make_case
from caseworker.demo.context import Demo, programs
from caseworker.demo.names import NamePicker
from caseworker.demo.payments import PAYMENT_COLUMNS
from caseworker.demo.record import RECORD_COLUMNS
from caseworker.demo.settle import settle_closed
from caseworker.demo.sink import Sink
from caseworker.demo.staff import make_staff
from caseworker.models.db import create_database
from caseworker.services import audit


@dataclass
class BuildReport:
    """What a build wrote, table by table, whether the balance cache was filled, and timings."""

    rows: dict[str, int] = field(default_factory=dict)
    balances: int | None = None
    default_user: str = ""
    seconds: dict[str, float] = field(default_factory=dict)


def _refresh_balances(session: Session, sink: Sink, today: date) -> int | None:
    """Fill the queue's balance cache with the ledger, settling closed files on the way."""
    try:
        balances = importlib.import_module("caseworker.services.balances")
    except ModuleNotFoundError as exc:
        if exc.name != "caseworker.services.balances":
            raise
        return None  # a build without the balance service leaves the cache empty
    count = balances.refresh_all(session, today)
    settled = settle_closed(session, sink)
    if settled:
        balances.refresh(session, settled, today)
    return count


def _write_files(session: Session, sink: Sink, rng: Random, today: date, cases: int) -> str:
    """Staff, employers and every file; returns the default user's name."""
    staff, default_user = make_staff(sink)
    demo = Demo(rng=rng, today=today, sink=sink, staff=staff, names=NamePicker(rng),
                payment_rows=sink.stream("payments", PAYMENT_COLUMNS),
                record_rows=sink.stream("record_entries", RECORD_COLUMNS))
    for region in ("AB", "BC", "CA", "NC"):
        demo.make_employers(region, max(20, cases // 12))
    known = programs()
    numbers = FileNumbers()
    for case_id in range(1, cases + 1):
        make_case(demo, case_id, known, numbers)
        sink.maybe_flush()
    sink.flush()
    return default_user


def build_demo(path: str | os.PathLike, *, cases: int = 2000, seed: int = 1, today: date,
               balances: bool = True) -> BuildReport:
    """Write a new demo database at `path`; the same seed and today give the same content.

    `balances=False` leaves the queue's balance cache empty (the ledger pass is most of the
    time of a very large build) and closed files keep whatever interest the ledger would find.
    """
    if cases < 1:
        raise ValueError("a demo needs at least one file")
    rng = Random(seed)
    uid_rng = Random(rng.getrandbits(64))  # uids have their own stream, drawn from the seed
    started = time.perf_counter()
    database = create_database(path)
    report = BuildReport()
    try:
        with database.session() as session:
            conn = session.connection()
            conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MB: big batches stay hot
            # The uids' clock starts at midnight UTC of the build's day (never the real clock).
            midnight = datetime(today.year, today.month, today.day, tzinfo=UTC)
            sink = Sink(conn, uid_rng, clock_ms=int(midnight.timestamp()) * 1000)
            report.default_user = _write_files(session, sink, rng, today, cases)
            session.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                            [{"k": "default_user", "v": report.default_user},
                             {"k": "demo", "v": f"seed={seed} today={today.isoformat()} "
                                                f"cases={cases}"}])
            report.seconds["files"] = time.perf_counter() - started
            if balances:
                report.balances = _refresh_balances(session, sink, today)
                report.seconds["balances"] = time.perf_counter() - started - \
                    report.seconds["files"]
            report.rows = dict(sink.written)
            admin = session.scalar(text("SELECT id FROM users WHERE role = 'administrator'"))
            audit.record(session, user_id=admin, action="create", entity="demo",
                         detail={"cases": cases, "seed": seed, "today": today.isoformat()})
        # Fold the write-ahead log into the file so it can be renamed on its own (outside any
        # transaction, which the engine's connections always open).
        raw = database.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    finally:
        database.dispose()
    report.seconds["total"] = time.perf_counter() - started
    return report
