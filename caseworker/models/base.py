"""The declarative base: naming convention, custom type map and shared mixins."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from caseworker.models.types import Money, UTCDateTime, new_uid

# Named constraints so Alembic can alter them later on SQLite (batch mode).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every table of the program; Decimal maps to cents and datetime to UTC."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {Decimal: Money(), datetime: UTCDateTime(), str: String()}


class Keyed:
    """An integer key for joins plus a UUID for offline merging."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)


class Versioned:
    """An editable record: a stale save is detected by its version number."""

    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}
