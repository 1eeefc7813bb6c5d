"""A fresh office per test: four users and one file registered through intake (as services do)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from caseworker import ledger
from caseworker.models import User
from caseworker.models.db import Database, create_database
from caseworker.services.accounts import account_document
from caseworker.services.context import actor_for
from caseworker.services.intake import FileInput, PartyInput, register_file
from caseworker.services.orders import TermInput
from caseworker.ui.hub import AppContext, Hub

TODAY = date(2026, 11, 23)


def _pin_singletons() -> None:
    """Work around a defect of the pinned PySide6 6.12.0 on Python 3.11: every call of a
    method returning void drops a reference to None, and every Python-side `emit()` one to
    True (see docs/dialogs.md). A few thousand key clicks then free True or None and the
    interpreter aborts, often at exit. These singletons are never freed anyway, so a large
    head start on their counts is harmless. Remove once the binding is fixed."""
    import ctypes
    import sys

    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < 1 << 40:
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_pin_singletons()


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


def _sample_file() -> FileInput:
    return FileInput(
        policy="generic",
        payor=PartyInput(given_name="John", family_name="Lee", birth_date="1980-02-29",
                         employer="Northwind"),
        recipient=PartyInput(given_name="Mary", family_name="Lee", line1="5 Hidden Lane",
                             city="Red Deer", region="AB", postal_code="t4n 1a1", country="CA"),
        children=[PartyInput(given_name="Kim", family_name="Lee", birth_date="2012-06-01")],
        court="Court of King's Bench", order_made_on="2024-12-15",
        terms=[TermInput(kind="periodic", amount="400.00", frequency="monthly", day=1,
                         start="2025-01-01", end="2030-05-31", child_index=0)])


@pytest.fixture
def office(qapp, tmp_path):
    db = create_database(tmp_path / "office.sqlite")
    with db.session() as s:
        s.add_all([User(username="olivia", full_name="Olivia Officer", role="officer",
                        team="North"),
                   User(username="oscar", full_name="Oscar Other", role="officer", team="North"),
                   User(username="sue", full_name="Sue Supervisor", role="supervisor",
                        team="North"),
                   User(username="ivan", full_name="Ivan Investigator", role="investigator",
                        team="North")])
    with db.session() as s:
        case_id = register_file(s, actor=actor_for(s, "olivia"), given=_sample_file(),
                                today=TODAY)
    yield Office(db, case_id, Hub())
    db.dispose()


@pytest.fixture
def shown(qtbot):
    """Show a dialog (offscreen) and hand it back; closed by qtbot at the end."""

    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show


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

    heard: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "error", lambda _p, _t, text: heard.append(("error", text)))
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: heard.append(("info", text)))
    monkeypatch.setattr(messages, "confirm", lambda *_: heard.append(("confirm", "")) or True)
    return heard


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
