"""Rows waiting to be written: ids, deterministic uids, storage forms and batched inserts.

The generator hands every row over already in the form SQLite keeps it (money
in integer cents, dates as ISO text, timestamps in the text form SQLAlchemy
writes for a DateTime column), and the rows go in through the driver's
executemany with the INSERT that SQLAlchemy Core compiles for each table.
Going past SQLAlchemy's per-row parameter handling halves the time of a
50,000-file build; tests/demo checks that the stored forms read back through
the models exactly as rows the ORM wrote.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from random import Random

from sqlalchemy import Connection

from caseworker.models import Base

_VERSION4 = 0x4000_0000_0000_0000_0000
_VARIANT = 0x8000_0000_0000_0000
_ONE_DAY = timedelta(days=1)
_CLEAR = ~((0xF << 76) | (0xC << 60)) & ((1 << 128) - 1)


def day(value: date | None) -> str | None:
    """A date as SQLite keeps a SQLAlchemy Date."""
    return None if value is None else value.isoformat()


def stamp(value: datetime) -> str:
    """A UTC timestamp as SQLite keeps a SQLAlchemy DateTime (naive UTC text, microseconds)."""
    value = value.astimezone(UTC)
    return f"{value:%Y-%m-%d %H:%M:%S}.{value.microsecond:06d}"


def local_stamp(on: date, minute: int, utc_offset: int) -> str:
    """A working-hours moment on a day in the office's zone, stored in UTC."""
    # Called for most rows, so it does the arithmetic by hand rather than through datetime.
    minute -= utc_offset * 60
    if minute >= 1440:
        on, minute = on + _ONE_DAY, minute - 1440
    elif minute < 0:
        on, minute = on - _ONE_DAY, minute + 1440
    return f"{on.isoformat()} {minute // 60:02d}:{minute % 60:02d}:00.000000"


class Sink:
    """Collects rows per table and writes them in foreign-key order, in large batches."""

    def __init__(self, conn: Connection, uid_rng: Random, batch: int = 150_000):
        self.conn = conn
        self.batch = batch
        self.pending = 0
        self.written: dict[str, int] = {}
        self._getbits = uid_rng.getrandbits
        self._tables = [t for t in Base.metadata.sorted_tables]
        self._rows: dict[str, list[tuple]] = {t.name: [] for t in self._tables}
        self._ids: dict[str, int] = {t.name: 0 for t in self._tables}
        self._columns = {t.name: [c.name for c in t.columns] for t in self._tables}
        self._keyed = {t.name: "uid" in t.columns for t in self._tables}
        self._versioned = {t.name: "version" in t.columns for t in self._tables}
        self._sql = {}
        for t in self._tables:
            compiled = t.insert().compile(dialect=conn.dialect)
            # The getters must hand values over in the order the compiled INSERT binds them.
            self._columns[t.name] = list(compiled.positiontup)
            self._sql[t.name] = str(compiled)
        self._getters = {name: itemgetter(*cols) for name, cols in self._columns.items()}

    def uid(self) -> str:
        """A version-4 UUID drawn from the seeded generator, so every build matches."""
        n = (self._getbits(128) & _CLEAR) | _VERSION4 | _VARIANT
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def next_id(self, table: str) -> int:
        self._ids[table] += 1
        return self._ids[table]

    def add(self, table: str, row: dict) -> int:
        """Queue one row; fills in id, uid and version when the table has them."""
        if "id" not in row and self._keyed[table]:
            row["id"] = self.next_id(table)
        if self._keyed[table]:
            row["uid"] = self.uid()
        if self._versioned[table]:
            row["version"] = 1
        if len(row) != len(self._columns[table]):
            extra = set(row) - set(self._columns[table])
            missing = set(self._columns[table]) - set(row)
            raise KeyError(f"{table}: extra {sorted(extra)}, missing {sorted(missing)}")
        self._rows[table].append(self._getters[table](row))
        self.pending += 1
        return row.get("id", 0)

    def maybe_flush(self) -> None:
        """Write what is queued once a batch has built up (call between files only)."""
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        for table in self._tables:
            rows = self._rows[table.name]
            if rows:
                self.conn.exec_driver_sql(self._sql[table.name], rows)
                self.written[table.name] = self.written.get(table.name, 0) + len(rows)
                rows.clear()
        self.pending = 0
