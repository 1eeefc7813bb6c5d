"""Test environment (offscreen Qt, throwaway settings) and shared database fixtures."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

# Qt reads these when it loads, so they are set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SETTINGS_DIR = tempfile.mkdtemp(prefix="caseworker-test-settings-")

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

QCoreApplication.setOrganizationName("CaseworkerTests")
QCoreApplication.setApplicationName("CaseworkerTests")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
for _scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
    QSettings.setPath(QSettings.Format.IniFormat, _scope, _SETTINGS_DIR)

DEMO_CASES = 40


@pytest.fixture(autouse=True)
def _clean_settings():
    """Each test starts with no saved window layout."""
    QSettings().clear()
    yield
    QSettings().clear()


def build_tiny(path: Path) -> None:
    """Six hand-made files whose every queue fact is known (see tests/services/test_caseload.py)."""
    from caseworker.models import Case, CaseBalance, CaseParty, Person, Setting, Task, User
    from caseworker.models.db import create_database

    today = date.today()
    db = create_database(path)
    with db.session() as s:
        users = {name: User(username=name, full_name=full, role=role, team=team)
                 for name, full, role, team in (
                     ("alice", "Alice Archer", "officer", "North"),
                     ("bob", "Bob Baker", "officer", "North"),
                     ("carol", "Carol Chen", "officer", "South"),
                     ("sam", "Sam Stone", "supervisor", "North"))}
        s.add_all(users.values())
        s.add(Setting(key="default_user", value="alice"))
        s.flush()
        # file_no, officer, team, payor, recipient, owing, arrears, delinquent, arrangement
        # default, days since paid, rank, reason, task due in days (None: none; "done"),
        # flag, status
        rows = (
            ("CW-0001", "alice", "North", "John Smith", "Mary Smith", "1234.56", "1234.56",
             True, False, 40, 90, "Payment missed", -2, "family_violence", "enforcement"),
            ("CW-0002", "alice", "North", "Peter Brown", "Anne Brown", "0.00", "0.00",
             False, False, 5, 10, "Review", 10, None, "open"),
            ("CW-0003", "bob", "North", "Tom Nguyen", "Julie Tremblay", "500.00", "0.00",
             False, True, 20, 70, "Arrangement defaulted", None, None, "arrangement"),
            ("CW-0004", "carol", "South", "Sean O'Neil", "Maria Garcia", "2500.00", "2500.00",
             True, False, None, 80, "Task due", 0, "safety_risk", "enforcement"),
            ("CW-0005", "carol", "South", "Wayne Smithers", "Grace Lee", "0.00", "0.00",
             False, False, 100, 5, "", "done", None, "closed"),
            ("CW-0006", None, "North", "Adam Kowalski", "Eva Kowalski", None, None,
             False, False, None, None, None, None, None, "open"),
        )
        for (file_no, officer, team, payor, recipient, owing, arrears, delinquent, default,
             paid_days, rank, reason, due, flag, status) in rows:
            case = Case(file_no=file_no, status=status, team=team, policy="generic",
                        officer_id=users[officer].id if officer else None,
                        opened_on=today - timedelta(days=900), **({flag: True} if flag else {}))
            s.add(case)
            for role, name in (("payor", payor), ("recipient", recipient)):
                given, family = name.split(" ")
                case.parties.append(CaseParty(role=role, person=Person(
                    given_name=given, family_name=family)))
            s.flush()
            if owing is not None:
                s.add(CaseBalance(
                    case_id=case.id, as_of=today, total_owing=Decimal(owing),
                    arrears=Decimal(arrears), monthly_support=Decimal("400.00"),
                    last_payment_on=today - timedelta(days=paid_days) if paid_days else None,
                    delinquent_since=today - timedelta(days=60) if delinquent else None,
                    arrangement_default=default, queue_reason=reason, queue_rank=rank))
            if due is not None:
                s.add(Task(case_id=case.id, description="Review the file",
                           due=today - timedelta(days=5) if due == "done" else
                           today + timedelta(days=due),
                           done_on=today - timedelta(days=1) if due == "done" else None))
    db.dispose()


def _build_demo(path: Path) -> None:
    try:
        from caseworker.demo import build_demo
    except ImportError:  # the generator is not there yet: the tiny caseload stands in
        build_tiny(path)
        return
    build_demo(path, cases=DEMO_CASES, seed=1, today=date.today())


@pytest.fixture(scope="session")
def tiny_db_file(tmp_path_factory) -> Path:
    """The hand-made caseload, built once; copy it before writing (see `tiny_db_path`)."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.sqlite"
    build_tiny(path)
    return path


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A small demo caseload, built once for the whole run; copy it before writing."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    _build_demo(path)
    return path


@pytest.fixture
def tiny_db_path(tiny_db_file, tmp_path) -> Path:
    """A private copy of the hand-made caseload, free to change."""
    return Path(shutil.copy(tiny_db_file, tmp_path / "tiny.sqlite"))


@pytest.fixture
def demo_db_path(demo_db_file, tmp_path) -> Path:
    """A private copy of the demo caseload, free to change."""
    return Path(shutil.copy(demo_db_file, tmp_path / "demo.sqlite"))


@pytest.fixture
def db(demo_db_path):
    """The demo database, open."""
    from caseworker.models.db import open_database

    database = open_database(demo_db_path)
    yield database
    database.dispose()


@pytest.fixture
def actor(db):
    """The demo's default user as the signed-in Actor."""
    from caseworker.services.context import actor_for

    with db.session() as session:
        return actor_for(session, db.setting("default_user"))


@pytest.fixture
def app_context(qapp, db, actor):
    """What every window part is built from: database, user and a fresh hub."""
    from caseworker.ui.hub import AppContext, Hub

    return AppContext(db=db, actor=actor, hub=Hub())
