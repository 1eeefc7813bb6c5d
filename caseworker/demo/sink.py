"""Rows waiting to be written: ids, deterministic uids, storage forms and batched inserts.

The generator hands every row over already in the form SQLite keeps it (money
in integer cents, dates as ISO text, timestamps in the text form SQLAlchemy
writes for a DateTime column), and the rows go in through the driver's
executemany with the INSERT that SQLAlchemy Core compiles for each table (for
the two biggest tables, one naming the columns in the generator's own order).
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

_VERSION7 = 0x7 << 76
_VARIANT = 0x2 << 62
_ONE_DAY = timedelta(days=1)


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

    def __init__(self, conn: Connection, uid_rng: Random, clock_ms: int,
                 batch: int = 150_000):
        self.conn = conn
        self._tick = clock_ms  # the uids' clock: milliseconds since 1970, one per row
        self.batch = batch
        self.pending = 0
        self.written: dict[str, int] = {}
        self._getbits = uid_rng.getrandbits
        self._tables = list(Base.metadata.sorted_tables)
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
        self._streams: dict[str, list[tuple[str, list[tuple]]]] = {}

    def uid(self) -> str:
        """A time-ordered (version 7) UUID whose clock is a counter and whose rest is seeded.

        Random version-4 uids land all over each table's unique index, and at 50,000 files
        those indexes outgrow the page cache; uids that rise with every row are appended at
        the index's end instead. Like any UUID they never collide with one made elsewhere.
        """
        self._tick += 1
        bits = self._getbits(74)
        n = (self._tick << 80) | _VERSION7 | ((bits >> 62) << 64) | _VARIANT | \
            (bits & 0x3FFF_FFFF_FFFF_FFFF)
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def next_id(self, table: str) -> int:
        self._ids[table] += 1
        return self._ids[table]

    def reserve(self, table: str, count: int) -> int:
        """Take `count` ids at once; returns the first."""
        first = self._ids[table] + 1
        self._ids[table] += count
        return first

    def stream(self, table: str, columns: tuple[str, ...]) -> list[tuple]:
        """A list to append whole tuples to, in `columns` order: the fast way for big tables.

        The caller fills in every column itself (id from `reserve`, uid from `uid`).
        """
        if sorted(columns) != sorted(self._columns[table]):
            raise KeyError(f"{table}: columns {columns} do not match the table")
        quote = self.conn.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        rows: list[tuple] = []
        self._streams.setdefault(table, []).append((sql, rows))
        return rows

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
        streamed = sum(len(rows) for streams in self._streams.values() for _, rows in streams)
        if self.pending + streamed >= self.batch:
            self.flush()

    def flush(self) -> None:
        for table in self._tables:
            batches = [(self._sql[table.name], self._rows[table.name])]
            batches += self._streams.get(table.name, [])
            for sql, rows in batches:
                if rows:
                    self.conn.exec_driver_sql(sql, rows)
                    self.written[table.name] = self.written.get(table.name, 0) + len(rows)
                    rows.clear()
        self.pending = 0
