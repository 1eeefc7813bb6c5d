"""The one signal hub: app-wide "what changed" broadcasts; panels refresh themselves."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from caseworker.models.db import Database
from caseworker.services.context import Actor


class Hub(QObject):
    """Signals carry ids and plain values, never ORM objects."""

    case_opened = Signal(int)          # case id the user opened
    case_changed = Signal(int)         # something on this file changed (any table)
    record_changed = Signal(int)       # the running record of this file gained an entry
    caseload_changed = Signal()        # the queue should reload (balances recomputed, reassigned)
    status_message = Signal(str)       # a short message for the status bar


@dataclass
class AppContext:
    """What every window part needs: the open database, the signed-in user and the hub."""

    db: Database
    actor: Actor
    hub: Hub
