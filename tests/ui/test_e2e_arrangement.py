"""End to end: negotiating a payment arrangement from the main window (Ctrl+Shift+G).

While the officer types, the dialog shows the ledger's payoff projection for that amount
and frequency (checked against `caseworker.ledger.payoff` computed here); the arrangement
recorded then shows its periods on the Account tab's Arrangement page, as the ledger's
statement has them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from caseworker import ledger
from caseworker.models import Arrangement, Case
from caseworker.services.accounts import account_document
from caseworker.ui.dialogs.arrangement import ArrangementDialog
from caseworker.ui.queue_model import COL_STATUS
from caseworker.ui.widgets.format import money
from tests.ui.dialogs.conftest import pick, type_date
from tests.ui.e2e_helpers import (
    LEFT,
    assert_account_tab_matches,
    make_window,
    open_by_search,
    queue_money,
    queue_owing,
    record_texts,
    run_dialog,
    shortcut,
    statement,
)

FILE_NO = "AB-2022-00001"


def _payoff(db, case_id: int, amount: str, frequency: str) -> dict:
    with db.reader() as session:
        document = account_document(session, case_id)
    document["as_of"] = date.today().isoformat()
    return ledger.payoff(document, amount, frequency=frequency, day=None)


def _shows(text: str, result: dict) -> None:
    """The projection as the dialog words it carries every figure of the ledger's."""
    assert f"Owing on {result['as_of']}: <b>{money(Decimal(result['owing']))}</b>" in text
    count = result["payments"]
    assert f"<b>{count}</b> payment{'s' if count != 1 else ''}, the first on " \
           f"{result['first_payment']}" in text
    assert f"paid off on <b>{result['paid_off']}</b>" in text
    assert f"interest paid on the way <b>{money(Decimal(result['interest_paid']))}</b>" in text
    assert f"last payment {money(Decimal(result['last_payment_amount']))}" in text


def test_projection_follows_the_typing_and_the_recorded_periods_show(qtbot, app_context, db):
    window = make_window(qtbot, app_context)
    case_id = open_by_search(qtbot, window, FILE_NO)
    monthly = _payoff(db, case_id, "300.00", "monthly")
    biweekly = _payoff(db, case_id, "120.00", "biweekly")
    assert monthly["payments"] and biweekly["payments"]  # both pay off
    start = date.today().replace(day=1)   # agreed to run from this month
    seen: dict[str, object] = {}

    def negotiate(dialog):
        qtbot.keyClicks(dialog.amount, "300.00")
        qtbot.waitUntil(lambda: dialog.last is not None and dialog.last["payment"] == "300.00")
        assert dialog.last == monthly
        _shows(dialog.projection.text(), monthly)
        seen["start_followed"] = dialog.start.date().toPython().isoformat()
        # Another proposal: $120 every two weeks; the projection follows at once.
        dialog.amount.selectAll()
        qtbot.keyClicks(dialog.amount, "120.00")
        pick(qtbot, dialog.frequency, "Every two weeks")
        qtbot.waitUntil(lambda: dialog.last["payment"] == "120.00"
                        and dialog.last["frequency"] == "biweekly")
        assert dialog.last == biweekly
        _shows(dialog.projection.text(), biweekly)
        # The payor settles on $300 a month, from the start of this month.
        dialog.amount.selectAll()
        qtbot.keyClicks(dialog.amount, "300.00")
        pick(qtbot, dialog.frequency, "Monthly")
        qtbot.waitUntil(lambda: dialog.last["payment"] == "300.00"
                        and dialog.last["frequency"] == "monthly")
        type_date(qtbot, dialog.start, start.isoformat())
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_G), negotiate,
                        kind=ArrangementDialog)
    assert not dialog.left_open
    assert seen["start_followed"] == monthly["first_payment"]

    with db.reader() as session:
        row = session.get(Arrangement, dialog.result_id)
        assert (row.case_id, row.amount, row.frequency, row.day, row.start, row.end,
                row.status, row.negotiated_by) == (
            case_id, Decimal("300.00"), "monthly", None, start, None, "active",
            app_context.actor.user_id)
        assert session.get(Case, case_id).status == "arrangement"
    after = statement(db, case_id)
    assert after["arrangement"], "periods since the start"

    tab = window.file_view.account_tab
    assert tab.pages.isTabVisible(tab.pages.indexOf(tab.periods_page))
    periods = tab.periods
    shown = [(p.arrangement, p.start.isoformat(), p.end.isoformat(), p.expected, p.received,
              p.shortfall, p.in_default)
             for p in (periods.row_at(r) for r in range(periods.rowCount()))]
    assert shown == [(p["id"], p["start"], p["end"], Decimal(p["expected"]),
                      Decimal(p["received"]), Decimal(p["shortfall"]), bool(p["in_default"]))
                     for p in after["arrangement"]]
    first = after["arrangement"][0]
    assert [periods.display(periods.row_at(0), c) for c in (
        periods.COL_EXPECTED, periods.COL_RECEIVED, periods.COL_SHORTFALL, periods.COL_STATUS)] \
        == [money(Decimal(first["expected"])), money(Decimal(first["received"])),
            money(Decimal(first["shortfall"])), "In progress"]
    assert_account_tab_matches(window, after)
    assert record_texts(window)[0] == (
        f"Payment arrangement recorded: $300.00 monthly from {start.isoformat()}.")
    assert queue_owing(window, case_id) == queue_money(after["totals"]["total_owing"])
    model = window.queue.model
    assert model.data(model.index(model.row_of(case_id), COL_STATUS)) == "Arrangement"
