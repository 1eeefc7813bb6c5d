"""Upgrade on open: a table rebuild (Alembic batch mode) keeps every row and the triggers;
any failure leaves the file as it was and says so in one line.

The migrations here are test-only: the real ones are copied to a temporary folder, a
revision on top of the real head is added there, and the program is pointed at that folder.
So the tests hold however many real revisions there are.
"""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from caseworker.models import db as dbmod
from caseworker.models.db import DatabaseError, open_database

REAL_HEAD = dbmod.head_revision()

REBUILD = """
    # The usual SQLite migration: a column added by rebuilding the table. `cases` is a
    # table many others point at; `payments` is append-only (its triggers go with it).
    for table in ("cases", "payments"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("test_note", sa.String(), nullable=True))
"""

FAILS_HALF_WAY = """
    with op.batch_alter_table("cases", recreate="always") as batch:
        batch.add_column(sa.Column("test_note", sa.String(), nullable=True))
    raise RuntimeError("test migration gave up")
"""

BREAKS_LINKS = """
    op.execute("DELETE FROM people")
"""


def use_test_revision(monkeypatch, folder: Path, body: str) -> str:
    """Point the program at the real migrations plus one test revision on top; return it."""
    shutil.copytree(dbmod.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_test_only.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n\n"
        f"revision = 'test_only'\ndown_revision = {REAL_HEAD!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n" + textwrap.indent(textwrap.dedent(body), "    ") + "\n\n"
        "def downgrade():\n    pass\n")
    monkeypatch.setattr(dbmod, "MIGRATIONS", folder)
    return "test_only"


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        result = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
                  if t != "alembic_version"}
    conn.close()
    return result


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    return revision


@pytest.fixture
def older(sample_db_file, tmp_path) -> Path:
    """A copy of a database with rows in every kind of table, at the real head."""
    folder = tmp_path / "data"
    folder.mkdir()
    return Path(shutil.copy(sample_db_file, folder / "older.sqlite"))


@pytest.fixture
def rebuilt(older, tmp_path, monkeypatch) -> Path:
    """The older file, opened (and so upgraded) with the table-rebuilding revision."""
    use_test_revision(monkeypatch, tmp_path / "migrations", REBUILD)
    open_database(older).dispose()
    return older


def test_a_table_rebuild_upgrades_the_file(rebuilt):
    assert revision_of(rebuilt) == "test_only"


def test_a_table_rebuild_keeps_every_row(older, tmp_path, monkeypatch):
    before = counts(older)
    use_test_revision(monkeypatch, tmp_path / "migrations", REBUILD)
    open_database(older).dispose()
    assert counts(older) == before and before["payments"] > 0 and before["cases"] > 0


def test_a_table_rebuild_leaves_a_backup_at_the_old_revision(rebuilt):
    (backup,) = rebuilt.parent.glob(f"older.sqlite.before-{REAL_HEAD}-*.bak")
    assert revision_of(backup) == REAL_HEAD


@pytest.mark.parametrize("statement", ["UPDATE payments SET amount = 1",
                                       "DELETE FROM payments"])
def test_a_rebuilt_append_only_table_keeps_its_triggers(rebuilt, statement):
    db = open_database(rebuilt)
    try:
        with pytest.raises((IntegrityError, OperationalError), match="append-only"):
            with db.engine.begin() as conn:
                conn.exec_driver_sql(statement)
    finally:
        db.dispose()


def test_foreign_keys_are_on_again_after_the_upgrade(rebuilt):
    db = open_database(rebuilt)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_a_failing_migration_leaves_the_file_byte_for_byte(older, tmp_path, monkeypatch):
    before = older.read_bytes()
    use_test_revision(monkeypatch, tmp_path / "migrations", FAILS_HALF_WAY)
    with pytest.raises(DatabaseError):
        open_database(older)
    assert older.read_bytes() == before


def test_a_failing_migration_is_one_line_naming_the_cause(older, tmp_path, monkeypatch):
    use_test_revision(monkeypatch, tmp_path / "migrations", FAILS_HALF_WAY)
    with pytest.raises(DatabaseError) as caught:
        open_database(older)
    message = str(caught.value)
    assert "\n" not in message
    assert f"older.sqlite: the upgrade from schema {REAL_HEAD} to test_only failed" in message
    assert "test migration gave up" in message and "the file is unchanged" in message


def test_a_failing_migration_leaves_no_backup_behind(older, tmp_path, monkeypatch):
    use_test_revision(monkeypatch, tmp_path / "migrations", FAILS_HALF_WAY)
    with pytest.raises(DatabaseError):
        open_database(older)
    assert [p.name for p in older.parent.iterdir()] == ["older.sqlite"]


def test_a_migration_that_breaks_links_between_rows_is_undone(older, tmp_path, monkeypatch):
    before = counts(older)
    use_test_revision(monkeypatch, tmp_path / "migrations", BREAKS_LINKS)
    with pytest.raises(DatabaseError, match="rows pointing at rows that do not exist"):
        open_database(older)
    assert counts(older) == before and revision_of(older) == REAL_HEAD


def test_the_file_still_opens_after_a_failed_upgrade(older, tmp_path, monkeypatch):
    use_test_revision(monkeypatch, tmp_path / "migrations", FAILS_HALF_WAY)
    with pytest.raises(DatabaseError):
        open_database(older)
    monkeypatch.setattr(dbmod, "MIGRATIONS", dbmod.Path(dbmod.__file__).with_name("migrations"))
    open_database(older).dispose()


def test_a_backup_that_cannot_be_made_stops_the_upgrade(older, tmp_path, monkeypatch):
    use_test_revision(monkeypatch, tmp_path / "migrations", REBUILD)

    def refuse(source, target):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(dbmod, "_copy", refuse)
    before = older.read_bytes()
    with pytest.raises(DatabaseError, match="no backup copy could be made"):
        open_database(older)
    assert older.read_bytes() == before and revision_of(older) == REAL_HEAD


def test_links_broken_before_the_upgrade_do_not_stop_it(older, tmp_path, monkeypatch):
    with sqlite3.connect(older) as conn:   # foreign keys are off in a plain connection
        conn.execute("UPDATE phones SET person_id = 999999")
    conn.close()
    use_test_revision(monkeypatch, tmp_path / "migrations", REBUILD)
    open_database(older).dispose()
    assert revision_of(older) == "test_only"
