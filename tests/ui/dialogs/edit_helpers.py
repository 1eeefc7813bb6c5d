"""Two officers on one office file, each with a window's context, for the edit-form tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from caseworker.models.db import open_database
from caseworker.services.context import actor_for
from caseworker.ui.dialogs.stale import StaleDialog
from caseworker.ui.hub import AppContext, Hub


@pytest.fixture
def oscar(office):
    """Oscar on his own connection to the same database file, with his own window's hub."""
    db = open_database(office.db.location)
    with db.reader() as session:
        ctx = AppContext(db=db, actor=actor_for(session, "oscar"), hub=Hub())
    yield ctx
    db.dispose()


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    """Select what the field holds and type over it (an empty text just deletes it)."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(edit, text)


def save_and_answer(qtbot, dialog, button: str) -> list[list[str]]:
    """Click Save; when the comparison opens, note its rows and click `button` in it
    ("keep" or "overwrite"). Returns the rows seen (empty when no comparison opened)."""
    seen: list[list[str]] = []

    def answer():
        stale = QApplication.activeModalWidget()
        if not isinstance(stale, StaleDialog):
            return
        table = stale.table
        seen.extend([table.item(r, c).text() for c in range(3)]
                    for r in range(table.rowCount()))
        qtbot.mouseClick(getattr(stale, button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, answer)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return seen


def tick(qtbot, box) -> None:
    """Click a check box on its box (a wide check box does not react to its empty end)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
