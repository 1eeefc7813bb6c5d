"""Saving edits with versions: the second of two officers sees both versions."""

import pytest

from caseworker.models import Case
from caseworker.services.editing import save_edit
from caseworker.services.errors import StaleRecord, ValidationError
from tests.services.office import TODAY


def _save(office, actor, version, **changes):
    with office.db.session() as s:
        return save_edit(s, actor=actor, kind="case", row_id=office.case_id, version=version,
                         changes=changes, case_id=office.case_id, today=TODAY)


def test_save_at_current_version_bumps_it(office):
    assert _save(office, office.officer, 1, team="South") == 2


def test_second_save_on_the_same_version_is_stale(office):
    _save(office, office.officer, 1, team="South")
    with pytest.raises(StaleRecord) as caught:
        _save(office, office.other_officer, 1, team="East")
    assert caught.value.theirs["team"] == "South" and caught.value.mine["team"] == "East"


def test_stale_save_names_the_saved_version(office):
    _save(office, office.officer, 1, team="South")
    with pytest.raises(StaleRecord) as caught:
        _save(office, office.other_officer, 1, team="East")
    assert caught.value.version == 2


def test_stale_save_changes_nothing(office):
    _save(office, office.officer, 1, team="South")
    with pytest.raises(StaleRecord):
        _save(office, office.other_officer, 1, team="East")
    with office.db.session() as s:
        assert s.get(Case, office.case_id).team == "South"


def test_unknown_field_is_refused(office):
    with pytest.raises(ValidationError):
        _save(office, office.officer, 1, file_no="X")
