"""`caseworker gui [DB]`: open the main window (the demo database when none is given)."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from datetime import date
from pathlib import Path

from caseworker.cli import fail

DEMO_CASES = 2000
NO_DISPLAY = (
    "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
    "run it under a virtual one (apt-get install xvfb): xvfb-run -a .venv/bin/caseworker gui, "
    "or take a picture without one: QT_QPA_PLATFORM=offscreen .venv/bin/caseworker gui DB "
    "--screenshot shot.png")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gui", help="open the main window (the default)",
        description="Open the main window on a database (the demo database when none is given).")
    parser.add_argument("db", nargs="?", metavar="DB", help="the database file to open")
    parser.add_argument("--user", metavar="NAME",
                        help="sign in as this user (else $CASEWORKER_USER, else the database's "
                             "default user)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the database for reading only (a supervisor looking at the "
                             "team's shared file); a file this user may not write opens so "
                             "by itself")
    parser.add_argument("--screenshot", metavar="PNG", type=Path,
                        help="open the window and the first file, save a picture, and exit")
    parser.set_defaults(func=run)


def has_display() -> bool:
    """False on a Linux box with no X or Wayland display, unless a Qt platform is chosen."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def writable(path: Path) -> bool:
    """Whether this user may write the file (root may write any)."""
    return os.access(path, os.W_OK)


def x_server_answers(display: str) -> bool:
    """Whether an X server listens at DISPLAY (":1", "host:0.0"): Qt aborts the process,
    many lines long, when it cannot connect, so the command asks first. True when unsure."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return True  # not a form we know: let Qt try
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        addresses = [(socket.AF_UNIX, "\0" + path), (socket.AF_UNIX, path)]
    else:
        addresses = [(socket.AF_INET, (host, 6000 + int(number)))]
    for family, address in addresses:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            try:
                probe.connect(address)
                return True
            except OSError:
                continue
    return False


def run(args: argparse.Namespace) -> int:
    if not has_display():
        return fail(NO_DISPLAY)
    display = os.environ.get("DISPLAY", "")
    if (display and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("WAYLAND_DISPLAY") and not x_server_answers(display)):
        return fail(f"DISPLAY is {display}, but no X server answers there; start one, or "
                    "run it under a virtual one: xvfb-run -a .venv/bin/caseworker gui")
    from sqlalchemy.exc import SQLAlchemyError

    from caseworker.models.db import DatabaseError, open_database
    from caseworker.services.context import actor_for
    from caseworker.services.errors import ServiceError
    from caseworker.ui import app, errors

    app.set_names()
    errors.install_excepthook()  # an error escaping a slot: one message box, traceback on stderr
    path = Path(args.db) if args.db else app.demo_path()
    if args.db is None and not path.exists():
        code = _build_demo(path)
        if code:
            return code
    # A file the user may read but not write (a shared file on a read-only share) opens
    # read-only rather than being refused: the status bar says so, and saving is disabled.
    read_only = args.read_only or (path.is_file() and not writable(path))
    try:
        db = open_database(path, read_only=read_only)
    except DatabaseError as exc:
        return fail(str(exc))
    try:
        username = args.user or os.environ.get("CASEWORKER_USER") or db.setting("default_user")
        if not username:
            return fail(f"{path}: no user to sign in as; give --user NAME or set "
                        "CASEWORKER_USER")
        try:
            with db.reader() as session:
                actor = actor_for(session, username)
        except ServiceError as exc:
            return fail(f"{exc}; give --user NAME with a user of {path.name}")
        except SQLAlchemyError as exc:  # a file open_database passed but SQLite cannot read
            return fail(f"{path}: cannot be read ({getattr(exc, 'orig', exc)})")
        return app.run(db, actor, screenshot=args.screenshot)
    finally:
        db.dispose()


def _build_demo(path: Path) -> int:
    try:
        import caseworker.demo  # noqa: F401  (a build without the generator cannot make one)
    except ImportError:
        return fail(f"{path}: no demo database yet, and this build cannot make one; "
                    "give a database: caseworker gui DB")
    print(f"caseworker: creating a demo caseload of {DEMO_CASES:,} files in {path} …",
          file=sys.stderr)
    from caseworker.cli.demo import build_in_place

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        build_in_place(path, cases=DEMO_CASES, seed=1, today=date.today())
    except OSError as exc:
        return fail(f"{path}: cannot be written ({exc.strerror or exc})")
    return 0
