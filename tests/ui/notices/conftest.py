"""Helpers for the notice screens: shown dialogs, keyboard choices, clicks and PDF text."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt


def pick(qtbot, combo, data: str) -> None:
    """Choose the combo-box item holding `data` with the arrow keys, as from the keyboard."""
    combo.setFocus()
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def choose(qtbot, dialog, kind: str, to: str, **extra: str) -> None:
    """Pick the notice kind, the addressee and any of the kind's options (by their data)."""
    pick(qtbot, dialog.choice.kind, kind)
    pick(qtbot, dialog.choice.to, to)
    for name, value in extra.items():
        pick(qtbot, getattr(dialog.choice, name), value)


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
