"""Every menu and keyboard action of the main window, built in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

SP = QStyle.StandardPixmap
# Actions that open a dialog changing a file (see caseworker/ui/file_work.py).
WORK_ACTIONS = ("register_file", "edit_file", "edit_party", "enter_order", "post_payment",
                "reverse_payment", "adjust_account", "arrangement", "approvals", "issue_notice",
                "batch_notice")


@dataclass(frozen=True)
class ActionSpec:
    """What an action looks like: label, icon, shortcuts and the status-bar tip."""

    name: str
    text: str
    # One of the style's pictures, or several drawn side by side in one icon.
    icon: QStyle.StandardPixmap | tuple[QStyle.StandardPixmap, ...] | None
    shortcuts: tuple[str | QKeySequence.StandardKey, ...]
    tip: str
    checkable: bool = False


SPECS = (
    ActionSpec("open_file", "&Open File by Number…", SP.SP_DirOpenIcon, ("Ctrl+O",),
               "Open a file by typing its number"),
    ActionSpec("focus_search", "&Search the Queue", SP.SP_FileDialogContentsView, ("Ctrl+L",),
               "Put the cursor in the queue's search box"),
    ActionSpec("refresh", "&Refresh", SP.SP_BrowserReload, ("F5",),
               "Read the queue and the open file again from the database"),
    # A new page in the record (a folder is a case file: Open File, Register New File).
    ActionSpec("add_entry", "Add Running-Record &Entry", SP.SP_FileIcon,
               ("Ctrl+Shift+N",), "Write a new entry in the open file's running record"),
    ActionSpec("next_file", "&Next File", SP.SP_ArrowDown, ("Ctrl+Down", "Alt+Down"),
               "Open the next file in the queue"),
    ActionSpec("previous_file", "&Previous File", SP.SP_ArrowUp, ("Ctrl+Up", "Alt+Up"),
               "Open the previous file in the queue"),
    ActionSpec("toggle_record_order", "Reverse Record &Order", (SP.SP_ArrowUp, SP.SP_ArrowDown),
               ("Ctrl+Shift+R",), "Show the running record oldest first, or newest first"),
    ActionSpec("register_file", "&Register New File…", SP.SP_FileDialogNewFolder, ("Ctrl+N",),
               "Open a new file: parties, program, flags and the court order"),
    ActionSpec("edit_file", "Edit File &Details…", SP.SP_FileDialogDetailedView, ("Ctrl+E",),
               "Change the open file's status, team, officer and flags"),
    ActionSpec("edit_party", "Edit Part&y…", SP.SP_FileDialogInfoView, (),
               "Change the name, address and telephone of the person selected on the "
               "Parties tab"),
    ActionSpec("enter_order", "Enter &Order or Variation…", SP.SP_FileDialogDetailedView,
               ("Ctrl+Shift+O",), "Enter a court order or a variation of one on the open file"),
    ActionSpec("post_payment", "&Post Payment…", SP.SP_DialogApplyButton, ("Ctrl+Shift+P",),
               "Record money received for the open file"),
    ActionSpec("reverse_payment", "Re&verse Payment…", SP.SP_DialogCancelButton,
               ("Ctrl+Shift+V",), "Reverse a payment that did not clear (NSF), with the reason"),
    ActionSpec("adjust_account", "&Adjust Account…", SP.SP_DialogResetButton, ("Ctrl+Shift+J",),
               "Credit or charge the open file's account, with the reason"),
    ActionSpec("arrangement", "Payment Arran&gement…", SP.SP_FileDialogInfoView,
               ("Ctrl+Shift+G",), "Project and record a payment arrangement with the payor"),
    ActionSpec("approvals", "Appro&vals…", SP.SP_DialogYesButton, ("Ctrl+Shift+A",),
               "Approve or refuse reversals and adjustments waiting for a supervisor"),
    ActionSpec("issue_notice", "&Issue Notice…", SP.SP_FileDialogStart, ("Ctrl+Shift+I",),
               "Choose a notice for the open file, preview it and issue it"),
    ActionSpec("batch_notice", "Issue Notice to &Selected Files…", SP.SP_FileDialogListView,
               ("Ctrl+Shift+B",), "Issue one notice to every file selected in the queue"),
    ActionSpec("quit", "&Quit", SP.SP_DialogCloseButton, ("Ctrl+Q",), "Close Caseworker"),
    ActionSpec("about", "&About Caseworker", SP.SP_MessageBoxInformation, (),
               "The program's version and the open database"),
)


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """One QAction per spec, owned by `parent` (the main window), keyed by name."""
    style = parent.style()
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.name}")
        if spec.icon is not None:
            action.setIcon(_icon(style, spec.icon))
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setStatusTip(spec.tip)
        action.setToolTip(_tooltip(spec))
        action.setCheckable(spec.checkable)
        actions[spec.name] = action
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    return actions


def _icon(style: QStyle, icon: QStyle.StandardPixmap | tuple[QStyle.StandardPixmap, ...]
          ) -> QIcon:
    """The style's picture, or its pictures side by side (up and down: reverse the order)."""
    if not isinstance(icon, tuple):
        return style.standardIcon(icon)
    combined = QIcon()
    for size in (16, 22, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        width = size // len(icon)
        for i, part in enumerate(icon):
            style.standardIcon(part).paint(painter, QRect(i * width, 0, width, size))
        painter.end()
        combined.addPixmap(pixmap)
    return combined


def update_actions(actions: dict[str, QAction], *, case_open: bool, queue_rows: int,
                   may_write_record: bool,
                   allowed: Callable[[str, bool], bool] | None = None) -> None:
    """Enable what makes sense now: file actions need an open file, moving needs a queue,
    and work on a file needs the role's right (`allowed(name, case_open)`)."""
    if allowed is not None:
        for name in WORK_ACTIONS:
            actions[name].setEnabled(allowed(name, case_open))
    actions["add_entry"].setEnabled(case_open and may_write_record)
    actions["next_file"].setEnabled(queue_rows > 0)
    actions["previous_file"].setEnabled(queue_rows > 0)
    actions["toggle_record_order"].setEnabled(case_open)


def _tooltip(spec: ActionSpec) -> str:
    label = spec.text.replace("&", "").rstrip("…")
    if not spec.shortcuts:
        return label
    keys = QKeySequence(spec.shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)
    return f"{label} ({keys})"
