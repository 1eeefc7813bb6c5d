"""Opening a database: every way it can be unusable gets a clear message; older ones upgrade."""

import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text

from caseworker.models.db import DatabaseError, create_database, open_database


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DatabaseError, match="no such database file"):
        open_database(tmp_path / "nope.sqlite")


def test_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(DatabaseError, match="not a Caseworker database"):
        open_database(path)


def test_foreign_sqlite_file_is_not_ours(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(DatabaseError, match="not a Caseworker database"):
        open_database(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite"
    create_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="newer version of Caseworker"):
        open_database(path)


def test_unreadable_file_is_named(tmp_path):
    path = tmp_path / "locked.sqlite"
    create_database(path).dispose()
    path.chmod(0)
    try:
        with open(path, "rb"):
            pytest.skip("running as a user who can read any file")
    except PermissionError:
        pass
    with pytest.raises(DatabaseError, match="cannot be read"):
        open_database(path)


def test_personal_file_runs_in_wal(tmp_path):
    db = create_database(tmp_path / "p.sqlite")
    db.dispose()
    db = open_database(tmp_path / "p.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.dispose()


def test_shared_file_never_runs_in_wal(tmp_path):
    create_database(tmp_path / "s.sqlite", shared=True).dispose()
    db = open_database(tmp_path / "s.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    assert db.shared
    db.dispose()


def test_shared_file_left_in_wal_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    create_database(path, shared=True).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    with pytest.raises(DatabaseError, match="WAL"):
        open_database(path)


def test_foreign_keys_are_enforced(tmp_path):
    db = create_database(tmp_path / "fk.sqlite")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO phones (uid, person_id, kind, number, version) "
                              "VALUES ('x', 999, 'mobile', '555', 1)"))
    db.dispose()


def test_read_only_open_refuses_writes(tmp_path):
    create_database(tmp_path / "r.sqlite").dispose()
    db = open_database(tmp_path / "r.sqlite", read_only=True)
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO settings (key, value) VALUES ('k', 'v')"))
    db.dispose()


def test_models_and_ledger_import_no_qt():
    code = ("import sys, caseworker.models, caseworker.ledger, caseworker.services.accounts;"
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
