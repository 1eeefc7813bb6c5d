"""The compiled ledger (caseworker/ledger/native.py): the stale check, the command, and that
the compiled engine gives the same bytes as the Python sources."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from caseworker.ledger import native, payoff, split, statement

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((ROOT / "tests" / "ledger" / "cases").glob("*.json"))
EXT = EXTENSION_SUFFIXES[0]


# -- the stale check, on a made-up package folder ---------------------------------------------

def _fake_package(folder: Path, compiled: tuple[str, ...] = native.MODULES) -> Path:
    """Every listed module as a .py (dates imports errors), `compiled` ones with an extension."""
    for module in native.MODULES:
        (folder / f"{module}.py").write_text(f"VALUE = {module!r}\n")
    (folder / "dates.py").write_text("from caseworker.ledger.errors import reject\n")
    (folder / "errors.py").write_text("def reject(): pass\n")
    for module in (*compiled, native.SHARED_LIB) if compiled else ():
        (folder / f"{module}{EXT}").write_bytes(b"not really a library")
    return folder


def _stamp(folder: Path) -> None:
    native.write_stamp(str(folder), native.make_stamp(native.stamped_sources(str(folder))))


def test_an_extension_without_a_stamp_is_refused_naming_the_module(tmp_path):
    _fake_package(tmp_path, compiled=("dates",))
    with pytest.raises(ImportError, match="dates compiled but native.stamp is missing"):
        native.check(str(tmp_path))


def test_a_source_changed_since_it_was_compiled_is_refused_naming_it(tmp_path):
    _stamp(_fake_package(tmp_path))
    (tmp_path / "engine.py").write_text("VALUE = 'changed'\n")
    with pytest.raises(ImportError) as refused:
        native.check(str(tmp_path))
    message = str(refused.value)
    assert "engine.py changed since it was compiled" in message
    assert "bash .ci/setup --no-open" in message and "native clean" in message
    assert "\n" not in message


def test_a_changed_module_that_a_compiled_one_imports_is_refused_too(tmp_path):
    # errors.py is not compiled, but dates.py was compiled against it.
    _stamp(_fake_package(tmp_path))
    (tmp_path / "errors.py").write_text("def reject(): return 1\n")
    with pytest.raises(ImportError, match="errors.py changed since it was compiled"):
        native.check(str(tmp_path))


def test_a_matching_stamp_passes(tmp_path):
    _stamp(_fake_package(tmp_path))
    native.check(str(tmp_path))
    assert native.status(str(tmp_path)) == "compiled"


def test_without_extensions_a_wrong_stamp_does_not_matter(tmp_path):
    _stamp(_fake_package(tmp_path, compiled=()))
    (tmp_path / "engine.py").write_text("VALUE = 'changed'\n")
    native.check(str(tmp_path))
    assert native.status(str(tmp_path)) == "source"


def test_a_module_compiled_alone_is_refused(tmp_path):
    # The compiled modules call each other in C: half compiled, half source would mix types.
    _stamp(_fake_package(tmp_path))
    (tmp_path / f"engine{EXT}").unlink()
    assert native.status(str(tmp_path)) == \
        "stale: engine has no compiled extension (the other modules have one)"


def test_without_sources_there_is_nothing_to_check(tmp_path):
    # A PyInstaller bundle carries the extensions but no .py files.
    _fake_package(tmp_path)
    for source in tmp_path.glob("*.py"):
        source.unlink()
    native.check(str(tmp_path))


# -- the command, on a copy of the package ------------------------------------------------------

@pytest.fixture(scope="module")
def source_copy(tmp_path_factory) -> Path:
    """A copy of the `caseworker` package with only its .py files (nothing compiled in it)."""
    def not_source(where: str, names: list[str]) -> list[str]:
        return [name for name in names if name == "__pycache__"
                or not (name.endswith(".py") or (Path(where) / name).is_dir())]

    folder = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "caseworker", folder / "caseworker", ignore=not_source)
    (folder / "resources").symlink_to(ROOT / "resources")   # the shipped policies
    return folder


def _python(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the venv's Python with `folder` first on the path (ahead of the installed package)."""
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=folder,
                          env={**os.environ, "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}"})


def test_the_command_refuses_a_bad_argument_with_one_line(source_copy):
    done = _python(source_copy, "-m", "caseworker.ledger.native", "compile")
    assert done.returncode == 2
    assert done.stderr == "usage: python -m caseworker.ledger.native build|clean|status\n"


def test_the_command_cleans_a_stale_package_that_will_not_import(tmp_path, source_copy):
    shutil.copytree(source_copy / "caseworker", tmp_path / "caseworker")
    ledger = tmp_path / "caseworker" / "ledger"
    for module in (*native.MODULES, native.SHARED_LIB):
        (ledger / f"{module}{EXT}").write_bytes(b"not a library: loading it would fail")

    refused = _python(tmp_path, "-c", "import caseworker.ledger")
    assert "ImportError: caseworker.ledger: allocation, charges, dates" in refused.stderr
    status = _python(tmp_path, "-m", "caseworker.ledger.native", "status")
    assert status.stdout.endswith(" compiled but native.stamp is missing\n")
    assert status.stderr == ""
    cleaned = _python(tmp_path, "-m", "caseworker.ledger.native", "clean")
    assert (cleaned.returncode, cleaned.stderr) == (0, "")
    assert not [path.name for path in ledger.iterdir() if path.name.endswith(EXT)]
    assert _python(tmp_path, "-m", "caseworker.ledger.native", "status").stdout == "source\n"


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (the build extra)")
def test_a_failed_build_says_why_in_one_line_and_leaves_the_sources(tmp_path, source_copy):
    shutil.copytree(source_copy / "caseworker", tmp_path / "caseworker")
    ledger = tmp_path / "caseworker" / "ledger"
    (ledger / f"engine{EXT}").write_bytes(b"left from an earlier build")
    with (ledger / "money.py").open("a") as source:   # mypy stops at once: the build is short
        source.write('\n\ndef _broken() -> int:\n    return "text"\n')

    done = _python(tmp_path, "-m", "caseworker.ledger.native", "build")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("The ledger was not compiled (it runs from source, slower): "
                                  "mypyc failed: caseworker/ledger/money.py:")
    assert done.stderr.count("\n") == 1
    assert not [path.name for path in ledger.iterdir() if path.name.endswith(EXT)]
    assert _python(tmp_path, "-m", "caseworker.ledger.native", "status").stdout == "source\n"


# -- the compiled engine against the sources ----------------------------------------------------

def outputs() -> list[tuple[str, str]]:
    """(label, JSON text) of every check of the scenario files and both benchmark statements."""
    spec = importlib.util.spec_from_file_location("ledger_bench",
                                                  ROOT / "benchmarks" / "ledger_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    found = []
    for path in CASES:
        case = json.loads(path.read_text())
        for number, check in enumerate(case["checks"]):
            (kind, spec_), = check.items()
            document = {**case.get("document", {}), **spec_.get("with", {})}
            if kind == "statement":
                result = statement(document, spec_.get("as_of"))
            elif kind == "payoff":
                result = payoff(document, spec_["payment"], spec_.get("frequency", "monthly"),
                                spec_.get("day"))
            else:
                result = split(case["payor"])
            found.append((f"{path.stem} #{number} {kind}", json.dumps(result)))
    for name in ("weekly_case", "monthly_case"):
        found.append((f"benchmarks {name}", json.dumps(statement(getattr(bench, name)()))))
    return found


WRONG = (5, 1.5, True, None, "", "x", "-1.00", [], {})
DAMAGED = ("ledger_md_example", "daily_simple_grace_paid_late")   # every list; inline policy


def damaged_outputs() -> list[tuple[str, str]]:
    """(label, JSON or the exception) of statements of documents with one value made wrong:
    each top-level value, each field of each kind of record and of the inline policy."""
    found = []
    for stem in DAMAGED:
        document = json.loads((ROOT / "tests" / "ledger" / "cases" / f"{stem}.json").read_text())
        document = document["document"]
        paths: list[tuple] = [(key,) for key in (*document, "currency", "as_of", "policy")]
        for key, value in document.items():
            items = value if isinstance(value, list) else [value] if isinstance(value, dict) \
                else []
            for field in dict.fromkeys(f for item in items for f in item):
                index = next(i for i, item in enumerate(items) if field in item)
                paths.append((key, index, field) if isinstance(value, list) else (key, field))
        for path in dict.fromkeys(paths):
            for wrong in WRONG:
                damaged = json.loads(json.dumps(document))
                holder = damaged
                for step in path[:-1]:
                    holder = holder[step]
                holder[path[-1]] = wrong
                try:
                    outcome = json.dumps(statement(damaged))
                except Exception as exc:   # the type matters: LedgerError, never a crash
                    outcome = f"{type(exc).__name__}: {exc}"
                found.append((f"{stem} {'.'.join(map(str, path))} = {wrong!r}", outcome))
    return found


_FROM_SOURCE = """\
import json, sys, caseworker.ledger.engine as engine
from caseworker.ledger import native
from tests.ledger import test_native
print(json.dumps({"compiled": native.is_compiled(), "engine": engine.__file__,
                  "outputs": getattr(test_native, sys.argv[1])()}))
"""

_NOT_COMPILED = pytest.mark.skipif(
    not native.is_compiled(), reason="the ledger runs from source here (python -m "
    "caseworker.ledger.native build compiles it): there is no compiled engine to compare")


def _compare_with_sources(source_copy: Path, function) -> int:
    """Run `function` from the .py-only copy and here (compiled); every output must match."""
    done = _python(source_copy, "-c", _FROM_SOURCE, function.__name__)
    assert done.returncode == 0, done.stderr
    source = json.loads(done.stdout)
    assert not source["compiled"]
    assert source["engine"].startswith(str(source_copy))
    compiled = function()
    assert [label for label, _ in compiled] == [label for label, _ in source["outputs"]]
    differ = [label for (label, mine), (_, theirs) in zip(compiled, source["outputs"],
                                                          strict=True) if mine != theirs]
    assert not differ, f"the compiled engine differs from the sources: {differ}"
    return len(compiled)


@_NOT_COMPILED
def test_the_compiled_engine_gives_the_sources_bytes(source_copy):
    assert _compare_with_sources(source_copy, outputs) > len(CASES)


@_NOT_COMPILED
def test_the_compiled_engine_refuses_damaged_documents_as_the_sources_do(source_copy):
    # mypyc checks declared types at run time: a wrong value must still be a LedgerError
    # with the same words, not a TypeError raised before the check that names the field.
    assert _compare_with_sources(source_copy, damaged_outputs) > 100


@pytest.mark.skipif(os.environ.get("CASEWORKER_EXPECT_COMPILED") != "1",
                    reason="CASEWORKER_EXPECT_COMPILED=1 is not set (.ci/test sets it when "
                           "setup compiled the ledger)")
def test_the_ledger_is_compiled_when_it_is_expected_to_be():
    assert native.is_compiled(), f"the ledger runs from source: {native.status()}"
