"""The compiled ledger: which modules mypyc compiles, the stamp of what it compiled, the check.

`python -m caseworker.ledger.native build|clean|status`. The Python sources stay the
reference: without the extension modules they run unchanged. `build` compiles `MODULES` into
a temporary folder, installs one extension per module and the shared library they load
(`native__mypyc`) beside the sources, and writes `native.stamp` last: the sha256 of each
source the compiled code was made from (the modules and the package's modules they import,
whose types and constants mypyc may have built in). `check()` runs first in the package's
`__init__` and refuses to import a compiled ledger whose sources changed since. This module
is plain Python: never compiled, no Qt, only the standard library at import.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES

# Only what the check at every start needs is imported here; the rest where it is used.

# The modules mypyc compiles, in dependency order: the one place this list lives.
MODULES: tuple[str, ...] = ("dates", "money", "charges", "document", "state", "allocation",
                            "interest", "engine", "statement")

PACKAGE = "caseworker.ledger"
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_LIB = "native__mypyc"   # mypycify(group_name="caseworker.ledger.native") names it so
STAMP = "native.stamp"
COMMAND = f"{PACKAGE}.native"
WAYS_OUT = ("`bash .ci/setup --no-open` compiles it again, "
            f"`.venv/bin/python -m {COMMAND} clean` goes back to running from source")


# -- what is on disk ------------------------------------------------------------------------

def _module_of(name: str) -> str | None:
    """The module an extension file is (`dates` for dates.cpython-311-...so), else None."""
    for suffix in EXTENSION_SUFFIXES:   # longest first: .cpython-311-...so, .abi3.so, .so
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return None


def _extensions(names: list[str]) -> dict[str, str]:
    """Module name -> file name of each extension module in a folder listing."""
    found: dict[str, str] = {}
    for name in names:
        module = _module_of(name)
        if module is not None:
            found.setdefault(module, name)
    return found


def _sha256(data: bytes) -> str:
    """The sha256 of `data` in hex. hashlib is the faster once loaded, but loading it (OpenSSL)
    costs ~4 ms: a process that has not loaded it (the ledger alone) uses the built-in one."""
    if "hashlib" in sys.modules:
        from hashlib import sha256
    else:
        try:
            from _sha2 import sha256  # Python 3.12+
        except ImportError:
            try:
                from _sha256 import sha256  # Python 3.11
            except ImportError:
                from hashlib import sha256
    return sha256(data).hexdigest()


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return _sha256(handle.read())


def _package_imports(source: bytes) -> set[str]:
    """The modules of this package a source imports (`from caseworker.ledger.x import y`)."""
    import ast

    found: set[str] = set()
    prefix = PACKAGE + "."
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                base = PACKAGE + (f".{node.module}" if node.module else "")
            elif node.level == 0 and node.module:
                base = node.module
            else:
                continue
            if base == PACKAGE:
                found.update(alias.name for alias in node.names)
            elif base.startswith(prefix):
                found.add(base[len(prefix):].split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name[len(prefix):].split(".")[0] for alias in node.names
                         if alias.name.startswith(prefix))
    return found


def stamped_sources(package_dir: str = HERE,
                    read: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """File name -> bytes of every source a build depends on: `MODULES` and what they import.

    `read` holds files already read (the build hashes exactly the bytes it compiles)."""
    files = dict(read or {})
    for module in MODULES:
        name = module + ".py"
        if name not in files:
            with open(os.path.join(package_dir, name), "rb") as handle:
                files[name] = handle.read()
    for module in sorted({m for name in list(files) for m in _package_imports(files[name])}):
        name = module + ".py"
        path = os.path.join(package_dir, name)
        if name not in files and os.path.isfile(path):
            with open(path, "rb") as handle:
                files[name] = handle.read()
    return files


def make_stamp(sources: dict[str, bytes], mypy_version: str = "") -> str:
    """The stamp: the modules compiled, then `sha256sum`'s lines for each source."""
    import platform

    return "".join([
        f"# {PACKAGE} compiled by mypyc: python -m {COMMAND} build\n",
        f"# python {platform.python_version()}, mypy {mypy_version or 'unknown'}\n",
        f"# modules: {' '.join(MODULES)}\n",
        *(f"{_sha256(data)}  {name}\n" for name, data in sorted(sources.items()))])


def read_stamp(path: str) -> tuple[list[str], dict[str, str]]:
    """The modules and the sha256 of each source named in a stamp (ValueError if damaged)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    modules: list[str] | None = None
    sources: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("# modules:"):
            modules = line.split(":", 1)[1].split()
        elif line and not line.startswith("#"):
            digest, _, name = line.partition("  ")
            if len(digest) != 64 or not name or os.path.basename(name) != name:
                raise ValueError(line)
            sources[name] = digest
    if modules is None:
        raise ValueError("no modules line")
    return modules, sources


def _write(path: str, data: bytes) -> None:
    """Write beside `path` and rename over it: a loaded library is never written in place."""
    partial = f"{path}.partial-{os.getpid()}"
    with open(partial, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)


def write_stamp(package_dir: str, stamp: str) -> None:
    _write(os.path.join(package_dir, STAMP), stamp.encode("utf-8"))


def problem(package_dir: str = HERE) -> str | None:
    """Why the compiled modules in `package_dir` may not be used, or None (also when none are)."""
    try:
        names = os.listdir(package_dir)
    except OSError:
        return None
    compiled = sorted(set(_extensions(names)) - {SHARED_LIB})
    if not compiled:
        return None
    if not any(module + ".py" in names for module in MODULES):
        return None   # no sources to compare with (a frozen bundle): nothing can be stale
    try:
        modules, sources = read_stamp(os.path.join(package_dir, STAMP))
    except FileNotFoundError:
        return f"{', '.join(compiled)} compiled but {STAMP} is missing"
    except (OSError, ValueError):
        return f"{STAMP} cannot be read"
    for name, digest in sorted(sources.items()):
        try:
            changed = _digest(os.path.join(package_dir, name)) != digest
        except OSError:
            return f"{name} is gone since it was compiled"
        if changed:
            return f"{name} changed since it was compiled"
    for module in MODULES:
        if module not in modules or module + ".py" not in sources:
            return f"{module} is in native.MODULES but was not compiled"
        if module not in compiled:
            return f"{module} has no compiled extension (the other modules have one)"
    for module in compiled:
        if module not in MODULES or module not in modules:
            return f"{module} is compiled but not in native.MODULES"
    if SHARED_LIB not in _extensions(names):
        return f"the shared library {SHARED_LIB} is missing"
    return None


def status(package_dir: str = HERE) -> str:
    """'compiled', 'source', or 'stale: <which module and why>' for the files on disk."""
    found = problem(package_dir)
    if found:
        return f"stale: {found}"
    names = os.listdir(package_dir) if os.path.isdir(package_dir) else []
    return "compiled" if set(_extensions(names)) - {SHARED_LIB} else "source"


def bundle_imports(package_dir: str = HERE) -> list[str]:
    """What a PyInstaller bundle of the compiled ledger needs that its analysis cannot see:
    the shared library the extensions load, and what the compiled modules import (from C)."""
    import ast

    found = {f"{PACKAGE}.{SHARED_LIB}"}
    for module in MODULES:
        with open(os.path.join(package_dir, module + ".py"), "rb") as handle:
            tree = ast.parse(handle.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
            elif isinstance(node, ast.ImportFrom) and node.level == 1:
                found.add(PACKAGE + (f".{node.module}" if node.module else ""))
    return sorted(found - {"__future__"})


def is_compiled() -> bool:
    """True when every module in MODULES was loaded from its extension in this process."""
    import importlib

    for module in MODULES:
        loaded = sys.modules.get(f"{PACKAGE}.{module}") \
            or importlib.import_module(f"{PACKAGE}.{module}")
        if not str(getattr(loaded, "__file__", "") or "").endswith(tuple(EXTENSION_SUFFIXES)):
            return False
    return True


# -- the check at import --------------------------------------------------------------------

def _this_command() -> bool:
    """True while `python -m caseworker.ledger.native` imports its package (argv[0] is '-m')."""
    if sys.argv[:1] != ["-m"]:
        return False
    args = list(getattr(sys, "orig_argv", []))
    return any(arg == "-m" + COMMAND or (arg == "-m" and args[i + 1:i + 2] == [COMMAND])
               for i, arg in enumerate(args))


def check(package_dir: str = HERE) -> None:
    """Refuse a compiled ledger whose sources changed since it was compiled (ImportError).

    Called by the package's `__init__` before any module of it is imported."""
    if getattr(sys, "frozen", False):
        return   # a PyInstaller bundle carries no sources to compare with
    if _this_command():
        # The command must work whatever state the compiled files are in (it cleans and
        # replaces them), so its process imports the package from source, and runs its own
        # copy of this module as __main__ (no runpy warning about a module imported twice).
        from importlib.machinery import (
            BYTECODE_SUFFIXES,
            SOURCE_SUFFIXES,
            FileFinder,
            SourceFileLoader,
            SourcelessFileLoader,
        )

        package = sys.modules.get(PACKAGE)
        for entry in getattr(package, "__path__", [package_dir]):
            sys.path_importer_cache[entry] = FileFinder(
                entry, (SourceFileLoader, SOURCE_SUFFIXES),
                (SourcelessFileLoader, BYTECODE_SUFFIXES))
        sys.modules.pop(COMMAND, None)
        return
    found = problem(package_dir)
    if found:
        raise ImportError(f"{PACKAGE}: {found}; {WAYS_OUT}")


# -- the command ----------------------------------------------------------------------------

def _installed_files(package_dir: str) -> list[str]:
    """The compiled files of this package: an extension of any module of it, the shared lib."""
    names = os.listdir(package_dir)
    return sorted(name for name in names if (module := _module_of(name)) is not None
                  and (module == SHARED_LIB or module in MODULES or module + ".py" in names))


def clean(package_dir: str = HERE) -> int:
    """Remove every compiled file and the stamp: the package runs from source."""
    removed = _installed_files(package_dir)
    for name in [*removed, STAMP]:
        try:
            os.remove(os.path.join(package_dir, name))
        except FileNotFoundError:
            pass
    return len(removed)


_COMPILE = """\
import sys
from setuptools import setup
from mypyc.build import mypycify
setup(name="caseworker-ledger-native", script_args=["build_ext", "--build-lib", "out",
      "--build-temp", "obj"], ext_modules=mypycify(sys.argv[1:], opt_level="3",
      group_name="caseworker.ledger.native", target_dir="c"))
"""

_SMOKE = """\
import sys
import caseworker.ledger.native as native
from caseworker.ledger import statement
assert native.HERE == sys.argv[1], native.HERE
assert native.is_compiled(), "a module was loaded from source"
result = statement({"case": "C", "as_of": "2020-03-01", "terms": [{"id": "T1",
    "kind": "periodic", "category": "child", "amount": "100.00", "frequency": "monthly",
    "day": 1, "start": "2020-01-01"}], "payments": []})
assert result["totals"]["total_owing"] == "300.00", result["totals"]
"""


class BuildError(Exception):
    """A build that did not finish: its message is the one line the command prints."""


def _first_error(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if ": error:" in line or line.startswith(("error:", "Error:")):
            return line
    return lines[-1] if lines else "no output"


def _compile(package_dir: str, work: str) -> tuple[dict[str, str], dict[str, bytes], str]:
    """Compile a copy of the sources in `work`: the files built and the sources used."""
    import subprocess
    import tempfile
    from importlib.metadata import PackageNotFoundError, version

    try:
        mypy_version = version("mypy")
        version("setuptools")
    except PackageNotFoundError as exc:
        raise BuildError(f"{exc.name} is not installed (pip install -c .ci/constraints.txt "
                         "-e '.[build]')") from None
    sources = stamped_sources(package_dir)
    # mypy follows imports: copy what the compiled modules import, transitively, within
    # `caseworker` (empty package __init__s: the package's own imports are not compiled).
    root = os.path.dirname(os.path.dirname(package_dir))
    copy: dict[str, bytes] = {f"caseworker/ledger/{name}": data for name, data in sources.items()}
    pending = list(copy)
    while pending:
        for module in _caseworker_imports(copy[pending.pop()]):
            parts = module.split(".")
            for path in ("/".join(parts) + ".py", "/".join(parts) + "/__init__.py"):
                if path not in copy and os.path.isfile(os.path.join(root, path)):
                    with open(os.path.join(root, path), "rb") as handle:
                        copy[path] = handle.read()
                    pending.append(path)
    for path, data in copy.items():
        os.makedirs(os.path.join(work, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(work, path), "wb") as handle:
            handle.write(data)
    for folder in {os.path.dirname(path) for path in copy}:
        while folder:
            init = os.path.join(work, folder, "__init__.py")
            if not os.path.exists(init):
                open(init, "wb").close()
            folder = os.path.dirname(folder)
    paths = [f"caseworker/ledger/{module}.py" for module in MODULES]
    # A log of its own per build (two builds at once, say two checkouts, must not mix them),
    # kept only when the build fails, for the line that names it.
    handle, log_path = tempfile.mkstemp(prefix="caseworker-ledger-native-", suffix=".log")
    with os.fdopen(handle, "w") as log:
        done = subprocess.run([sys.executable, "-c", _COMPILE, *paths], cwd=work, stdout=log,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if done.returncode:
        with open(log_path) as log:
            raise BuildError(f"mypyc failed: {_first_error(log.read())} (log: {log_path})")
    out = os.path.join(work, "out", "caseworker", "ledger")
    built = _extensions(os.listdir(out)) if os.path.isdir(out) else {}
    missing = [m for m in (*MODULES, SHARED_LIB) if m not in built]
    if missing:
        raise BuildError(f"mypyc built no extension for {', '.join(missing)} (log: {log_path})")
    os.unlink(log_path)
    return ({m: os.path.join(out, built[m]) for m in (*MODULES, SHARED_LIB)}, sources,
            mypy_version)


def _caseworker_imports(source: bytes) -> set[str]:
    """Every `caseworker...` module a source imports, at any depth of the code."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("caseworker"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("caseworker"))
    return found


def build(package_dir: str = HERE) -> str:
    """Compile MODULES and install them beside the sources, stamp last; undone on failure."""
    import subprocess
    import tempfile
    import time

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="caseworker-ledger-native-") as work:
        try:
            built, sources, mypy_version = _compile(package_dir, work)
            clean(package_dir)
            for path in built.values():
                with open(path, "rb") as handle:
                    _write(os.path.join(package_dir, os.path.basename(path)), handle.read())
            write_stamp(package_dir, make_stamp(sources, mypy_version))
            root = os.path.dirname(os.path.dirname(package_dir))
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                [root, *filter(None, [os.environ.get("PYTHONPATH")])])}
            smoke = subprocess.run([sys.executable, "-c", _SMOKE, package_dir], env=env,
                                   capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                   cwd=root)
            if smoke.returncode:
                raise BuildError("the compiled ledger does not load: "
                                 + _first_error(smoke.stderr or smoke.stdout))
        except BaseException:
            clean(package_dir)
            raise
    return (f"Compiled the ledger ({len(MODULES)} modules, mypy {mypy_version}) in "
            f"{time.perf_counter() - started:.1f} s")


def main(argv: list[str]) -> int:
    """The command line: build, clean or status; one line of output."""
    if len(argv) != 1 or argv[0] not in ("build", "clean", "status"):
        print(f"usage: python -m {COMMAND} build|clean|status", file=sys.stderr)
        return 2
    if argv[0] == "status":
        print(status())
        return 0
    if argv[0] == "clean":
        removed = clean(HERE)
        print(f"Removed {removed} compiled files: the ledger runs from source")
        return 0
    try:
        print(build(HERE))
    except (BuildError, OSError, SyntaxError) as exc:
        print(f"The ledger was not compiled (it runs from source, slower): {exc}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
