"""The Account tab's explanation pane: where one statement line comes from."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from caseworker.services.explain import Explanation
from caseworker.ui.tabs.account_models import LinksModel
from caseworker.ui.widgets.format import money
from caseworker.ui.widgets.table import table_view

HINT = ("Select a statement line and press <b>Explain</b> (or double-click it) to see "
        "where it comes from: its term and order, or its payment, and what paid what.")


def _label(parent: QWidget, name: str) -> QLabel:
    widget = QLabel(parent)
    widget.setObjectName(name)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return widget


class ExplainPane(QWidget):
    """Title, facts, the allocations table and what is left, for the line explained last."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("explain_pane")
        self.explanation: Explanation | None = None
        self.title = _label(self, "explain_title")
        self.facts = _label(self, "explain_facts")
        self.caption = _label(self, "explain_caption")
        self.links = LinksModel(self)
        self.links_view = table_view(self.links, self, sortable=False)
        self.links_view.setObjectName("explain_links")
        self.links_view.setSizePolicy(QSizePolicy.Policy.Expanding,
                                      QSizePolicy.Policy.Expanding)
        self.remainder = _label(self, "explain_remainder")
        self.notes = _label(self, "explain_notes")
        self.notes.setStyleSheet("color: #4b5563;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(QLabel("<b>Explain</b>", self))
        for widget in (self.title, self.facts, self.caption):
            layout.addWidget(widget)
        layout.addWidget(self.links_view, 1)
        layout.addWidget(self.remainder)
        layout.addWidget(self.notes)
        layout.addStretch()   # takes the room when there is no table to show
        self.show_explanation(None)

    def show_explanation(self, explanation: Explanation | None) -> None:
        """Show one explanation, or the hint when there is none."""
        self.explanation = explanation
        has = explanation is not None
        for widget in (self.facts, self.caption, self.links_view, self.remainder, self.notes):
            widget.setVisible(has)
        if explanation is None:
            self.title.setText(HINT)
            self.links.set_rows(())
            return
        self.title.setText(f"<b>{escape(explanation.title)}</b>")
        rows = "".join(f"<tr><td style='color:#4b5563; padding-right:8px'>{escape(k)}</td>"
                       f"<td>{escape(v)}</td></tr>" for k, v in explanation.facts)
        self.facts.setText(f"<table>{rows}</table>")
        self.caption.setText(f"<b>{escape(explanation.links_caption)}</b>"
                             + ("" if explanation.links else " — none"))
        self.caption.setVisible(bool(explanation.links_caption))
        self.links.set_rows(explanation.links)
        self.links_view.setVisible(bool(explanation.links))
        if explanation.remainder is not None:
            caption, amount = explanation.remainder
            self.remainder.setText(f"{escape(caption)}: <b>{money(amount)}</b>")
        self.remainder.setVisible(explanation.remainder is not None)
        self.notes.setText("<br>".join(escape(n) for n in explanation.notes))
        self.notes.setVisible(bool(explanation.notes))
