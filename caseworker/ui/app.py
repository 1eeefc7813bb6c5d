"""The Qt application: names for settings, the main window, and the screenshot run."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QStandardPaths,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from caseworker.models.db import Database
from caseworker.services.balances import StaleRefresh, any_stale
from caseworker.services.context import Actor
from caseworker.ui.hub import AppContext, Hub

ORGANIZATION = "Caseworker"
APPLICATION = "Caseworker"
# Time for the first file's tabs to lay out before the picture is taken.
SCREENSHOT_SETTLE_MS = 400
# How often the window looks at the background queue refresh, and reloads the queue at most.
REFRESH_POLL_MS = 500
REFRESH_RELOAD_S = 5.0
# How often an open window looks whether the day has rolled over (the queue's reasons
# change with the date alone).
DAY_CHECK_MS = 60_000


def set_names() -> None:
    """Names QSettings and QStandardPaths use; set before either is asked anything."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def demo_path() -> Path:
    """Where the demo database of this user lives (~/.local/share/caseworker on Linux)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base or Path.home() / ".local" / "share") / "caseworker" / "demo.sqlite"


# Qt's notes that tell a user nothing: the offscreen platform says this of every window,
# so a screenshot run's one line of error would follow three lines of it.
_NOISE = ("This plugin does not support propagateSizeHints()",)


def quiet_qt_messages(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages on stderr as usual, less the known noise."""
    if message not in _NOISE:
        print(message, file=sys.stderr)


def run(db: Database, actor: Actor, *, screenshot: Path | None = None) -> int:
    """Open the main window and run until it closes; with `screenshot`, save a PNG and exit."""
    set_names()
    qInstallMessageHandler(quiet_qt_messages)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from caseworker.ui.main_window import DEFAULT_SIZE, MainWindow  # widgets need the app

    ctx = AppContext(db=db, actor=actor, hub=Hub())
    window = MainWindow(ctx, remember_layout=screenshot is None)
    if screenshot is not None:
        window.resize(DEFAULT_SIZE)  # the same picture whatever the screen (offscreen: 800x600)
    window.show()
    if screenshot is None:
        refresher = QueueRefresher(ctx, window)
        refresher.start()
        window.action_map["refresh"].triggered.connect(refresher.check)  # F5
        try:
            return app.exec()
        finally:
            refresher.stop()
    result = {"code": 1}

    def open_first() -> None:
        window.queue.open_row(0)
        QTimer.singleShot(SCREENSHOT_SETTLE_MS, capture)

    def capture() -> None:
        saved = window.grab().save(str(screenshot), "PNG")
        if not saved:
            print(f"caseworker: error: {screenshot}: cannot write the picture", file=sys.stderr)
        result["code"] = 0 if saved else 2
        window.close()
        app.quit()

    QTimer.singleShot(0, open_first)
    app.exec()
    return result["code"]


def start_queue_refresh(ctx: AppContext, parent, *, today: date | None = None
                        ) -> StaleRefresh | None:
    """Bring the queue up to today in the background: files whose cached reasons were
    computed on an earlier day (an arrangement defaulted, a task fell due since). The worker
    thread touches no widget; a timer here watches it and tells the window."""
    if ctx.db.read_only:
        return None
    job = StaleRefresh.for_database(ctx.db, ctx.actor, today or date.today()).start()
    timer = QTimer(parent)
    seen = {"count": 0, "at": time.monotonic()}

    def poll() -> None:
        count = job.refreshed
        if job.done:
            timer.stop()
        if count > seen["count"] and (job.done
                                      or time.monotonic() - seen["at"] >= REFRESH_RELOAD_S):
            seen.update(count=count, at=time.monotonic())
            ctx.hub.caseload_changed.emit()
        if job.done and job.error is not None:
            ctx.hub.status_message.emit(f"The queue could not be brought up to date: {job.error}")
        elif job.done and count:
            files = "file" if count == 1 else "files"
            ctx.hub.status_message.emit(f"Queue brought up to date: {count:,} {files} "
                                        "recalculated.")

    timer.timeout.connect(poll)
    timer.start(REFRESH_POLL_MS)
    return job


class QueueRefresher(QObject):
    """Keeps the queue's cached figures and reasons up to the current day while the window
    stays open: the stale refresh runs on opening, and again once the date has changed
    since its last run, found by a timer that looks once a minute or by F5 (`check`)."""

    def __init__(self, ctx: AppContext, parent, *, today: Callable[[], date] = date.today,
                 check_ms: int = DAY_CHECK_MS):
        super().__init__(parent)
        self.ctx, self._parent, self._today = ctx, parent, today
        self.job: StaleRefresh | None = None
        self.day: date | None = None   # the day of the last run
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(check_ms)

    def start(self) -> StaleRefresh | None:
        """Bring the queue up to today now (the opening run)."""
        self.day = self._today()
        if self.job is not None:
            self.job.stop()    # the previous day's run: finish its chunk in hand, then stop
        self.job = start_queue_refresh(self.ctx, self._parent, today=self.day)
        return self.job

    def check(self) -> StaleRefresh | None:
        """Run the stale refresh again if the day changed since the last run (and a file's
        cache is indeed older than today); a new job, or None when nothing needed doing."""
        today = self._today()
        if today == self.day or self.ctx.db.read_only:
            return None
        with self.ctx.db.reader() as session:
            stale = any_stale(session, actor=self.ctx.actor, today=today)
        if not stale:
            self.day = today
            return None
        return self.start()

    def stop(self) -> None:
        self._timer.stop()
        if self.job is not None:
            self.job.stop()
