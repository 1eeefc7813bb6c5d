"""End to end: a variation entered from the main window (Ctrl+Shift+O) supersedes a term
from its effective date; the account is the same before that date and recalculated after.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from caseworker.models import CourtOrder, Term
from caseworker.ui.dialogs.order import OrderDialog
from tests.ui.dialogs.conftest import pick, type_date
from tests.ui.e2e_helpers import (
    LEFT,
    assert_account_tab_matches,
    click,
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
VARIED = "Order of 2025-04-13"   # itself a variation: $96 monthly for Brooke from 2025-05-01
EFFECTIVE = "2026-06-01"
MADE_ON = "2026-05-20"


def _old_term(db, case_id: int) -> tuple[int, Decimal, str]:
    """The varied order's periodic term: id, amount and its end."""
    with db.reader() as session:
        term = session.scalars(
            select(Term).join(CourtOrder).where(CourtOrder.case_id == case_id,
                                                CourtOrder.varies_id.is_not(None),
                                                Term.kind == "periodic")).one()
        return term.id, term.amount, term.end.isoformat()


def _tick(qtbot, row, term_id: int) -> None:
    """Tick an old term in the row's Supersedes list from the keyboard."""
    box = row.supersedes
    place = next(i for i in range(box.count())
                 if box.item(i).data(Qt.ItemDataRole.UserRole) == term_id)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(place):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert row.superseded() == [term_id]


def _line_key(line: dict) -> tuple:
    return (line["date"], line["ref"], line["debit"], line["credit"], line["balance"])


def test_variation_recalculates_from_its_effective_date_only(qtbot, app_context, db):
    window = make_window(qtbot, app_context)
    case_id = open_by_search(qtbot, window, FILE_NO)
    old_id, old_amount, old_end = _old_term(db, case_id)
    before = statement(db, case_id)

    def fill(dialog):
        pick(qtbot, dialog.varies, VARIED)
        assert dialog.court.text()  # the varied order's court
        qtbot.keyClicks(dialog.court_file, "FL22-0131 V2")
        type_date(qtbot, dialog.made_on, MADE_ON)
        row = dialog.terms.rows[0]
        assert row.kind.currentData() == "periodic"
        qtbot.keyClicks(row.amount, "150.00")
        qtbot.keyClicks(row.category.lineEdit(), "child")
        pick(qtbot, row.child, "Brooke")
        pick(qtbot, row.frequency, "Monthly")
        type_date(qtbot, row.start, EFFECTIVE)
        if not row.end.check.isChecked():
            click(qtbot, row.end.check)
        type_date(qtbot, row.end.edit, old_end)
        _tick(qtbot, row, old_id)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    dialog = run_dialog(qtbot, shortcut(qtbot, window, Qt.Key.Key_O), fill, kind=OrderDialog)
    assert not dialog.left_open

    with db.reader() as session:
        order = session.get(CourtOrder, dialog.result_id)
        [term] = order.terms
        assert (order.case_id, order.made_on.isoformat(), order.court_file) == (
            case_id, MADE_ON, "FL22-0131 V2")
        assert order.varies_id is not None
        assert (term.amount, term.frequency, term.start.isoformat(), term.end.isoformat(),
                term.child.given_name, [t.id for t in term.supersedes]) == (
            Decimal("150.00"), "monthly", EFFECTIVE, old_end, "Brooke", [old_id])
        new_id = term.id
    after = statement(db, case_id)

    # Before the effective date: the same lines, the same running balance.
    assert [_line_key(x) for x in after["lines"] if x["date"] < EFFECTIVE] == \
        [_line_key(x) for x in before["lines"] if x["date"] < EFFECTIVE]
    # From it: the new term's charges instead of the old one's.
    charges = [x for x in after["lines"] if x["kind"] == "charge" and x["date"] >= EFFECTIVE]
    assert not [x for x in charges if x["ref"].startswith(f"T{old_id}#")]
    new = [x for x in charges if x["ref"].startswith(f"T{new_id}#")]
    assert new and {x["debit"] for x in new} == {"150.00"}
    assert Decimal(after["totals"]["charged"]) - Decimal(before["totals"]["charged"]) == \
        len(new) * (Decimal("150.00") - old_amount)

    assert_account_tab_matches(window, after)
    assert record_texts(window)[0].startswith(f"Variation of {MADE_ON} entered")
    assert queue_owing(window, case_id) == queue_money(after["totals"]["total_owing"])
