"""The Qt application: names for settings, the main window, and the screenshot run."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from caseworker.models.db import Database
from caseworker.services.context import Actor
from caseworker.ui.hub import AppContext, Hub

ORGANIZATION = "Caseworker"
APPLICATION = "Caseworker"
# Time for the first file's tabs to lay out before the picture is taken.
SCREENSHOT_SETTLE_MS = 400


def set_names() -> None:
    """Names QSettings and QStandardPaths use; set before either is asked anything."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def demo_path() -> Path:
    """Where the demo database of this user lives (~/.local/share/caseworker on Linux)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base or Path.home() / ".local" / "share") / "caseworker" / "demo.sqlite"


def run(db: Database, actor: Actor, *, screenshot: Path | None = None) -> int:
    """Open the main window and run until it closes; with `screenshot`, save a PNG and exit."""
    set_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from caseworker.ui.main_window import DEFAULT_SIZE, MainWindow  # widgets need the app

    ctx = AppContext(db=db, actor=actor, hub=Hub())
    window = MainWindow(ctx, remember_layout=screenshot is None)
    if screenshot is not None:
        window.resize(DEFAULT_SIZE)  # the same picture whatever the screen (offscreen: 800x600)
    window.show()
    if screenshot is None:
        return app.exec()
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
