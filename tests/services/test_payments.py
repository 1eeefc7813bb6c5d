"""Posting, reversing and adjusting: rows, running record, figures, approvals and rights."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseworker import ledger
from caseworker.models import CaseBalance, Payment, RecordEntry
from caseworker.services import payments
from caseworker.services.accounts import account_document
from caseworker.services.errors import PermissionDenied, ValidationError
from tests.services.office import TODAY


def _post(office, amount="400.00", received="2025-01-03", actor=None):
    with office.db.session() as s:
        return payments.post_payment(s, actor=actor or office.officer, case_id=office.case_id,
                                     received=received, amount=amount, source="direct",
                                     reference="CHQ 1", today=TODAY)


def _owing(office) -> Decimal:
    with office.db.session() as s:
        document = account_document(s, office.case_id)
    return Decimal(ledger.statement(document, as_of=TODAY.isoformat())["totals"]["total_owing"])


def test_posted_payment_lowers_what_is_owing(office):
    before = _owing(office)
    _post(office)
    assert _owing(office) == before - Decimal("400.00")


def test_posted_payment_writes_its_running_record_entry(office):
    _post(office)
    with office.db.session() as s:
        texts = s.scalars(select(RecordEntry.text).where(RecordEntry.kind == "system")).all()
    assert any("Payment posted: $400.00 received 2025-01-03" in t for t in texts)


def test_posted_payment_refreshes_the_queue_figures(office):
    _post(office)
    with office.db.session() as s:
        balance = s.get(CaseBalance, office.case_id)
    assert balance.last_payment_on == date(2025, 1, 3)
    assert balance.total_owing == _owing(office)


def test_payment_sequence_numbers_follow_on(office):
    _post(office)
    _post(office, received="2025-02-03")
    with office.db.session() as s:
        assert s.scalars(select(Payment.seq).order_by(Payment.seq)).all() == [1, 2]


@pytest.mark.parametrize("amount, message", [("abc", "not an amount"), ("0", "more than zero"),
                                             ("-5", "negative"), ("1.005", "two decimals")])
def test_bad_amount_is_refused_naming_the_field(office, amount, message):
    with pytest.raises(ValidationError, match=message) as caught:
        _post(office, amount=amount)
    assert caught.value.field == "amount"


def test_future_payment_is_refused(office):
    with pytest.raises(ValidationError, match="future"):
        _post(office, received="2027-01-01")


def test_investigator_may_not_post_money(office):
    with pytest.raises(PermissionDenied):
        _post(office, actor=office.investigator)


def test_small_reversal_counts_at_once(office):
    paid = _post(office)
    before = _owing(office)
    with office.db.session() as s:
        payments.reverse_payment(s, actor=office.officer, payment_id=paid, reason="NSF",
                                 on="2025-01-20", today=TODAY)
    assert _owing(office) == before + Decimal("400.00")


def test_reversal_needs_a_reason(office):
    paid = _post(office)
    with pytest.raises(ValidationError, match="reason"):
        with office.db.session() as s:
            payments.reverse_payment(s, actor=office.officer, payment_id=paid, reason=" ",
                                     on="2025-01-20", today=TODAY)


def test_payment_cannot_be_reversed_twice(office):
    paid = _post(office)
    with office.db.session() as s:
        payments.reverse_payment(s, actor=office.officer, payment_id=paid, reason="NSF",
                                 on="2025-01-20", today=TODAY)
    with pytest.raises(ValidationError, match="already reversed"):
        with office.db.session() as s:
            payments.reverse_payment(s, actor=office.officer, payment_id=paid, reason="NSF",
                                     on="2025-01-21", today=TODAY)


def test_large_reversal_waits_for_approval(office):
    paid = _post(office, amount="900.00")
    before = _owing(office)
    with office.db.session() as s:
        payments.reverse_payment(s, actor=office.officer, payment_id=paid, reason="NSF",
                                 on="2025-01-20", today=TODAY)
    assert _owing(office) == before


def test_supervisor_approval_makes_the_reversal_count(office):
    paid = _post(office, amount="900.00")
    before = _owing(office)
    with office.db.session() as s:
        reversal = payments.reverse_payment(s, actor=office.officer, payment_id=paid,
                                            reason="NSF", on="2025-01-20", today=TODAY)
    with office.db.session() as s:
        payments.decide(s, actor=office.supervisor, kind="reversal", row_id=reversal,
                        approve=True, today=TODAY)
    assert _owing(office) == before + Decimal("900.00")


def test_nobody_approves_their_own(office):
    with office.db.session() as s:
        adjustment = payments.make_adjustment(s, actor=office.supervisor, case_id=office.case_id,
                                              on="2025-03-01", amount="-800.00",
                                              reason="credit", today=TODAY)
    with pytest.raises(PermissionDenied, match="own"):
        with office.db.session() as s:
            payments.decide(s, actor=office.supervisor, kind="adjustment", row_id=adjustment,
                            approve=True, today=TODAY)


def test_officer_may_not_approve(office):
    with office.db.session() as s:
        adjustment = payments.make_adjustment(s, actor=office.other_officer,
                                              case_id=office.case_id, on="2025-03-01",
                                              amount="-800.00", reason="credit", today=TODAY)
    with pytest.raises(PermissionDenied):
        with office.db.session() as s:
            payments.decide(s, actor=office.officer, kind="adjustment", row_id=adjustment,
                            approve=True, today=TODAY)


def test_pending_lists_what_waits(office):
    with office.db.session() as s:
        payments.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                 on="2025-03-01", amount="-800.00", reason="credit", today=TODAY)
    with office.db.session() as s:
        pending = payments.pending_approvals(s, actor=office.supervisor)
    assert [(p.kind, p.amount) for p in pending] == [("adjustment", Decimal("-800.00"))]


def test_pending_names_who_entered_it(office):
    with office.db.session() as s:
        payments.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                 on="2025-03-01", amount="-800.00", reason="credit", today=TODAY)
    with office.db.session() as s:
        [pending] = payments.pending_approvals(s, actor=office.supervisor)
        assert pending.entered_by_name == "Olivia Officer"


def test_credit_adjustment_lowers_what_is_owing(office):
    before = _owing(office)
    with office.db.session() as s:
        payments.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                 on="2025-03-01", amount="-100.00", reason="direct payment",
                                 today=TODAY)
    assert _owing(office) == before - Decimal("100.00")


def test_adjustment_needs_a_reason(office):
    with pytest.raises(ValidationError) as caught:
        with office.db.session() as s:
            payments.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                     on="2025-03-01", amount="-100.00", reason="", today=TODAY)
    assert caught.value.field == "reason"


def test_failed_action_writes_nothing(office):
    with office.db.session() as s:
        before = len(s.scalars(select(RecordEntry.id)).all())
    with pytest.raises(ValidationError):
        _post(office, amount="x")
    with office.db.session() as s:
        assert len(s.scalars(select(RecordEntry.id)).all()) == before


def test_refusal_names_the_role_plainly(office):
    with pytest.raises(PermissionDenied, match="^an investigator may not post money$"):
        _post(office, actor=office.investigator)


def test_running_record_money_puts_the_sign_before_the_dollar():
    from caseworker.services.common import fmt

    assert fmt(Decimal("-1179.72")) == "-$1,179.72"


def test_an_adjustment_dated_after_today_is_refused_like_a_payment(office):
    from datetime import timedelta

    from caseworker.models import Adjustment
    with pytest.raises(ValidationError) as raised, office.db.session() as s:
        payments.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                 on=TODAY + timedelta(days=1), amount="-50.00",
                                 reason="goodwill", today=TODAY)
    assert raised.value.field == "date"
    with office.db.reader() as s:
        assert s.scalars(select(Adjustment)).all() == []


def test_an_adjustment_dated_today_is_accepted(office):
    with office.db.session() as s:
        assert payments.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                        on=TODAY, amount="-50.00", reason="goodwill",
                                        today=TODAY)
