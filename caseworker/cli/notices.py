"""`caseworker notices ...`: list the kinds of notice, and make one from a database file."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from caseworker.cli import fail
from caseworker.notices import KINDS
from caseworker.notices.wording import kind_text

ADDRESSEES = ("payor", "recipient", "employer", "attorney")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `notices` and its subcommands to the `caseworker` parser."""
    parser = subparsers.add_parser("notices", help="make notices (letters and forms) as PDF",
                                   description="The notices a file can get, printed as PDF.")
    parser.set_defaults(func=lambda args: fail("notices needs a subcommand: kinds or make"))
    sub = parser.add_subparsers(dest="notices_command", metavar="SUBCOMMAND")

    p = sub.add_parser("kinds", help="list the kinds of notice")
    p.set_defaults(func=_kinds)

    p = sub.add_parser("make", help="make one notice for a file and write it as a PDF",
                       description="Make a notice from a file's data and figures. With "
                       "--issue USER it is also issued: kept with the file, with its hash, "
                       "and logged in the running record.")
    p.add_argument("--db", required=True, metavar="DB", help="the database file")
    p.add_argument("--case", required=True, metavar="FILE_NO", help="the file number")
    p.add_argument("--kind", required=True, choices=list(KINDS), metavar="KIND",
                   help="one of: " + ", ".join(KINDS))
    p.add_argument("--to", required=True, choices=ADDRESSEES, help="who the notice goes to")
    p.add_argument("--out", required=True, metavar="PDF", help="where to write the PDF")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date of the figures (default: "
                   "the notice's date)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date printed on the notice "
                   "(default: today)")
    p.add_argument("--step", choices=list(kind_text("intent")["steps"]),
                   help="intent: the enforcement step")
    p.add_argument("--reason", choices=list(kind_text("closure")["reasons"]),
                   help="closure: why the file is closed")
    p.add_argument("--per-pay", metavar="AMOUNT", help="deduction: the amount to deduct "
                   "from each pay (default: the support in force)")
    p.add_argument("--pay-frequency", default="monthly",
                   choices=("weekly", "biweekly", "semi_monthly", "monthly"),
                   help="deduction: how often the employee is paid (default: monthly)")
    p.add_argument("--attorney-name", metavar="NAME", help="--to attorney: counsel's name")
    p.add_argument("--attorney-firm", metavar="FIRM", help="--to attorney: counsel's firm "
                   "(printed under the name)")
    p.add_argument("--attorney-address", metavar="LINE", action="append", default=[],
                   help="--to attorney: one line of counsel's address (repeat for each line)")
    p.add_argument("--issue", metavar="USER", help="also issue it as this user")
    p.set_defaults(func=_make)


def _kinds(args: argparse.Namespace) -> int:
    width = max(len(kind) for kind in KINDS)
    for kind, title in KINDS.items():
        print(f"{kind:<{width}}  {title}")
    return 0


def _make(args: argparse.Namespace) -> int:
    from caseworker.models.db import DatabaseError, open_database
    from caseworker.services.errors import ServiceError

    try:
        today = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        return fail(f"--date {args.date!r} is not a date (YYYY-MM-DD)")
    out = Path(args.out)
    if not out.parent.is_dir():
        return fail(f"--out {args.out}: folder {out.parent} does not exist")
    if not Path(args.db).exists():
        return fail(f"--db {args.db}: no such file")
    options = {"today": today, "step": args.step, "closure_reason": args.reason,
               "deduction_per_pay": args.per_pay, "pay_frequency": args.pay_frequency}
    attorney = {"name": args.attorney_name, "firm": args.attorney_firm,
                "address_lines": args.attorney_address}
    if args.to == "attorney":
        options["attorney"] = attorney
    elif any(attorney.values()):
        return fail("--attorney-name, --attorney-firm and --attorney-address go with "
                    "--to attorney")
    try:
        db = open_database(args.db, read_only=not args.issue)
    except DatabaseError as exc:
        return fail(str(exc).splitlines()[0])
    try:
        pdf = _issue(db, args, options) if args.issue else _preview(db, args, options)
    except ServiceError as exc:
        return fail(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)
    finally:
        db.dispose()
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        return fail(f"--out {args.out}: cannot be written ({exc.strerror})")
    print(f"{args.out}: {KINDS[args.kind].lower()} for file {args.case} to the {args.to}"
          + (" (issued)" if args.issue else ""))
    return 0


def _preview(db, args: argparse.Namespace, options: dict) -> bytes:
    from caseworker.services.notices import make_pdf, notice_data

    with db.reader() as session:
        return make_pdf(notice_data(session, args.case, args.kind, args.to, args.as_of,
                                    **options))


def _issue(db, args: argparse.Namespace, options: dict) -> bytes:
    from caseworker.models import Notice
    from caseworker.services.context import actor_for
    from caseworker.services.notices import issue_notice

    with db.session() as session:
        actor = actor_for(session, args.issue)
        notice_id = issue_notice(session, actor, args.case, args.kind, args.to, args.as_of,
                                 **options)
        return session.get(Notice, notice_id).pdf
