"""`caseworker demo DB`: writes a database, refuses to overwrite, never leaves half a file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import caseworker.demo
from caseworker.cli import main
from caseworker.models.db import open_database

ARGS = ["--cases", "5", "--seed", "3", "--today", "2026-11-23"]


def _one_line_error(capsys: pytest.CaptureFixture, code: int) -> str:
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_writes_a_database_that_opens(tmp_path, capsys):
    target = tmp_path / "demo.sqlite"
    assert main(["demo", str(target), *ARGS]) == 0
    out = capsys.readouterr().out
    assert "5 files" in out and str(target) in out and " s " in out
    db = open_database(target)
    try:
        assert db.setting("default_user")
    finally:
        db.dispose()
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]


def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    target = tmp_path / "demo.sqlite"
    target.write_bytes(b"precious")
    err = _one_line_error(capsys, main(["demo", str(target), *ARGS]))
    assert "already exists" in err and "--force" in err
    assert target.read_bytes() == b"precious"


def test_force_replaces_the_file_and_its_stale_journal(tmp_path, capsys):
    target = tmp_path / "demo.sqlite"
    target.write_bytes(b"old")
    (tmp_path / "demo.sqlite-wal").write_bytes(b"stale log of the old file")
    assert main(["demo", str(target), *ARGS, "--force"]) == 0
    assert not (tmp_path / "demo.sqlite-wal").exists()
    open_database(target).dispose()


@pytest.mark.parametrize("cases", ["0", "-4"])
def test_cases_below_one_exit_2(tmp_path, capsys, cases):
    target = tmp_path / "demo.sqlite"
    err = _one_line_error(capsys, main(["demo", str(target), "--cases", cases]))
    assert "--cases" in err
    assert not target.exists()


def test_cases_not_a_number_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["demo", str(tmp_path / "demo.sqlite"), "--cases", "many"])
    err = _one_line_error(capsys, exc.value.code)
    assert "--cases" in err and "'many'" in err


def test_bad_today_exit_2(tmp_path, capsys):
    err = _one_line_error(capsys, main(["demo", str(tmp_path / "d.sqlite"), "--today", "soon"]))
    assert "--today" in err


def test_missing_folder_exit_2(tmp_path, capsys):
    err = _one_line_error(capsys, main(["demo", str(tmp_path / "no" / "demo.sqlite")]))
    assert "no such folder" in err


def test_a_failed_build_leaves_nothing_behind(tmp_path, monkeypatch):
    target = tmp_path / "demo.sqlite"

    def broken(path, **kwargs):
        Path(path).write_bytes(b"half a database")
        raise RuntimeError("generator failed")

    monkeypatch.setattr(caseworker.demo, "build_demo", broken)
    with pytest.raises(RuntimeError):
        main(["demo", str(target), *ARGS])
    assert list(tmp_path.iterdir()) == []


def test_no_balances_leaves_the_cache_empty(tmp_path, capsys):
    target = tmp_path / "demo.sqlite"
    assert main(["demo", str(target), *ARGS, "--no-balances"]) == 0
    assert "balance cache" not in capsys.readouterr().out
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT count(*) FROM case_balances").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 5
    finally:
        conn.close()


def test_an_interrupted_first_run_build_leaves_no_demo_database(tmp_path, monkeypatch):
    from caseworker.cli.gui import _build_demo

    target = tmp_path / "demo.sqlite"

    def interrupted(path, **kwargs):
        Path(path).write_bytes(b"half a database")
        raise KeyboardInterrupt

    monkeypatch.setattr(caseworker.demo, "build_demo", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _build_demo(target)
    assert list(tmp_path.iterdir()) == []  # the next start builds it again


def test_a_build_sweeps_up_what_a_killed_one_left(tmp_path, monkeypatch):
    from caseworker.cli.demo import build_in_place

    target = tmp_path / "demo.sqlite"
    (tmp_path / ".demo.sqlite.4242.building").write_bytes(b"killed mid-build")

    def quick(path, **kwargs):
        Path(path).write_bytes(b"whole")

    monkeypatch.setattr(caseworker.demo, "build_demo", quick)
    build_in_place(target, cases=1)
    assert [p.name for p in tmp_path.iterdir()] == ["demo.sqlite"]
