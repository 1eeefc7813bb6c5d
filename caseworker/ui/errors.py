"""Errors nobody expected: said to the officer in one message box, the traceback on stderr.

A dialog catches the errors it knows (a field, a right, a ledger refusal, a busy
database). Anything else used to escape into Qt, which printed nothing useful and
left the dialog sitting there with the officer told nothing. `save_failed` is the
dialogs' last `except`; `install_excepthook` is the window's last resort.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.exc import OperationalError

from caseworker.ledger import LedgerError
from caseworker.services.errors import ServiceError, ValidationError
from caseworker.ui import messages

T = TypeVar("T")

BUSY = "The database is busy: someone else is saving. Nothing was saved; try again in a moment."


def what(exc: BaseException) -> str:
    """The error in a few words: its message, else its kind (`RuntimeError`)."""
    text = str(exc).strip().rstrip(".")
    return text or type(exc).__name__


def log(exc: BaseException) -> None:
    """The whole traceback on stderr, for whoever looks into it later."""
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


def save_failed(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A save went wrong in a way no one foresaw; its transaction was rolled back."""
    log(exc)
    messages.error(parent, title, f"Could not save: {what(exc)}. Nothing was saved.")


def attempt(parent: QWidget | None, title: str, save: Callable[[], T], *,
            invalid: Callable[[ValidationError], None] | None = None) -> tuple[bool, T | None]:
    """Run a save and say plainly why it did not happen: (True, its result) or (False, None).

    `invalid` marks a field the service named; without it such an error is said like a
    refusal (a right, a record decided meanwhile, a ledger refusal). A busy shared file
    and anything unforeseen are said too; the transaction was rolled back either way."""
    try:
        return True, save()
    except ValidationError as exc:
        if invalid is None:
            messages.error(parent, title, sentence(str(exc)))
        else:
            invalid(exc)
    except (ServiceError, LedgerError) as exc:
        messages.error(parent, title, sentence(str(exc)))
    except OperationalError:
        messages.error(parent, title, BUSY)
    except Exception as exc:  # noqa: BLE001 - anything else: rolled back, and said so
        save_failed(parent, title, exc)
    return False, None


def sentence(text: str) -> str:
    """A service's message as a sentence: capital first, a stop at the end."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


_showing = False


def excepthook(kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """The last resort for an error escaping a slot: log it, and say it once."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    traceback.print_exception(kind, exc, tb, file=sys.stderr)
    if _showing or QApplication.instance() is None:
        return  # an error while the box is up (a repaint, say): logged, not a second box
    _showing = True
    try:
        messages.error(QApplication.activeWindow(), "Caseworker",
                       f"Something went wrong: {what(exc)}.\n\nWhat you were doing may not "
                       "have been saved; check it before going on. The details were written "
                       "to the program's error output.")
    finally:
        _showing = False


def install_excepthook() -> None:
    """Qt would only print an error escaping a slot; this shows it too."""
    sys.excepthook = excepthook
