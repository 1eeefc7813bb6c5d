"""The Account tab's payments: a refused reversal never shows the payment as reversed."""

from datetime import date
from decimal import Decimal

from caseworker.services.files import PaymentRow
from caseworker.ui.tabs.account_models import PaymentsModel
from caseworker.ui.widgets.table import MUTED


def _rows(approval, *, counted=False, pending=False):
    paid = PaymentRow(1, 1, date(2025, 1, 3), Decimal("900.00"), "direct", "CHQ 1042", None,
                      2 if counted else None, None, None, 2 if pending else None)
    reversal = PaymentRow(2, 2, date(2025, 1, 10), Decimal("900.00"), "direct", "CHQ 1042",
                          1, None, "NSF", approval)
    return paid, reversal


def _model(rows):
    model = PaymentsModel()
    model.set_rows(rows)
    return model


def test_payment_with_a_refused_reversal_has_no_reversed_note(qapp):
    paid, reversal = _rows("refused")
    assert _model([paid, reversal]).display(paid, PaymentsModel.COL_NOTE) == ""


def test_payment_with_a_refused_reversal_is_not_muted(qapp):
    paid, reversal = _rows("refused")
    assert _model([paid, reversal]).foreground(paid, PaymentsModel.COL_NOTE) is None


def test_refused_reversal_itself_is_muted(qapp):
    paid, reversal = _rows("refused")
    assert _model([paid, reversal]).foreground(reversal, PaymentsModel.COL_NOTE) is MUTED


def test_payment_with_a_pending_reversal_says_it_waits(qapp):
    paid, reversal = _rows("pending", pending=True)
    note = _model([paid, reversal]).display(paid, PaymentsModel.COL_NOTE)
    assert note == "Reversal waiting for approval (dated 2025-01-10): counts until approved"


def test_payment_with_a_counted_reversal_says_reversed(qapp):
    paid, reversal = _rows("approved", counted=True)
    note = _model([paid, reversal]).display(paid, PaymentsModel.COL_NOTE)
    assert note == "Reversed on 2025-01-10"
