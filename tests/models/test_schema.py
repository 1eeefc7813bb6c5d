"""The schema: a full round trip of every kind of row, money in cents, versions, uids."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from caseworker.models import (
    Address,
    Adjustment,
    Base,
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
from caseworker.models.types import Money, UTCDateTime


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


# --- Every table, found in the models' metadata: a table added later is covered at once ---

TABLES = [table.name for table in Base.metadata.sorted_tables]
MAPPED = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}
SELF_LINKED = {t.name for t in Base.metadata.sorted_tables
               if any(fk.column.table is t for c in t.columns for fk in c.foreign_keys)}


def _sample(table, column, n: int, rows: dict):
    """A value for every column (none left NULL), distinct per row, in the column's type."""
    if column.foreign_keys:
        (fk,) = column.foreign_keys
        if fk.column.table is table:               # a link to a row of the same table
            return rows[table.name][0][fk.column.name] if n == 2 else None
        return rows[fk.column.table.name][0][fk.column.name]
    if isinstance(column.type, Money):
        return Decimal(f"-{n}2345678.91")           # negative, large, to the cent
    if isinstance(column.type, UTCDateTime):
        return datetime(2024, 2, 29, 23, 59, 58, 123456 + n, tzinfo=UTC)
    python = column.type.python_type
    if column.name == "uid":
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{table.name}/{n}"))
    if python is str:
        return f"{table.name}.{column.name} {n} — Élodie's ✓"
    if python is bool:
        return n == 1
    if python is int:
        return 40 + n
    if python is date:
        return date(2000 + n, 2, 29 if n % 4 == 0 else 28)
    if python is bytes:
        return b"%PDF-1.4\x00\xff" + bytes([n])
    raise AssertionError(f"{table.name}.{column.name}: no sample value for {column.type!r}; "
                         "teach _sample this type")


@pytest.fixture(scope="module")
def every_row(tmp_path_factory):
    """One row in every table (two in a table that links to itself), as written."""
    database = create_database(tmp_path_factory.mktemp("every") / "every.sqlite")
    rows: dict[str, list[dict]] = {}
    with database.engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            rows[table.name] = []
            for n in (1, 2) if table.name in SELF_LINKED else (1,):
                values = {c.name: _sample(table, c, n, rows) for c in table.columns
                          if not (c.primary_key and c.autoincrement is not False
                                  and not c.foreign_keys and c.type.python_type is int)}
                key = conn.execute(table.insert().values(**values)).inserted_primary_key
                values.update(zip((c.name for c in table.primary_key.columns), key, strict=True))
                rows[table.name].append(values)
    yield database, rows
    database.dispose()


def _read(conn, table, written: dict) -> dict:
    where = [c == written[c.name] for c in table.primary_key.columns]
    return dict(conn.execute(select(table).where(*where)).mappings().one())


@pytest.mark.parametrize("name", TABLES)
def test_every_table_gives_back_every_column_as_written(every_row, name):
    database, rows = every_row
    table = Base.metadata.tables[name]
    with database.engine.connect() as conn:
        for written in rows[name]:
            assert _read(conn, table, written) == written


@pytest.mark.parametrize("name", TABLES)
def test_every_table_round_trip_fills_every_column(every_row, name):
    _database, rows = every_row
    filled = {column for row in rows[name] for column, value in row.items() if value is not None}
    assert filled == set(Base.metadata.tables[name].columns.keys())


@pytest.mark.parametrize("name", sorted(MAPPED))
def test_every_model_reads_back_every_column_as_written(every_row, name):
    database, rows = every_row
    model = MAPPED[name]
    mapper = model.__mapper__
    with database.reader() as session:
        for written in rows[name]:
            key = tuple(written[c.name] for c in mapper.primary_key)
            loaded = session.get(model, key if len(key) > 1 else key[0])
            assert {attr.columns[0].name: getattr(loaded, attr.key)
                    for attr in mapper.column_attrs} == written
