"""Opening, creating and upgrading a Caseworker database, SQLite or PostgreSQL.

A personal file runs in WAL mode; a team's shared file (on a network drive)
always runs in rollback-journal mode with short BEGIN IMMEDIATE transactions,
because SQLite's WAL does not work over network file systems (DESIGN.md).
"""

from __future__ import annotations

import os
import sqlite3
import stat
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
from sqlalchemy.exc import DBAPIError, OperationalError
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
                   immediate: bool = True, foreign_keys: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 10})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        # Set outside any transaction (inside one SQLite ignores it). Only an upgrade turns
        # it off: rebuilding a table (Alembic's batch mode) drops the old one, which foreign
        # keys would refuse for any table other rows point at.
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
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
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise DatabaseError(f"{path}: no such database file") from None
    except OSError as exc:   # a folder on the way that may not be entered, a symlink loop...
        raise DatabaseError(f"{path}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise DatabaseError(f"{path}: is a folder, not a database file")
    if not stat.S_ISREG(mode):   # a pipe would wait for a writer for ever
        raise DatabaseError(f"{path}: is not a database file (a device or a pipe)")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot be read ({exc.strerror})") from None
    if header != SQLITE_MAGIC:
        raise DatabaseError(f"{path}: is not a Caseworker database (not an SQLite file)")


def _reason(exc: BaseException) -> str:
    """The first line of the driver's own words for an error (SQLAlchemy wraps them)."""
    cause = getattr(exc, "orig", None) or exc
    return (str(cause).splitlines() or [cause.__class__.__name__])[0]


def _sqlite_reason(exc: BaseException) -> tuple[bool, str]:
    """(is the file damaged, SQLite's own words) for an error from SQLite or SQLAlchemy."""
    message = _reason(exc)
    name = getattr(getattr(exc, "orig", None) or exc, "sqlite_errorname", "")
    damaged = (name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
               or "malformed" in message or "not a database" in message)
    return damaged, message


def _check_sqlite_sound(path: Path, where: str) -> None:
    """PRAGMA quick_check on a plain connection, before any engine sets its pragmas."""
    try:
        conn = sqlite3.connect(path, timeout=10)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        damaged, message = _sqlite_reason(exc)
        if damaged:
            raise DatabaseError(f"{where}: is damaged ({message}); restore a backup") from None
        raise DatabaseError(f"{where}: cannot be opened ({message})") from None
    if [tuple(row) for row in rows] != [("ok",)]:
        first = str(rows[0][0]).splitlines()[0] if rows else "no answer"
        more = f", and {len(rows) - 1} more problems" if len(rows) > 1 else ""
        raise DatabaseError(f"{where}: is damaged ({first}{more}); restore a backup")


def _inspect(engine: Engine, where: str) -> str:
    """Check the file is ours and sound; return its schema revision."""
    try:
        with engine.connect() as conn:
            app = conn.execute(text("SELECT value FROM settings WHERE key = 'app'")).scalar()
            revision = MigrationContext.configure(conn).get_current_revision()
    except (DBAPIError, sqlite3.Error) as exc:
        damaged, message = _sqlite_reason(exc)
        if "no such table" in message or "does not exist" in message:
            raise DatabaseError(f"{where}: is not a Caseworker database") from None
        if damaged:
            raise DatabaseError(f"{where}: is damaged ({message}); restore a backup") from None
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


def _copy(source: Path, target: Path) -> None:
    """Copy a database page by page with SQLite's backup API (safe while it is open)."""
    src = sqlite3.connect(source)
    try:
        dest = sqlite3.connect(target)
        try:
            with dest:
                src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


def _backup(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    try:
        _copy(path, target)
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise DatabaseError(f"{path}: needs an upgrade, but no backup copy could be made at "
                            f"{target.name} ({exc}); nothing was changed") from None
    return target


def _upgrade(engine: Engine) -> None:
    """Migrate to the latest schema in one transaction, then re-create the triggers.

    On SQLite the engine runs with foreign keys off (see `_sqlite_engine`), so the links
    between rows are checked once at the end instead; any broken link undoes the upgrade.
    """
    from caseworker.models import triggers

    dialect = engine.dialect.name
    def broken_links(conn) -> set[tuple]:
        rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        return {(table, rowid, parent) for table, rowid, parent, _fk in rows}

    with engine.begin() as conn:
        # Links broken before (a hand edit with foreign keys off) are not the upgrade's doing.
        before = broken_links(conn) if dialect == "sqlite" else set()
        command.upgrade(alembic_config(conn), "head")
        if dialect == "sqlite":
            broken = sorted(broken_links(conn) - before, key=str)
            if broken:
                table, _rowid, parent = broken[0]
                raise DatabaseError(
                    f"the new schema would leave {len(broken)} rows pointing at rows that do "
                    f"not exist (first: {table} -> {parent})")
        # Rebuilding a table (batch mode) drops its triggers; an append-only table must
        # never be left without them.
        for statement in triggers.drop_statements(dialect) + triggers.create_statements(dialect):
            conn.exec_driver_sql(statement)


def _upgrade_file(path: Path, revision: str, *, shared: bool) -> None:
    """Upgrade a SQLite file after a backup copy; on any failure the file is left as it was."""
    backup = _backup(path, revision)
    engine = _sqlite_engine(path, shared=shared, read_only=False, foreign_keys=False)
    try:
        _upgrade(engine)
        return
    except Exception as exc:  # noqa: BLE001 - any failure is reported as one line
        reason = _reason(exc)
    finally:
        engine.dispose()
    # The upgrade ran in one transaction, so it has been rolled back. Should a migration
    # have committed part of its work anyway, the copy made before puts the file back.
    try:
        with sqlite3.connect(path) as conn:
            now = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        conn.close()
        if now != [(revision,)]:
            _copy(backup, path)
        backup.unlink()
        kept = "the file is unchanged"
    except (OSError, sqlite3.Error):
        kept = f"a copy from before the upgrade is {backup.name}"
    raise DatabaseError(f"{path}: the upgrade from schema {revision} to {head_revision()} "
                        f"failed ({reason}); {kept}")


def open_database(target: str | os.PathLike, *, read_only: bool = False) -> Database:
    """Open an existing database (a file path or a PostgreSQL URL), upgrading it if older."""
    location = str(target)
    if location.startswith("postgresql"):
        engine = create_engine(location)
        revision = _inspect(engine, location)
        if revision != head_revision():
            try:
                _upgrade(engine)  # one transaction: PostgreSQL's DDL rolls back too
            except Exception as exc:  # noqa: BLE001 - any failure is reported as one line
                raise DatabaseError(f"{location}: the upgrade from schema {revision} failed "
                                    f"({_reason(exc)}); the database is unchanged") from None
        return Database(engine, location=location, shared=True, read_only=read_only)
    path = Path(location)
    _check_sqlite_file(path)
    _check_sqlite_sound(path, location)
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
        _upgrade_file(path, revision, shared=shared)
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
        engine = _sqlite_engine(Path(location), shared=shared, read_only=False,
                                foreign_keys=False)
    _upgrade(engine)
    if not location.startswith("postgresql"):
        engine.dispose()
        engine = _sqlite_engine(Path(location), shared=shared, read_only=False)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('app', 'caseworker'), "
                          "('mode', :mode)"), {"mode": "shared" if shared else "personal"})
    if location.startswith("postgresql"):
        return Database(engine, location=location, shared=True, read_only=False)
    reader = _sqlite_engine(Path(location), shared=shared, read_only=False, immediate=False)
    return Database(engine, location=location, shared=shared, read_only=False,
                    read_engine=reader)
