"""Notices from a real file: the data builder, its refusals, the family-violence rule, issuing."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from caseworker import ledger
from caseworker.models import (
    Address,
    Arrangement,
    AuditEvent,
    Case,
    Employer,
    IncomeSource,
    Notice,
    RecordEntry,
    Stay,
)
from caseworker.notices import KINDS
from caseworker.services import payments
from caseworker.services.accounts import account_document
from caseworker.services.errors import NotFound, PermissionDenied, ServiceError
from caseworker.services.notices import (
    issue_batch,
    issue_notice,
    make_pdf,
    notice_data,
    preview_notice,
)
from tests.services.office import TODAY, make_office

# What locates the recipient in the sample file (tests/services/office.py) and here.
RECIPIENT_LOCATION = ["5 Hidden Lane", "Red Deer", "T4N 1A1", "Sunnyvale Clinic", "88 Spruce"]
# The options each kind needs, and who it goes to by default here.
OPTIONS = {"intent": {"step": "licence_suspension"}, "closure": {"closure_reason": "withdrawn"}}
TO = {"statement": "payor", "default": "payor", "arrangement": "payor",
      "deduction": "employer", "intent": "payor", "court": "payor", "closure": "payor"}


def _complete(office, *, family_violence: bool = False) -> str:
    """Give the sample file what every notice needs; returns its file number."""
    with office.db.session() as s:
        case = s.get(Case, office.case_id)
        case.family_violence = family_violence
        payor = case.people("payor")[0]
        payor.addresses.append(Address(line1="12 Main Street", city="Calgary", region="AB",
                                       postal_code="T2P 1J9", country="CA",
                                       valid_from=date(2024, 1, 1)))
        employer = payor.incomes[0].employer
        employer.line1, employer.city, employer.region = "400 Industrial Way", "Calgary", "AB"
        employer.postal_code, employer.payroll_contact = "T2C 4L8", "Payroll Office"
        recipient = case.people("recipient")[0]
        recipient.incomes.append(IncomeSource(kind="employment", start=date(2025, 1, 1),
                                              employer=Employer(name="Sunnyvale Clinic",
                                                                line1="88 Spruce Road",
                                                                city="Red Deer", region="AB",
                                                                postal_code="T4N 2B2")))
        s.add(Arrangement(case_id=case.id, amount=Decimal("100.00"), frequency="monthly", day=15,
                          start=date(2026, 12, 15)))
        file_no = case.file_no
    with office.db.session() as s:
        # Two payments: the file is behind (charges of $400 a month since January 2025).
        for received in ("2025-01-03", "2025-02-03"):
            payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                                  received=received, amount="400.00", source="direct",
                                  reference="CHQ", today=TODAY)
    return file_no


@pytest.fixture
def office(tmp_path):
    office = make_office(tmp_path / "office.sqlite")
    office.file_no = _complete(office)
    yield office
    office.db.dispose()


@pytest.fixture
def protected(tmp_path):
    office = make_office(tmp_path / "protected.sqlite")
    office.file_no = _complete(office, family_violence=True)
    yield office
    office.db.dispose()


def _close(office, on: date = date(2026, 11, 20)) -> None:
    with office.db.session() as s:
        case = s.get(Case, office.case_id)
        case.status, case.closed_on = "closed", on


def _data(office, kind, to=None, **options):
    with office.db.reader() as s:
        return notice_data(s, office.file_no, kind, to or TO[kind], today=TODAY,
                           **{**OPTIONS.get(kind, {}), **options})


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_statement_data_carries_the_ledgers_figures(office):
    data = _data(office, "statement")
    with office.db.reader() as s:
        expected = ledger.statement(account_document(s, office.case_id), TODAY.isoformat())
    worded = ("payment", "reversal", "interest")  # named in the notice's words (below)
    assert {k: v for k, v in data["statement"].items() if k != "lines"} == \
        {k: v for k, v in expected.items() if k != "lines"}
    assert [{k: v for k, v in line.items() if k != "description" or line["kind"] not in worded}
            for line in data["statement"]["lines"]] == \
        [{k: v for k, v in line.items() if k != "description" or line["kind"] not in worded}
         for line in expected["lines"]]
    assert data["file_no"] == office.file_no and data["date"] == "2026-11-23"
    assert data["addressee"] == {"name": "John Lee", "role": "payor",
                                 "address_lines": ["12 Main Street", "Calgary AB  T2P 1J9"]}
    assert data["program"]["words"]["payor"] == "payor"
    assert data["lines_from"] == "2025-12-01"
    text = _text(make_pdf(data))
    total = f"${Decimal(expected['totals']['total_owing']):,.2f}"
    assert office.file_no in text and "John Lee" in text and total in text


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_prints_from_a_real_file(office, kind):
    if kind == "closure":
        _close(office)
    data = _data(office, kind)
    text = _text(make_pdf(data))
    assert office.file_no in text
    assert data["addressee"]["name"] in text
    assert "November 23, 2026" in text


def test_deduction_amount_is_the_support_per_pay_unless_given(office):
    assert _data(office, "deduction")["deduction_per_pay"] == "400.00"
    assert _data(office, "deduction", pay_frequency="biweekly")["deduction_per_pay"] == "184.62"
    data = _data(office, "deduction", deduction_per_pay="250.00", pay_frequency="weekly")
    assert data["deduction_per_pay"] == "250.00"
    assert data["addressee"]["attention"] == "Payroll Office"
    assert "Attention: Payroll Office" in _text(make_pdf(data))


def test_court_sheet_lists_the_payments(office):
    data = _data(office, "court")
    assert [p["date"] for p in data["payments"]] == ["2025-01-03", "2025-02-03"]
    assert "400.00" in {p["amount"] for p in data["payments"]}


@pytest.mark.parametrize("kind", list(KINDS))
def test_protected_recipient_never_enters_the_data_for_the_other_side(protected, kind):
    if kind == "closure":
        _close(protected)
    for to in ("payor", "employer"):
        try:
            data = _data(protected, kind, to)
        except ServiceError as exc:
            assert "goes to" in str(exc)  # this kind is never sent to that addressee
            continue
        assert data["protected"] is True
        assert data["recipient"] == {"name": "Mary Lee"}
        dumped = json.dumps(data).lower()
        text = _text(make_pdf(data)).lower()
        for secret in RECIPIENT_LOCATION:
            assert secret.lower() not in dumped, (kind, to, secret)
            assert secret.lower() not in text, (kind, to, secret)


def test_protected_recipient_still_gets_their_own_notices(protected):
    data = _data(protected, "statement", "recipient")
    assert data["addressee"]["address_lines"][0] == "5 Hidden Lane"
    assert "5 Hidden Lane" in _text(make_pdf(data))


def test_unprotected_court_sheet_shows_both_addresses(office):
    data = _data(office, "court")
    assert data["recipient"]["address_lines"][0] == "5 Hidden Lane"


def test_no_address_for_the_addressee_is_refused(tmp_path):
    office = make_office(tmp_path / "bare.sqlite")  # the payor has no address on record
    try:
        with office.db.reader() as s:
            file_no = s.get(Case, office.case_id).file_no
            with pytest.raises(ServiceError, match="payor, John Lee, has no address"):
                notice_data(s, file_no, "statement", "payor", today=TODAY)
            with pytest.raises(ServiceError, match="employer Northwind has no address"):
                notice_data(s, file_no, "deduction", "employer", today=TODAY)
    finally:
        office.db.dispose()


def test_no_employer_is_refused(office):
    with office.db.session() as s:
        for income in s.get(Case, office.case_id).people("payor")[0].incomes:
            income.end = date(2026, 6, 30)
    with pytest.raises(ServiceError, match="no current employer"):
        _data(office, "deduction")


def test_an_active_stay_forbids_enforcement_notices_only(office):
    with office.db.session() as s:
        s.add(Stay(case_id=office.case_id, scope="all", reason="bankruptcy proposal",
                   start=date(2026, 11, 1), end=date(2027, 1, 31)))
    for kind in ("default", "deduction", "intent"):
        with pytest.raises(ServiceError, match="stay of all enforcement .* forbids"):
            _data(office, kind)
    _close(office)  # a closed file keeps its stays: the closure letter still goes out
    for kind in ("statement", "arrangement", "court", "closure"):
        assert _data(office, kind)


def test_a_drivers_licence_stay_forbids_the_licence_suspension_notice(office):
    with office.db.session() as s:
        s.add(Stay(case_id=office.case_id, scope="drivers_licence", reason="appeal",
                   start=date(2026, 10, 1), end=None))
    with pytest.raises(ServiceError,
                       match="stay of driver's licence suspension from 2026-10-01 forbids"):
        _data(office, "intent", step="licence_suspension")


def test_a_drivers_licence_stay_leaves_other_steps_alone(office):
    with office.db.session() as s:
        s.add(Stay(case_id=office.case_id, scope="drivers_licence", reason="appeal",
                   start=date(2026, 10, 1), end=None))
    assert _data(office, "intent", step="credit_bureau")["step"] == "credit_bureau"
    assert _data(office, "default")
    assert _data(office, "deduction")


@pytest.mark.parametrize("scope", ["income_deduction", "income_withholding"])
def test_an_income_deduction_stay_forbids_the_deduction_notice(office, scope):
    with office.db.session() as s:
        s.add(Stay(case_id=office.case_id, scope=scope, reason="hardship review",
                   start=date(2026, 10, 1), end=None))
    with pytest.raises(ServiceError, match=f"stay of {scope.replace('_', ' ')} from .* forbids"):
        _data(office, "deduction")


@pytest.mark.parametrize(("step", "words"), [("credit_bureau", "credit bureau reporting"),
                                             ("passport_denial", "passport denial")])
def test_a_stay_of_a_step_forbids_its_notice_of_intent(office, step, words):
    with office.db.session() as s:
        s.add(Stay(case_id=office.case_id, scope=step, reason="appeal",
                   start=date(2026, 10, 1), end=None))
    with pytest.raises(ServiceError, match=f"stay of {words} from .* forbids"):
        _data(office, "intent", step=step, as_of="2026-11-23")


def test_a_property_stay_forbids_no_notice(office):
    with office.db.session() as s:
        s.add(Stay(case_id=office.case_id, scope="property_lien", reason="bankruptcy",
                   start=date(2026, 10, 1), end=None))
    for kind in ("default", "deduction", "intent"):
        assert _data(office, kind)


def test_an_expired_stay_forbids_nothing(office):
    with office.db.session() as s:
        s.add(Stay(case_id=office.case_id, scope="all", reason="old", start=date(2025, 1, 1),
                   end=date(2025, 12, 31)))
    assert _data(office, "default")["respond_by"] == "2026-12-23"


def test_refusals_say_why(office):
    with pytest.raises(NotFound, match="no file numbered"):
        with office.db.reader() as s:
            notice_data(s, "XX-0000-00000", "statement", "payor", today=TODAY)
    with pytest.raises(ServiceError, match="needs the enforcement step"):
        _data(office, "intent", step=None)
    with pytest.raises(ServiceError, match="goes to the employer"):
        _data(office, "deduction", "payor")
    with pytest.raises(ServiceError, match="after today"):
        _data(office, "statement", as_of="2027-01-01")
    _close(office)
    with pytest.raises(ServiceError, match="give the reason"):
        _data(office, "closure", closure_reason=None)


def test_default_needs_arrears(office):
    with pytest.raises(ServiceError, match="no arrears"):
        _data(office, "default", as_of="2025-01-01")


def test_intent_below_the_programs_threshold_is_refused(office):
    # The generic program's threshold for a licence suspension is $3,000.00.
    with pytest.raises(ServiceError, match="below the program's threshold"):
        _data(office, "intent", as_of="2025-06-30", step="licence_suspension")


def test_arrangement_needs_an_active_one(office):
    with office.db.session() as s:
        for plan in s.scalars(select(Arrangement)):
            plan.status = "cancelled"
    with pytest.raises(ServiceError, match="no active payment arrangement"):
        _data(office, "arrangement")


def test_issue_keeps_the_pdf_with_its_hash_and_logs_it(office):
    with office.db.session() as s:
        notice_id = issue_notice(s, office.officer, office.file_no, "default", "payor",
                                 today=TODAY)
    with office.db.reader() as s:
        notice = s.get(Notice, notice_id)
        assert notice.pdf.startswith(b"%PDF-")
        assert notice.sha256 == hashlib.sha256(notice.pdf).hexdigest()
        assert (notice.kind, notice.addressee_role, notice.addressee_name) == (
            "default", "payor", "John Lee")
        assert notice.as_of == TODAY and notice.issued_by == office.officer.user_id
        entry = s.scalars(select(RecordEntry).order_by(RecordEntry.id.desc())).first()
        assert entry.kind == "system" and "Notice issued" in entry.text
        assert notice.sha256[:16] in entry.text
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.entity == "notice")) == 1
        assert "Olivia Officer" in _text(notice.pdf)  # the issuing officer signs it


def test_same_file_same_day_gives_the_same_bytes(office):
    with office.db.session() as s:
        first = issue_notice(s, office.officer, office.file_no, "statement", "payor",
                             today=TODAY)
        second = issue_notice(s, office.officer, office.file_no, "statement", "payor",
                              today=TODAY)
        assert s.get(Notice, first).sha256 == s.get(Notice, second).sha256


def test_a_refused_notice_writes_nothing(office):
    with office.db.reader() as s:
        before = s.scalar(select(func.count()).select_from(RecordEntry))
    with pytest.raises(ServiceError):
        with office.db.session() as s:
            issue_notice(s, office.officer, office.file_no, "intent", "payor", today=TODAY)
    with office.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0
        assert s.scalar(select(func.count()).select_from(RecordEntry)) == before


def test_an_investigator_may_not_issue(office):
    with pytest.raises(PermissionDenied):
        with office.db.session() as s:
            issue_notice(s, office.investigator, office.file_no, "statement", "payor",
                         today=TODAY)


def test_issuing_to_a_protected_recipient_audits_the_address_read(protected):
    with protected.db.session() as s:
        issue_notice(s, protected.officer, protected.file_no, "statement", "recipient",
                     today=TODAY)
        issue_notice(s, protected.officer, protected.file_no, "statement", "payor",
                     today=TODAY)
    with protected.db.reader() as s:
        reads = s.scalars(select(AuditEvent).where(AuditEvent.entity == "protected_address"))
        assert len(list(reads)) == 1


def _second_file(office) -> str:
    """Another file, registered without a payor address: it cannot get a payor notice."""
    from caseworker.services.intake import register_file
    from tests.services.office import sample_file

    with office.db.session() as s:
        case_id = register_file(s, actor=office.officer, given=sample_file(), today=TODAY)
        return s.get(Case, case_id).file_no


def test_batch_issues_what_it_can_and_says_why_not_for_the_rest(office):
    other = _second_file(office)
    seen = []
    results = issue_batch(office.db, office.officer, [office.file_no, other, "XX-1"],
                          "statement", "payor", today=TODAY,
                          progress=lambda done, total: seen.append((done, total)))
    assert [r.file_no for r in results] == [office.file_no, other, "XX-1"]
    assert results[0].notice_id is not None and results[0].reason is None
    assert results[1].notice_id is None and "has no address" in results[1].reason
    assert "no file numbered" in results[2].reason
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with office.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 1


def test_batch_stops_when_cancelled(office):
    other = _second_file(office)
    calls = iter([False, True])
    results = issue_batch(office.db, office.officer, [office.file_no, other], "statement",
                          "payor", today=TODAY, cancelled=lambda: next(calls))
    assert [r.file_no for r in results] == [office.file_no]


def test_batch_refuses_a_role_without_the_right_at_once(office):
    with pytest.raises(PermissionDenied):
        issue_batch(office.db, office.investigator, [office.file_no], "statement", "payor",
                    today=TODAY)


def test_preview_is_the_pdf_that_would_be_issued(office):
    with office.db.reader() as s:
        pdf = preview_notice(s, office.file_no, "statement", "payor", today=TODAY,
                             officer="Olivia Officer")
    with office.db.session() as s:
        notice_id = issue_notice(s, office.officer, office.file_no, "statement", "payor",
                                 today=TODAY)
        assert s.get(Notice, notice_id).pdf == pdf


def test_officers_free_text_about_the_protected_recipient_is_blanked(protected):
    from caseworker.services import payments as money_services

    with protected.db.session() as s:
        money_services.make_adjustment(s, actor=protected.officer, case_id=protected.case_id,
                                       on="2025-03-01", amount="-50.00",
                                       reason="credit: recipient (now at 5 Hidden Lane, "
                                              "Red Deer) confirmed a direct payment",
                                       today=TODAY)
    for kind, to in (("statement", "payor"), ("court", "payor")):
        data = _data(protected, kind, to, as_of="2026-11-23")
        if kind == "statement":
            data["lines_from"] = None  # every line, the adjustment's included
        text = _text(make_pdf(data))
        if kind == "statement":
            assert "Credit: recipient (now at [withheld]" in text  # the rest still prints
        assert "Hidden Lane" not in json.dumps(data) and "Hidden Lane" not in text
        assert "Red Deer" not in json.dumps(data) and "Red Deer" not in text


def _california(office) -> None:
    with office.db.session() as s:
        s.get(Case, office.case_id).policy = "ca-county"  # 50%, 55% over 12 weeks in arrears


def test_deduction_limit_is_the_higher_one_when_support_is_unpaid_over_twelve_weeks(office):
    _california(office)
    data = _data(office, "deduction")
    assert data["unpaid_since"] == "2025-03-01"  # January and February 2025 were paid
    assert "55% of the employee's disposable earnings" in _text(make_pdf(data))


def test_deduction_limit_is_the_lower_one_when_only_recent_support_is_unpaid(office):
    _california(office)
    with office.db.session() as s:
        # Pays November (current), then the arrears oldest first up to August 2026.
        payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                              received="2026-11-20", amount="7600.00", source="direct",
                              reference="CHQ", today=TODAY)
    data = _data(office, "deduction")
    # November 23 less 12 weeks is August 31: September's support is not older than that.
    assert data["unpaid_since"] == "2026-09-01"
    text = _text(make_pdf(data))
    assert "50% of the employee's disposable earnings" in text and "55%" not in text


def test_a_closure_letter_for_a_file_not_closed_is_refused(office):
    with office.db.session() as s:
        s.get(Case, office.case_id).status = "arrangement"
    with pytest.raises(ServiceError, match=rf"file {office.file_no} is not closed "
                                           r"\(its status is arrangement\)"):
        _data(office, "closure")


def test_a_batch_of_closure_letters_lists_the_file_not_closed_with_the_reason(office):
    results = issue_batch(office.db, office.officer, [office.file_no], "closure", "payor",
                          today=TODAY, closure_reason="withdrawn")
    assert results[0].notice_id is None and "is not closed" in results[0].reason
    with office.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0


def test_a_closure_letter_gives_the_day_the_file_was_closed(office):
    _close(office, date(2026, 11, 2))
    assert "has closed file " + office.file_no + " as of November 2, 2026" in _text(
        make_pdf(_data(office, "closure")))


def _figure(text: str, label: str) -> Decimal:
    import re

    found = re.search(re.escape(label) + r" (-?)\$([\d,]+\.\d\d)", text)
    assert found, label
    return Decimal(found.group(1) + found.group(2).replace(",", ""))


def test_closure_figures_add_up_to_the_total_owing(office):
    from caseworker.services import payments as money_services

    with office.db.session() as s:
        money_services.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                       on="2025-03-01", amount="-50.00",
                                       reason="credit for a direct payment", today=TODAY)
    _close(office)
    text = _text(make_pdf(_data(office, "closure")))
    rows = [_figure(text, label) for label in (
        "Support and other charges due", "Interest charged", "Adjustments",
        "Payments received")]
    assert rows[2] == Decimal("-50.00") and rows[3] == Decimal("-800.00")
    assert sum(rows) == _figure(text, "Total owing") == Decimal("8350.00")


def test_a_closure_letter_paid_in_full_with_money_owing_is_refused(office):
    _close(office)
    with pytest.raises(ServiceError, match=r"still has \$8,400.00 owing: it was not paid"):
        _data(office, "closure", closure_reason="paid_in_full")


LONG_REASON = ("Returned NSF by the payor's bank; the cheque was re-presented once and "
               "returned again, so the amount is owing once more")


def _reverse_first_payment(office, reason: str = LONG_REASON) -> None:
    from caseworker.models import Payment

    with office.db.session() as s:
        first = s.scalars(select(Payment).order_by(Payment.id)).first()
        payments.reverse_payment(s, actor=office.officer, payment_id=first.id, reason=reason,
                                 on="2025-01-20", today=TODAY)


def test_court_sheet_reversal_carries_the_reversed_date_and_the_reason(office):
    _reverse_first_payment(office)
    reversal = _data(office, "court")["payments"][1]
    assert reversal["amount"] == "-400.00"
    assert reversal["reverses"] == "2025-01-03" and reversal["reason"] == LONG_REASON


def test_court_sheet_prints_the_whole_reversal_note(office):
    _reverse_first_payment(office)
    text = _text(make_pdf(_data(office, "court")))
    assert f"Reverses the payment received Jan 3, 2025. Reason: {LONG_REASON}" in text


def _statement_lines(office) -> list[str]:
    data = _data(office, "statement")
    data["lines_from"] = None  # every line
    return [line["description"] for line in data["statement"]["lines"]]


def test_statement_names_a_payments_source_in_the_notices_words(office):
    with office.db.session() as s:
        payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                              received="2026-03-03", amount="400.00", source="wage",
                              reference="W1", today=TODAY)
    assert "Payment received: Wage deduction" in _statement_lines(office)
    assert "Payment received: Direct payment" in _statement_lines(office)


def test_statement_prints_no_raw_source_code(office):
    with office.db.session() as s:
        payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                              received="2026-03-03", amount="100.00", source="tax_refund",
                              today=TODAY)
    data = _data(office, "statement")
    text = _text(make_pdf(data))
    assert "Payment received: Tax refund offset" in text
    assert "tax_refund" not in text and "Payment (" not in text


def test_statement_names_a_reversal_with_the_payments_date_and_reason(office):
    _reverse_first_payment(office, reason="NSF")
    lines = _statement_lines(office)
    assert "Payment reversed: payment received Jan 3, 2025, NSF" in lines
    assert not any(line.startswith("reversal of P") for line in lines)


COUNSEL = {"name": "Priya Raman", "firm": "Raman & Ko LLP",
           "address_lines": ["9833 109 Street NW", "Edmonton AB  T5K 2E8"]}


def test_court_sheet_goes_to_the_attorney_the_officer_names(office):
    data = _data(office, "court", "attorney", attorney=COUNSEL)
    assert data["addressee"] == {"name": "Priya Raman", "role": "attorney",
                                 "address_lines": ["Raman & Ko LLP", "9833 109 Street NW",
                                                   "Edmonton AB  T5K 2E8"]}
    text = _text(make_pdf(data))
    assert "Priya Raman" in text and "Raman & Ko LLP" in text and "T5K 2E8" in text


def test_court_sheet_to_an_attorney_on_a_protected_file_hides_the_recipient(protected):
    data = _data(protected, "court", "attorney", attorney=COUNSEL)
    assert data["recipient"] == {"name": "Mary Lee"}
    text = _text(make_pdf(data)).lower()
    for secret in RECIPIENT_LOCATION:
        assert secret.lower() not in text, secret


def test_an_attorney_needs_a_name_and_an_address(office):
    with pytest.raises(ServiceError, match="give the attorney's name"):
        _data(office, "court", "attorney", attorney={**COUNSEL, "name": " "})
    with pytest.raises(ServiceError, match="give the attorney's address"):
        _data(office, "court", "attorney", attorney={**COUNSEL, "address_lines": []})


def test_only_the_court_sheet_goes_to_an_attorney(office):
    with pytest.raises(ServiceError, match="goes to the payor or the recipient, not the attorney"):
        _data(office, "statement", "attorney", attorney=COUNSEL)


def test_issuing_to_an_attorney_keeps_their_address_with_the_record(office):
    with office.db.session() as s:
        notice_id = issue_notice(s, office.officer, office.file_no, "court", "attorney",
                                 today=TODAY, attorney=COUNSEL)
    with office.db.reader() as s:
        notice = s.get(Notice, notice_id)
        assert (notice.addressee_role, notice.addressee_name) == ("attorney", "Priya Raman")
        entry = s.scalars(select(RecordEntry).order_by(RecordEntry.id.desc())).first()
        assert "to the attorney, Priya Raman (Raman & Ko LLP; 9833 109 Street NW;" in entry.text
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity == "notice")).one()
        assert json.loads(event.detail)["attorney"]["address_lines"][0] == "Raman & Ko LLP"


def test_issue_keeps_the_previewed_bytes_when_the_file_has_not_changed(office):
    with office.db.reader() as s:
        pdf = preview_notice(s, office.file_no, "statement", "payor", today=TODAY,
                             officer="Olivia Officer")
    with office.db.session() as s:
        notice_id = issue_notice(s, office.officer, office.file_no, "statement", "payor",
                                 today=TODAY, previewed_sha256=hashlib.sha256(pdf).hexdigest())
        assert s.get(Notice, notice_id).pdf == pdf


def test_issue_after_a_payment_posted_since_the_preview_is_refused_with_the_new_pdf(office):
    from caseworker.services.notices import NoticeChanged

    with office.db.reader() as s:
        pdf = preview_notice(s, office.file_no, "statement", "payor", today=TODAY,
                             officer="Olivia Officer")
    with office.db.session() as s:
        payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                              received="2026-11-22", amount="123.45", source="direct",
                              today=TODAY)
    with pytest.raises(NoticeChanged, match="changed since the preview") as refused:
        with office.db.session() as s:
            issue_notice(s, office.officer, office.file_no, "statement", "payor", today=TODAY,
                         previewed_sha256=hashlib.sha256(pdf).hexdigest())
    assert "$123.45" in _text(refused.value.pdf) and "$123.45" not in _text(pdf)
    with office.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0
