"""Registering a file: people, order, number, running record; bad input names the field."""

from datetime import date

import pytest
from sqlalchemy import select

from caseworker.models import Case, RecordEntry
from caseworker.services.errors import ValidationError
from caseworker.services.intake import PartyInput, register_file
from caseworker.services.orders import majority_end
from tests.services.office import TODAY, sample_file


def test_registered_file_has_its_parties_and_order(office):
    with office.db.session() as s:
        case = s.get(Case, office.case_id)
        assert case.file_no == "GE-2026-00001"
        assert [p.full_name for p in case.people("child")] == ["Kim Lee"]
        assert case.orders[0].terms[0].child.given_name == "Kim"
        assert case.people("recipient")[0].addresses[0].postal_code == "T4N 1A1"


def test_file_numbers_follow_on(office):
    with office.db.session() as s:
        second = register_file(s, actor=office.officer, given=sample_file(), today=TODAY)
        assert s.get(Case, second).file_no == "GE-2026-00002"


def test_registration_writes_running_record(office):
    with office.db.session() as s:
        texts = s.scalars(select(RecordEntry.text).where(
            RecordEntry.case_id == office.case_id)).all()
    assert any(t.startswith("File GE-2026-00001 registered") for t in texts)
    assert any(t.startswith("Order of 2024-12-15 entered") for t in texts)


def test_recipient_needs_an_address(office):
    given = sample_file(recipient=PartyInput(given_name="Mary", family_name="Lee"))
    with pytest.raises(ValidationError) as caught:
        with office.db.session() as s:
            register_file(s, actor=office.officer, given=given, today=TODAY)
    assert caught.value.field == "recipient.line1"


def test_bad_term_names_the_term(office):
    given = sample_file()
    given.terms[0].frequency = "fortnightly"
    with pytest.raises(ValidationError) as caught:
        with office.db.session() as s:
            register_file(s, actor=office.officer, given=given, today=TODAY)
    assert caught.value.field == "terms[0].frequency"


def test_refused_intake_leaves_no_file(office):
    given = sample_file()
    given.terms[0].amount = "lots"
    with pytest.raises(ValidationError):
        with office.db.session() as s:
            register_file(s, actor=office.officer, given=given, today=TODAY)
    with office.db.session() as s:
        assert len(s.scalars(select(Case.id)).all()) == 1


def test_support_ends_the_day_before_majority():
    assert majority_end(date(2012, 6, 1), 18) == date(2030, 5, 31)


def test_leap_day_child_reaches_majority_on_march_first():
    assert majority_end(date(2008, 2, 29), 18) == date(2026, 2, 28)


@pytest.mark.parametrize("country", ["C", "CAN", "C1", "ÇA"])
def test_a_country_that_is_not_a_two_letter_code_is_refused_beside_it(office, country):
    given = sample_file()
    given.recipient.country = country
    with pytest.raises(ValidationError) as caught:
        with office.db.session() as s:
            register_file(s, actor=office.officer, given=given, today=TODAY)
    assert caught.value.field == "recipient.country"
    assert str(caught.value) == "the country is a two-letter code (CA, US)"


def test_a_lower_case_country_code_is_kept_upper_case(office):
    given = sample_file()
    given.recipient.country = " us "
    with office.db.session() as s:
        case = s.get(Case, register_file(s, actor=office.officer, given=given, today=TODAY))
        assert case.people("recipient")[0].addresses[0].country == "US"
