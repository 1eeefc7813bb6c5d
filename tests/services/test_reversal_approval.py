"""A refused reversal never counts anywhere; a pending one shows as pending."""

from datetime import date

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from caseworker.models import CaseBalance
from caseworker.models.db import alembic_config, open_database
from caseworker.services import files, payments
from caseworker.services.errors import ValidationError
from tests.services.office import TODAY


def _paid(office, received="2025-01-03", amount="900.00"):
    with office.db.session() as s:
        return payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                                     received=received, amount=amount, source="direct",
                                     today=TODAY)


def _reverse(office, paid, reason="NSF", on="2025-01-10"):
    with office.db.session() as s:
        return payments.reverse_payment(s, actor=office.officer, payment_id=paid,
                                        reason=reason, on=on, today=TODAY)


def _refuse(office, reversal):
    with office.db.session() as s:
        payments.decide(s, actor=office.supervisor, kind="reversal", row_id=reversal,
                        approve=False, note="it cleared", today=TODAY)


def _row(office, payment_id):
    with office.db.reader() as s:
        rows = files.account(s, office.case_id, today=TODAY).payments
    return next(r for r in rows if r.id == payment_id)


def test_payment_can_be_reversed_after_a_refused_reversal(office):
    paid = _paid(office)
    _refuse(office, _reverse(office, paid, reason="wrong file?"))
    again = _reverse(office, paid, on="2025-02-01")
    assert _row(office, again).reverses_id == paid


def test_real_reversal_after_a_refused_one_waits_for_approval_too(office):
    paid = _paid(office)
    _refuse(office, _reverse(office, paid, reason="wrong file?"))
    again = _reverse(office, paid, on="2025-02-01")
    assert _row(office, again).approval == "pending"


def test_approved_reversal_after_a_refused_one_counts(office):
    paid = _paid(office)
    _refuse(office, _reverse(office, paid, reason="wrong file?"))
    again = _reverse(office, paid, on="2025-02-01")
    with office.db.session() as s:
        payments.decide(s, actor=office.supervisor, kind="reversal", row_id=again,
                        approve=True, today=TODAY)
    assert _row(office, paid).reversed_by_id == again


def test_payment_with_a_pending_reversal_cannot_be_reversed_again(office):
    paid = _paid(office)
    _reverse(office, paid)
    with pytest.raises(ValidationError, match="waits for a supervisor"):
        _reverse(office, paid, on="2025-02-01")


def test_payment_with_a_counted_reversal_cannot_be_reversed_again(office):
    paid = _paid(office, amount="100.00")  # under the threshold: counts at once
    _reverse(office, paid)
    with pytest.raises(ValidationError, match="already reversed"):
        _reverse(office, paid, on="2025-02-01")


def test_refused_reversal_does_not_mark_the_payment_reversed(office):
    paid = _paid(office)
    _refuse(office, _reverse(office, paid))
    assert _row(office, paid).reversed_by_id is None


def test_pending_reversal_does_not_mark_the_payment_reversed(office):
    paid = _paid(office)
    _reverse(office, paid)
    assert _row(office, paid).reversed_by_id is None


def test_pending_reversal_is_named_on_the_payment(office):
    paid = _paid(office)
    reversal = _reverse(office, paid)
    assert _row(office, paid).pending_reversal_id == reversal


def test_refused_reversal_leaves_the_last_payment_date(office):
    paid = _paid(office, received="2026-11-01")
    _refuse(office, _reverse(office, paid, on="2026-11-10"))
    with office.db.reader() as s:
        assert s.get(CaseBalance, office.case_id).last_payment_on == date(2026, 11, 1)


def test_database_from_before_upgrades_and_takes_a_second_reversal(tmp_path):
    """Schema 0001 had one reversal per payment (unique); the upgrade lifts that."""
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('app', 'caseworker'), "
                          "('mode', 'personal')"))
    engine.dispose()
    db = open_database(path)
    try:
        with db.reader() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() != "0001"
        with db.session() as s:
            s.execute(text("INSERT INTO users (username, full_name, role, active, version, uid) "
                           "VALUES ('u', 'U', 'officer', 1, 1, 'u1')"))
            s.execute(text("INSERT INTO cases (file_no, status, policy, currency, opened_on, "
                           "family_violence, safety_risk, bankruptcy, incarcerated, deceased, "
                           "interjurisdictional, version, uid) VALUES ('X-1', 'open', "
                           "'generic', 'CAD', '2025-01-01', 0, 0, 0, 0, 0, 0, 1, 'c1')"))
            for pid, reverses in ((1, None), (2, 1), (3, 1)):
                s.execute(text(
                    "INSERT INTO payments (id, case_id, seq, received, amount, source, "
                    "reverses_id, needs_approval, entered_by, entered_at, uid) VALUES "
                    "(:id, 1, :id, '2025-01-03', 90000, 'direct', :rev, 1, 1, "
                    "'2025-01-03 00:00:00', :uid)"), {"id": pid, "rev": reverses,
                                                      "uid": f"p{pid}"})
            assert s.execute(text("SELECT count(*) FROM payments WHERE reverses_id = 1")
                             ).scalar() == 2
    finally:
        db.dispose()
