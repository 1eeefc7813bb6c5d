"""Coloured badges for file flags and for a protected address."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from caseworker.ui.widgets.format import label

# Family violence and safety risk are the ones an officer must never miss: red and orange.
FLAG_COLOURS = {
    "family_violence": ("#b3261e", "#ffffff"),
    "safety_risk": ("#c25e00", "#ffffff"),
    "bankruptcy": ("#5b4a9e", "#ffffff"),
    "deceased": ("#3c3c3c", "#ffffff"),
}
OTHER_COLOURS = ("#dde3ea", "#1d2a36")
PROTECTED = ("#b3261e", "#ffffff")


class Badge(QLabel):
    """A small rounded label with its own colours."""

    def __init__(self, text: str, colours: tuple[str, str] = OTHER_COLOURS,
                 parent: QWidget | None = None):
        super().__init__(text, parent)
        background, foreground = colours
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                           "border-radius: 4px; padding: 1px 6px; font-weight: 600; }")


def flag_badge(flag: str, parent: QWidget | None = None) -> Badge:
    """The badge of one file flag (family violence in red)."""
    badge = Badge(label(flag), FLAG_COLOURS.get(flag, OTHER_COLOURS), parent)
    badge.setObjectName(f"flag_{flag}")
    return badge


def protected_badge(parent: QWidget | None = None) -> Badge:
    """The mark on an address that must never reach the other party."""
    badge = Badge("Protected address", PROTECTED, parent)
    badge.setObjectName("protected_badge")
    badge.setToolTip("Family violence: never disclose this address to the other party")
    return badge


class BadgeRow(QWidget):
    """A row of flag badges, rebuilt for each file."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)

    def set_flags(self, flags: Iterable[str]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for flag in flags:
            self._layout.addWidget(flag_badge(flag, self))

    def flags(self) -> list[str]:
        """The flags shown now (for tests and accessibility)."""
        return [self._layout.itemAt(i).widget().objectName().removeprefix("flag_")
                for i in range(self._layout.count())]
