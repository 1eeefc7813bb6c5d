"""When someone else saved a record first: both versions side by side, and the user decides."""

from __future__ import annotations

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

from caseworker.services.editing import save_edit
from caseworker.services.errors import ServiceError, StaleRecord
from caseworker.ui import messages
from caseworker.ui.dialogs.form import first_upper
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import label

DIFFERENT = QColor("#fff3cd")  # a soft amber: the eye finds the rows that differ


def shown_value(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class StaleDialog(QDialog):
    """Field, your version, saved version; "Keep saved version" or "Overwrite with mine"."""

    title = "Changed by Someone Else"

    def __init__(self, ctx: AppContext, error: StaleRecord, *, kind: str, row_id: int,
                 case_id: int, changes: dict, parent: QWidget | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind, self.row_id, self.case_id = kind, row_id, case_id
        self.changes = dict(changes)
        self.today = today or date.today()
        self.new_version: int | None = None
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

    def show_versions(self, error: StaleRecord) -> None:
        self.error = error
        self.explain.setText(
            f"{first_upper(str(error))}<br>Rows in colour differ. Keep the saved version, or "
            "overwrite it with yours on purpose.")
        names = sorted(set(error.mine) | set(error.theirs),
                       key=lambda n: (error.mine.get(n) == error.theirs.get(n), n))
        self.table.setRowCount(len(names))
        bold = QFont()
        bold.setBold(True)
        for r, name in enumerate(names):
            mine, theirs = error.mine.get(name), error.theirs.get(name)
            cells = (label(name), shown_value(mine), shown_value(theirs))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if mine != theirs:
                    item.setBackground(QBrush(DIFFERENT))
                    item.setFont(bold)
                    item.setToolTip("Your version and the saved version differ here.")
                self.table.setItem(r, c, item)

    def differing(self) -> list[str]:
        """Fields where the two versions differ (what an overwrite would change)."""
        return [n for n in self.error.mine if self.error.mine.get(n) != self.error.theirs.get(n)]

    def overwrite_with_mine(self) -> None:
        try:
            self.new_version = self.ctx.db.run(lambda session: save_edit(
                session, actor=self.ctx.actor, kind=self.kind, row_id=self.row_id,
                version=self.error.version, changes=self.changes, case_id=self.case_id,
                today=self.today))
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
        hub.status_message.emit(f"Your version of the {self.kind} was saved over the other.")
        self.accept()


def save_checked(parent: QWidget | None, ctx: AppContext, *, kind: str, row_id: int,
                 version: int, changes: dict, case_id: int,
                 today: date | None = None) -> int | None:
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
                             changes=changes, parent=parent, today=today)
        dialog.exec()
        return dialog.new_version
    ctx.hub.case_changed.emit(case_id)
    ctx.hub.record_changed.emit(case_id)
    ctx.hub.caseload_changed.emit()
    return new_version
