"""When someone else saved a record first: both versions side by side, and the user decides."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.editing import Edit, save_edit, save_edits
from caseworker.services.errors import ServiceError, StaleRecord
from caseworker.ui import messages
from caseworker.ui.dialogs.form import first_upper
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import label

DIFFERENT = QColor("#fff3cd")  # a soft amber: the eye finds the rows that differ
# Column names that read badly as words; the rest go through `label`.
CAPTIONS = {"officer_id": "Officer", "assigned_to": "Assigned to", "line1": "Address line 1",
            "line2": "Address line 2", "valid_to": "Valid until", "kind": "Kind"}
Shown = Callable[[str, object], str]


def shown_value(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def caption(name: str) -> str:
    """A field as the user knows it: `team` -> `Team`, `address.city` -> `Address city`."""
    kind, _, field = name.rpartition(".")
    text = CAPTIONS.get(field) or label(field)
    if kind and not text.lower().startswith(kind):
        text = f"{label(kind)} {text[:1].lower()}{text[1:]}" if kind != "person" else text
    return text


class StaleDialog(QDialog):
    """Field, your version, saved version; "Keep saved version" or "Overwrite with mine"."""

    title = "Changed by Someone Else"

    def __init__(self, ctx: AppContext, error: StaleRecord, *, case_id: int,
                 kind: str = "", row_id: int = 0, changes: dict | None = None,
                 edits: Sequence[Edit] | None = None, parent: QWidget | None = None,
                 today: date | None = None, shown: Shown | None = None):
        """One record (`kind`, `row_id`, `changes`) or several saved together (`edits`)."""
        super().__init__(parent)
        self.ctx = ctx
        self.kind, self.row_id, self.case_id = kind, row_id, case_id
        self.changes = dict(changes or {})
        self.edits = list(edits) if edits is not None else None
        self.today = today or date.today()
        self.shown = shown or (lambda _name, value: shown_value(value))
        self.new_version: int | None = None
        self.new_versions: list[int] | None = None
        self.setWindowTitle(self.title)
        self.setMinimumSize(600, 340)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("versions")
        self.table.setHorizontalHeaderLabels(("Field", "Your version", "Saved version"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(self)
        self.keep = QPushButton("&Keep saved version", self)
        self.keep.setObjectName("keep")
        self.overwrite = QPushButton("&Overwrite with mine", self)
        self.overwrite.setObjectName("overwrite")
        # Keeping what is saved loses nothing of anyone's, so it is the default (and Escape).
        buttons.addButton(self.keep, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.overwrite, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep.setDefault(True)
        self.keep.clicked.connect(self.reject)
        self.overwrite.clicked.connect(self.overwrite_with_mine)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.show_versions(error)
        self.keep.setFocus()  # not the table: its first cell would look chosen

    def show_versions(self, error: StaleRecord) -> None:
        self.error = error
        self.explain.setText(
            f"{first_upper(str(error))}<br>Rows in colour differ. Keep the saved version, or "
            "overwrite it with yours on purpose." + self._held_back(error))
        names = sorted(set(error.mine) | set(error.theirs),
                       key=lambda n: (error.mine.get(n) == error.theirs.get(n), n))
        self.table.setRowCount(len(names))
        bold = QFont()
        bold.setBold(True)
        for r, name in enumerate(names):
            mine, theirs = error.mine.get(name), error.theirs.get(name)
            cells = (caption(name), self.shown(name, mine), self.shown(name, theirs))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if mine != theirs:
                    item.setBackground(QBrush(DIFFERENT))
                    item.setFont(bold)
                    item.setToolTip("Your version and the saved version differ here.")
                self.table.setItem(r, c, item)
        # Tall enough to show every field at once (a file has eleven), within reason.
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        wanted = (rows + self.table.horizontalHeader().sizeHint().height()
                  + self.explain.heightForWidth(self.minimumWidth() - 24) + 80)
        self.resize(self.width(), max(self.height(), min(wanted, 720)))

    def _held_back(self, error: StaleRecord) -> str:
        """Saved together, the user's changes to records nobody else touched go or stay with
        the rest: say which, since the table does not list them."""
        stale = getattr(error, "versions", {})
        others = [caption(f"{e.kind}.{name}") for e in self.edits or ()
                  if (e.kind, e.row_id) not in stale for name in e.changes]
        if not others:
            return ""
        return ("<br>Your other changes are saved only if you overwrite: " + ", ".join(others)
                + ".")

    def differing(self) -> list[str]:
        """Fields where the two versions differ (what an overwrite would change)."""
        return [n for n in self.error.mine if self.error.mine.get(n) != self.error.theirs.get(n)]

    def overwrite_with_mine(self) -> None:
        try:
            self.new_versions = self.ctx.db.run(self._save_mine)
        except StaleRecord as again:
            # A third save came in while this was open: show the newest saved version.
            self.show_versions(again)
            return
        except ServiceError as exc:
            messages.error(self, self.title, first_upper(str(exc)))
            return
        hub = self.ctx.hub
        hub.case_changed.emit(self.case_id)
        hub.record_changed.emit(self.case_id)
        hub.caseload_changed.emit()
        self.new_version = self.new_versions[0]
        what = f"the {self.kind}" if self.edits is None else "the record"
        hub.status_message.emit(f"Your version of {what} was saved over the other.")
        self.accept()

    def _save_mine(self, session) -> list[int]:
        if self.edits is None:
            return [save_edit(session, actor=self.ctx.actor, kind=self.kind,
                              row_id=self.row_id, version=self.error.version,
                              changes=self.changes, case_id=self.case_id, today=self.today)]
        # Every record at the version just shown; a record nobody else touched keeps its own.
        # Kept rebased: if a third save makes another record stale, those already shown stay
        # overwritten on purpose (rebasing again on the same versions changes nothing).
        self.edits = self.error.rebase(self.edits)
        return save_edits(session, actor=self.ctx.actor, edits=self.edits,
                          case_id=self.case_id, today=self.today)


def save_checked(parent: QWidget | None, ctx: AppContext, *, kind: str, row_id: int,
                 version: int, changes: dict, case_id: int, today: date | None = None,
                 shown: Shown | None = None) -> int | None:
    """Save an edit; if someone saved first, let the user compare and decide.

    Returns the new version, or None when the user kept the saved version. A
    ValidationError goes back to the caller's form (nothing was saved).
    """
    today = today or date.today()
    try:
        new_version = ctx.db.run(lambda session: save_edit(
            session, actor=ctx.actor, kind=kind, row_id=row_id, version=version,
            changes=changes, case_id=case_id, today=today))
    except StaleRecord as exc:
        dialog = StaleDialog(ctx, exc, kind=kind, row_id=row_id, case_id=case_id,
                             changes=changes, parent=parent, today=today, shown=shown)
        dialog.exec()
        return dialog.new_version
    _announce(ctx, case_id)
    return new_version


def save_all_checked(parent: QWidget | None, ctx: AppContext, *, edits: Sequence[Edit],
                     case_id: int, today: date | None = None,
                     shown: Shown | None = None) -> list[int] | None:
    """Save several records in one transaction, as `save_checked` saves one.

    A stale record among them saves none of them: the user sees both versions of
    each stale record, and "Overwrite with mine" saves them all together again.
    Returns the new versions in the order of `edits`, or None when the user kept
    the saved versions. Field names are qualified by kind (`address.line1`).
    """
    today = today or date.today()
    try:
        new_versions = ctx.db.run(lambda session: save_edits(
            session, actor=ctx.actor, edits=edits, case_id=case_id, today=today))
    except StaleRecord as exc:
        dialog = StaleDialog(ctx, exc, case_id=case_id, edits=edits, parent=parent,
                             today=today, shown=shown)
        dialog.exec()
        return dialog.new_versions
    _announce(ctx, case_id)
    return new_versions


def _announce(ctx: AppContext, case_id: int) -> None:
    ctx.hub.case_changed.emit(case_id)
    ctx.hub.record_changed.emit(case_id)
    ctx.hub.caseload_changed.emit()
