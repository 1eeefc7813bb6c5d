"""The Summary tab's lower half: the latest payments and the open tasks, at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QTableView, QVBoxLayout, QWidget

from caseworker.services.files import FileDetail
from caseworker.ui.tabs.account_models import PaymentsModel
from caseworker.ui.tabs.tasks import TasksModel
from caseworker.ui.widgets.table import table_view

RECENT_PAYMENTS = 8


class RecentPaymentsModel(PaymentsModel):
    """The latest payments (and reversals), newest first."""

    EMPTY = "No payment has been received on this file."


class OpenTasksModel(TasksModel):
    """The tasks not done yet, soonest first; an overdue one is red."""

    EMPTY = "No open task: nothing is brought forward on this file."


def _box(title: str, view: QTableView, parent: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    QVBoxLayout(box).addWidget(view)
    return box


class RecentActivity(QWidget):
    """Two boxes side by side: Latest payments, Open tasks (the whole lists are on the
    Account and Tasks tabs)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.payments = RecentPaymentsModel(self)
        self.tasks = OpenTasksModel(self)
        self.payments_view = table_view(self.payments, self, sortable=False)
        self.payments_view.setObjectName("summary_payments_view")
        self.tasks_view = table_view(self.tasks, self, sortable=False)
        self.tasks_view.setObjectName("summary_tasks_view")
        for view, hidden in ((self.payments_view, (PaymentsModel.COL_REFERENCE,)),
                             (self.tasks_view, (TasksModel.COL_KIND, TasksModel.COL_ASSIGNED,
                                                 TasksModel.COL_DONE))):
            for column in hidden:
                view.setColumnHidden(column, True)
        self.payments_box = _box("Latest payments", self.payments_view, self)
        self.tasks_box = _box("Open tasks", self.tasks_view, self)

    def set_file(self, detail: FileDetail | None) -> None:
        payments = detail.account.payments if detail else ()
        latest = sorted(payments, key=lambda p: (p.received, p.seq), reverse=True)
        self.payments.set_rows(latest[:RECENT_PAYMENTS])
        tasks = detail.tasks if detail else ()
        self.tasks.set_rows(sorted((t for t in tasks if t.done_on is None), key=lambda t: t.due))
