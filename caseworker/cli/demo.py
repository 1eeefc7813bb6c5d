"""`caseworker demo DB`: write a new demo database, never leaving a half-written one behind."""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

from caseworker.cli import fail

# Files SQLite keeps beside a database; a stale one would be read as part of the new file.
_SIDE_FILES = ("-wal", "-shm", "-journal")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help="write a new demo database",
        description="Write a demo database of realistic support-enforcement files. The same "
                    "seed and date always give the same database.")
    parser.add_argument("db", metavar="DB", help="the database file to write")
    parser.add_argument("--cases", type=int, default=2000, metavar="N",
                        help="how many files (default 2000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help="random seed (default 1)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="the date the caseload is built for (default: today)")
    parser.add_argument("--force", action="store_true", help="replace DB if it exists")
    parser.add_argument("--no-balances", dest="balances", action="store_false",
                        help="leave the queue's balance cache empty (much faster for very "
                             "large caseloads)")
    parser.set_defaults(func=run)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    _remove_sides(path)


def build_in_place(target: Path, **options):
    """Build a demo database beside `target` and move it there only once it is whole, so an
    interrupted build (Ctrl-C, a killed process) never leaves a half-made database behind;
    the leftovers of a build killed outright are swept away by the next one."""
    from caseworker.demo import build_demo  # the generator loads only when it is asked for

    for stale in target.parent.glob(f".{target.name}.*.building"):
        _remove(stale)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.building")
    try:
        report = build_demo(temporary, **options)
        _remove_sides(target)
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise
    return report


def run(args: argparse.Namespace) -> int:
    target = Path(args.db)
    if args.cases < 1:
        return fail(f"--cases must be at least 1, not {args.cases}")
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        return fail(f"--today: {args.today!r} is not a date (use YYYY-MM-DD)")
    if target.is_dir():
        return fail(f"{target}: is a folder, not a database file")
    if target.exists() and not args.force:
        return fail(f"{target}: already exists; use --force to replace it")
    if not target.parent.is_dir():
        return fail(f"{target.parent}: no such folder")
    started = time.perf_counter()
    try:
        report = build_in_place(target, cases=args.cases, seed=args.seed, today=today,
                                balances=args.balances)
    except OSError as exc:
        return fail(f"{target}: cannot be written ({exc.strerror or exc})")
    seconds = time.perf_counter() - started
    rows = report.rows
    split = f"files {report.seconds['files']:.1f} s"
    if "balances" in report.seconds:
        split += f", balance cache {report.seconds['balances']:.1f} s"
    print(f"Wrote {target}: {args.cases:,} files, {rows.get('people', 0):,} people, "
          f"{rows.get('payments', 0):,} payments, {rows.get('record_entries', 0):,} "
          f"running-record entries (seed {args.seed}, as of {today.isoformat()}) in "
          f"{seconds:.1f} s ({split}). Default user: {report.default_user}.")
    return 0


def _remove_sides(path: Path) -> None:
    """Drop a replaced database's journal files, which would otherwise spoil the new one."""
    for side in _SIDE_FILES:
        (path.parent / (path.name + side)).unlink(missing_ok=True)
