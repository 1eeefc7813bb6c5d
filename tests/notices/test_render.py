"""The notice writer: deterministic bytes, the right words and figures, pages that draw."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from caseworker.notices import KINDS, NoticeDataError, render
from caseworker.paths import resource
from tests.notices.notice_samples import DEFAULT_TO, notice, payments, statement


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    # Paragraphs wrap at any space, so compare with line breaks folded to spaces.
    return " ".join(" ".join(pages_text(pdf)).split())


def test_kinds_are_listed_in_order_with_titles():
    assert list(KINDS) == ["statement", "default", "arrangement", "deduction", "intent",
                           "court", "closure"]
    assert KINDS["deduction"].startswith("Support deduction")
    assert all(title and "{" not in title for title in KINDS.values())


@pytest.mark.parametrize("kind", list(KINDS))
def test_same_data_gives_same_bytes(kind):
    first = render(kind, notice(kind))
    assert first.startswith(b"%PDF-")
    assert render(kind, notice(kind)) == first
    assert render(kind, notice(kind, date="2026-11-24")) != first


@pytest.mark.parametrize("kind", list(KINDS))
def test_notice_shows_file_addressee_date_and_figures(kind):
    data = notice(kind)
    text = flat(render(kind, data))
    assert "AB-2011-00042" in text
    assert data["addressee"]["name"] in text
    assert "November 23, 2026" in text  # the notice's date
    assert "November 22, 2026" in text  # the statement's as-of date
    assert "$3,872.37" in text  # total owing
    if kind != "closure":
        assert "$3,352.37" in text  # arrears
    assert "Maintenance Enforcement Program" in text  # letterhead
    assert "Page 1 of" in text
    assert "{" not in text and "}" not in text  # no placeholder left unfilled


@pytest.mark.parametrize(("kind", "expected"), [
    ("deduction", ["$412.50", "Biweekly", "40% of the employee's gross earnings",
                   "December 1, 2026", "Gordon P. Halvorsen"]),
    ("intent", ["Driver's Licence Suspension", "December 23, 2026", "suspend your driver's"]),
    ("arrangement", ["$150.00", "Monthly", "December 15, 2026", "paid in full"]),
    ("default", ["December 23, 2026", "Demand for Payment"]),
    ("court", ["R100000", "R100011", "Wage deduction", "April 1, 2019", "I certify"]),
    ("closure", ["Paid in full", "All support owing under the order has been paid"]),
    ("statement", ["Balance brought forward", "$3,440.00", "Child support"]),
])
def test_kind_specific_content(kind, expected):
    text = flat(render(kind, notice(kind)))
    for words in expected:
        assert words in text, words


def test_intent_names_the_step_from_the_data():
    for step, words in [("credit_bureau", "Report to Credit Bureaus"),
                        ("passport_denial", "Passport Denial")]:
        assert words in flat(render("intent", notice("intent", step=step)))


def test_arrangement_with_an_end_date():
    data = notice("arrangement", arrangement={"amount": "75.00", "frequency": "biweekly",
                                              "start": "2026-12-04", "end": "2027-12-03"})
    text = flat(render("arrangement", data))
    assert "until December 3, 2027" in text and "$75.00" in text


def test_policy_words_are_used():
    data = notice("default")
    data["program"]["words"].update(payor="debtor", recipient="creditor", file="case",
                                    arrangement="payment plan")
    text = flat(render("default", data))
    assert "Creditor" in text and "case AB-2011-00042" in text and "payment plan" in text


def test_markup_in_data_prints_as_written():
    data = notice("statement", addressee={"name": "Smith & <Sons>", "role": "payor",
                                          "address_lines": ["1 A & B Road"]})
    text = flat(render("statement", data))
    assert "Smith & <Sons>" in text and "1 A & B Road" in text


def test_long_statement_repeats_header_and_numbers_pages():
    data = notice("statement", statement=statement(months=150), lines_from=None)
    pages = pages_text(render("statement", data))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "AB-2011-00042" in text
        if "Child support" in text:  # a page of the table repeats its header row
            assert "Date" in text and "Balance" in text
    for text in pages[1:]:
        assert "Statement of Account" in text.splitlines()[1]  # the short header


def test_long_payment_history_runs_over_pages():
    data = notice("court", payments=payments(250))
    pages = pages_text(render("court", data))
    assert len(pages) >= 4
    assert all(f"of {len(pages)}" in text for text in pages)
    joined = " ".join(pages)
    assert "R100000" in joined and "R100249" in joined
    table_pages = [text for text in pages[1:] if "R1000" in text or "R1001" in text]
    assert len(table_pages) >= 3
    assert all("Received" in text and "Reference" in text for text in table_pages)


def test_court_sheet_with_no_payments():
    text = flat(render("court", notice("court", payments=[])))
    assert "No payments have been received" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("kind", list(KINDS))
def test_first_page_draws(kind, tmp_path):
    from PIL import Image

    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(render(kind, notice(kind)))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp_path / "page")], check=True)
    png = tmp_path / "page.png"
    assert png.exists()
    with Image.open(png) as image:
        gray = image.convert("L")
        dark = sum(gray.histogram()[:200])
        assert gray.size[0] > 300
    assert dark > 500  # letterhead, text and tables drew something


@pytest.mark.parametrize("policy", sorted(resource("policies").glob("*.toml")),
                         ids=lambda p: p.stem)
def test_every_shipped_policy_prints(policy: Path):
    with policy.open("rb") as fh:
        loaded = tomllib.load(fh)
    program = {key: loaded[key] for key in ("words", "letterhead", "deduction")}
    for kind in ("deduction", "default"):
        data = notice(kind, program=program)
        text = flat(render(kind, data))
        assert " ".join(loaded["letterhead"]["office"].split()) in text
        assert "AB-2011-00042" in text


@pytest.mark.parametrize(("change", "field"), [
    ({"file_no": None}, "file_no"),
    ({"date": "23/11/2026"}, "date"),
    ({"addressee": {"name": "X", "role": "employer"}}, "addressee.role"),
    ({"respond_by": None}, "respond_by"),
    ({"program": {"words": {}, "letterhead": {"office": "O"}}}, "program.words.payor"),
])
def test_bad_data_is_refused_naming_the_field(change, field):
    with pytest.raises(NoticeDataError, match=field.replace(".", r"\.")):
        render("default", notice("default", **change))


def test_float_amounts_are_refused():
    data = notice("deduction", deduction_per_pay=412.5)
    with pytest.raises(NoticeDataError, match="deduction_per_pay"):
        render("deduction", data)
    data = notice("statement")
    data["statement"]["totals"]["total_owing"] = 3872.37
    with pytest.raises(NoticeDataError, match="total_owing"):
        render("statement", data)


def test_statement_of_another_file_is_refused():
    data = notice("statement")
    data["statement"]["case"] = "AB-1999-00001"
    with pytest.raises(NoticeDataError, match="statement.case"):
        render("statement", data)


def test_unknown_kind_step_and_reason_are_refused():
    with pytest.raises(NoticeDataError, match="kind"):
        render("summons", notice("statement"))
    with pytest.raises(NoticeDataError, match="step"):
        render("intent", notice("intent", step="jail"))
    with pytest.raises(NoticeDataError, match="closure_reason"):
        render("closure", notice("closure", closure_reason="bored"))


def test_each_kind_goes_to_its_usual_addressee():
    for kind, role in DEFAULT_TO.items():
        assert render(kind, notice(kind, to=role))


def test_court_sheet_of_an_account_not_in_arrears():
    data = notice("court")
    data["statement"]["delinquent_since"] = None
    text = flat(render("court", data))
    assert "has not been continuously in arrears" in text
    assert "continuously since" not in text


def test_bytes_do_not_depend_on_the_process(tmp_path):
    """Invariant mode: another interpreter (another hash seed) makes the same bytes."""
    script = (
        "import sys, hashlib; sys.path.insert(0, sys.argv[1]);"
        "import notice_samples as s; from caseworker.notices import render, KINDS;"
        "print(hashlib.sha256(b''.join(render(k, s.notice(k, protected=True))"
        " for k in KINDS)).hexdigest())")
    here = str(Path(__file__).parent)
    digests = {subprocess.run([sys.executable, "-c", script, here], capture_output=True,
                              text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                              ).stdout.strip() for seed in ("1", "2")}
    assert len(digests) == 1 and len(digests.pop()) == 64


# The California pair: 50% of disposable earnings, 55% with support over 12 weeks in arrears.
CA_DEDUCTION = {"max_percent": "0.50", "max_percent_with_arrears": "0.55",
                "arrears_weeks_for_higher_limit": 12, "basis": "disposable"}


def _deduction(unpaid_since, **deduction):
    data = notice("deduction", unpaid_since=unpaid_since)  # deduction starts 2026-12-01
    data["program"]["deduction"] = {**CA_DEDUCTION, **deduction}
    return flat(render("deduction", data))


def test_deduction_limit_rises_when_support_is_unpaid_for_longer_than_the_policys_weeks():
    # 2026-12-01 less 12 weeks is 2026-09-08: support due the day before is older.
    text = _deduction("2026-09-07")
    assert "55% of the employee's disposable earnings, the higher limit that applies " \
           "because support is more than 12 weeks in arrears" in text
    assert "must not exceed 55%" in text


def test_deduction_limit_stays_when_the_unpaid_support_is_recent():
    text = _deduction("2026-09-08")
    assert "50% of the employee's disposable earnings" in text and "55%" not in text


def test_deduction_limit_stays_when_nothing_is_unpaid():
    text = _deduction(None)
    assert "50% of the employee's disposable earnings" in text and "55%" not in text


def test_deduction_limit_with_arrears_and_no_weeks_applies_to_any_arrears():
    text = _deduction("2026-11-30", arrears_weeks_for_higher_limit=None)
    assert "55% of the employee's disposable earnings, the higher limit that applies " \
           "because support is in arrears" in text


def test_deduction_limit_equal_pair_prints_no_note():
    text = _deduction("2011-02-28", max_percent_with_arrears="0.50")
    assert "50% of the employee's disposable earnings" in text and "higher limit" not in text


def test_court_sheet_payment_note_wraps_instead_of_being_cut():
    reason = "Stop payment: the payor's bank recalled the transfer after a dispute raised " \
             "by the payor about the amount of support due that month"
    history = payments(3)
    history.append({"date": "2011-05-01", "amount": "-225.00", "source": "wage",
                    "reference": "R100002", "reverses": "2011-04-01", "reason": reason})
    text = flat(render("court", notice("court", payments=history)))
    assert f"Reverses the payment received Apr 1, 2011. Reason: {reason}" in text
    assert "…" not in text


def test_court_sheet_payment_without_a_reversal_prints_its_reason_alone():
    history = [{"date": "2011-05-01", "amount": "225.00", "source": "eft",
                "reference": "R1", "reason": "Paid for May & June"}]
    text = flat(render("court", notice("court", payments=history)))
    assert "Paid for May & June" in text and "Reverses" not in text


def test_court_sheet_prints_a_long_payment_reference_whole():
    reference = "Bill payment 6145 2208 9931 0047 ROYAL BANK ONLINE BANKING CONF 88213"
    history = [{"date": "2011-05-01", "amount": "225.00", "source": "direct",
                "reference": reference}]
    text = flat(render("court", notice("court", payments=history)))
    assert reference in text


def _closure_in(total_owing: str) -> str:
    data = statement()
    data["totals"]["total_owing"] = total_owing
    return flat(render("closure", notice("closure", statement=data)))


def test_closure_letter_of_a_file_in_credit_says_what_becomes_of_the_credit():
    text = _closure_in("-692.51")
    assert ("A credit of $692.51 remains on the file; this office will contact you about "
            "its return.") in text


def test_closure_letter_of_a_settled_file_mentions_no_credit():
    assert "remains on the file" not in _closure_in("0.00")
