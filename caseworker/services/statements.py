"""A file's statement of account (LEDGER.md §7) as the ledger dict, as text and as JSON.

What the Account tab saves and what `caseworker ledger statement --db` prints come from
the same recalculation: `caseworker.ledger.statement` over the file's account document.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy.orm import Session

from caseworker import ledger
from caseworker.ledger.policy import policy_words
from caseworker.ledger.text import render_statement
from caseworker.models import Case
from caseworker.services.accounts import account_document
from caseworker.services.errors import NotFound

FORMATS = ("text", "json")


def statement_for(session: Session, case_id: int, as_of: date | None = None) -> dict:
    """The ledger's statement of one file as of a day (end of that day; today by default)."""
    as_of = as_of or date.today()
    return ledger.statement(account_document(session, case_id), as_of=as_of.isoformat())


def words_for(session: Session, case_id: int) -> dict[str, str]:
    """The program's words (payor, recipient, file...) from the file's policy."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"no file with id {case_id}")
    return policy_words(case.policy)


def render_json(result: dict) -> str:
    """The statement dict exactly, as the command line's `--format json` prints it."""
    return json.dumps(result, indent=2) + "\n"


def statement_text(session: Session, case_id: int, as_of: date | None = None) -> str:
    """The statement as aligned text a client can be handed, in the program's words."""
    case = session.get(Case, case_id)
    currency = case.currency if case is not None else None
    return render_statement(statement_for(session, case_id, as_of), words_for(session, case_id),
                            currency=currency)


def statement_json(session: Session, case_id: int, as_of: date | None = None) -> str:
    """The statement dict as indented JSON."""
    return render_json(statement_for(session, case_id, as_of))


def statement_file(session: Session, case_id: int, fmt: str, as_of: date | None = None) -> str:
    """The statement in one of FORMATS, for saving to a file."""
    if fmt == "json":
        return statement_json(session, case_id, as_of)
    if fmt == "text":
        return statement_text(session, case_id, as_of)
    raise ValueError(f"unknown statement format {fmt!r} (expected one of {FORMATS})")
