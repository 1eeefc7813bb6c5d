"""The schema: a full round trip of every kind of row, money in cents, versions, uids."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from caseworker.models import (
    Address,
    Adjustment,
    Case,
    CaseParty,
    CourtOrder,
    Identifier,
    Payment,
    Person,
    RecordEntry,
    Term,
    User,
)
from caseworker.models.db import create_database


@pytest.fixture
def db(tmp_path):
    database = create_database(tmp_path / "schema.sqlite")
    yield database
    database.dispose()


def _file(session) -> Case:
    officer = User(username="jdoe", full_name="Jo Doe", role="officer", team="North")
    payor = Person(given_name="Sam", family_name="Payer", birth_date=date(1980, 2, 29))
    child = Person(given_name="Kim", family_name="Payer", birth_date=date(2010, 6, 1))
    payor.addresses.append(Address(line1="1 Main St", city="Calgary", region="AB",
                                   postal_code="T2P 1J9", country="CA",
                                   valid_from=date(2015, 1, 1)))
    payor.identifiers.append(Identifier(kind="SIN", value="046 454 286"))
    case = Case(file_no="AB-2011-00042", policy="ab-mep", opened_on=date(2011, 3, 1),
                officer=officer, family_violence=True)
    case.parties += [CaseParty(person=payor, role="payor"), CaseParty(person=child, role="child")]
    order = CourtOrder(court="Court of King's Bench", made_on=date(2011, 2, 1))
    order.terms.append(Term(kind="periodic", category="child", amount=Decimal("450.00"),
                            frequency="monthly", day=1, start=date(2011, 3, 1), child=child))
    case.orders.append(order)
    session.add(case)
    session.flush()
    return case


def test_round_trip_keeps_every_value(db):
    with db.session() as session:
        case_id = _file(session).id
    with db.session() as session:
        case = session.get(Case, case_id)
        payor = case.people("payor")[0]
        assert (case.file_no, case.flags) == ("AB-2011-00042", ["family_violence"])
        assert payor.address_on(date(2020, 1, 1)).city == "Calgary"
        assert payor.birth_date == date(1980, 2, 29)
        assert case.orders[0].terms[0].amount == Decimal("450.00")
        assert case.orders[0].terms[0].child.given_name == "Kim"


def test_money_is_stored_as_integer_cents(db):
    with db.session() as session:
        case = _file(session)
        officer_id = case.officer_id
        session.add(Payment(case_id=case.id, seq=1, received=date(2011, 3, 4),
                            amount=Decimal("450.07"), source="direct", entered_by=officer_id))
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT amount, typeof(amount) FROM payments")).one()
    assert tuple(stored) == (45007, "integer")


def test_money_read_back_is_decimal(db):
    with db.session() as session:
        case = _file(session)
        session.add(Payment(case_id=case.id, seq=1, received=date(2011, 3, 4),
                            amount=Decimal("0.10"), source="direct", entered_by=case.officer_id))
    with db.session() as session:
        amount = session.scalars(select(Payment.amount)).one()
    assert amount == Decimal("0.10") and isinstance(amount, Decimal)


def test_fraction_of_a_cent_is_refused(db):
    with pytest.raises(Exception, match="fraction of a cent"):
        with db.session() as session:
            case = _file(session)
            session.add(Adjustment(case_id=case.id, seq=1, date=date(2012, 1, 1),
                                   amount=Decimal("1.005"), reason="x",
                                   entered_by=case.officer_id))


def test_timestamps_come_back_in_utc(db):
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with db.session() as session:
        case = _file(session)
        session.add(RecordEntry(case_id=case.id, author_id=case.officer_id, kind="note",
                                text="called", at=moment))
    with db.session() as session:
        assert session.scalars(select(RecordEntry.at)).one() == moment


def test_stale_save_is_detected_by_version(db):
    with db.session() as session:
        case_id = _file(session).id
    with db.reader() as session:
        stale = session.get(Case, case_id)  # what officer A's form loaded (version 1)
        session.expunge(stale)
    with db.session() as session:
        session.get(Case, case_id).status = "enforcement"  # officer B saves first
    with pytest.raises(StaleDataError):
        with db.session() as session:
            session.add(stale)
            stale.status = "closed"


def test_identifier_is_masked_for_display(db):
    assert Identifier(kind="SIN", value="046 454 286").masked == "••••••286"


def test_every_row_gets_a_uid(db):
    with db.session() as session:
        case = _file(session)
        assert len(case.uid) == 36 and case.uid != case.parties[0].uid
