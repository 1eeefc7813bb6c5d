"""`caseworker gui`: each error is one line and exit 2; --screenshot writes a PNG."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from caseworker.cli import main


def run_gui(capsys, *args: str) -> tuple[int, str]:
    code = main(["gui", *args])
    err = capsys.readouterr().err
    return code, err


def assert_one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err


def test_a_missing_database_is_refused(capsys, tmp_path):
    code, err = run_gui(capsys, str(tmp_path / "nowhere.sqlite"))
    assert code == 2
    assert_one_line(err, "nowhere.sqlite", "no such database file")


def test_a_text_file_is_refused(capsys, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    code, err = run_gui(capsys, str(text))
    assert code == 2
    assert_one_line(err, "notes.txt", "not a Caseworker database")


def test_another_programs_sqlite_file_is_refused(capsys, tmp_path):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    code, err = run_gui(capsys, str(other))
    assert code == 2
    assert_one_line(err, "other.sqlite", "not a Caseworker database")


def test_a_database_from_a_newer_version_is_refused(capsys, tiny_db_path):
    with sqlite3.connect(tiny_db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    code, err = run_gui(capsys, str(tiny_db_path))
    assert code == 2
    assert_one_line(err, "newer version")


def test_an_unknown_user_is_refused(capsys, tiny_db_path):
    code, err = run_gui(capsys, str(tiny_db_path), "--user", "mallory")
    assert code == 2
    assert_one_line(err, "mallory")


def test_the_environment_names_an_unknown_user(capsys, tiny_db_path, monkeypatch):
    monkeypatch.setenv("CASEWORKER_USER", "mallory")
    code, err = run_gui(capsys, str(tiny_db_path))
    assert code == 2
    assert_one_line(err, "mallory")


def test_no_display_says_how_to_go_on(capsys, tiny_db_path, monkeypatch):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("a display is always there")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code, err = run_gui(capsys, str(tiny_db_path))
    assert code == 2
    assert_one_line(err, "no display", "xvfb-run -a", "QT_QPA_PLATFORM=offscreen")


def test_a_display_no_x_server_answers_is_one_line(capsys, tiny_db_path, monkeypatch):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("no X displays there")
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":987")  # nothing listens at /tmp/.X11-unix/X987
    code, err = run_gui(capsys, str(tiny_db_path))
    assert code == 2
    assert_one_line(err, "DISPLAY is :987", "no X server answers")


def test_no_subcommand_means_gui(capsys, tmp_path):
    code = main([str(tmp_path / "nowhere.sqlite")])
    assert code == 2
    assert "no such database file" in capsys.readouterr().err


def _caseworker() -> list[str]:
    script = shutil.which("caseworker", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "caseworker"]


def run_subprocess(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """`caseworker gui ARGS` offscreen, with its settings and data in tmp_path."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("CASEWORKER_USER", None)
    done = subprocess.run([*_caseworker(), "gui", *args], env=env, capture_output=True,
                          text=True, timeout=120)
    # The offscreen platform's own chatter is not ours to judge.
    done.stderr = "".join(line for line in done.stderr.splitlines(keepends=True)
                          if "propagateSizeHints" not in line)
    return done


def test_screenshot_writes_a_png_of_the_window(tmp_path, demo_db_path):
    shot = tmp_path / "shot.png"
    done = run_subprocess(tmp_path, str(demo_db_path), "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    assert "propagateSizeHints" not in done.stderr  # Qt's offscreen noise is kept quiet
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() >= 1200 and image.height() >= 700


def _opened_read_only(monkeypatch, *args: str) -> bool:
    """Run `caseworker gui` up to the window and say whether the database was read-only."""
    import caseworker.ui.app

    seen = {}

    def window(db, actor, screenshot=None):
        seen["read_only"] = db.read_only
        return 0

    monkeypatch.setattr(caseworker.ui.app, "run", window)
    assert main(["gui", *args]) == 0
    return seen["read_only"]


def test_read_only_flag_opens_the_database_read_only(monkeypatch, tiny_db_path):
    assert _opened_read_only(monkeypatch, str(tiny_db_path), "--read-only")


def test_a_file_the_user_may_not_write_opens_read_only(monkeypatch, tiny_db_path):
    import caseworker.cli.gui

    monkeypatch.setattr(caseworker.cli.gui, "writable", lambda path: False)
    assert _opened_read_only(monkeypatch, str(tiny_db_path))


def test_a_writable_file_opens_for_writing(monkeypatch, tiny_db_path):
    assert not _opened_read_only(monkeypatch, str(tiny_db_path))


def test_without_a_database_the_demo_is_made_in_the_users_data_folder(
        capsys, tmp_path, monkeypatch):
    from caseworker.cli import gui
    from caseworker.ui import app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CASEWORKER_USER", raising=False)
    monkeypatch.setattr(gui, "DEMO_CASES", 3)
    opened = []
    monkeypatch.setattr(app, "run", lambda db, actor, screenshot=None: opened.append(
        (db.location, actor.username)) or 0)
    assert main(["gui"]) == 0
    assert "creating a demo caseload" in capsys.readouterr().err
    demo = tmp_path / "data" / "caseworker" / "demo.sqlite"
    assert opened == [(str(demo), opened[0][1])] and opened[0][1]


def test_the_second_start_opens_the_demo_without_building_it_again(
        capsys, tmp_path, monkeypatch, tiny_db_file):
    from caseworker.ui import app

    demo = tmp_path / "data" / "caseworker" / "demo.sqlite"
    demo.parent.mkdir(parents=True)
    shutil.copy(tiny_db_file, demo)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CASEWORKER_USER", raising=False)
    monkeypatch.setattr(app, "run", lambda db, actor, screenshot=None: 0)
    assert main([]) == 0
    assert capsys.readouterr().err == ""


def test_a_screenshot_that_cannot_be_written_is_one_line(tmp_path, tiny_db_path):
    # In a process of its own: a second event loop inside the test run's QApplication upsets
    # PySide's reference counts at exit (a crash in the garbage collector, not in our code).
    done = run_subprocess(tmp_path, str(tiny_db_path), "--screenshot",
                          str(tmp_path / "no" / "such" / "folder" / "shot.png"))
    assert done.returncode == 2
    assert_one_line(done.stderr, "shot.png", "cannot write")


def test_options_without_a_subcommand_mean_gui(capsys, tiny_db_path):
    code = main(["--user", "nobody-here", str(tiny_db_path)])
    assert code == 2
    assert "nobody-here" in capsys.readouterr().err


def _damaged(source, tmp_path):
    """A copy of a real database cut after its first 8 KB (a valid header, pages missing)."""
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(source.read_bytes()[:8192])
    return path


def test_a_damaged_database_is_one_line(capsys, tmp_path, tiny_db_file):
    code, err = run_gui(capsys, str(_damaged(tiny_db_file, tmp_path)),
                        "--screenshot", str(tmp_path / "x.png"))
    assert code == 2
    assert_one_line(err, "damaged.sqlite", "is damaged")
    assert not (tmp_path / "x.png").exists()


def test_a_damaged_database_given_to_the_ledger_is_one_line(capsys, tmp_path, tiny_db_file):
    code = main(["ledger", "statement", "--db", str(_damaged(tiny_db_file, tmp_path)),
                 "--case", "CW-0001"])
    err = capsys.readouterr().err
    assert code == 2
    assert_one_line(err, "damaged.sqlite", "is damaged")


def test_a_folder_given_as_the_database_is_one_line(capsys, tmp_path):
    folder = tmp_path / "cases.sqlite"
    folder.mkdir()
    code, err = run_gui(capsys, str(folder))
    assert code == 2
    assert_one_line(err, "cases.sqlite", "is a folder")


def test_a_failed_upgrade_is_one_line_and_leaves_the_file(capsys, tmp_path, monkeypatch,
                                                          tiny_db_path):
    from tests.models.test_upgrade import FAILS_HALF_WAY, use_test_revision

    use_test_revision(monkeypatch, tmp_path / "migrations", FAILS_HALF_WAY)
    before = tiny_db_path.read_bytes()
    code, err = run_gui(capsys, str(tiny_db_path))
    assert code == 2
    assert_one_line(err, "tiny.sqlite", "upgrade", "failed", "the file is unchanged")
    assert tiny_db_path.read_bytes() == before


# --- The command as a whole, and the version it reports ---

def _pyproject_version(root) -> str:
    import tomllib

    with (root / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_version_prints_the_version_and_exits_0(capsys):
    import caseworker

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"caseworker {caseworker.__version__}\n"


def test_the_version_is_pyprojects():
    import caseworker

    assert caseworker.__version__ == _pyproject_version(ROOT)


def test_help_lists_the_subcommands_and_exits_0(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.startswith("usage: caseworker")
    for subcommand in ("gui", "demo", "ledger", "notices", "--version"):
        assert subcommand in out


def _uninstalled_version(folder, pyproject: str | None) -> str:
    """caseworker.__version__ of a copy of the package in `folder`, not installed."""
    package = folder / "caseworker"
    package.mkdir()
    shutil.copy(ROOT / "caseworker" / "__init__.py", package / "__init__.py")
    if pyproject is not None:
        (folder / "pyproject.toml").write_text(pyproject)
    code = ("import importlib.metadata as m\n"
            "def missing(name): raise m.PackageNotFoundError(name)\n"
            "m.version = missing\n"
            "import caseworker; assert caseworker.__file__.startswith(sys.argv[1])\n"
            "print(caseworker.__version__)")
    done = subprocess.run([sys.executable, "-c", "import sys\n" + code, str(folder)],
                          capture_output=True, text=True, check=True, cwd=folder,
                          env={**os.environ, "PYTHONPATH": str(folder)})
    return done.stdout.strip()


def test_an_uninstalled_checkout_reads_its_version_from_pyproject(tmp_path):
    pyproject = '[project]\nname = "caseworker"\nversion = "98.7.6"\n'
    assert _uninstalled_version(tmp_path, pyproject) == "98.7.6"


def test_without_metadata_or_pyproject_the_version_is_unknown(tmp_path):
    assert _uninstalled_version(tmp_path, None) == "unknown"


def _run_build_spec(monkeypatch, root) -> dict:
    """Execute build.spec as PyInstaller would, with PyInstaller's parts recorded, not run."""
    import types

    seen: dict = {}
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.copy_metadata = lambda name: seen.setdefault("metadata", []).append(name) or [
        (f"/site-packages/{name}.dist-info", f"{name}.dist-info")]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)

    def record(kind):
        def made(*args, **kwargs):
            seen[kind] = (args, kwargs)
            return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])
        return made

    spec = {"SPECPATH": str(root), "__file__": str(root / "build.spec"),
            **{kind: record(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT")}}
    exec(compile((ROOT / "build.spec").read_text(), "build.spec", "exec"), spec)
    return seen


def test_build_spec_names_the_build_after_pyprojects_version(monkeypatch):
    seen = _run_build_spec(monkeypatch, ROOT)
    assert seen["COLLECT"][1]["name"] == f"caseworker-{_pyproject_version(ROOT)}"


def test_build_spec_bundles_the_packages_metadata(monkeypatch):
    seen = _run_build_spec(monkeypatch, ROOT)
    assert seen["metadata"] == ["caseworker"]
    assert ("/site-packages/caseworker.dist-info", "caseworker.dist-info") in \
        seen["Analysis"][1]["datas"]


def test_build_spec_refuses_a_pyproject_the_installed_package_does_not_match(
        monkeypatch, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "caseworker"\n'
                                             'version = "98.7.6"\n')
    with pytest.raises(SystemExit, match="pyproject.toml says 98.7.6"):
        _run_build_spec(monkeypatch, tmp_path)


def test_build_spec_bundles_the_compiled_ledger_when_there_is_one(monkeypatch):
    # The shared library of the compiled ledger is imported from C only (native.py).
    from caseworker.ledger import native

    seen = _run_build_spec(monkeypatch, ROOT)
    hidden = seen["Analysis"][1]["hiddenimports"]
    compiled = native.status(str(ROOT / "caseworker" / "ledger")) == "compiled"
    assert ("caseworker.ledger.native__mypyc" in hidden) == compiled
    assert ("fractions" in hidden) == compiled   # charges.py's import, unseen inside C


def test_build_spec_refuses_a_stale_compiled_ledger(monkeypatch, tmp_path):
    # A bundle has no sources to check against at run time, so the spec checks before.
    from importlib.machinery import EXTENSION_SUFFIXES

    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    ledger = tmp_path / "caseworker" / "ledger"
    ledger.mkdir(parents=True)
    (ledger / "dates.py").write_text("")
    (ledger / f"dates{EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    with pytest.raises(SystemExit, match="the compiled ledger is stale: dates compiled but "
                                         "native.stamp is missing"):
        _run_build_spec(monkeypatch, tmp_path)
