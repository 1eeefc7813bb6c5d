"""The file view and running-record panel, loaded lazily, with a stand-in while one is missing."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from caseworker.ui.hub import AppContext


class Placeholder(QLabel):
    """Stands in for a panel that is not built yet; it still answers `show_case`."""

    def __init__(self, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._what = what
        self.case_id: int | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setText(f"Open a file from the queue to see its {what}.")

    def show_case(self, case_id: int) -> None:
        self.case_id = case_id
        self.setText(f"The {self._what} of file {case_id} will be shown here.")


def load_part(module: str, cls: str, ctx: AppContext, what: str) -> QWidget:
    """`caseworker.ui.<module>.<cls>(ctx)`, or a Placeholder until that module exists."""
    try:
        widget_class = getattr(importlib.import_module(f"caseworker.ui.{module}"), cls)
    except ModuleNotFoundError as exc:
        if exc.name != f"caseworker.ui.{module}":
            raise
        return Placeholder(what)
    return widget_class(ctx)
