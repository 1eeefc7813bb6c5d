"""The queue's read queries, on the hand-made caseload of tests/conftest.py (build_tiny)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from caseworker.models.db import open_database
from caseworker.services import caseload
from caseworker.services.context import actor_for
from caseworker.services.errors import PermissionDenied


@pytest.fixture
def tiny(tiny_db_path):
    db = open_database(tiny_db_path)
    yield db
    db.dispose()


def file_nos(db, username="alice", **kwargs) -> list[str]:
    with db.session() as s:
        actor = actor_for(s, username)
        ids = caseload.queue_ids(s, actor=actor, **kwargs)
        return [row.file_no for row in caseload.queue_rows(s, actor=actor, ids=ids)]


def test_default_order_is_queue_rank_most_urgent_first(tiny):
    assert file_nos(tiny) == ["CW-0001", "CW-0004", "CW-0003", "CW-0002", "CW-0005", "CW-0006"]


def test_filter_open_leaves_out_closed_files(tiny):
    assert file_nos(tiny, filters=["open"]) == ["CW-0001", "CW-0004", "CW-0003", "CW-0002",
                                                "CW-0006"]


def test_a_search_looks_past_the_open_filter(tiny):
    assert file_nos(tiny, filters=["open"], search="smithers") == ["CW-0005"]


def test_filter_mine_keeps_the_actors_files(tiny):
    assert file_nos(tiny, filters=["mine"]) == ["CW-0001", "CW-0002"]


def test_filter_team_keeps_the_actors_team(tiny):
    assert file_nos(tiny, filters=["team"], sort="file_no", descending=False) == [
        "CW-0001", "CW-0002", "CW-0003", "CW-0006"]


def test_filter_due_today_keeps_open_tasks_due_by_today(tiny):
    assert file_nos(tiny, filters=["due_today"]) == ["CW-0001", "CW-0004"]


def test_filter_in_default_keeps_arrears_and_defaulted_arrangements(tiny):
    assert file_nos(tiny, filters=["in_default"]) == ["CW-0001", "CW-0004", "CW-0003"]


def test_filters_combine(tiny):
    assert file_nos(tiny, filters=["mine", "in_default"]) == ["CW-0001"]


@pytest.mark.parametrize("text, expected", [
    ("smith", ["CW-0001", "CW-0005"]),
    ("SMITH", ["CW-0001", "CW-0005"]),
    ("0003", ["CW-0003"]),
    ("cw-0004", ["CW-0004"]),
    ("mary smith", ["CW-0001"]),
    ("tremb", ["CW-0003"]),
    ("%", []),
])
def test_search_by_file_number_or_party_name(tiny, text, expected):
    assert file_nos(tiny, search=text) == expected


def test_search_needs_every_word_to_match(tiny):
    assert file_nos(tiny, search="smith brown") == []


@pytest.mark.parametrize("sort, descending, expected", [
    ("file_no", True, ["CW-0006", "CW-0005", "CW-0004", "CW-0003", "CW-0002", "CW-0001"]),
    ("payor", False, ["CW-0002", "CW-0006", "CW-0003", "CW-0004", "CW-0001", "CW-0005"]),
    ("recipient", False, ["CW-0002", "CW-0004", "CW-0006", "CW-0005", "CW-0001", "CW-0003"]),
    ("owing", True, ["CW-0004", "CW-0001", "CW-0003", "CW-0002", "CW-0005", "CW-0006"]),
    ("days_since_payment", False, ["CW-0002", "CW-0003", "CW-0001", "CW-0005", "CW-0004",
                                   "CW-0006"]),
    ("next_due", False, ["CW-0001", "CW-0004", "CW-0002", "CW-0003", "CW-0005", "CW-0006"]),
    ("flags", True, ["CW-0001", "CW-0004", "CW-0002", "CW-0003", "CW-0005", "CW-0006"]),
    ("status", False, ["CW-0003", "CW-0005", "CW-0001", "CW-0004", "CW-0002", "CW-0006"]),
])
def test_sort_by_each_column(tiny, sort, descending, expected):
    assert file_nos(tiny, sort=sort, descending=descending) == expected


def test_rows_carry_raw_values(tiny):
    with tiny.session() as s:
        actor = actor_for(s, "alice")
        ids = caseload.queue_ids(s, actor=actor, search="CW-0001")
        (row,) = caseload.queue_rows(s, actor=actor, ids=ids)
    assert row.payor == "Smith, John"
    assert row.recipient == "Smith, Mary"
    assert row.owing == Decimal("1234.56")
    assert row.days_since_payment == 40
    assert row.next_due == date.today() - timedelta(days=2)
    assert row.flags == ("family_violence",)
    assert row.reason == "Payment missed"


def test_rows_of_a_file_without_balance_are_blank_not_zero(tiny):
    with tiny.session() as s:
        actor = actor_for(s, "alice")
        ids = caseload.queue_ids(s, actor=actor, search="CW-0006")
        (row,) = caseload.queue_rows(s, actor=actor, ids=ids)
    assert (row.owing, row.days_since_payment, row.next_due) == (None, None, None)


def test_rows_keep_the_order_of_the_ids_asked_for(tiny):
    with tiny.session() as s:
        actor = actor_for(s, "alice")
        ids = caseload.queue_ids(s, actor=actor, sort="file_no", descending=False)
        rows = caseload.queue_rows(s, actor=actor, ids=[ids[2], ids[0]])
    assert [r.file_no for r in rows] == ["CW-0003", "CW-0001"]


def test_file_number_lookup_is_exact_and_case_insensitive(tiny):
    with tiny.session() as s:
        actor = actor_for(s, "alice")
        assert caseload.case_id_by_file_no(s, actor=actor, file_no=" cw-0002 ") is not None
        assert caseload.case_id_by_file_no(s, actor=actor, file_no="CW-000") is None


def test_a_role_without_read_is_refused(tiny):
    with tiny.session() as s:
        actor = actor_for(s, "alice")
        nobody = type(actor)(actor.user_id, "x", "X", "visitor", None)
        with pytest.raises(PermissionDenied):
            caseload.queue_ids(s, actor=nobody)


@pytest.mark.parametrize("role, expected", [("officer", ("open", "mine")),
                                            ("investigator", ("open", "mine")),
                                            ("supervisor", ("open", "team")),
                                            ("administrator", ("open",))])
def test_the_queue_starts_on_what_the_role_works_on(tiny, role, expected):
    with tiny.session() as s:
        actor = actor_for(s, "alice")
    assert caseload.default_filters(type(actor)(1, "x", "X", role, "North")) == expected
