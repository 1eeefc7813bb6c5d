"""Opening a database: every way it can be unusable gets a clear message; older ones upgrade."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

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


OPEN_AS_AN_OFFICER = """
import os, sys
from caseworker.models.db import DatabaseError, open_database
if os.geteuid() == 0:   # root reads any file: open it as 'nobody', as an officer would
    os.setgroups([]); os.setgid(65534); os.setuid(65534)
try:
    open_database(sys.argv[1]).dispose()
except DatabaseError as exc:
    print(exc)
    sys.exit(2)
"""


def open_as_an_officer(path) -> subprocess.CompletedProcess:
    """open_database in a process of its own without root's right to read every file."""
    return subprocess.run([sys.executable, "-c", OPEN_AS_AN_OFFICER, str(path)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def shared_folder():
    """A folder anyone may enter (pytest's own are private to the user running it)."""
    folder = Path(tempfile.mkdtemp(prefix="caseworker-open-"))
    folder.chmod(0o711)
    yield folder
    shutil.rmtree(folder)


def test_unreadable_file_is_named(shared_folder):
    path = shared_folder / "locked.sqlite"
    create_database(path).dispose()
    path.chmod(0)
    done = open_as_an_officer(path)
    assert (done.returncode, done.stderr) == (2, "")
    assert done.stdout == f"{path}: cannot be read (Permission denied)\n"


def test_a_file_in_a_folder_that_may_not_be_entered_is_named(shared_folder):
    closed = shared_folder / "closed"
    closed.mkdir(mode=0o700)
    create_database(closed / "cases.sqlite").dispose()
    done = open_as_an_officer(closed / "cases.sqlite")
    assert (done.returncode, done.stderr) == (2, "")
    assert done.stdout == f"{closed / 'cases.sqlite'}: cannot be read (Permission denied)\n"


def test_a_pipe_is_refused_without_waiting_for_a_writer(shared_folder):
    pipe = shared_folder / "cases.sqlite"
    os.mkfifo(pipe)
    done = open_as_an_officer(pipe)
    assert (done.returncode, done.stderr) == (2, "")
    assert done.stdout == f"{pipe}: is not a database file (a device or a pipe)\n"


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


NO_QT = """
import importlib, json, pkgutil, sys
import caseworker.ledger, caseworker.models, caseworker.notices, caseworker.services.accounts
imported = []
for package in (caseworker.ledger, caseworker.models, caseworker.notices):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
print(json.dumps({"imported": imported,
                  "qt": sorted(m for m in sys.modules if m.startswith("PySide6"))}))
"""


def test_no_module_of_models_ledger_or_notices_imports_qt():
    done = subprocess.run([sys.executable, "-c", NO_QT], capture_output=True, text=True,
                          check=True)
    report = json.loads(done.stdout)
    assert {"caseworker.models.db", "caseworker.models.triggers",
            "caseworker.ledger.engine", "caseworker.notices.writer"} <= set(report["imported"])
    assert report["qt"] == []
