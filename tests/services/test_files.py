"""The file read service: what each tab is given for the sample file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseworker import ledger
from caseworker.models import AuditEvent, CourtOrder, Term
from caseworker.services import files
from caseworker.services.accounts import account_document
from caseworker.services.context import actor_for
from caseworker.services.errors import NotFound


def _read(db, work):
    with db.session() as session:
        return work(session)


def test_summary_names_the_people_and_the_cached_figures(sample_db, sample_case_id):
    summary = _read(sample_db, lambda s: files.summary(s, sample_case_id))
    assert (summary.file_no, summary.payors, summary.recipients, summary.children) == (
        "CW-2011-00042", ("Daniel Kirkpatrick",), ("Sarah Kirkpatrick",), ("Emma Kirkpatrick",))
    assert summary.flags == ("family_violence", "interjurisdictional")
    assert (summary.total_owing, summary.arrears, summary.monthly_support) == (
        Decimal("2345.67"), Decimal("1825.67"), Decimal("520.00"))
    assert summary.policy == "Generic support enforcement program"


def test_summary_gives_the_next_open_task_and_what_is_in_force(sample_db, sample_case_id):
    summary = _read(sample_db, lambda s: files.summary(s, sample_case_id))
    assert summary.next_task.description == "Call the payor about the returned cheque"
    assert [s.reason for s in summary.active_stays] == ["Payor in hospital"]
    assert [a.kind for a in summary.active_actions] == ["income_deduction"]


def test_parties_come_payor_first_with_identifiers_masked(sample_db, sample_case_id):
    def read(session):
        return files.parties(session, sample_case_id, actor=actor_for(session, "olivia"))

    payor, recipient, child = _read(sample_db, read)
    assert [p.role for p in (payor, recipient, child)] == ["payor", "recipient", "child"]
    assert payor.identifiers == (("SIN", "••••••789"),)
    assert payor.bank_accounts[0].account_masked.endswith("6789")
    assert "123" not in repr(payor.identifiers) + repr(payor.bank_accounts)


def test_current_address_first_and_past_ones_kept(sample_db, sample_case_id):
    def read(session):
        return files.parties(session, sample_case_id, actor=actor_for(session, "olivia"))

    payor = _read(sample_db, read)[0]
    assert [(a.lines[0], a.current) for a in payor.addresses] == [
        ("88 Birch Avenue", True), ("12 Elm Street", False)]


def test_family_violence_marks_the_recipients_address_protected(sample_db, sample_case_id):
    def read(session):
        return files.parties(session, sample_case_id, actor=actor_for(session, "olivia"))

    payor, recipient, _child = _read(sample_db, read)
    assert recipient.protected and recipient.addresses[0].protected
    assert not payor.protected and not payor.addresses[0].protected


def test_showing_a_protected_address_is_audited_per_person(sample_db, sample_case_id):
    def show(session):
        actor = actor_for(session, "olivia")
        detail = files.load_file(session, sample_case_id, actor=actor)
        return detail, files.audit_protected_reads(session, actor=actor, detail=detail)

    detail, count = _read(sample_db, show)
    audited = _read(sample_db, lambda s: s.scalars(
        select(AuditEvent.entity_id).where(AuditEvent.entity == "protected_address")).all())
    recipient = detail.parties[1]
    assert count == 1 and audited == [recipient.person_id]  # the child has no address


def test_orders_show_the_variation_and_what_it_supersedes(sample_db, sample_case_id):
    first, variation = _read(sample_db, lambda s: files.orders(s, sample_case_id))
    old, costs = first.terms
    (new,) = variation.terms
    assert variation.varies_id == first.id and variation.varies_made_on == date(2011, 2, 15)
    assert new.supersedes == (old.id,) and old.superseded_by == (new.id,)
    assert costs.superseded_by == () and costs.due == date(2011, 6, 1)


def test_account_links_a_reversal_to_the_payment_it_reverses(sample_db, sample_case_id):
    account = _read(sample_db, lambda s: files.account(s, sample_case_id))
    wage, cheque, nsf = account.payments
    assert (nsf.reverses_id, cheque.reversed_by_id, nsf.reason) == (cheque.id, nsf.id, "NSF")
    assert wage.reversed_by_id is None
    assert [a.amount for a in account.adjustments] == [Decimal("-100.00")]


def test_account_statement_is_the_ledgers_for_today(sample_db, sample_case_id):
    def read(session):
        expected = ledger.statement(account_document(session, sample_case_id),
                                    as_of=date.today().isoformat())
        return expected, files.account(session, sample_case_id)

    expected, account = _read(sample_db, read)
    assert dict(account.statement.totals) == {k: Decimal(v) for k, v in expected["totals"].items()}
    assert len(account.statement.lines) == len(expected["lines"])
    assert account.statement_error is None


def test_load_file_takes_the_owing_figures_from_the_statement(sample_db, sample_case_id):
    detail = _read(sample_db, lambda s: files.load_file(s, sample_case_id,
                                                        actor=actor_for(s, "olivia")))
    totals = dict(detail.account.statement.totals)
    assert detail.summary.total_owing == totals["total_owing"] != Decimal("2345.67")
    assert detail.summary.arrears == detail.account.statement.arrears


def test_a_document_the_ledger_refuses_still_shows_payments(sample_db, sample_case_id):
    with sample_db.session() as session:
        order = session.scalars(select(CourtOrder).where(CourtOrder.case_id == sample_case_id)
                                ).first()
        order.terms.append(Term(kind="periodic", amount=Decimal("10.00"), frequency="monthly",
                                start=date(2020, 5, 1), end=date(2020, 1, 1)))
    account = _read(sample_db, lambda s: files.account(s, sample_case_id))
    assert account.statement is None
    assert account.statement_error.startswith("The statement could not be computed")
    assert len(account.payments) == 3


def test_notices_carry_their_hash_and_issuer_not_the_pdf(sample_db, sample_case_id):
    (notice,) = _read(sample_db, lambda s: files.notices(s, sample_case_id))
    assert (notice.kind, notice.addressee_name, notice.issued_by) == (
        "deduction", "Northwind Logistics", "Olivia Officer")
    assert len(notice.sha256) == 64 and not hasattr(notice, "pdf")


def test_tasks_list_open_ones_before_done_ones(sample_db, sample_case_id):
    tasks = _read(sample_db, lambda s: files.tasks(s, sample_case_id))
    assert [t.done_on is None for t in tasks] == [True, False]


def test_load_file_of_an_unknown_file_is_refused(sample_db):
    with pytest.raises(NotFound):
        _read(sample_db, lambda s: files.load_file(s, 999, actor=actor_for(s, "olivia")))


def test_a_file_loads_in_a_read_transaction_and_writes_nothing(sample_db, sample_case_id):
    with sample_db.reader() as session:
        detail = files.load_file(session, sample_case_id, actor=actor_for(session, "olivia"))
    assert detail.summary.file_no == "CW-2011-00042"
    assert _read(sample_db, lambda s: s.scalars(select(AuditEvent)).all()) == []
