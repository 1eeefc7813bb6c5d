"""Driving the real main window end to end: open a file, run an action's modal dialog, and
read back what the window shows, to compare with `caseworker.ledger` computed independently.

The dialogs the window opens run `exec()`, which blocks; `run_dialog` acts on the dialog
from a timer once it is the active modal widget, and always closes it, so a failed step
never leaves a test hanging.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QWidget

from caseworker import ledger
from caseworker.services.accounts import account_document
from caseworker.services.record import case_id_for
from caseworker.ui import queue_model
from caseworker.ui.main_window import MainWindow
from caseworker.ui.queue_model import COL_OWING
from caseworker.ui.widgets.format import money

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


def make_window(qtbot, ctx) -> MainWindow:
    """The real main window, shown and active (shortcuts need an active window)."""
    window = MainWindow(ctx, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def activate(qtbot, window: QWidget) -> None:
    """Make the window the application's active one (offscreen, `waitActive` alone can
    return before it is, and a shortcut pressed then goes nowhere)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


def open_by_search(qtbot, window: MainWindow, file_no: str) -> int:
    """Open a file as an officer does: Ctrl+L, type its number, Enter (one match opens)."""
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert window.queue.search.hasFocus()
    with qtbot.waitSignal(window.ctx.hub.case_opened, timeout=5000) as opened:
        qtbot.keyClicks(window.queue.search, file_no)
        qtbot.keyClick(window.queue.search, Qt.Key.Key_Return)
    case_id = opened.args[0]
    assert window.case_id == case_id == window.file_view.case_id == window.record_panel.case_id
    return case_id


def case_id_of(db, file_no: str) -> int:
    with db.reader() as session:
        return case_id_for(session, file_no)


def run_dialog(qtbot, start: Callable[[], None], act: Callable[[QDialog], None], *,
               kind: type | None = None, timeout_ms: int = 15000) -> QDialog:
    """Call `start` (a shortcut, a trigger); when the modal dialog shows, `act` on it.

    Whatever happens in `act`, the dialog is closed afterwards (if `act` left it open,
    for instance a Save that was refused, it is rejected and that is reported), so the
    blocking `exec()` returns. Returns the dialog, for reading what it did."""
    seen: dict[str, object] = {}
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (kind is not None and not isinstance(dialog, kind)):
            waited[0] += 20
            if waited[0] < timeout_ms:
                QTimer.singleShot(20, poll)
            else:
                seen["error"] = AssertionError(f"no {kind.__name__ if kind else 'dialog'} "
                                               "opened")
            return
        seen["dialog"] = dialog
        qtbot.waitExposed(dialog)
        try:
            act(dialog)
        except BaseException as exc:  # noqa: BLE001 - reported after exec() returns
            seen["error"] = exc
        finally:
            if dialog.isVisible():
                seen["left_open"] = True
                dialog.reject()

    QTimer.singleShot(0, poll)
    start()
    if "error" in seen:
        raise seen["error"]  # type: ignore[misc]
    if "dialog" not in seen:
        raise AssertionError("the action opened no dialog")
    dialog = seen["dialog"]
    dialog.left_open = bool(seen.get("left_open"))  # type: ignore[attr-defined]
    return dialog  # type: ignore[return-value]


def shortcut(qtbot, window: QWidget, key: Qt.Key, modifiers=CTRL_SHIFT) -> Callable[[], None]:
    """A keyboard shortcut pressed on the (active) window, for `run_dialog`."""

    def press() -> None:
        activate(qtbot, window)
        qtbot.keyClick(window, key, modifiers)

    return press


def click(qtbot, widget: QWidget) -> None:
    """A left click where the widget takes it (a check box on its box, not its caption)."""
    pos = (QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox)
           else QPoint(widget.width() // 2, widget.height() // 2))
    qtbot.mouseClick(widget, LEFT, pos=pos)


def statement(db, case_id: int, as_of: date | None = None) -> dict:
    """The ledger's statement of the file, computed here, apart from the window."""
    with db.reader() as session:
        return ledger.statement(account_document(session, case_id),
                                as_of=(as_of or date.today()).isoformat())


def account_figures(window: MainWindow) -> dict[str, str]:
    """What the Account tab shows: headline, grid values, statement rows and last line."""
    tab = window.file_view.account_tab
    model = tab.statement
    rows = model.rowCount()
    last = [model.data(model.index(rows - 1, c)) for c in range(model.columnCount())] \
        if rows else []
    return {"headline": tab.figures.text(), "rows": rows, "last": last,
            **{key: label.text() for key, label in tab.grid.values.items()}}


def expected_figures(result: dict) -> dict[str, object]:
    """The same figures as the Account tab would show them, from the ledger's dict."""
    line = result["lines"][-1] if result["lines"] else None

    def amount(text: str) -> str:
        value = Decimal(text)
        return money(value) if value else ""

    last = [line["date"], None, line["description"], amount(line["debit"]),
            amount(line["credit"]), money(Decimal(line["balance"]))] if line else []
    return {"total_owing": money(Decimal(result["totals"]["total_owing"])),
            "arrears": money(Decimal(result["arrears"])), "rows": len(result["lines"]),
            "last": last}


def assert_account_tab_matches(window: MainWindow, result: dict) -> None:
    """The Account tab's figures are the ledger's for the same file and day."""
    shown = account_figures(window)
    wanted = expected_figures(result)
    assert f"Total owing <b>{wanted['total_owing']}</b>" in shown["headline"]
    assert f"Arrears <b>{wanted['arrears']}</b>" in shown["headline"]
    since = result["delinquent_since"]
    assert (f"Delinquent since <b>{since}</b>" if since else "Not delinquent") in \
        shown["headline"]
    assert shown["headline"].endswith(f"as of {result['as_of']}")
    summary = window.file_view.summary_tab.values  # the Summary tab says the same
    assert summary["total_owing"].text() == wanted["total_owing"]
    assert summary["arrears"].text() == wanted["arrears"]
    for key, value in result["totals"].items():
        if key != "total_owing":  # the headline has it; the grid has every other total
            assert shown[key] == money(Decimal(value)), key
    for payee, value in result["by_payee"].items():
        assert shown[f"payee:{payee}"] == money(Decimal(value)), payee
    for bucket, value in result["aging"].items():
        assert shown[f"aging:{bucket}"] == money(Decimal(value)), bucket
    assert shown["rows"] == wanted["rows"]
    last, expected_last = list(shown["last"]), list(wanted["last"])
    last[1] = expected_last[1] = None  # the kind is shown in words
    assert last == expected_last


def queue_owing(window: MainWindow, case_id: int) -> str:
    model = window.queue.model
    row = model.row_of(case_id)
    assert row is not None, "the file is not in the queue"
    return model.data(model.index(row, COL_OWING))


def queue_money(text: str) -> str:
    """The queue's own way of writing an amount."""
    return queue_model.money(Decimal(text))


def record_texts(window: MainWindow) -> list[str]:
    """The running record panel's entries as shown, in its order (newest first by default)."""
    model = window.record_panel.model
    return [model.row_at(r).text for r in range(model.rowCount())]
