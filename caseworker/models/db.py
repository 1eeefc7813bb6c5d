"""Opening, creating and upgrading a Caseworker database, SQLite or PostgreSQL.

A personal file runs in WAL mode; a team's shared file (on a network drive)
always runs in rollback-journal mode with short BEGIN IMMEDIATE transactions,
because SQLite's WAL does not work over network file systems (DESIGN.md).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")
T = TypeVar("T")


class DatabaseError(Exception):
    """A database that cannot be used, with a message for the person who tried."""


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


class Database:
    """An open database: its engine, its mode, and sessions for one user action each."""

    def __init__(self, engine: Engine, *, location: str, shared: bool, read_only: bool,
                 read_engine: Engine | None = None):
        self.engine = engine
        self.read_engine = read_engine or engine
        self.location = location
        self.shared = shared
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only transaction that takes no write lock (for screens and reports)."""
        with self._readers() as session, session.begin():
            yield session
            session.rollback()

    def run(self, work: Callable[[Session], T], attempts: int = 5) -> T:
        """Run `work` in one transaction, retrying all of it while another writer holds the lock."""
        for attempt in range(attempts):
            try:
                with self.session() as session:
                    return work(session)
            except OperationalError as exc:
                if "locked" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.05 * 2 ** attempt)
        raise AssertionError("unreachable")

    def setting(self, key: str) -> str | None:
        # The read engine: a write engine's BEGIN IMMEDIATE would wait on any open session.
        with self.read_engine.connect() as conn:
            return conn.execute(text("SELECT value FROM settings WHERE key = :k"),
                                {"k": key}).scalar()

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()


def _sqlite_engine(path: Path, *, shared: bool, read_only: bool,
                   immediate: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 10})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA trusted_schema = OFF")
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA synchronous = FULL")
        if not read_only:
            cursor.execute(f"PRAGMA journal_mode = {'DELETE' if shared else 'WAL'}")
        else:
            cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock at once, so two writers never deadlock half-way;
        # readers begin deferred and take no write lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate and not read_only else "BEGIN")

    return engine


def _check_sqlite_file(path: Path) -> None:
    if not path.exists():
        raise DatabaseError(f"{path}: no such database file")
    if path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot be read ({exc.strerror})") from None
    if header != SQLITE_MAGIC:
        raise DatabaseError(f"{path}: is not a Caseworker database (not an SQLite file)")


def _inspect(engine: Engine, where: str) -> str:
    """Check the file is ours and sound; return its schema revision."""
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
                if result != "ok":
                    raise DatabaseError(f"{where}: is damaged ({result}); restore a backup")
            app = conn.execute(text("SELECT value FROM settings WHERE key = 'app'")).scalar()
            revision = MigrationContext.configure(conn).get_current_revision()
    except (OperationalError, sqlite3.DatabaseError) as exc:
        message = str(getattr(exc, "orig", exc))
        if "no such table" in message or "does not exist" in message:
            raise DatabaseError(f"{where}: is not a Caseworker database") from None
        raise DatabaseError(f"{where}: cannot be opened ({message})") from None
    if app != "caseworker" or revision is None:
        raise DatabaseError(f"{where}: is not a Caseworker database")
    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        scripts.get_revision(revision)
    except Exception:
        raise DatabaseError(
            f"{where}: was written by a newer version of Caseworker (schema {revision}); "
            "install the newer version to open it") from None
    return revision


def _backup(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    return target


def _upgrade(engine: Engine) -> None:
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")


def open_database(target: str | os.PathLike, *, read_only: bool = False) -> Database:
    """Open an existing database (a file path or a PostgreSQL URL), upgrading it if older."""
    location = str(target)
    if location.startswith("postgresql"):
        engine = create_engine(location)
        revision = _inspect(engine, location)
        if revision != head_revision():
            _upgrade(engine)
        return Database(engine, location=location, shared=True, read_only=read_only)
    path = Path(location)
    _check_sqlite_file(path)
    probe = _sqlite_engine(path, shared=True, read_only=True)
    try:
        revision = _inspect(probe, location)
        with probe.connect() as conn:
            shared = conn.execute(
                text("SELECT value FROM settings WHERE key = 'mode'")).scalar() == "shared"
            journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    finally:
        probe.dispose()
    if shared and journal == "wal":
        raise DatabaseError(f"{location}: is a shared file left in WAL mode, which is unsafe on a "
                            "network drive; ask an administrator to repair it")
    if revision != head_revision():
        if read_only:
            raise DatabaseError(f"{location}: needs an upgrade; open it once for writing first")
        _backup(path, revision)
        engine = _sqlite_engine(path, shared=shared, read_only=False)
        _upgrade(engine)
        engine.dispose()
    engine = _sqlite_engine(path, shared=shared, read_only=read_only)
    reader = _sqlite_engine(path, shared=shared, read_only=read_only, immediate=False)
    return Database(engine, location=location, shared=shared, read_only=read_only,
                    read_engine=reader)


def create_database(target: str | os.PathLike, *, shared: bool = False) -> Database:
    """Create a new, empty database at the latest schema."""
    location = str(target)
    if location.startswith("postgresql"):
        engine = create_engine(location)
    else:
        if Path(location).exists():
            raise DatabaseError(f"{location}: already exists")
        engine = _sqlite_engine(Path(location), shared=shared, read_only=False)
    _upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('app', 'caseworker'), "
                          "('mode', :mode)"), {"mode": "shared" if shared else "personal"})
    if location.startswith("postgresql"):
        return Database(engine, location=location, shared=True, read_only=False)
    reader = _sqlite_engine(Path(location), shared=shared, read_only=False, immediate=False)
    return Database(engine, location=location, shared=shared, read_only=False,
                    read_engine=reader)
