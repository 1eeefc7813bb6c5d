"""Loading a record for a form, and saving several records of one form together."""

import pytest

from caseworker.models import Address, Case, Person
from caseworker.models.cases import STATUSES
from caseworker.services.editing import Edit, StaleEdits, load, save_edit, save_edits
from caseworker.services.errors import NotFound, ValidationError
from tests.services.office import TODAY


def _load(office, kind, row_id):
    with office.db.reader() as s:
        return load(s, kind=kind, row_id=row_id, today=TODAY)


def _recipient(office):
    with office.db.reader() as s:
        return s.get(Case, office.case_id).people("recipient")[0].id


def _edits(office, person, **address):
    return [Edit("person", person.row_id, person.version, {"given_name": "Maria"}),
            Edit("address", person.address.row_id, person.address.version, address)]


def test_load_case_gives_values_and_version(office):
    case = _load(office, "case", office.case_id)
    assert (case.version, case.values["team"], case.values["status"]) == (1, "North", "open")


def test_load_case_offers_statuses_teams_and_officers(office):
    case = _load(office, "case", office.case_id)
    assert case.statuses == STATUSES and "North" in case.teams
    assert [name for _id, name in case.officers] == [
        "Ivan Investigator", "Olivia Officer", "Oscar Other", "Sue Supervisor"]


def test_loaded_record_is_frozen(office):
    case = _load(office, "case", office.case_id)
    with pytest.raises((AttributeError, TypeError)):
        case.values["team"] = "South"


def test_load_person_brings_current_address_and_phone(office):
    person = _load(office, "person", _recipient(office))
    assert person.values["family_name"] == "Lee"
    assert person.address.values["line1"] == "5 Hidden Lane" and person.address.version == 1
    assert person.phone is None  # the recipient gave no telephone at intake


def test_load_unknown_record_is_not_found(office):
    with pytest.raises(NotFound):
        _load(office, "case", 999)


def test_save_edits_saves_every_record(office):
    person = _load(office, "person", _recipient(office))
    with office.db.session() as s:
        versions = save_edits(s, actor=office.officer, edits=_edits(
            office, person, line1="7 Open Road"), case_id=office.case_id, today=TODAY)
    assert versions == [2, 2]
    with office.db.reader() as s:
        assert s.get(Address, person.address.row_id).line1 == "7 Open Road"


def test_one_stale_record_saves_none(office):
    person = _load(office, "person", _recipient(office))
    with office.db.session() as s:
        save_edit(s, actor=office.other_officer, kind="address", row_id=person.address.row_id,
                  version=1, changes={"line1": "9 Other St"}, case_id=office.case_id,
                  today=TODAY)
    with pytest.raises(StaleEdits) as caught, office.db.session() as s:
        save_edits(s, actor=office.officer, edits=_edits(office, person, line1="7 Open Road"),
                   case_id=office.case_id, today=TODAY)
    assert caught.value.theirs["address.line1"] == "9 Other St"
    assert caught.value.mine["address.line1"] == "7 Open Road"
    with office.db.reader() as s:
        assert s.get(Person, person.row_id).given_name == "Mary"  # the fresh part too


def test_rebase_names_the_saved_version_of_the_stale_record_only(office):
    person = _load(office, "person", _recipient(office))
    with office.db.session() as s:
        save_edit(s, actor=office.other_officer, kind="address", row_id=person.address.row_id,
                  version=1, changes={"line1": "9 Other St"}, case_id=office.case_id,
                  today=TODAY)
    edits = _edits(office, person, line1="7 Open Road")
    with pytest.raises(StaleEdits) as caught, office.db.session() as s:
        save_edits(s, actor=office.officer, edits=edits, case_id=office.case_id, today=TODAY)
    assert [e.version for e in caught.value.rebase(edits)] == [1, 2]


def test_empty_family_name_is_refused_by_its_qualified_name(office):
    person = _load(office, "person", _recipient(office))
    with pytest.raises(ValidationError) as caught, office.db.session() as s:
        save_edits(s, actor=office.officer, edits=[Edit(
            "person", person.row_id, 1, {"family_name": "  "})], case_id=office.case_id,
            today=TODAY)
    assert caught.value.field == "person.family_name"


def test_unknown_status_is_refused(office):
    with pytest.raises(ValidationError) as caught, office.db.session() as s:
        save_edit(s, actor=office.officer, kind="case", row_id=office.case_id, version=1,
                  changes={"status": "lost"}, case_id=office.case_id, today=TODAY)
    assert caught.value.field == "status"


def test_closing_a_file_notes_the_day(office):
    with office.db.session() as s:
        save_edit(s, actor=office.officer, kind="case", row_id=office.case_id, version=1,
                  changes={"status": "closed"}, case_id=office.case_id, today=TODAY)
    with office.db.reader() as s:
        assert s.get(Case, office.case_id).closed_on == TODAY


def test_a_person_on_another_file_cannot_be_edited_through_this_one(office):
    with office.db.session() as s:
        stranger = Person(given_name="Stan", family_name="Ger")
        s.add(stranger)
        s.flush()
        stranger_id = stranger.id
    with pytest.raises(NotFound), office.db.session() as s:
        save_edit(s, actor=office.officer, kind="person", row_id=stranger_id, version=1,
                  changes={"given_name": "X"}, case_id=office.case_id, today=TODAY)


def test_person_loaded_through_a_flagged_file_is_protected(office):
    with office.db.session() as s:
        s.get(Case, office.case_id).family_violence = True
    with office.db.reader() as s:
        person = load(s, kind="person", row_id=_recipient(office), case_id=office.case_id)
    assert person.protected


def test_person_on_an_unflagged_file_is_not_protected(office):
    with office.db.reader() as s:
        person = load(s, kind="person", row_id=_recipient(office), case_id=office.case_id)
    assert not person.protected


def test_officer_may_not_give_the_file_to_another(office):
    from caseworker.services.errors import PermissionDenied

    with pytest.raises(PermissionDenied), office.db.session() as s:
        save_edit(s, actor=office.officer, kind="case", row_id=office.case_id, version=1,
                  changes={"officer_id": office.other_officer.user_id},
                  case_id=office.case_id, today=TODAY)


def test_supervisor_gives_the_file_to_another_officer(office):
    with office.db.session() as s:
        save_edit(s, actor=office.supervisor, kind="case", row_id=office.case_id, version=1,
                  changes={"officer_id": office.other_officer.user_id},
                  case_id=office.case_id, today=TODAY)
    with office.db.reader() as s:
        assert s.get(Case, office.case_id).officer_id == office.other_officer.user_id
