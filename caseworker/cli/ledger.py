"""`caseworker ledger ...`: statement, payoff, split and export of account documents."""

from __future__ import annotations

import argparse
import json

from caseworker.cli import fail
from caseworker.ledger import LedgerError, payoff, split, statement
from caseworker.ledger.policy import policy_words
from caseworker.ledger.text import render_payoff, render_split, render_statement

FORMATS = ("json", "text")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `ledger` and its subcommands to the `caseworker` parser."""
    parser = subparsers.add_parser("ledger", help="recalculate an account from its document",
                                   description="Statements, payoff projections and payment "
                                   "splits, computed from account documents (LEDGER.md).")
    parser.set_defaults(func=lambda args: fail("ledger needs a subcommand: statement, payoff, "
                                               "split or export"))
    sub = parser.add_subparsers(dest="ledger_command", metavar="SUBCOMMAND")

    p = sub.add_parser("statement", help="the statement of an account")
    p.add_argument("file", nargs="?", metavar="FILE.json", help="the account document")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the statement date (end of that day)")
    p.add_argument("--db", metavar="DB", help="take the account from this database")
    p.add_argument("--case", metavar="FILE_NO", help="the file number (with --db)")
    p.add_argument("--format", choices=FORMATS, default="json")
    p.set_defaults(func=_statement)

    p = sub.add_parser("payoff", help="how long a regular payment takes to pay the account off")
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("--payment", required=True, metavar="AMOUNT")
    p.add_argument("--frequency", default="monthly",
                   help="monthly (default), semi_monthly, weekly, biweekly, quarterly, annually")
    p.add_argument("--day", metavar="N", help="day of the month of the payments")
    p.add_argument("--format", choices=FORMATS, default="json")
    p.set_defaults(func=_payoff)

    p = sub.add_parser("split", help="split a payor's payments across the payor's cases")
    p.add_argument("file", metavar="PAYOR.json")
    p.add_argument("--format", choices=FORMATS, default="json")
    p.set_defaults(func=_split)

    p = sub.add_parser("export", help="print a file's account document from a database")
    p.add_argument("--db", required=True, metavar="DB")
    p.add_argument("--case", required=True, metavar="FILE_NO")
    p.set_defaults(func=_export)


def _read(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise LedgerError(f"{path}: no such file", field="file", ident=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{path}: cannot be read ({exc.__class__.__name__})", field="file",
                          ident=path) from None
    except json.JSONDecodeError as exc:
        raise LedgerError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg})", field="file", ident=path) from None
    except (ValueError, RecursionError) as exc:   # a number too long, nesting too deep
        raise LedgerError(f"{path}: not valid JSON ({exc.__class__.__name__}: "
                          f"{str(exc)[:80]})", field="file", ident=path) from None


def _from_db(db: str, case: str) -> dict:
    from caseworker.services.accounts import export_document
    from caseworker.services.errors import ServiceError

    try:
        return export_document(db, case)
    except ServiceError as exc:
        raise LedgerError(str(exc).splitlines()[0] if str(exc) else "cannot export",
                          field="case", ident=case) from None


def _words(document: object) -> dict:
    if isinstance(document, dict) and "cases" in document:   # a payor's document
        cases = document.get("cases") or [{}]
        document = cases[0] if isinstance(cases, list) else {}
    return policy_words(document.get("policy", "generic")) if isinstance(document, dict) else {}


def _currency(document: object) -> str | None:
    currency = document.get("currency") if isinstance(document, dict) else None
    return currency if isinstance(currency, str) and currency else None


def _print(result: object, fmt: str, render, document: object) -> int:
    if fmt == "text":
        if render is render_split:
            text = render(result, _words(document))
        else:
            text = render(result, _words(document), _currency(document))
        # Text that cannot be written (a lone surrogate in an id, say) is shown escaped.
        print(text.encode("utf-8", "backslashreplace").decode("utf-8"), end="")
    else:
        print(json.dumps(result, indent=2))
    return 0


def _statement(args: argparse.Namespace) -> int:
    try:
        if args.db or args.case:
            if not (args.db and args.case) or args.file:
                return fail("statement takes either FILE.json or both --db DB and --case FILE_NO")
            document = _from_db(args.db, args.case)
        elif args.file:
            document = _read(args.file)
        else:
            return fail("statement needs FILE.json (or --db DB --case FILE_NO)")
        result = statement(document, args.as_of)
    except LedgerError as exc:
        return fail(str(exc))
    return _print(result, args.format, render_statement, document)


def _payoff(args: argparse.Namespace) -> int:
    try:
        document = _read(args.file)
        day = args.day
        if day is not None:
            if not (day.isascii() and day.isdigit()):
                return fail(f"payoff: day must be a day of the month 1-31, not {day!r}")
            day = int(day)
        result = payoff(document, args.payment, args.frequency, day)
    except LedgerError as exc:
        return fail(str(exc))
    return _print(result, args.format, render_payoff, document)


def _split(args: argparse.Namespace) -> int:
    try:
        document = _read(args.file)
        result = split(document)
    except LedgerError as exc:
        return fail(str(exc))
    return _print(result, args.format, render_split, document)


def _export(args: argparse.Namespace) -> int:
    try:
        document = _from_db(args.db, args.case)
    except LedgerError as exc:
        return fail(str(exc))
    print(json.dumps(document, indent=2))
    return 0
