"""'How to pay': where the payor pays and where an employer sends deductions, from the policy."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from caseworker.notices import render
from caseworker.paths import resource
from tests.notices.notice_samples import PROGRAM, notice
from tests.notices.test_render import flat

PAYING = {**PROGRAM["letterhead"],
          "payment_address": ["Central Collections", "PO Box 900006", "Raleigh, NC 27675"],
          "employer_payment_address": ["Central Collections", "PO Box 900012",
                                       "Raleigh, NC 27675-9012"],
          "payment_payable_to": "NC Child Support",
          "payment_methods": ["online through the web payment service"]}


def _text(kind: str, letterhead: dict, to: str | None = None) -> str:
    program = {**PROGRAM, "letterhead": letterhead}
    return flat(render(kind, notice(kind, to, program=program)))


@pytest.mark.parametrize("kind", ["statement", "default", "arrangement"])
def test_payor_is_told_where_to_mail_payments(kind):
    text = _text(kind, PAYING)
    assert "How to pay" in text
    assert "Central Collections PO Box 900006 Raleigh, NC 27675" in text


def test_payor_is_told_the_payee_on_cheques_and_the_other_ways_to_pay():
    text = _text("default", PAYING)
    assert "payable to NC Child Support" in text
    assert "online through the web payment service" in text


def test_employer_is_told_where_to_send_the_amounts_deducted():
    text = _text("deduction", PAYING)
    assert "Where to send the amounts deducted" in text
    assert "Central Collections PO Box 900012 Raleigh, NC 27675-9012" in text
    assert "900006" not in text and "web payment service" not in text


def test_without_a_confirmed_address_the_reader_is_told_to_contact_the_office():
    text = _text("default", PROGRAM["letterhead"])
    assert "For the address to mail payments to, please contact this office." in text


def test_a_recipients_statement_has_no_how_to_pay():
    assert "How to pay" not in _text("statement", PAYING, to="recipient")


@pytest.mark.parametrize("policy", sorted(resource("policies").glob("*.toml")),
                         ids=lambda p: p.stem)
def test_every_shipped_policy_says_where_to_pay(policy: Path):
    with policy.open("rb") as fh:
        letterhead = tomllib.load(fh)["letterhead"]
    text = _text("default", letterhead)
    if letterhead.get("payment_address"):
        assert " ".join(" ".join(letterhead["payment_address"]).split()) in text
    else:
        assert "please contact this office" in text
