"""Editing a file's details: status, team, assigned officer and flags, saved with its version."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGridLayout, QLabel, QWidget

from caseworker.models import FLAGS
from caseworker.services import editing
from caseworker.services.editing import Edit
from caseworker.ui.dialogs.edit_base import EditDialog, differs
from caseworker.ui.dialogs.form import error_label, file_caption
from caseworker.ui.dialogs.stale import save_checked, shown_value
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import label

UNASSIGNED = "(unassigned)"


class EditFileDialog(EditDialog):
    """The file's status, team, officer and flags; a save someone else beat shows both versions."""

    title = "Edit File Details"
    saved_text = "File details saved."

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(ctx, parent, today=today)
        self.case_id = case_id
        with ctx.db.reader() as session:
            self.loaded = editing.load(session, kind="case", row_id=case_id, today=self.today)
        values = self.loaded.values
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        for code in self.loaded.statuses:
            self.status.addItem(label(code), code)
        self.status.setCurrentIndex(self.status.findData(values["status"]))
        # A team is typed or picked from those in use, so a new team needs no other screen.
        self.team = QComboBox(self)
        self.team.setObjectName("team")
        self.team.setEditable(True)
        self.team.addItems(self.loaded.teams)
        self.team.setCurrentText(values["team"] or "")
        self.officer = QComboBox(self)
        self.officer.setObjectName("officer")
        self.officer.addItem(UNASSIGNED, None)
        for user_id, name in self.loaded.officers:
            self.officer.addItem(name, user_id)
        if values["officer_id"] is not None and self.officer.findData(values["officer_id"]) < 0:
            # Assigned to someone no longer active: keep it, or the form starts out changed.
            self.officer.addItem("(no longer active)", values["officer_id"])
        self.officer.setCurrentIndex(max(self.officer.findData(values["officer_id"]), 0))
        if not ctx.actor.may("reassign"):
            self.officer.setEnabled(False)
            self.officer.setToolTip("Only a supervisor gives a file to another officer.")
        self.flags: dict[str, QCheckBox] = {}
        flag_box = QWidget(self)
        grid = QGridLayout(flag_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, flag in enumerate(FLAGS):
            box = QCheckBox(label(flag), flag_box)
            box.setObjectName(flag)
            box.setChecked(bool(values[flag]))
            self.flags[flag] = box
            grid.addWidget(box, index // 2, index % 2)
        flag_message = error_label(flag_box)
        grid.addWidget(flag_message, len(FLAGS) // 2 + 1, 0, 1, 2)
        for flag, box in self.flags.items():
            self.form.add(flag, box, label=flag_message)
        body = QFormLayout()
        body.addRow(QLabel(file_caption(ctx, case_id), self))
        body.addRow("&Status:", self.form.beside("status", self.status))
        body.addRow("&Team:", self.form.beside("team", self.team))
        body.addRow("&Officer:", self.form.beside("officer_id", self.officer))
        body.addRow("Flags:", flag_box)
        self.finish_layout(body)
        self.ready()
        self.status.setFocus()

    def values(self) -> dict[str, object]:
        """What the form holds now, by the service's field names."""
        now: dict[str, object] = {"status": self.status.currentData(),
                                  "team": self.team.currentText().strip() or None,
                                  "officer_id": self.officer.currentData()}
        now.update({flag: box.isChecked() for flag, box in self.flags.items()})
        return now

    def edits(self) -> list[Edit]:
        changed = {name: value for name, value in self.values().items()
                   if differs(self.loaded.values[name], value)}
        return [Edit("case", self.case_id, self.loaded.version, changed)] if changed else []

    def shown(self, name: str, value: object) -> str:
        """A value as the comparison shows it: officers by name, statuses in words."""
        if name == "officer_id":
            return dict(self.loaded.officers).get(value, UNASSIGNED) if value else UNASSIGNED
        if name == "status":
            return label(value)
        return shown_value(value)

    def save(self, edits: list[Edit]) -> int | None:
        (edit,) = edits
        return save_checked(self, self.ctx, kind="case", row_id=self.case_id,
                            version=edit.version, changes=dict(edit.changes),
                            case_id=self.case_id, today=self.today, shown=self.shown)
