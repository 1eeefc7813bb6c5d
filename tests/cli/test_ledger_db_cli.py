"""`caseworker ledger export/statement --db`: the database's figures equal export-then-compute."""

from __future__ import annotations

import json
import sqlite3

import pytest

from caseworker import ledger
from caseworker.cli import main


@pytest.fixture
def file_no(demo_db_file) -> str:
    with sqlite3.connect(demo_db_file) as conn:
        return conn.execute("SELECT file_no FROM cases ORDER BY id LIMIT 1").fetchone()[0]


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["ledger", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_is_a_self_contained_document(capsys, demo_db_file, file_no):
    code, out, _ = _run(capsys, "export", "--db", str(demo_db_file), "--case", file_no)
    document = json.loads(out)
    assert code == 0 and document["case"] == file_no
    assert isinstance(document["policy"], dict) and "allocation" in document["policy"]


def test_statement_from_db_equals_export_then_compute(capsys, demo_db_file, file_no, tmp_path):
    _, exported, _ = _run(capsys, "export", "--db", str(demo_db_file), "--case", file_no)
    path = tmp_path / "doc.json"
    path.write_text(exported)
    _, from_file, _ = _run(capsys, "statement", str(path), "--as-of", "2026-01-31")
    code, from_db, _ = _run(capsys, "statement", "--db", str(demo_db_file), "--case", file_no,
                            "--as-of", "2026-01-31")
    assert code == 0 and from_db == from_file
    assert json.loads(from_db) == ledger.statement(json.loads(exported), as_of="2026-01-31")


def test_unknown_file_number_is_one_line(capsys, demo_db_file):
    code, out, err = _run(capsys, "export", "--db", str(demo_db_file), "--case", "XX-0000")
    assert code == 2 and out == "" and err.count("\n") == 1 and "XX-0000" in err


def test_missing_database_is_one_line(capsys, tmp_path):
    code, _, err = _run(capsys, "statement", "--db", str(tmp_path / "no.sqlite"), "--case", "X")
    assert code == 2 and "no such database file" in err and "Traceback" not in err


def test_text_statement_from_db_speaks_the_programs_words(capsys, demo_db_file, tmp_path):
    """A BC file's text statement from the database says "Case:" as the bc-fmep policy does,
    exactly like the same document naming its policy."""
    with sqlite3.connect(demo_db_file) as conn:
        row = conn.execute("SELECT file_no FROM cases WHERE policy = 'bc-fmep' ORDER BY id "
                           "LIMIT 1").fetchone()
    assert row, "the demo caseload has a BC file"
    file_no = row[0]
    _, exported, _ = _run(capsys, "export", "--db", str(demo_db_file), "--case", file_no)
    document = json.loads(exported)
    assert document["policy"]["words"]["file"] == "case"
    code, from_db, _ = _run(capsys, "statement", "--db", str(demo_db_file), "--case", file_no,
                            "--as-of", "2026-01-31", "--format", "text")
    assert code == 0
    assert f"Case: {file_no}" in from_db and "File:" not in from_db
    document["policy"] = "bc-fmep"
    path = tmp_path / "named.json"
    path.write_text(json.dumps(document))
    _, named, _ = _run(capsys, "statement", str(path), "--as-of", "2026-01-31", "--format", "text")
    assert from_db == named
