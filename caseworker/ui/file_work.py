"""Opens the dialogs that change a file (intake, edits, orders, money, arrangements...).

The main window connects actions to these slots; each dialog does its own saving through
the services and broadcasts what changed on the hub, so nothing else needs calling here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QWidget

from caseworker.ui import messages
from caseworker.ui.dialogs.approvals import ApprovalsDialog
from caseworker.ui.dialogs.arrangement import ArrangementDialog
from caseworker.ui.dialogs.edit_file import EditFileDialog
from caseworker.ui.dialogs.edit_person import EditPersonDialog
from caseworker.ui.dialogs.intake import IntakeDialog
from caseworker.ui.dialogs.order import OrderDialog
from caseworker.ui.dialogs.payment import AdjustmentDialog, PostPaymentDialog, ReversePaymentDialog
from caseworker.ui.hub import AppContext
from caseworker.ui.notices.batch_dialog import BatchDialog
from caseworker.ui.notices.issue_dialog import IssueDialog

# Action name -> (dialog class, needs an open file, right the actor must have).
DIALOGS: dict[str, tuple[type[QDialog], bool, str]] = {
    "register_file": (IntakeDialog, False, "edit_file"),
    "edit_file": (EditFileDialog, True, "edit_file"),
    "edit_party": (EditPersonDialog, True, "edit_file"),
    "enter_order": (OrderDialog, True, "edit_file"),
    "post_payment": (PostPaymentDialog, True, "post_money"),
    "reverse_payment": (ReversePaymentDialog, True, "post_money"),
    "adjust_account": (AdjustmentDialog, True, "post_money"),
    "arrangement": (ArrangementDialog, True, "edit_file"),
    "approvals": (ApprovalsDialog, False, "approve"),
    "issue_notice": (IssueDialog, True, "issue_notice"),
    "batch_notice": (BatchDialog, False, "issue_notice"),
}


def selected_payment_id(view: QAbstractItemView) -> int | None:
    """The payment selected in the Account tab's payments table, if any (for a reversal)."""
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        return None
    index, model = indexes[0], view.model()
    if isinstance(model, QSortFilterProxyModel):
        index, model = model.mapToSource(index), model.sourceModel()
    return model.row_at(index.row()).id


class FileWork(QObject):
    """Builds each action's dialog for the open file (and the selected payment or person)."""

    def __init__(self, ctx: AppContext, window: QWidget, current_case: Callable[[], int | None],
                 selected_payment: Callable[[], int | None],
                 selected_cases: Callable[[], list[int]],
                 selected_person: Callable[[], int | None] = lambda: None):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.current_case = current_case
        self.selected_payment = selected_payment
        self.selected_cases = selected_cases
        self.selected_person = selected_person

    def allowed(self, name: str, case_open: bool) -> bool:
        _cls, needs_file, right = DIALOGS[name]
        return self.ctx.actor.may(right) and (case_open or not needs_file)

    def dialog(self, name: str) -> QDialog | None:
        """The dialog for an action, or None when it cannot open now."""
        cls, needs_file, _right = DIALOGS[name]
        case_id = self.current_case()
        if not self.allowed(name, case_id is not None):
            return None
        if cls is BatchDialog:
            chosen = self.selected_cases()
            if not chosen:
                messages.info(self.window, "Issue Notices",
                              "Select the files in the queue first (Ctrl+click, Shift+click).")
                return None
            return cls(self.ctx, chosen, self.window)
        if not needs_file:
            return cls(self.ctx, self.window)
        if cls is EditPersonDialog:
            person_id = self.selected_person()
            if person_id is None:
                messages.info(self.window, "Edit Party",
                              "Select the person on the Parties tab first.")
                return None
            return cls(self.ctx, case_id, person_id, self.window)
        if cls is ReversePaymentDialog:
            return cls(self.ctx, case_id, self.selected_payment(), self.window)
        return cls(self.ctx, case_id, self.window)

    def open(self, name: str) -> None:
        dialog = self.dialog(name)
        if dialog is not None:
            dialog.exec()
