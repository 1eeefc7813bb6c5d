"""Every menu and keyboard action of the main window, built in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class ActionSpec:
    """What an action looks like: label, icon, shortcuts and the status-bar tip."""

    name: str
    text: str
    icon: QStyle.StandardPixmap | None
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
    ActionSpec("add_entry", "Add Running-Record &Entry", SP.SP_FileDialogNewFolder,
               ("Ctrl+Shift+N",), "Write a new entry in the open file's running record"),
    ActionSpec("next_file", "&Next File", SP.SP_ArrowDown, ("Ctrl+Down", "Alt+Down"),
               "Open the next file in the queue"),
    ActionSpec("previous_file", "&Previous File", SP.SP_ArrowUp, ("Ctrl+Up", "Alt+Up"),
               "Open the previous file in the queue"),
    ActionSpec("toggle_record_order", "Reverse Record &Order", SP.SP_BrowserReload,
               ("Ctrl+Shift+R",), "Show the running record oldest first, or newest first"),
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
            action.setIcon(style.standardIcon(spec.icon))
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setStatusTip(spec.tip)
        action.setToolTip(_tooltip(spec))
        action.setCheckable(spec.checkable)
        actions[spec.name] = action
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    return actions


def update_actions(actions: dict[str, QAction], *, case_open: bool, queue_rows: int,
                   may_write_record: bool) -> None:
    """Enable what makes sense now: file actions need an open file, moving needs a queue."""
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
