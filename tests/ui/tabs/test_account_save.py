"""Save statement…: the ledger's text rendering or its exact JSON, where the officer says."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from caseworker.ledger.text import money
from caseworker.ui.tabs.account import JSON_FILTER, TEXT_FILTER
from tests.conftest import SAMPLE_FILE_NO


@pytest.fixture
def save_as(monkeypatch):
    """Answer the save dialog with a path and a filter; remembers what it was offered."""
    asked: dict = {}

    def answer(path: str, chosen: str):
        def dialog(parent, caption, suggested, filters):
            asked.update(caption=caption, suggested=suggested, filters=filters)
            return path, chosen
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
        return asked
    return answer


def test_saving_as_text_writes_the_file_number_and_the_total(qtbot, account, expected,
                                                             save_as, tmp_path):
    target = tmp_path / "statement.txt"
    save_as(str(target), TEXT_FILTER)
    qtbot.mouseClick(account.save_button, Qt.MouseButton.LeftButton)
    text = target.read_text(encoding="utf-8")
    assert SAMPLE_FILE_NO in text
    total = money(expected["totals"]["total_owing"])
    assert any(line.startswith("  TOTAL OWING") and line.endswith(total)
               for line in text.splitlines())


def test_saving_as_json_writes_exactly_the_statement(qtbot, account, expected, save_as,
                                                     tmp_path):
    target = tmp_path / "statement.json"
    save_as(str(target), JSON_FILTER)
    qtbot.mouseClick(account.save_button, Qt.MouseButton.LeftButton)
    assert json.loads(target.read_text(encoding="utf-8")) == expected


def test_a_name_without_extension_takes_the_chosen_filters(qtbot, account, save_as, tmp_path):
    save_as(str(tmp_path / "for-court"), JSON_FILTER)
    qtbot.mouseClick(account.save_button, Qt.MouseButton.LeftButton)
    saved = json.loads((tmp_path / "for-court.json").read_text(encoding="utf-8"))
    assert Decimal(saved["totals"]["total_owing"]) == dict(
        account.current.totals)["total_owing"]


def test_the_dialog_suggests_a_name_with_the_file_number_and_date(qtbot, account, save_as):
    asked = save_as("", TEXT_FILTER)   # the officer cancels
    qtbot.mouseClick(account.save_button, Qt.MouseButton.LeftButton)
    assert asked["suggested"].endswith(
        f"{SAMPLE_FILE_NO}-statement-{account.current.as_of.isoformat()}.txt")
    assert asked["filters"] == f"{TEXT_FILTER};;{JSON_FILTER}"


def test_saving_says_where_in_the_status_bar(qtbot, account, sample_context, save_as,
                                             tmp_path):
    save_as(str(tmp_path / "s.txt"), TEXT_FILTER)
    with qtbot.waitSignal(sample_context.hub.status_message) as said:
        qtbot.mouseClick(account.save_button, Qt.MouseButton.LeftButton)
    assert said.args == [f"Saved the statement of {SAMPLE_FILE_NO} to {tmp_path / 's.txt'}"]
