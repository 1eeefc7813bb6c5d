"""The main window: builds the queue, file view and running record, menus and status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
    QWidget,
)

from caseworker import __version__
from caseworker.services import caseload
from caseworker.ui import messages
from caseworker.ui.actions import WORK_ACTIONS, build_actions, update_actions
from caseworker.ui.file_view import FileView
from caseworker.ui.file_work import FileWork, selected_payment_id
from caseworker.ui.hub import AppContext
from caseworker.ui.queue_view import QueueView
from caseworker.ui.record_panel import RecordPanel

SETTINGS_GROUP = "mainWindow"
# Room for the queue's nine columns, the tabs and the running record side by side.
DEFAULT_SIZE = QSize(1800, 1000)
SPLIT = (880, 560)
RECORD_WIDTH = 310


class MainWindow(QMainWindow):
    """Owns the window's parts and connects them; the work is done by the parts and services."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 remember_layout: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self.remember_layout = remember_layout
        self.case_id: int | None = None
        self.setObjectName("mainWindow")
        screen = self.screen().availableGeometry().size()
        self.resize(DEFAULT_SIZE.boundedTo(screen * 0.94) if screen.isValid() else DEFAULT_SIZE)

        self.action_map = build_actions(self)
        self.queue = QueueView(ctx, self)
        self.file_view = FileView(ctx, self)
        self.file_view.setObjectName("fileView")
        self.record_panel = RecordPanel(ctx, self)
        self.record_panel.setObjectName("recordPanel")
        self.work = FileWork(ctx, self, lambda: self.case_id, lambda: selected_payment_id(
            self.file_view.account_tab.payments_view), self.queue.selected_case_ids,
            self.file_view.parties_tab.selected_person_id)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.file_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes(list(SPLIT))
        self.setCentralWidget(self.splitter)

        self.record_dock = QDockWidget("Running record", self)
        self.record_dock.setObjectName("recordDock")
        self.record_dock.setWidget(self.record_panel)
        self.record_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                     | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.record_dock)
        self.resizeDocks([self.record_dock], [RECORD_WIDTH], Qt.Orientation.Horizontal)

        self._build_menus()
        self._build_status_bar()
        self._wire()
        if remember_layout:
            self.restore_layout()
        self._on_case_opened(0)
        self._set_title("")

    def _build_menus(self) -> None:
        a = self.action_map
        menus = (("&File", ("open_file", "register_file", None, "edit_file", "edit_party", None,
                            "add_entry", None, "quit")),
                 ("&Account", ("enter_order", None, "post_payment", "reverse_payment",
                               "adjust_account", None, "arrangement", None, "approvals")),
                 ("&Notices", ("issue_notice", "batch_notice")),
                 ("&View", ("focus_search", "refresh", None, "toggle_record_order")),
                 ("&Go", ("next_file", "previous_file")),
                 ("&Help", ("about",)))
        for title, names in menus:
            menu = self.menuBar().addMenu(title)
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(a[name])
            if title == "&View":
                menu.addAction(self.record_dock.toggleViewAction())
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("open_file", "refresh", "previous_file", "next_file", "add_entry",
                     "post_payment"):
            toolbar.addAction(a[name])
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        actor, db = self.ctx.actor, self.ctx.db
        self.user_label = QLabel(f"{actor.full_name} ({actor.role})", self)
        self.user_label.setObjectName("statusUser")
        self.user_label.setToolTip(f"Signed in as {actor.username}, team {actor.team or '-'}")
        mode = "shared" if db.shared else "personal"
        if db.read_only:
            mode += ", read-only"
        self.db_label = QLabel(f"{db.location} ({mode})", self)
        self.db_label.setObjectName("statusDatabase")
        self.db_label.setToolTip(str(Path(db.location).resolve())
                                 if "://" not in db.location else db.location)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

    def _wire(self) -> None:
        """Every connection of the window, in one place."""
        hub, a = self.ctx.hub, self.action_map
        hub.case_opened.connect(self.file_view.show_case)
        self.file_view.file_shown.connect(self._set_title)
        hub.case_opened.connect(self.record_panel.show_case)
        hub.case_opened.connect(self.queue.show_case)
        hub.case_opened.connect(self._on_case_opened)
        hub.caseload_changed.connect(self.queue.reload)
        hub.case_changed.connect(self.queue.model.refresh_case)
        hub.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.queue.current_changed.connect(lambda _id: self._update_actions())
        a["open_file"].triggered.connect(self.ask_file_number)
        a["focus_search"].triggered.connect(self.queue.focus_search)
        a["refresh"].triggered.connect(self.refresh)
        a["next_file"].triggered.connect(lambda: self.queue.open_relative(+1))
        a["previous_file"].triggered.connect(lambda: self.queue.open_relative(-1))
        a["add_entry"].triggered.connect(self.focus_record_entry)
        a["toggle_record_order"].triggered.connect(self.record_panel.toggle_order)
        a["quit"].triggered.connect(self.close)
        a["about"].triggered.connect(self.show_about)
        for name in WORK_ACTIONS:
            a[name].triggered.connect(lambda _checked=False, n=name: self.work.open(n))
        parties = self.file_view.parties_tab
        parties.set_editable(self.ctx.actor.may("edit_file"))
        parties.edit_requested.connect(lambda _person_id: self.work.open("edit_party"))

    # -- slots ----------------------------------------------------------------------------
    def _on_case_opened(self, case_id: int) -> None:
        self.case_id = case_id or None
        self._update_actions()

    def _set_title(self, file_no: str) -> None:
        title = f"{file_no} — " if file_no else ""
        self.setWindowTitle(f"{title}Caseworker — {Path(self.ctx.db.location).name}")

    def _update_actions(self) -> None:
        update_actions(self.action_map, case_open=self.case_id is not None,
                       queue_rows=self.queue.model.rowCount(),
                       may_write_record=self.ctx.actor.may("write_record"),
                       allowed=self.work.allowed)

    def focus_record_entry(self) -> None:
        """Show the running record and put the cursor in its box for a new entry."""
        self.record_dock.show()
        self.record_dock.raise_()
        self.record_panel.text.setFocus(Qt.FocusReason.ShortcutFocusReason)  # the entry box

    def refresh(self) -> None:
        self.ctx.hub.caseload_changed.emit()
        if self.case_id is not None:
            self.ctx.hub.case_changed.emit(self.case_id)  # the tabs and the record listen
        self.statusBar().showMessage("Refreshed", 3000)

    def ask_file_number(self) -> None:
        file_no, ok = QInputDialog.getText(self, "Open File", "File number:")
        if ok and file_no.strip():
            self.open_file_number(file_no)

    def open_file_number(self, file_no: str) -> None:
        with self.ctx.db.reader() as session:
            case_id = caseload.case_id_by_file_no(session, actor=self.ctx.actor, file_no=file_no)
        if case_id is None:
            messages.error(self, "Open File", f"There is no file numbered {file_no.strip()}.")
            return
        self.ctx.hub.case_opened.emit(case_id)

    def show_about(self) -> None:
        messages.info(self, "About Caseworker",
                      f"Caseworker {__version__}\nSupport-enforcement case management.\n\n"
                      f"Database: {self.ctx.db.location}")

    # -- layout ---------------------------------------------------------------------------
    def restore_layout(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        for key, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState),
                             ("splitter", self.splitter.restoreState),
                             ("queueHeader", self.queue.restore_header_state)):
            value = settings.value(key)
            if value is not None:
                restore(value)
        settings.endGroup()

    def save_layout(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("queueHeader", self.queue.header_state())
        settings.endGroup()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.remember_layout:
            self.save_layout()
        super().closeEvent(event)
