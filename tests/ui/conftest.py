"""Window-part fixtures on the hand-made caseload, whose every row is known."""

from __future__ import annotations

import pytest

from caseworker.models.db import open_database
from caseworker.services.context import actor_for
from caseworker.ui.hub import AppContext, Hub


@pytest.fixture
def tiny_ctx(qapp, tiny_db_path):
    """An AppContext on a private copy of the hand-made caseload, signed in as alice."""
    db = open_database(tiny_db_path)
    with db.reader() as session:
        actor = actor_for(session, "alice")
    yield AppContext(db=db, actor=actor, hub=Hub())
    db.dispose()


@pytest.fixture
def shown(qtbot):
    """Show a dialog (offscreen) and hand it back; closed by qtbot at the end."""

    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show
