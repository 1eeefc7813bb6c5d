"""What the forms that edit saved records share: only changes are sent, with their versions."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from caseworker.services.editing import Edit
from caseworker.ui import errors
from caseworker.ui.dialogs.form import FormDialog

NOTHING_CHANGED = "Nothing has been changed yet."


def differs(loaded: object, now: object) -> bool:
    """Whether a field was edited: an empty text and no value at all are the same thing."""
    def plain(value: object) -> object:
        if value is None:
            return ""
        return value.strip() if isinstance(value, str) else value

    return plain(loaded) != plain(now)


class EditDialog(FormDialog):
    """A form over records loaded with their versions; Save waits until something changed.

    A subclass builds its fields, sets `case_id`, calls `finish_layout` and then
    `ready()`; it gives `edits()` (only the records with changes) and `save(edits)`
    (through `save_checked` or `save_all_checked`, which show a stale save).
    """

    case_id: int = 0
    saved_text = "Saved."
    _ready = False

    def ready(self) -> None:
        """The fields hold the loaded values: from now on an edit counts as a change."""
        self._ready = True
        self.update_ok()

    def edits(self) -> list[Edit]:
        raise NotImplementedError

    def save(self, edits: list[Edit]) -> object | None:
        """Save; None when the user kept the version someone else saved meanwhile."""
        raise NotImplementedError

    def update_ok(self) -> None:
        super().update_ok()
        if not self._ready:
            self.ok_button.setEnabled(False)
        elif self.ok_button.isEnabled() and not self.edits():
            self.ok_button.setEnabled(False)
            self.ok_button.setToolTip(NOTHING_CHANGED)

    def accept(self) -> None:
        if not self._ready or self.form.missing():
            return
        edits = self.edits()
        if not edits:
            return
        self.form.clear()
        done, result = errors.attempt(self, self.title, lambda: self.save(edits),
                                      invalid=self.show_error)
        if not done:
            return
        if result is None:
            # The user kept what someone else saved: every panel shows that version now.
            self.announce(self.case_id, "Kept the version someone else saved; yours was not "
                          "saved.")
            QDialog.reject(self)
            return
        self.ctx.hub.status_message.emit(self.saved_text)
        QDialog.accept(self)
