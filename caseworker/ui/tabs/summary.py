"""The Summary tab: the file at a glance (who, what is owed, what happens next)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from caseworker.services.files import FileDetail, Summary
from caseworker.ui.tabs.summary_recent import RecentActivity
from caseworker.ui.widgets.format import day, label, money

# (field, caption) for each box of the tab, in reading order.
FILE_FIELDS = (("file_no", "File"), ("status", "Status"), ("officer", "Officer"),
               ("team", "Team"), ("policy", "Program"), ("opened", "Opened"))
PEOPLE_FIELDS = (("payors", "Payor"), ("recipients", "Recipient"), ("children", "Children"))
MONEY_FIELDS = (("monthly_support", "Monthly support"), ("total_owing", "Total owing"),
                ("arrears", "Arrears"), ("last_payment", "Last payment"),
                ("as_of", "Figures as of"))
NEXT_FIELDS = (("next_task", "Next task"), ("stays", "Active stays"),
               ("enforcement", "Active enforcement"))


def _values(s: Summary) -> dict[str, str]:
    """What each field says for one file."""
    not_computed = "not yet calculated"
    task = s.next_task
    return {
        "file_no": s.file_no, "status": label(s.status), "officer": s.officer or "unassigned",
        "team": s.team or "", "policy": s.policy,
        "opened": day(s.opened_on) + (f", closed {day(s.closed_on)}" if s.closed_on else ""),
        "payors": ", ".join(s.payors), "recipients": ", ".join(s.recipients),
        "children": ", ".join(s.children) or "none",
        "monthly_support": money(s.monthly_support) if s.balance_as_of else not_computed,
        "total_owing": money(s.total_owing) if s.balance_as_of else not_computed,
        "arrears": money(s.arrears) if s.balance_as_of else not_computed,
        "last_payment": day(s.last_payment_on) or "none received",
        "as_of": day(s.balance_as_of) or "never",
        "next_task": f"{day(task.due)}: {task.description}" if task else "none",
        "stays": "\n".join(f"{label(st.scope)} until {day(st.end) or 'further order'}: "
                           f"{st.reason}" for st in s.active_stays) or "none",
        "enforcement": "\n".join(f"{label(a.kind)} since {day(a.started)}"
                                 for a in s.active_actions) or "none",
    }


class SummaryTab(QWidget):
    """Four boxes of label/value pairs (every value is selectable text) above the latest
    payments and the open tasks."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.addWidget(self._box("File", FILE_FIELDS), 0, 0)
        grid.addWidget(self._box("People", PEOPLE_FIELDS), 0, 1)
        grid.addWidget(self._box("Account", MONEY_FIELDS), 1, 0)
        grid.addWidget(self._box("What comes next", NEXT_FIELDS), 1, 1)
        # The lower half: the latest payments and the open tasks.
        self.recent = RecentActivity(self)
        grid.addWidget(self.recent.payments_box, 2, 0)
        grid.addWidget(self.recent.tasks_box, 2, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def _box(self, title: str, fields: tuple[tuple[str, str], ...]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, caption in fields:
            value = QLabel(box)
            value.setObjectName(f"summary_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(caption, value)
        return box

    def set_file(self, detail: FileDetail | None) -> None:
        values = _values(detail.summary) if detail else {}
        for key, widget in self.values.items():
            widget.setText(values.get(key, ""))
        self.recent.set_file(detail)
        # Money figures that are owing stand out; a zero balance does not.
        owing = detail is not None and (detail.summary.arrears or 0) > 0
        self.values["arrears"].setStyleSheet("color: #b3261e; font-weight: 600;" if owing else "")
