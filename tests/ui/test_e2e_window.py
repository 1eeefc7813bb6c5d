"""End to end, the window itself: what it says about the file that is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit

from caseworker.services.context import actor_for
from caseworker.ui.hub import AppContext, Hub
from tests.ui.e2e_helpers import CTRL, make_window, run_dialog, shortcut

FILE_NO = "AB-2022-00001"   # mkowalchuk's file: not in dsidhu's own queue ("Mine")


def _open_by_number(qtbot, window, file_no: str) -> None:
    def type_number(dialog):
        box = dialog.findChild(QLineEdit)
        qtbot.keyClicks(box, file_no)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    with qtbot.waitSignal(window.ctx.hub.case_opened, timeout=5000):
        run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_O, CTRL), type_number,
                   kind=QInputDialog)


def test_file_opened_by_number_from_the_queue_is_named_in_the_title(qtbot, app_context):
    window = make_window(qtbot, app_context)
    _open_by_number(qtbot, window, FILE_NO)
    assert window.windowTitle().startswith(f"{FILE_NO} — Caseworker")


def test_file_opened_by_number_outside_the_queue_is_named_in_the_title(qtbot, db):
    with db.reader() as session:
        ctx = AppContext(db=db, actor=actor_for(session, "dsidhu"), hub=Hub())
    window = make_window(qtbot, ctx)
    _open_by_number(qtbot, window, FILE_NO)
    assert window.queue.model.row_of(window.case_id) is None  # not in his queue
    assert window.file_view.file_no.text() == FILE_NO
    assert window.windowTitle().startswith(f"{FILE_NO} — Caseworker")
