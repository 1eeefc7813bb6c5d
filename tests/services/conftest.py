"""The services' shared fixture: a fresh office database with one registered file."""

import pytest

from tests.services.office import make_office


@pytest.fixture
def office(tmp_path):
    """Users olivia, oscar (officers), sue (supervisor), ivan (investigator) and one file."""
    office = make_office(tmp_path / "office.sqlite")
    yield office
    office.db.dispose()
