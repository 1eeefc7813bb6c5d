"""Test environment (offscreen Qt, throwaway settings) and shared database fixtures."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

# Qt reads these when it loads, so they are set before anything imports PySide6.
_SETTINGS_DIR = tempfile.mkdtemp(prefix="caseworker-test-settings-")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    # An office-sized screen (offscreen's own is 800x600, smaller than the main window).
    _SCREEN = Path(_SETTINGS_DIR) / "offscreen.json"
    _SCREEN.write_text('{"screens": [{"name": "Test", "x": 0, "y": 0, "width": 1920, '
                       '"height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

QCoreApplication.setOrganizationName("CaseworkerTests")
QCoreApplication.setApplicationName("CaseworkerTests")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
for _scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
    QSettings.setPath(QSettings.Format.IniFormat, _scope, _SETTINGS_DIR)

DEMO_CASES = 40
# The demo fixture is built for one fixed day: the generator's choices (who gets which file)
# follow the day, and a suite that passes on one date must pass on every date.
DEMO_TODAY = date(2026, 11, 23)


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


@pytest.fixture(scope="session")
def tiny_db_file(tmp_path_factory) -> Path:
    """The hand-made caseload, built once; copy it before writing (see `tiny_db_path`)."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.sqlite"
    build_tiny(path)
    return path


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A small demo caseload, built once for the whole run; copy it before writing."""
    from caseworker.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, cases=DEMO_CASES, seed=1, today=DEMO_TODAY)
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


# --- One fully filled-in file, for the file view, the running record and files service ---
SAMPLE_FILE_NO = "CW-2011-00042"


def build_sample_file(path: Path) -> None:
    """One protected file with something on every tab (parties, variation, NSF, stay...)."""
    import hashlib

    from caseworker import models as m
    from caseworker.models.db import create_database

    today = date.today()
    db = create_database(path)
    with db.session() as s:
        olivia = m.User(username="olivia", full_name="Olivia Officer", role="officer",
                        team="North")
        s.add_all([olivia, m.Setting(key="default_user", value="olivia")])
        s.flush()
        payor = m.Person(given_name="Daniel", family_name="Kirkpatrick",
                         birth_date=date(1975, 4, 12))
        payor.addresses += [
            m.Address(line1="12 Elm Street", city="Edmonton", region="AB",
                      postal_code="T5J 0N3", country="CA", valid_from=date(2011, 1, 1),
                      valid_to=date(2019, 12, 31)),
            m.Address(line1="88 Birch Avenue", city="Calgary", region="AB",
                      postal_code="T2P 1J9", country="CA", valid_from=date(2020, 1, 1))]
        payor.phones.append(m.Phone(kind="mobile", number="403-555-0142"))
        payor.identifiers.append(m.Identifier(kind="SIN", value="123 456 789"))
        payor.aliases.append(m.Alias(name="Danny Kirk"))
        payor.incomes.append(m.IncomeSource(employer=m.Employer(name="Northwind Logistics"),
                                            monthly_gross=Decimal("5200.00"),
                                            start=date(2020, 2, 1)))
        payor.bank_accounts.append(m.BankAccount(institution="ATB Financial",
                                                 account_number="000123456789"))
        payor.assets.append(m.Asset(kind="vehicle", description="2018 Ford F-150",
                                    estimated_value=Decimal("22000.00")))
        recipient = m.Person(given_name="Sarah", family_name="Kirkpatrick")
        recipient.addresses.append(m.Address(line1="5 Hidden Lane", city="Red Deer", region="AB",
                                             postal_code="T4N 1A1", country="CA",
                                             valid_from=date(2019, 6, 1)))
        child = m.Person(given_name="Emma", family_name="Kirkpatrick",
                         birth_date=date(2010, 8, 15))
        case = m.Case(file_no=SAMPLE_FILE_NO, status="enforcement", officer_id=olivia.id,
                      team="North", policy="generic", opened_on=date(2011, 3, 1),
                      family_violence=True, interjurisdictional=True)
        case.parties += [m.CaseParty(role="payor", person=payor),
                         m.CaseParty(role="recipient", person=recipient),
                         m.CaseParty(role="child", person=child)]
        court = "Court of King's Bench, Edmonton"
        first = m.CourtOrder(court=court, court_file="FL-11-0042", made_on=date(2011, 2, 15))
        old = m.Term(kind="periodic", category="child", amount=Decimal("450.00"),
                     frequency="monthly", day=1, start=date(2011, 3, 1), child=child)
        first.terms += [old, m.Term(kind="lump_sum", category="costs", amount=Decimal("1500.00"),
                                    due=date(2011, 6, 1))]
        case.orders.append(first)
        s.add(case)
        s.flush()
        variation = m.CourtOrder(court=court, made_on=date(2016, 1, 10), varies_id=first.id)
        variation.terms.append(m.Term(kind="periodic", category="child", amount=Decimal("520.00"),
                                      frequency="monthly", day=1, start=date(2016, 2, 1),
                                      child=child, supersedes=[old]))
        case.orders.append(variation)
        money = {"case_id": case.id, "entered_by": olivia.id}
        cheque = m.Payment(seq=2, received=date(2025, 2, 4), amount=Decimal("520.00"),
                           source="direct", reference="CHQ 118", **money)
        s.add_all([m.Payment(seq=1, received=date(2025, 1, 3), amount=Decimal("520.00"),
                             source="wage", reference="NW-0103", **money), cheque])
        s.flush()
        pdf = b"%PDF-1.4 sample notice"
        s.add_all([
            m.Payment(seq=3, received=date(2025, 2, 20), amount=Decimal("520.00"),
                      source="direct", reverses_id=cheque.id, reason="NSF", **money),
            m.Adjustment(seq=1, date=date(2025, 3, 1), amount=Decimal("-100.00"),
                         reason="Credit for a direct payment the recipient reported", **money),
            m.EnforcementAction(case_id=case.id, kind="income_deduction",
                                started=date(2025, 4, 1),
                                note="Deduction notice to Northwind Logistics"),
            m.EnforcementAction(case_id=case.id, kind="licence_suspension", status="ended",
                                started=date(2024, 1, 5), ended=date(2024, 9, 30)),
            m.Stay(case_id=case.id, scope="credit_bureau", reason="Payor in hospital",
                   start=today - timedelta(days=10), end=today + timedelta(days=20)),
            m.Task(case_id=case.id, assigned_to=olivia.id, due=today + timedelta(days=3),
                   kind="call", description="Call the payor about the returned cheque"),
            m.Task(case_id=case.id, due=today - timedelta(days=30), description="Check employer",
                   done_on=today - timedelta(days=29)),
            m.Notice(case_id=case.id, kind="deduction", addressee_role="employer",
                     addressee_name="Northwind Logistics", as_of=date(2025, 4, 1),
                     issued_by=olivia.id, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()),
            m.CaseBalance(case_id=case.id, as_of=today, total_owing=Decimal("2345.67"),
                          arrears=Decimal("1825.67"), monthly_support=Decimal("520.00"),
                          last_payment_on=date(2025, 1, 3))])
    db.dispose()


@pytest.fixture(scope="session")
def sample_db_file(tmp_path_factory) -> Path:
    """The one-file database, built once; copy it before writing (see `sample_db`)."""
    path = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    build_sample_file(path)
    return path


@pytest.fixture
def sample_db(sample_db_file, tmp_path):
    """A private, open copy of the one-file database."""
    from caseworker.models.db import open_database

    database = open_database(shutil.copy(sample_db_file, tmp_path / "sample.sqlite"))
    yield database
    database.dispose()


@pytest.fixture
def sample_context(qapp, sample_db):
    """Olivia, the sample file's officer, signed in on the one-file database."""
    from caseworker.services.context import actor_for
    from caseworker.ui.hub import AppContext, Hub

    with sample_db.session() as session:
        return AppContext(db=sample_db, actor=actor_for(session, "olivia"), hub=Hub())


@pytest.fixture
def sample_case_id(sample_db) -> int:
    """The id of the sample file."""
    from caseworker.services.record import case_id_for

    with sample_db.session() as session:
        return case_id_for(session, SAMPLE_FILE_NO)
