"""The caseload queue panel: search box, filter buttons, the ranked table and its row count."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.services import caseload
from caseworker.ui.hub import AppContext
from caseworker.ui.queue_model import COL_REASON, HEADERS, QueueModel

FILTER_BUTTONS = (("open", "Open", "Leave out closed files (a search finds them all the same)"),
                  ("mine", "Mine", "Only the files assigned to me"),
                  ("team", "Team", "Only my team's files"),
                  ("due_today", "Due today", "Only files with a task due today or overdue"),
                  ("in_default", "In default", "Only files in arrears or with a defaulted "
                                               "arrangement"))
# Starting widths: each column fits a typical value (names may elide, the tooltip has them;
# flags never do, three badges fit; the last, Reason, takes what is left); the user may drag
# them, and the widths are remembered.
COLUMN_SAMPLES = ("AB-2000-00000", "Mackenzie, Derek", "Mackenzie, Derek", "$000,000.00", "0000",
                  "0000-00-00", "Arrangement", "FV SR INC", "Payment missed")
CELL_PADDING = 14
SEARCH_DELAY_MS = 250


class QueueView(QWidget):
    """Shows the queue; activating a row opens that file through the hub."""

    current_changed = Signal(int)  # case id of the selected row, 0 when none

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.model = QueueModel(ctx, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText("Search file number or name  (Ctrl+L)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self.filter_buttons: dict[str, QToolButton] = {}
        filters = QHBoxLayout()
        filters.setSpacing(4)
        self.model.filters = caseload.default_filters(ctx.actor)
        for name, label, tip in FILTER_BUTTONS:
            button = QToolButton(self)
            button.setObjectName(f"filter_{name}")
            button.setText(label)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setChecked(name in self.model.filters)
            button.toggled.connect(self._apply_filters)
            filters.addWidget(button)
            self.filter_buttons[name] = button
        filters.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("queueCount")
        filters.addWidget(self.count_label)

        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several files may be selected for a batch of notices; opening follows the current row.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.hide()
        # Fixed heights: the view never measures rows, so it never fetches the whole queue.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(COLUMN_SAMPLES[:len(HEADERS)]):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + CELL_PADDING)
        header.setSortIndicator(COL_REASON, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # sorts once, by the indicator: the queue's rank

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._after_reset)
        self.search.installEventFilter(self)
        self._kept_case_id = 0
        self._after_reset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the search box, Down goes to the list and Escape clears the search.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self._apply_search()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    # -- public ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reload(self) -> None:
        """Query again (the selected file stays selected if it is still in the queue)."""
        self.model.reload()

    def selected_case_ids(self) -> list[int]:
        """The case ids of the selected rows, in queue order (for batch work)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [case_id for row in rows if (case_id := self.model.case_id(row))]

    def current_case_id(self) -> int:
        index = self.table.currentIndex()
        return (self.model.case_id(index.row()) or 0) if index.isValid() else 0

    def show_case(self, case_id: int) -> None:
        """Select a file's row (when it is in the queue) without opening it again."""
        row = self.model.row_of(case_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.show_case(self.model.case_id(row))
            self._open_index(self.model.index(row, 0))

    def open_relative(self, step: int) -> None:
        """Open the next (+1) or previous (-1) file of the queue."""
        index = self.table.currentIndex()
        row = index.row() + step if index.isValid() else (0 if step > 0 else -1)
        self.open_row(min(max(row, 0), self.model.rowCount() - 1))

    def header_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> None:
        self.table.horizontalHeader().restoreState(state)

    # -- private --------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        self.model.set_query(filters=[n for n, b in self.filter_buttons.items() if b.isChecked()])

    def _apply_search(self) -> None:
        self._search_timer.stop()
        if self.search.text().strip() != self.model.search:
            self.model.set_query(search=self.search.text())

    def _search_now(self) -> None:
        # Enter in the search box: one match opens at once; otherwise go to the list.
        self._apply_search()
        if self.model.rowCount() == 1:
            self.open_row(0)
        elif self.model.rowCount() > 1:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _open_index(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row()) if index.isValid() else None
        if case_id is not None:
            self._ctx.hub.case_opened.emit(case_id)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.model.case_id(current.row()) or 0
                                  if current.isValid() else 0)

    def _remember_current(self) -> None:
        self._kept_case_id = self.current_case_id()

    def _after_reset(self) -> None:
        # A new query (filter, search, sort, refresh) keeps the selected file selected.
        if self._kept_case_id:
            self.show_case(self._kept_case_id)
        count = self.model.rowCount()
        self.count_label.setText(f"{count:,} file{'s' if count != 1 else ''}")
        self.current_changed.emit(self.current_case_id())
