"""The approvals list: dated, with the payment's reference, and only the user's team."""

from datetime import date

from caseworker.models import Case, User
from caseworker.services import payments
from caseworker.services.context import actor_for
from tests.services.office import TODAY


def _reversal(office, reference="CHQ 1042"):
    with office.db.session() as s:
        paid = payments.post_payment(s, actor=office.officer, case_id=office.case_id,
                                     received="2025-01-03", amount="900.00", source="direct",
                                     reference=reference, today=TODAY)
        return payments.reverse_payment(s, actor=office.officer, payment_id=paid,
                                        reason="NSF", on="2025-01-10", today=TODAY)


def _pending(office, actor=None):
    with office.db.reader() as s:
        return payments.pending_approvals(s, actor=actor or office.supervisor)


def _move_file(office, team):
    with office.db.session() as s:
        s.get(Case, office.case_id).team = team


def test_pending_reversal_carries_its_date(office):
    _reversal(office)
    assert _pending(office)[0].on == date(2025, 1, 10)


def test_pending_reversal_carries_the_payment_reference(office):
    _reversal(office)
    assert _pending(office)[0].reference == "CHQ 1042"


def test_pending_reversal_carries_the_day_the_payment_was_received(office):
    _reversal(office)
    assert _pending(office)[0].payment_received == date(2025, 1, 3)


def test_pending_adjustment_carries_its_date(office):
    with office.db.session() as s:
        payments.make_adjustment(s, actor=office.officer, case_id=office.case_id,
                                 on="2025-03-01", amount="-800.00", reason="credit", today=TODAY)
    assert _pending(office)[0].on == date(2025, 3, 1)


def test_pending_covers_the_supervisors_team(office):
    _reversal(office)
    assert [p.case_id for p in _pending(office)] == [office.case_id]


def test_pending_leaves_out_another_teams_files(office):
    _reversal(office)
    _move_file(office, "South")
    assert _pending(office) == []


def test_administrator_sees_every_teams_rows(office):
    _reversal(office)
    _move_file(office, "South")
    with office.db.session() as s:
        s.add(User(username="ada", full_name="Ada Admin", role="administrator", team="North"))
    with office.db.reader() as s:
        admin = actor_for(s, "ada")
    assert len(_pending(office, admin)) == 1
