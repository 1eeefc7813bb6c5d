"""The migrations build exactly the tables the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from caseworker.models import Base
from caseworker.models.db import create_database


def test_a_freshly_migrated_database_matches_the_models(tmp_path):
    db = create_database(tmp_path / "fresh.sqlite")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        db.dispose()
    assert differences == []
