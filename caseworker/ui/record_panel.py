"""The running record of the open file: its log, and a box to add an entry at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSettings,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.services import record
from caseworker.services.errors import ServiceError, ValidationError
from caseworker.services.record import EntryView
from caseworker.ui import messages
from caseworker.ui.hub import AppContext
from caseworker.ui.widgets.format import local_time
from caseworker.ui.widgets.table import RowsModel

ORDER_KEY = "record_panel/newest_first"
NO_FILE = "Open a file to see its running record."


class EntriesModel(RowsModel[EntryView]):
    """Entries in the order the service gave; the text shows on one line, whole in the tooltip."""

    COL_AT, COL_KIND, COL_AUTHOR, COL_TEXT = range(4)
    HEADERS = ("When", "Type", "By", "Entry")

    def display(self, row: EntryView, column: int) -> str:
        if column == self.COL_AT:
            return local_time(row.at)
        if column == self.COL_KIND:
            return record.KIND_LABELS.get(row.kind, row.kind)
        if column == self.COL_AUTHOR:
            return row.author
        return " ".join(row.text.split())  # one line in the table; newlines in the tooltip

    def raw(self, row: EntryView, column: int) -> Any:
        return row.at if column == self.COL_AT else self.display(row, column)

    def tooltip(self, row: EntryView, column: int) -> str | None:
        return row.text


class EntryDelegate(QStyledItemDelegate):
    """Draws an entry on two lines (when, type, author; then its text), for a narrow dock."""

    HEADING_COLUMNS = (EntriesModel.COL_AT, EntriesModel.COL_KIND, EntriesModel.COL_AUTHOR)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the background and selection only; the two lines are drawn below
        widget = option.widget
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        model = index.model()
        heading = " · ".join(model.index(index.row(), column).data()
                             for column in self.HEADING_COLUMNS)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted_role = text_role if selected else QPalette.ColorRole.PlaceholderText
        metrics = option.fontMetrics
        rect = option.rect.adjusted(6, 5, -6, -5)
        line = metrics.lineSpacing()
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setPen(palette.color(muted_role))
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), flags,
                         metrics.elidedText(heading, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setPen(palette.color(text_role))
        painter.drawText(QRect(rect.left(), rect.top() + line, rect.width(), line), flags,
                         metrics.elidedText(index.data(), Qt.TextElideMode.ElideRight,
                                            rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, option.fontMetrics.lineSpacing() * 2 + 10)


def _log_view(model: EntriesModel, parent: QWidget) -> QListView:
    """The entries as a list of fixed-height two-line items (the dock is narrow)."""
    view = QListView(parent)
    view.setObjectName("record_view")
    view.setModel(model)
    view.setModelColumn(EntriesModel.COL_TEXT)
    view.setItemDelegate(EntryDelegate(view))
    view.setUniformItemSizes(True)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class _SubmitOnCtrlReturn(QObject):
    """Ctrl+Return in the text box adds the entry; plain Return still starts a new line."""

    def __init__(self, panel: RecordPanel):
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.panel.add_entry()
            return True
        return False


class RecordPanel(QWidget):
    """The log of the open file (newest or oldest first, remembered) and the add box."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.newest_first = QSettings().value(ORDER_KEY, True, type=bool)

        self.caption = QLabel(NO_FILE, self)
        self.caption.setObjectName("record_caption")
        self.order_button = QToolButton(self)
        self.order_button.setObjectName("record_order")
        self.order_button.setToolTip("Show the newest or the oldest entries first")
        self.order_button.clicked.connect(self.toggle_order)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.order_button)

        self.model = EntriesModel(self)
        self.view = _log_view(self.model, self)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.full_text = QPlainTextEdit(self)
        self.full_text.setObjectName("record_full_text")
        self.full_text.setReadOnly(True)
        self.full_text.setPlaceholderText("Select an entry to read all of it.")
        log = QSplitter(Qt.Orientation.Vertical, self)
        log.addWidget(self.view)
        log.addWidget(self.full_text)
        log.setSizes([400, 90])

        self.add_box = self._build_add_box()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(log, 1)
        layout.addWidget(self.add_box)
        self._update_order_button()
        self.add_box.setEnabled(False)
        ctx.hub.record_changed.connect(self._changed)
        ctx.hub.case_changed.connect(self._changed)

    def _build_add_box(self) -> QWidget:
        box = QWidget(self)
        self.kind = QComboBox(box)
        self.kind.setObjectName("record_kind")
        for kind in record.PERSON_KINDS:
            self.kind.addItem(record.KIND_LABELS[kind], kind)
        self.text = QPlainTextEdit(box)
        self.text.setObjectName("record_text")
        self.text.setPlaceholderText("What happened? (Ctrl+Return adds the entry)")
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.setTabChangesFocus(True)
        self.text.installEventFilter(_SubmitOnCtrlReturn(self))
        self.text.textChanged.connect(lambda: self.error.hide())
        self.error = QLabel(box)
        self.error.setObjectName("record_error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.add_button = QPushButton("Add", box)  # no Alt+A: the Account tab has it
        self.add_button.setObjectName("record_add")
        self.add_button.setToolTip("Add the entry to the running record (Ctrl+Return)")
        self.add_button.clicked.connect(self.add_entry)
        row = QHBoxLayout()
        row.addWidget(QLabel("Type", box))
        row.addWidget(self.kind)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addLayout(row)
        return box

    def show_case(self, case_id: int) -> None:
        """Show a file's running record and open the add box on it."""
        if case_id <= 0:  # no file (database ids start at 1)
            self.clear()
            return
        self.case_id = case_id
        self.error.hide()
        self.add_box.setEnabled(self._may_write())
        self.reload()

    def _may_write(self) -> bool:
        # The service refuses too; this only spares the officer typing into a box that can't save.
        if self.ctx.db.read_only or not self.ctx.actor.may("write_record"):
            self.add_box.setToolTip("This database is open read-only" if self.ctx.db.read_only
                                    else "Your role may not write to the running record")
            return False
        return True

    def clear(self) -> None:
        self.case_id = None
        self.model.set_rows(())
        self.full_text.clear()
        self.caption.setText(NO_FILE)
        self.add_box.setEnabled(False)

    def reload(self) -> None:
        if self.case_id is None:
            return
        try:
            with self.ctx.db.reader() as session:
                rows = record.entries(session, self.case_id, newest_first=self.newest_first)
        except ServiceError as exc:
            messages.error(self, "Cannot read the running record", str(exc))
            return
        self.model.set_rows(rows)
        self.full_text.clear()
        count = len(rows)
        self.caption.setText(f"{count} {'entry' if count == 1 else 'entries'}")
        if self.newest_first:
            self.view.scrollToTop()
        else:
            self.view.scrollToBottom()

    def toggle_order(self) -> None:
        self.newest_first = not self.newest_first
        QSettings().setValue(ORDER_KEY, self.newest_first)
        self._update_order_button()
        self.reload()

    def add_entry(self) -> None:
        """Save the typed entry at once; an empty one gets a message beside the box."""
        if self.case_id is None:
            return
        case_id, kind, text = self.case_id, self.kind.currentData(), self.text.toPlainText()
        try:
            # run() retries the whole short transaction while another writer holds the lock.
            self.ctx.db.run(lambda session: record.add_entry(
                session, actor=self.ctx.actor, case_id=case_id, kind=kind, text=text))
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.text.setFocus()
            return
        except ServiceError as exc:
            messages.error(self, "The entry was not saved", str(exc))
            return
        self.text.clear()
        self.error.hide()
        # The hub tells every panel, this one included, which reloads from the database.
        self.ctx.hub.record_changed.emit(case_id)
        self.ctx.hub.status_message.emit("Entry added to the running record")

    def _changed(self, case_id: int) -> None:
        if case_id == self.case_id:
            self.reload()

    def _update_order_button(self) -> None:
        self.order_button.setText("Newest first" if self.newest_first else "Oldest first")

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            entry = self.model.row_at(indexes[0].row())
            self.full_text.setPlainText(
                f"{local_time(entry.at)} · {record.KIND_LABELS.get(entry.kind, entry.kind)}"
                f" · {entry.author}\n\n{entry.text}")
