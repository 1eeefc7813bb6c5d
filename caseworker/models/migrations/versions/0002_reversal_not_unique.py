"""A payment may have more than one reversal row: a refused one never counts, and a real
reversal can follow it (the services allow one that counts at a time).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 07:30:00
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# SQLite rebuilds the table (batch mode); `models.db._upgrade` runs it with foreign keys
# off and re-creates the append-only triggers afterwards.


def upgrade() -> None:
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint('uq_payments_reverses_id', type_='unique')
        batch_op.create_index(batch_op.f('ix_payments_reverses_id'), ['reverses_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_reverses_id'))
        batch_op.create_unique_constraint('uq_payments_reverses_id', ['reverses_id'])
