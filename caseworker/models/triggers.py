"""Database triggers that make financial rows, the running record and the audit append-only.

The code never updates or deletes these rows; the triggers make sure nothing
else does either (a script, a bad merge, a hand edit with a SQLite browser).
"""

from caseworker.models.finance import APPEND_ONLY_TABLES

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION caseworker_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql
"""


def create_statements(dialect: str) -> list[str]:
    """The DDL creating the append-only triggers for one SQL dialect."""
    if dialect == "postgresql":
        statements = [_PG_FUNCTION]
        for table in APPEND_ONLY_TABLES:
            statements.append(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION caseworker_append_only()")
        return statements
    statements = []
    for table in APPEND_ONLY_TABLES:
        for op in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END")
    return statements


def drop_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}" for t in APPEND_ONLY_TABLES] + [
            "DROP FUNCTION IF EXISTS caseworker_append_only()"]
    return [f"DROP TRIGGER IF EXISTS {t}_no_{op}" for t in APPEND_ONLY_TABLES
            for op in ("update", "delete")]
