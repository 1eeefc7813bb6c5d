"""The queue's table model: Qt's model checks, raw values, display strings, lazy blocks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from caseworker.ui import queue_model
from caseworker.ui.queue_model import (
    CASE_ID_ROLE,
    COL_DAYS,
    COL_FILE,
    COL_FLAGS,
    COL_NEXT_DUE,
    COL_OWING,
    QueueModel,
    money,
)

USER = Qt.ItemDataRole.UserRole


def loaded(ctx, **query) -> QueueModel:
    model = QueueModel(ctx)
    model.set_query(**query)
    return model


def row_of(model: QueueModel, file_no: str) -> int:
    return next(r for r in range(model.rowCount())
                if model.data(model.index(r, COL_FILE)) == file_no)


def test_demo_queue_passes_qt_model_checks(app_context, qtmodeltester):
    model = loaded(app_context)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=False)


def test_model_checks_hold_across_a_sort_and_a_search(tiny_ctx, qtmodeltester):
    model = loaded(tiny_ctx)
    qtmodeltester.check(model, force_py=False)
    model.sort(COL_OWING, Qt.SortOrder.AscendingOrder)
    model.set_query(search="smith")
    assert model.rowCount() == 2


def test_money_is_a_decimal_under_user_role_and_dollars_for_display(tiny_ctx):
    model = loaded(tiny_ctx)
    index = model.index(row_of(model, "CW-0001"), COL_OWING)
    assert model.data(index, USER) == Decimal("1234.56")
    assert model.data(index) == "$1,234.56"


def test_next_task_is_a_date_under_user_role(tiny_ctx):
    model = loaded(tiny_ctx)
    value = model.data(model.index(row_of(model, "CW-0002"), COL_NEXT_DUE), USER)
    assert isinstance(value, date)


def test_flags_show_as_short_badges_with_full_names_in_the_tooltip(tiny_ctx):
    model = loaded(tiny_ctx)
    index = model.index(row_of(model, "CW-0001"), COL_FLAGS)
    assert model.data(index) == "FV"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "Family violence"


def test_a_file_never_paid_says_never_in_the_days_column(tiny_ctx):
    model = loaded(tiny_ctx)
    index = model.index(row_of(model, "CW-0004"), COL_DAYS)
    assert model.data(index) == "never"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "No payment on record"


def test_a_file_never_paid_has_no_number_of_days_under_user_role(tiny_ctx):
    model = loaded(tiny_ctx)
    assert model.data(model.index(row_of(model, "CW-0004"), COL_DAYS),
                      Qt.ItemDataRole.UserRole) is None
    assert model.data(model.index(row_of(model, "CW-0001"), COL_DAYS),
                      Qt.ItemDataRole.UserRole) == 40


def test_a_file_without_figures_shows_no_days_and_says_why(tiny_ctx):
    model = loaded(tiny_ctx)
    index = model.index(row_of(model, "CW-0006"), COL_DAYS)
    assert model.data(index) == ""
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "No figures calculated yet"


def test_case_id_role_gives_the_id_without_reading_the_row(tiny_ctx, monkeypatch):
    model = loaded(tiny_ctx)
    monkeypatch.setattr(model, "_row", lambda row: (_ for _ in ()).throw(AssertionError))
    assert model.data(model.index(0, 0), CASE_ID_ROLE) == model.case_id(0)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_rows_are_read_in_blocks_and_only_when_shown(tiny_ctx, monkeypatch):
    calls = []
    real = queue_model.caseload.queue_rows
    monkeypatch.setattr(queue_model.caseload, "queue_rows",
                        lambda session, **kw: calls.append(kw["ids"]) or real(session, **kw))
    monkeypatch.setattr(queue_model, "BLOCK", 4)
    model = loaded(tiny_ctx)
    assert calls == []
    for column in range(model.columnCount()):
        model.data(model.index(0, column))
        model.data(model.index(1, column))
    assert len(calls) == 1 and len(calls[0]) == 4
    model.data(model.index(5, 0))
    assert len(calls) == 2 and len(calls[1]) == 2


def test_money_formats_credits_and_blanks():
    assert money(Decimal("-12.5")) == "-$12.50"
    assert money(Decimal("1234567.891").quantize(Decimal("0.01"))) == "$1,234,567.89"
    assert money(None) == ""


def test_the_worst_reason_shows_with_a_count_of_the_others(tiny_ctx, monkeypatch):
    from caseworker.services.caseload import QueueRow

    row = QueueRow(1, "CW-1", "", "", None, None, None, "open", (),
                   "Arrangement defaulted; Payment missed; Task due")
    assert queue_model._display(row, queue_model.COL_REASON) == "Arrangement defaulted (+2)"
    assert queue_model._tooltip(row, queue_model.COL_REASON) == (
        "Arrangement defaulted\nPayment missed\nTask due")


def test_a_changed_file_is_read_again(tiny_ctx, qtbot):
    from caseworker.models import CaseBalance

    model = loaded(tiny_ctx)
    row = row_of(model, "CW-0002")
    assert model.data(model.index(row, COL_OWING)) == "$0.00"
    with tiny_ctx.db.session() as session:
        session.get(CaseBalance, model.case_id(row)).total_owing = Decimal("75.00")
    with qtbot.waitSignal(model.dataChanged):
        model.refresh_case(model.case_id(row))
    assert model.data(model.index(row, COL_OWING)) == "$75.00"
