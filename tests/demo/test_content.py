"""What a demo caseload holds: counts, parties, terms, payments and the work on each file."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select

from caseworker.demo.context import programs
from caseworker.demo.schedule import add_years
from caseworker.models import Case, CaseParty, Payment, User
from caseworker.models.db import open_database
from tests.demo.conftest import SMALL, TODAY

MAJORITY = {p.policy: p.majority for p in programs()}


def test_opens_with_open_database_and_has_the_files_asked_for(small_demo):
    path, report = small_demo
    db = open_database(path)
    try:
        username = db.setting("default_user")
        with db.reader() as s:
            assert s.scalar(select(func.count()).select_from(Case)) == SMALL
            assert s.scalar(select(func.count()).select_from(Payment)) == report.rows["payments"]
            roles = dict(s.execute(select(User.role, func.count()).group_by(User.role)).all())
            assert roles["officer"] >= 8 and roles["investigator"] == 1
            assert 1 <= roles["supervisor"] <= 2 and roles["administrator"] == 1
            user = s.scalars(select(User).where(User.username == username)).one()
            assert user.role == "officer" and user.active
    finally:
        db.dispose()


def test_every_file_has_one_payor_one_recipient_and_children(small_conn):
    counts = defaultdict(lambda: defaultdict(int))
    for case_id, role in small_conn.execute("SELECT case_id, role FROM case_parties"):
        counts[case_id][role] += 1
    assert len(counts) == SMALL
    for roles in counts.values():
        assert roles["payor"] == 1 and roles["recipient"] == 1 and roles["child"] >= 1


def test_periodic_child_terms_end_by_the_age_of_majority(wide_conn):
    rows = wide_conn.execute(
        "SELECT c.policy, t.start, t.\"end\", p.birth_date FROM terms t "
        "JOIN orders o ON o.id = t.order_id JOIN cases c ON c.id = o.case_id "
        "JOIN people p ON p.id = t.child_id "
        "WHERE t.kind = 'periodic' AND t.category = 'child'").fetchall()
    assert rows
    for policy, start, end, birth in rows:
        assert end is not None, "a child's support must end"
        majority = add_years(date.fromisoformat(birth), MAJORITY[policy])
        assert date.fromisoformat(end) < majority
        assert date.fromisoformat(start) <= date.fromisoformat(end)


def test_reversals_point_at_an_earlier_payment_of_the_same_file(wide_conn):
    rows = wide_conn.execute(
        "SELECT r.case_id, o.case_id, r.amount, o.amount, r.received, o.received, "
        "r.seq, o.seq FROM payments r JOIN payments o ON o.id = r.reverses_id").fetchall()
    assert rows, "the wide demo should hold some NSF reversals"
    for case_r, case_o, amount_r, amount_o, got_r, got_o, seq_r, seq_o in rows:
        assert case_r == case_o and amount_r == amount_o
        assert got_o <= got_r and seq_o < seq_r


def test_payment_and_adjustment_sequences_run_one_to_n(wide_conn):
    for table in ("payments", "adjustments"):
        seqs = defaultdict(list)
        for case_id, seq in wide_conn.execute(f"SELECT case_id, seq FROM {table} ORDER BY id"):
            seqs[case_id].append(seq)
        for case_id, numbers in seqs.items():
            assert numbers == list(range(1, len(numbers) + 1)), f"{table} of file {case_id}"


def test_payments_are_positive_and_never_after_today(wide_conn):
    bad = wide_conn.execute("SELECT count(*) FROM payments WHERE amount <= 0 OR received > ?",
                            (TODAY.isoformat(),)).fetchone()[0]
    assert bad == 0


def test_variations_supersede_terms_of_earlier_orders_of_the_same_file(wide_conn):
    rows = wide_conn.execute(
        "SELECT n.start, old.start, no.case_id, oo.case_id, no.made_on, oo.made_on "
        "FROM term_supersedes s JOIN terms n ON n.id = s.term_id "
        "JOIN terms old ON old.id = s.superseded_id "
        "JOIN orders no ON no.id = n.order_id JOIN orders oo ON oo.id = old.order_id").fetchall()
    assert rows
    for new_start, old_start, new_case, old_case, new_made, old_made in rows:
        assert new_case == old_case and old_start < new_start and old_made < new_made


def test_address_histories_have_no_overlaps(wide_conn):
    spans = defaultdict(list)
    for person, start, end in wide_conn.execute(
            "SELECT person_id, valid_from, valid_to FROM addresses WHERE kind = 'residential' "
            "ORDER BY person_id, valid_from"):
        spans[person].append((start, end))
    for history in spans.values():
        assert all(end is not None for _, end in history[:-1])
        assert history[-1][1] is None
        for (_, end), (start, _) in zip(history, history[1:], strict=False):
            assert date.fromisoformat(end) + timedelta(days=1) == date.fromisoformat(start)


def test_the_caseload_has_every_status_program_and_kind_of_work(wide_conn):
    one = lambda sql: {r[0] for r in wide_conn.execute(sql)}  # noqa: E731
    assert one("SELECT status FROM cases") == {"open", "enforcement", "arrangement",
                                               "suspended", "closed"}
    assert one("SELECT policy FROM cases") == {"ab-mep", "bc-fmep", "ca-county", "nc-county"}
    assert {"periodic", "lump_sum", "fixed_arrears", "special_expense", "fee"} <= \
        one("SELECT kind FROM terms")
    assert {"monthly", "semi_monthly", "weekly", "biweekly"} <= \
        one("SELECT frequency FROM terms WHERE kind = 'periodic'")
    assert {"wage", "direct", "federal", "tax_refund"} <= one("SELECT source FROM payments")
    assert {"active", "defaulted"} <= one("SELECT status FROM arrangements")
    assert one("SELECT assignee FROM assignments") == {"crown", "state"}
    assert {"call_in", "call_out", "letter", "note", "system"} <= \
        one("SELECT kind FROM record_entries")
    assert one("SELECT 1 FROM cases WHERE family_violence")
    assert one("SELECT person_id FROM case_parties WHERE role = 'payor' GROUP BY person_id "
               "HAVING count(*) > 1"), "some payors owe on two files"
    today = TODAY.isoformat()
    assert one(f"SELECT 1 FROM stays WHERE \"end\" BETWEEN '{today}' "
               f"AND date('{today}', '+14 day')")
    assert one(f"SELECT 1 FROM tasks WHERE done_on IS NULL AND due = '{today}'")
    assert one(f"SELECT 1 FROM tasks WHERE done_on IS NULL AND due < '{today}'")
    assert one("SELECT 1 FROM identifiers WHERE kind = 'sin'")
    assert one("SELECT 1 FROM identifiers WHERE kind = 'ssn'")
    for table in ("aliases", "bank_accounts", "assets", "income_sources", "employers",
                  "enforcement_actions", "referrals", "approvals"):
        assert one(f"SELECT count(*) FROM {table}") != {0}, table


def test_the_default_officer_has_files_and_tasks(wide_conn):
    officer = wide_conn.execute(
        "SELECT u.id FROM users u JOIN settings s ON s.value = u.username "
        "WHERE s.key = 'default_user'").fetchone()[0]
    files = wide_conn.execute("SELECT count(*) FROM cases WHERE officer_id = ?",
                              (officer,)).fetchone()[0]
    tasks = wide_conn.execute("SELECT count(*) FROM tasks WHERE assigned_to = ? AND done_on "
                              "IS NULL", (officer,)).fetchone()[0]
    assert files > 10 and tasks > 5


def test_closed_files_are_closed_after_they_opened_and_owe_nothing(wide_conn):
    rows = wide_conn.execute(
        "SELECT c.opened_on, c.closed_on, b.total_owing FROM cases c "
        "LEFT JOIN case_balances b ON b.case_id = c.id WHERE c.status = 'closed'").fetchall()
    assert rows
    for opened, closed, owing in rows:
        assert closed is not None and opened <= closed <= TODAY.isoformat()
        assert owing is None or owing <= 0


def test_balance_cache_is_filled_for_every_file(small_conn, small_demo):
    if small_demo[1].balances is None:  # built without the balance service
        return
    count = small_conn.execute("SELECT count(*) FROM case_balances").fetchone()[0]
    assert count == SMALL


def test_orm_reads_the_people_on_a_file(small_demo):
    db = open_database(small_demo[0], read_only=True)
    try:
        with db.reader() as s:
            party = s.scalars(select(CaseParty).where(CaseParty.role == "payor")).first()
            person = party.person
            assert person.full_name.strip() and person.addresses
            assert person.address_on(TODAY) is not None
    finally:
        db.dispose()
