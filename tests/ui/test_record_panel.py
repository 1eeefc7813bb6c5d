"""The running-record panel: reading a file's log and adding an entry through the box."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from caseworker.models import RecordEntry, User
from caseworker.models.db import open_database
from caseworker.services import record
from caseworker.ui.hub import AppContext, Hub
from caseworker.ui.record_panel import ORDER_KEY, RecordPanel


@pytest.fixture
def panel(qtbot, sample_context):
    widget = RecordPanel(sample_context)
    qtbot.addWidget(widget)
    widget.resize(420, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def with_history(sample_db, sample_case_id):
    """Two entries an hour apart, written the way actions write theirs."""
    olivia = _olivia(sample_db)
    now = datetime.now(UTC)
    with sample_db.session() as session:
        session.add_all([
            RecordEntry(case_id=sample_case_id, author_id=olivia, kind="note",
                        at=now - timedelta(hours=2), text="File registered"),
            RecordEntry(case_id=sample_case_id, author_id=olivia, kind="call_in",
                        at=now - timedelta(hours=1), text="Payor called about the deduction")])


@pytest.fixture
def opened(panel, sample_case_id, with_history):
    panel.show_case(sample_case_id)
    return panel


def _olivia(db) -> int:
    with db.session() as session:
        return session.scalars(select(User.id).where(User.username == "olivia")).one()


def texts(panel: RecordPanel) -> list[str]:
    model = panel.view.model()
    return [model.index(r, panel.model.COL_TEXT).data() for r in range(model.rowCount())]


def choose_kind(qtbot, panel: RecordPanel, label: str) -> None:
    """Pick an entry type with the keyboard, as a user tabbing through the box would."""
    panel.kind.setFocus()
    while panel.kind.currentText() != label:
        qtbot.keyClick(panel.kind, Qt.Key.Key_Down)


def saved(db, case_id: int) -> list[RecordEntry]:
    with db.session() as session:
        return list(session.scalars(select(RecordEntry).where(RecordEntry.case_id == case_id)
                                    .order_by(RecordEntry.id)))


def test_without_a_file_the_add_box_is_disabled(panel):
    assert not panel.add_box.isEnabled()
    assert panel.model.rowCount() == 0


def test_opening_a_file_lists_its_entries_newest_first(opened):
    assert texts(opened) == ["Payor called about the deduction", "File registered"]
    assert opened.add_box.isEnabled()


def test_entries_show_type_author_and_local_time(opened):
    model = opened.view.model()
    assert model.index(0, opened.model.COL_KIND).data() == "Call in"
    assert model.index(0, opened.model.COL_AUTHOR).data() == "Olivia Officer"
    at = model.index(0, opened.model.COL_AT).data(Qt.ItemDataRole.UserRole)
    assert model.index(0, opened.model.COL_AT).data() == at.astimezone().strftime(
        "%Y-%m-%d %H:%M")


def test_adding_an_entry_saves_it_with_author_type_and_time(qtbot, opened, sample_db,
                                                             sample_case_id):
    before = datetime.now(UTC)
    choose_kind(qtbot, opened, "Call out")
    qtbot.keyClicks(opened.text, "Left a message for the payor")
    qtbot.mouseClick(opened.add_button, Qt.MouseButton.LeftButton)
    entry = saved(sample_db, sample_case_id)[-1]
    assert (entry.kind, entry.text, entry.author_id) == (
        "call_out", "Left a message for the payor", _olivia(sample_db))
    assert before - timedelta(seconds=1) <= entry.at <= datetime.now(UTC)


def test_an_added_entry_shows_at_once_and_the_box_clears(qtbot, opened):
    qtbot.keyClicks(opened.text, "Recipient wrote in")
    qtbot.mouseClick(opened.add_button, Qt.MouseButton.LeftButton)
    assert texts(opened)[0] == "Recipient wrote in"
    assert opened.text.toPlainText() == ""


def test_adding_an_entry_tells_the_hub(qtbot, opened, sample_case_id):
    qtbot.keyClicks(opened.text, "Visit to the employer")
    with qtbot.waitSignal(opened.ctx.hub.record_changed) as signal:
        qtbot.mouseClick(opened.add_button, Qt.MouseButton.LeftButton)
    assert signal.args == [sample_case_id]


def test_ctrl_return_adds_the_entry(qtbot, opened, sample_db, sample_case_id):
    qtbot.keyClicks(opened.text, "Note typed and sent from the keyboard")
    qtbot.keyClick(opened.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved(sample_db, sample_case_id)[-1].text == "Note typed and sent from the keyboard"


def test_empty_text_shows_a_message_and_saves_nothing(qtbot, opened, sample_db,
                                                      sample_case_id):
    count = len(saved(sample_db, sample_case_id))
    qtbot.keyClicks(opened.text, "   ")
    qtbot.mouseClick(opened.add_button, Qt.MouseButton.LeftButton)
    assert opened.error.isVisible()
    assert "empty" in opened.error.text()
    assert len(saved(sample_db, sample_case_id)) == count


def test_the_order_toggle_reverses_the_list(qtbot, opened):
    qtbot.mouseClick(opened.order_button, Qt.MouseButton.LeftButton)
    assert texts(opened) == ["File registered", "Payor called about the deduction"]
    assert opened.order_button.text() == "Oldest first"


def test_the_order_chosen_is_remembered(qtbot, opened, sample_context, sample_case_id):
    qtbot.mouseClick(opened.order_button, Qt.MouseButton.LeftButton)
    assert QSettings().value(ORDER_KEY, type=bool) is False
    again = RecordPanel(sample_context)
    qtbot.addWidget(again)
    again.show_case(sample_case_id)
    assert texts(again)[0] == "File registered"


def test_selecting_an_entry_shows_all_of_its_text(qtbot, opened, sample_db, sample_case_id):
    long_text = "First line of a long note\n" + "and a great deal more " * 20
    with sample_db.session() as session:
        record.add_entry(session, actor=opened.ctx.actor, case_id=sample_case_id, kind="note",
                         text=long_text)
    opened.ctx.hub.record_changed.emit(sample_case_id)
    rect = opened.view.visualRect(opened.model.index(0, opened.model.COL_TEXT))
    qtbot.mouseClick(opened.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.full_text.toPlainText().endswith(long_text.strip())
    assert "\n" not in texts(opened)[0]


def test_an_entry_written_elsewhere_appears_when_the_hub_says_so(opened, sample_db,
                                                                 sample_case_id):
    with sample_db.session() as session:
        record.add_entry(session, actor=opened.ctx.actor, case_id=sample_case_id,
                         kind="letter", text="Letter from the payor's lawyer")
    opened.ctx.hub.case_changed.emit(sample_case_id)
    assert texts(opened)[0] == "Letter from the payor's lawyer"


def test_on_a_read_only_database_the_add_box_stays_disabled(qtbot, sample_context,
                                                            sample_case_id):
    read_only = open_database(sample_context.db.location, read_only=True)
    try:
        widget = RecordPanel(AppContext(db=read_only, actor=sample_context.actor, hub=Hub()))
        qtbot.addWidget(widget)
        widget.show_case(sample_case_id)
        assert not widget.add_box.isEnabled()
    finally:
        read_only.dispose()


def test_showing_no_file_empties_the_list_and_disables_the_box(opened):
    opened.show_case(0)
    assert opened.model.rowCount() == 0
    assert not opened.add_box.isEnabled()
