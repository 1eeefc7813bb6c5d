"""A fresh office per test: four users and one file registered through intake (as services do)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from caseworker import ledger
from caseworker.models.db import Database
from caseworker.services.accounts import account_document
from caseworker.services.context import actor_for
from caseworker.ui.hub import AppContext, Hub
from tests.services.office import TODAY, make_office


@dataclass
class Office:
    """The open database, one context per user, and the registered file."""

    db: Database
    case_id: int
    hub: Hub

    def ctx(self, username: str = "olivia") -> AppContext:
        with self.db.reader() as session:
            return AppContext(db=self.db, actor=actor_for(session, username), hub=self.hub)

    def statement(self, as_of: date = TODAY) -> dict:
        with self.db.reader() as session:
            return ledger.statement(account_document(session, self.case_id),
                                    as_of=as_of.isoformat())

    def owing(self) -> Decimal:
        return Decimal(self.statement()["totals"]["total_owing"])


@pytest.fixture
def office(qapp, tmp_path):
    """The services' office (tests/services/office.py), with a hub for the dialogs."""
    made = make_office(tmp_path / "office.sqlite")
    yield Office(made.db, made.case_id, Hub())
    made.db.dispose()


def type_date(qtbot, edit, text: str) -> None:
    """Type an ISO date into a QDateEdit as a user does: select the year, then the digits
    (the field moves on to the month and the day by itself)."""
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    for _ in range(4):
        qtbot.keyClick(edit, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(edit, text.replace("-", ""))


def pick(qtbot, combo, text: str) -> None:
    """Choose a combo-box item by typing the start of its text, as from the keyboard."""
    combo.setFocus()
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, f"{text!r} is not offered"
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


@pytest.fixture
def said(monkeypatch):
    """Message boxes stubbed (caseworker.ui.messages is the one place): what they said."""
    from caseworker.ui import messages

    heard = Heard()
    monkeypatch.setattr(messages, "error", lambda _p, _t, text: heard.append(("error", text)))
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: heard.append(("info", text)))
    monkeypatch.setattr(messages, "confirm",
                        lambda _p, _t, text: heard.append(("confirm", text)) or heard.answer)
    return heard


class Heard(list):
    """What the message boxes said; a question is answered `answer` (Yes unless set)."""

    answer = True


def entries(office) -> list[str]:
    """The texts of the file's running record, newest first."""
    from caseworker.services.record import entries as read

    with office.db.reader() as session:
        return [e.text for e in read(session, office.case_id)]


def tab_stop_after(widget):
    """Where Tab goes from `widget`: the next enabled, visible field that takes Tab focus
    (a date field's own inner line edit is part of it, not a stop of its own)."""
    window = widget.window()
    after = widget.nextInFocusChain()
    while (widget.isAncestorOf(after) or not after.isEnabled()
           or not after.isVisibleTo(window)
           or not after.focusPolicy() & Qt.FocusPolicy.TabFocus):
        after = after.nextInFocusChain()
    return after
