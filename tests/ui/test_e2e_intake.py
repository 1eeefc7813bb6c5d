"""End to end: registering a new file from the main window (Ctrl+N).

The officer fills the intake form with keys and clicks; Register saves it, the new file
opens in the window, appears in the queue with the Owing the ledger computes, and its
Account tab, running record and title are the new file's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from caseworker.models import Case
from caseworker.ui.dialogs.intake import IntakeDialog
from caseworker.ui.queue_model import COL_FILE, COL_PAYOR, COL_RECIPIENT
from tests.ui.dialogs.conftest import pick, type_date
from tests.ui.e2e_helpers import (
    CTRL,
    LEFT,
    assert_account_tab_matches,
    make_window,
    queue_money,
    queue_owing,
    record_texts,
    run_dialog,
    shortcut,
    statement,
)


def _type(qtbot, edits: dict, **values) -> None:
    for name, text in values.items():
        qtbot.keyClicks(edits[name], text)


def fill_intake(qtbot, dialog: IntakeDialog) -> None:
    """The form as an officer fills it from the court papers, then Register."""
    _type(qtbot, dialog.payor.edits, given_name="Sean", family_name="O'Neil",
          employer="Northwind Logistics", phone="403-555-0142")
    _type(qtbot, dialog.recipient.edits, given_name="Maria", family_name="Garcia",
          line1="5 Hidden Lane", city="Red Deer", region="AB", postal_code="T4N 1A1",
          country="CA", email="maria@example.org")
    child = dialog.children.rows[0]
    _type(qtbot, child, given_name="Ana", family_name="Garcia")
    type_date(qtbot, child["birth_date"], "2015-03-01")
    pick(qtbot, dialog.policy, "Generic")
    qtbot.keyClicks(dialog.court, "Court of King's Bench")
    type_date(qtbot, dialog.made_on, "2024-12-15")
    term = dialog.terms.rows[0]
    qtbot.keyClicks(term.amount, "450.00")
    type_date(qtbot, term.start, "2025-01-01")
    pick(qtbot, term.child, "Ana")
    assert dialog.ok_button.isEnabled(), dialog.ok_button.toolTip()
    qtbot.mouseClick(dialog.ok_button, LEFT)


def test_registered_file_opens_and_is_in_the_queue(qtbot, app_context, db):
    window = make_window(qtbot, app_context)
    queued = window.queue.model.rowCount()
    with qtbot.waitSignal(app_context.hub.case_opened, timeout=10000) as opened:
        dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_N, CTRL),
                            lambda d: fill_intake(qtbot, d), kind=IntakeDialog)
    assert not dialog.left_open
    case_id = opened.args[0]
    assert case_id == dialog.case_id == dialog.result_id

    with db.reader() as session:
        case = session.get(Case, case_id)
        file_no = case.file_no
        assert (case.policy, case.officer_id, case.team, case.opened_on) == (
            "generic", app_context.actor.user_id, app_context.actor.team, date.today())
        people = {(p.role, p.person.given_name, p.person.family_name) for p in case.parties}
        assert people == {("payor", "Sean", "O'Neil"), ("recipient", "Maria", "Garcia"),
                          ("child", "Ana", "Garcia")}
        [order] = case.orders
        [term] = order.terms
        # The end offered for the child: her 18th birthday's month end (generic program).
        assert (term.amount, term.start.isoformat(), term.end.isoformat(),
                term.child.given_name) == (Decimal("450.00"), "2025-01-01", "2033-02-28", "Ana")

    # It opened in the window: file view, record, title, and its row selected in the queue.
    assert window.case_id == window.file_view.case_id == window.record_panel.case_id == case_id
    assert window.file_view.file_no.text() == file_no
    assert window.windowTitle().startswith(file_no)
    assert record_texts(window)[-1].startswith(f"File {file_no} registered")
    model = window.queue.model
    assert model.rowCount() == queued + 1
    row = model.row_of(case_id)
    assert [model.data(model.index(row, c)) for c in (COL_FILE, COL_PAYOR, COL_RECIPIENT)] == \
        [file_no, "O'Neil, Sean", "Garcia, Maria"]
    assert window.queue.current_case_id() == case_id

    result = statement(db, case_id)
    assert Decimal(result["totals"]["total_owing"]) > 0  # support due since January 2025
    assert_account_tab_matches(window, result)
    assert queue_owing(window, case_id) == queue_money(result["totals"]["total_owing"])


def test_registered_file_opens_again_from_the_queue(qtbot, app_context, db):
    window = make_window(qtbot, app_context)
    with qtbot.waitSignal(app_context.hub.case_opened, timeout=10000) as opened:
        run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_N, CTRL),
                   lambda d: fill_intake(qtbot, d), kind=IntakeDialog)
    case_id = opened.args[0]
    window.queue.open_row(0 if window.queue.model.case_id(0) != case_id else 1)
    assert window.case_id != case_id
    # Double-click its row, as the officer goes back to it.
    table = window.queue.table
    index = window.queue.model.index(window.queue.model.row_of(case_id), COL_PAYOR)
    table.scrollTo(index)
    where = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), LEFT, pos=where)  # the first click of the two
    with qtbot.waitSignal(app_context.hub.case_opened) as again:
        qtbot.mouseDClick(table.viewport(), LEFT, pos=where)
    assert again.args == [case_id]
    assert window.file_view.case_id == case_id
    assert_account_tab_matches(window, statement(db, case_id))
