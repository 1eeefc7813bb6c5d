"""Amounts typed in a form: plain amounts only, never guessed at (services/common.money)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from caseworker.models import Payment
from caseworker.services import payments as pay
from caseworker.services.common import money
from caseworker.services.errors import ValidationError
from tests.services.office import TODAY


def _post(office, amount: str) -> int:
    with office.db.session() as s:
        return pay.post_payment(s, actor=office.officer, case_id=office.case_id,
                                received=TODAY, amount=amount, source="direct", today=TODAY)


def _payments(office) -> int:
    with office.db.reader() as s:
        return s.scalar(select(func.count()).select_from(Payment))


@pytest.mark.parametrize("text, amount", [("1234.5", "1234.50"), ("1,234,567.89", "1234567.89"),
                                          ("$1,234.50", "1234.50"), ("$ 5", "5.00"),
                                          (".5", "0.50"), ("99,999,999.99", "99999999.99")])
def test_plain_amounts_are_read(text, amount):
    assert money("amount", text) == Decimal(amount)


def test_a_negative_amount_is_read_where_allowed():
    assert money("amount", "-$1,200.00", allow_negative=True) == Decimal("-1200.00")


def test_a_comma_for_cents_is_refused_and_nothing_is_posted(office):
    with pytest.raises(ValidationError) as raised:
        _post(office, "1,50")
    assert raised.value.field == "amount"
    assert "use a point for cents" in str(raised.value)
    assert _payments(office) == 0


@pytest.mark.parametrize("text", ["1,2,3", "12,34,567", "1,2345.00", ",500"])
def test_a_misplaced_thousands_comma_is_refused(text):
    with pytest.raises(ValidationError, match="comma") as raised:
        money("amount", text)
    assert raised.value.field == "amount"


@pytest.mark.parametrize("text", ["1e3", "1E3", "2.5e2", "Infinity", "NaN", "(5)", "５"])
def test_an_exponent_or_other_notation_is_not_an_amount(text):
    with pytest.raises(ValidationError, match="not an amount of money"):
        money("amount", text)


def test_a_twenty_digit_amount_is_refused_as_too_large_not_an_overflow(office):
    with pytest.raises(ValidationError) as raised:
        _post(office, "12345678901234567890")
    assert raised.value.field == "amount"
    assert "too large (at most $99,999,999.99)" in str(raised.value)
    assert _payments(office) == 0


def test_an_amount_just_above_the_maximum_is_refused():
    with pytest.raises(ValidationError, match="too large"):
        money("amount", "100,000,000.00")


def test_a_huge_decimal_is_refused_as_too_large():
    with pytest.raises(ValidationError, match="too large"):
        money("terms[0].amount", Decimal("-1E+999999999"), allow_negative=True)


def test_three_decimals_are_refused_even_with_a_trailing_zero():
    with pytest.raises(ValidationError, match="two decimals"):
        money("amount", "1.500")
