"""Form plumbing shared by the dialogs: service field names mapped to widgets and their messages.

The services parse and validate everything; a form only passes text on and, when a
`ValidationError` comes back, shows its message in red beside the field it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.errors import ValidationError
from caseworker.ui import errors
from caseworker.ui.hub import AppContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ISO = "yyyy-MM-dd"
ERROR_STYLE = "color: #b00020;"
FRAME = QSize(16, 48)  # title bar and borders: unknown until shown, so allowed for


def error_label(parent: QWidget) -> QLabel:
    """The red message label that sits beside a field; hidden while it has nothing to say."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setMinimumWidth(160)
    label.setMaximumWidth(300)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class DateEdit(QDateEdit):
    """A QDateEdit that Tab leaves in one press, like any other field.

    A plain QDateEdit's Tab steps year -> month -> day, three stops per date; typing
    moves on to the next part by itself, and Left/Right still step between them."""

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt's name
        return QWidget.focusNextPrevChild(self, next_)


def date_edit(parent: QWidget, value: date | None = None) -> QDateEdit:
    """A date field with a calendar popup, shown and typed in ISO form."""
    edit = DateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(ISO)
    edit.setDate(QDate(value or date.today()))
    edit.setMaximumWidth(160)
    return edit


def iso(edit: QDateEdit) -> str:
    return edit.date().toString(Qt.DateFormat.ISODate)


def money_edit(parent: QWidget) -> QLineEdit:
    """An amount typed as text ("1,234.50"); the service reads it, never float."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText("0.00")
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setMaximumWidth(140)
    return edit


class OptionalDate(QWidget):
    """A date that may be left out (an open-ended term): a check box switches it on."""

    changed = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(caption, self)
        self.edit = date_edit(self)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        self.setMaximumWidth(self.sizeHint().width())  # keeps a message right beside it
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.setFocusProxy(self.check)

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value))

    def text(self) -> str:
        return iso(self.edit) if self.check.isChecked() else ""

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None


class DateText(QLineEdit):
    """A required date that starts empty: typed as yyyy-mm-dd (the dashes are there
    already), so Save waits until one is typed. A QDateEdit cannot be empty, and a
    default of today was easy to save by mistake."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setInputMask("0000-00-00;_")
        self.setMaximumWidth(160)
        self.setToolTip("Required: type the date as year-month-day (2015-03-01)")
        self.textChanged.connect(self.changed)

    def text(self) -> str:  # the form reads "" until a digit is typed, not "--"
        typed = super().text()
        return typed if any(c.isdigit() for c in typed) else ""

    def value(self) -> date | None:
        try:
            return date.fromisoformat(self.text())
        except ValueError:
            return None

    def set_value(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")


def value_of(widget: QWidget) -> str:
    """What a field holds, as the text a service reads ("" when empty or not chosen)."""
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            return widget.currentText().strip()
        data = widget.currentData()
        return "" if data is None else str(data)
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QDateEdit):
        return iso(widget)
    if isinstance(widget, OptionalDate):
        return widget.text()
    if isinstance(widget, QSpinBox):
        return "" if widget.value() == widget.minimum() and widget.specialValueText() else str(
            widget.value())
    raise TypeError(f"no value for {type(widget).__name__}")


def edited_signals(widget: QWidget) -> list:
    """The signals that mean the user changed the field."""
    if isinstance(widget, QLineEdit):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        return [widget.currentIndexChanged, widget.editTextChanged]
    if isinstance(widget, QPlainTextEdit):
        return [widget.textChanged]
    if isinstance(widget, QDateEdit):
        return [widget.dateChanged]
    if isinstance(widget, OptionalDate):
        return [widget.changed]
    if isinstance(widget, QSpinBox):
        return [widget.valueChanged]
    if isinstance(widget, QAbstractButton):
        return [widget.toggled]
    return []


@dataclass
class Field:
    """One named field: its editor, its message label and whether it must be filled."""

    editor: QWidget
    label: QLabel
    required: bool | Callable[[], bool]
    mark: bool = True  # an asterisk on its caption (not for a rule that is no "required")

    def filled(self) -> bool:
        if callable(self.required):
            return self.required()
        return not self.required or bool(value_of(self.editor))


REQUIRED = "*"


def mark(caption: QLabel) -> None:
    """`&Amount:` -> `&Amount *:` (once)."""
    if not is_marked(caption):
        text = caption.text()
        colon = ":" if text.endswith(":") else ""
        caption.setText(f"{text.removesuffix(':')} {REQUIRED}{colon}")


def required_caption(text: str) -> str:
    """A column caption of a required field: `Birth date *`."""
    return f"{text} {REQUIRED}"


def is_marked(caption: QLabel) -> bool:
    return caption.text().removesuffix(":").endswith(f" {REQUIRED}")


def _parent_name(name: str) -> str:
    """`terms[0].days` -> `terms[0]` -> `terms` -> ``: where a message goes when no field fits."""
    if "." in name:
        return name.rsplit(".", 1)[0]
    return re.sub(r"\[\d+\]$", "", name) if name.endswith("]") else ""


def readable(name: str) -> str:
    """`children[0].birth_date` -> `children 1 birth date`, for the Save button's tooltip."""
    name = re.sub(r"\[(\d+)\]", lambda m: f" {int(m.group(1)) + 1}", name)
    return name.replace(".", " ").replace("_", " ")


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


class Form(QObject):
    """Service field names -> editors and red labels; messages clear as soon as the user edits."""

    changed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.general = error_label(parent)
        self.general.setMaximumWidth(16777215)
        self.fields: dict[str, Field] = {}

    def add(self, name: str, editor: QWidget, *, required: bool | Callable[[], bool] = False,
            label: QLabel | None = None, mark: bool = True) -> QLabel:
        """Register a field; its message goes to `label` (a new one when not given)."""
        label = label or error_label(editor.parentWidget() or self.parent())
        self.fields[name] = Field(editor, label, required, mark)
        # Connected once per editor: rows renumber, so the name is looked up when edited.
        if not editor.property("formWatched"):
            editor.setProperty("formWatched", True)
            for signal in edited_signals(editor):
                signal.connect(lambda *_, e=editor: self._editor_touched(e))
        return label

    def _editor_touched(self, editor: QWidget) -> None:
        names = [n for n, f in self.fields.items() if f.editor is editor]
        for name in names:
            self.touched(name)
        if not names:  # a field no longer on the form still counts as an edit
            self.touched("")

    def beside(self, name: str, editor: QWidget, *,
               required: bool | Callable[[], bool] = False) -> QWidget:
        """The editor with its message label to its right, ready for a form layout."""
        box = QWidget(editor.parentWidget())
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        editor.setParent(box)
        narrow = editor.maximumWidth() < 16777215
        row.addWidget(editor, 0 if narrow else 1, Qt.AlignmentFlag.AlignLeft if narrow
                      else Qt.AlignmentFlag(0))
        label = error_label(box)
        row.addWidget(label, 1 if narrow else 0)
        box.setFocusProxy(editor)
        self.add(name, editor, required=required, label=label)
        return box

    def is_required(self, editor: QWidget) -> bool:
        """Whether a field must (or, by a rule, may have to) be filled in."""
        return any(f.editor is editor and f.required is not False and f.mark
                   for f in self.fields.values())

    def remove(self, prefix: str) -> None:
        """Forget fields whose name starts with `prefix` (rows that were removed or renumbered)."""
        for name in [n for n in self.fields if n.startswith(prefix)]:
            del self.fields[name]

    def touched(self, name: str) -> None:
        """The user changed a field: its message (and the general one) goes."""
        field = self.fields.get(name)
        if field is not None:
            field.label.clear()
            field.label.hide()
        self.general.clear()
        self.general.hide()
        self.changed.emit()

    def clear(self) -> None:
        for field in self.fields.values():
            field.label.clear()
            field.label.hide()
        self.general.clear()
        self.general.hide()

    def missing(self) -> list[str]:
        """Required fields that are still empty."""
        return [name for name, field in self.fields.items() if not field.filled()]

    def show_error(self, error: ValidationError, *, focus: bool = True) -> QLabel:
        """Show the message beside the field it names (or its nearest enclosing one)."""
        self.clear()
        name = error.field
        while name and name not in self.fields:
            name = _parent_name(name)
        field = self.fields.get(name) if name else None
        label = field.label if field else self.general
        label.setText(first_upper(str(error)))
        label.show()
        if focus and field is not None and field.editor.isEnabled():
            field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return label

    def message_for(self, name: str) -> str:
        """The message showing beside a field ("" when none), for tests and screen readers."""
        field = self.fields.get(name)
        return field.label.text() if field and field.label.isVisible() else ""


class FormDialog(QDialog):
    """A dialog around one Form: Save waits for the required fields; saving is one transaction."""

    title = "Caseworker"
    ok_text = "Save"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.result_id: int | None = None
        self.setWindowTitle(self.title)
        self.setMinimumWidth(520)
        self.form = Form(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok_button.setText(self.ok_text)
        self.ok_button.setObjectName("save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.changed.connect(self.update_ok)

    def finish_layout(self, body: QWidget | QVBoxLayout) -> None:
        """Lay out body, the general message and the buttons (call at the end of __init__)."""
        layout = QVBoxLayout(self)
        if isinstance(body, QWidget):
            layout.addWidget(body, 1)
        else:
            layout.addLayout(body, 1)
        layout.addWidget(self.form.general)
        bottom = QHBoxLayout()
        self.legend = QLabel(f"{REQUIRED} required", self)
        self.legend.setObjectName("required_legend")
        bottom.addWidget(self.legend)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)
        self.mark_required()
        self.legend.setVisible(any(is_marked(w) for w in self.findChildren(QLabel)))
        self.update_ok()

    def mark_required(self) -> None:
        """Put the asterisk on the caption of each required field of the form layouts
        (rows and grids mark their own column captions)."""
        for form_layout in self.findChildren(QFormLayout):
            for row in range(form_layout.rowCount()):
                caption = form_layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form_layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if caption is None or field is None or field.widget() is None:
                    continue
                editor = field.widget().focusProxy() or field.widget()
                if self.form.is_required(editor) and isinstance(caption.widget(), QLabel):
                    mark(caption.widget())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self.fit_height()
        return handled

    def fit_height(self) -> None:
        """Grow to the height the layout needs at this width: a window does not do it by
        itself for a message that wraps (heightForWidth), so its second line was cut off."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = min(layout.totalHeightForWidth(self.width()), self.screen_room().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def screen_room(self) -> QSize:
        """The most a window can take on its screen: the available area (no task bar),
        less the title bar and borders the window system adds around it."""
        area = self.screen().availableGeometry()
        return QSize(area.width() - FRAME.width(), area.height() - FRAME.height())

    def open_at(self, width: int, height: int) -> None:
        """Open at this size, or smaller to fit the screen (a 1366x768 laptop); a long
        form sits in a scroll area, so the rest is a scroll away."""
        room = self.screen_room()
        self.resize(min(width, room.width()), min(height, room.height()))

    def update_ok(self) -> None:
        missing = self.form.missing()
        self.ok_button.setEnabled(not missing)
        self.ok_button.setToolTip("Still to fill in: " + ", ".join(readable(n) for n in missing)
                                  if missing else "")

    def write(self, session: Session) -> int:
        """Call the service in the open transaction; return the id it gives."""
        raise NotImplementedError

    def saved(self, result_id: int) -> None:
        """After the commit: tell the rest of the window what changed."""

    def accept(self) -> None:
        if self.form.missing():
            return
        self.form.clear()
        # One short transaction (retried while another writer holds a shared file's lock); a
        # ValidationError anywhere in it rolls all of it back and marks its field. Anything
        # else (a right, a missing record, a busy file) is said plainly; the dialog stays.
        done, self.result_id = errors.attempt(self, self.title,
                                              lambda: self.ctx.db.run(self.write),
                                              invalid=self.show_error)
        if not done:
            return
        self.saved(self.result_id)
        super().accept()

    def show_error(self, error: ValidationError) -> None:
        label = self.form.show_error(error)
        scroll = getattr(self, "scroll_area", None)
        if scroll is not None:  # a long form: bring the message into view
            scroll.ensureWidgetVisible(label)

    def announce(self, case_id: int, status: str) -> None:
        """The file's figures, record and the queue changed: every panel refreshes itself."""
        hub = self.ctx.hub
        hub.case_changed.emit(case_id)
        hub.record_changed.emit(case_id)
        hub.caseload_changed.emit()
        hub.status_message.emit(status)


def file_caption(ctx: AppContext, case_id: int) -> str:
    """`AB-2026-00001 — John Lee pays Mary Lee`: which file the dialog works on."""
    from caseworker.services import files

    with ctx.db.reader() as session:
        summary = files.summary(session, case_id)
    who = ""
    if summary.payors and summary.recipients:
        who = f" — {', '.join(summary.payors)} pays {', '.join(summary.recipients)}"
    return f"<b>{summary.file_no}</b>{who}"
