"""Initial schema: every table of the program, and the append-only triggers.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 08:16:44.776020
"""
from alembic import op
import sqlalchemy as sa
import caseworker.models.types
from caseworker.models import triggers


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('employers',
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('line1', sa.String(), nullable=True),
    sa.Column('city', sa.String(), nullable=True),
    sa.Column('region', sa.String(length=32), nullable=True),
    sa.Column('postal_code', sa.String(length=16), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('payroll_contact', sa.String(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employers')),
    sa.UniqueConstraint('uid', name=op.f('uq_employers_uid'))
    )
    op.create_table('people',
    sa.Column('given_name', sa.String(), nullable=False),
    sa.Column('family_name', sa.String(), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('email', sa.String(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('uid', name=op.f('uq_people_uid'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('users',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('team', sa.String(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('uid', name=op.f('uq_users_uid')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('addresses',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('line1', sa.String(), nullable=False),
    sa.Column('line2', sa.String(), nullable=True),
    sa.Column('city', sa.String(), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=False),
    sa.Column('postal_code', sa.String(length=16), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_addresses_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addresses')),
    sa.UniqueConstraint('uid', name=op.f('uq_addresses_uid'))
    )
    with op.batch_alter_table('addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_addresses_person_id'), ['person_id'], unique=False)

    op.create_table('aliases',
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_aliases_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aliases')),
    sa.UniqueConstraint('uid', name=op.f('uq_aliases_uid'))
    )
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aliases_person_id'), ['person_id'], unique=False)

    op.create_table('assets',
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('estimated_value', caseworker.models.types.Money(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_assets_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assets')),
    sa.UniqueConstraint('uid', name=op.f('uq_assets_uid'))
    )
    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assets_person_id'), ['person_id'], unique=False)

    op.create_table('bank_accounts',
    sa.Column('institution', sa.String(), nullable=False),
    sa.Column('account_number', sa.String(length=34), nullable=False),
    sa.Column('found_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_bank_accounts_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_accounts')),
    sa.UniqueConstraint('uid', name=op.f('uq_bank_accounts_uid'))
    )
    with op.batch_alter_table('bank_accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_accounts_person_id'), ['person_id'], unique=False)

    op.create_table('cases',
    sa.Column('file_no', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('team', sa.String(length=32), nullable=True),
    sa.Column('policy', sa.String(length=32), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('family_violence', sa.Boolean(), nullable=False),
    sa.Column('safety_risk', sa.Boolean(), nullable=False),
    sa.Column('bankruptcy', sa.Boolean(), nullable=False),
    sa.Column('incarcerated', sa.Boolean(), nullable=False),
    sa.Column('deceased', sa.Boolean(), nullable=False),
    sa.Column('interjurisdictional', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_cases_officer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('file_no', name=op.f('uq_cases_file_no')),
    sa.UniqueConstraint('uid', name=op.f('uq_cases_uid'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_team'), ['team'], unique=False)

    op.create_table('identifiers',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_identifiers_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identifiers')),
    sa.UniqueConstraint('uid', name=op.f('uq_identifiers_uid'))
    )
    with op.batch_alter_table('identifiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identifiers_person_id'), ['person_id'], unique=False)

    op.create_table('income_sources',
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('monthly_gross', caseworker.models.types.Money(), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_income_sources_employer_id_employers')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_income_sources_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_income_sources')),
    sa.UniqueConstraint('uid', name=op.f('uq_income_sources_uid'))
    )
    with op.batch_alter_table('income_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_income_sources_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_income_sources_person_id'), ['person_id'], unique=False)

    op.create_table('phones',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_phones_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phones')),
    sa.UniqueConstraint('uid', name=op.f('uq_phones_uid'))
    )
    with op.batch_alter_table('phones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phones_person_id'), ['person_id'], unique=False)

    op.create_table('arrangements',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('amount', caseworker.models.types.Money(), nullable=False),
    sa.Column('frequency', sa.String(length=16), nullable=False),
    sa.Column('day', sa.Integer(), nullable=True),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('negotiated_by', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_arrangements_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['negotiated_by'], ['users.id'], name=op.f('fk_arrangements_negotiated_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrangements')),
    sa.UniqueConstraint('uid', name=op.f('uq_arrangements_uid'))
    )
    with op.batch_alter_table('arrangements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrangements_case_id'), ['case_id'], unique=False)

    op.create_table('assignments',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('assignee', sa.String(length=24), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assignments_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments')),
    sa.UniqueConstraint('uid', name=op.f('uq_assignments_uid'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_case_id'), ['case_id'], unique=False)

    op.create_table('audit_events',
    sa.Column('at', caseworker.models.types.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_audit_events_case_id_cases')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    sa.UniqueConstraint('uid', name=op.f('uq_audit_events_uid'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_case_id'), ['case_id'], unique=False)

    op.create_table('case_balances',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('total_owing', caseworker.models.types.Money(), nullable=False),
    sa.Column('arrears', caseworker.models.types.Money(), nullable=False),
    sa.Column('monthly_support', caseworker.models.types.Money(), nullable=False),
    sa.Column('last_payment_on', sa.Date(), nullable=True),
    sa.Column('delinquent_since', sa.Date(), nullable=True),
    sa.Column('arrangement_default', sa.Boolean(), nullable=False),
    sa.Column('computed_at', caseworker.models.types.UTCDateTime(), nullable=False),
    sa.Column('queue_reason', sa.Text(), nullable=True),
    sa.Column('queue_rank', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_balances_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_balances'))
    )
    with op.batch_alter_table('case_balances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_balances_queue_rank'), ['queue_rank'], unique=False)

    op.create_table('case_parties',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_parties_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_case_parties_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_parties')),
    sa.UniqueConstraint('uid', name=op.f('uq_case_parties_uid'))
    )
    with op.batch_alter_table('case_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_parties_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_parties_person_id'), ['person_id'], unique=False)

    op.create_table('enforcement_actions',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('started', sa.Date(), nullable=False),
    sa.Column('ended', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_enforcement_actions_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enforcement_actions')),
    sa.UniqueConstraint('uid', name=op.f('uq_enforcement_actions_uid'))
    )
    with op.batch_alter_table('enforcement_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enforcement_actions_case_id'), ['case_id'], unique=False)

    op.create_table('notices',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('addressee_role', sa.String(length=16), nullable=False),
    sa.Column('addressee_name', sa.String(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('issued_at', caseworker.models.types.UTCDateTime(), nullable=False),
    sa.Column('issued_by', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notices_case_id_cases')),
    sa.ForeignKeyConstraint(['issued_by'], ['users.id'], name=op.f('fk_notices_issued_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices')),
    sa.UniqueConstraint('uid', name=op.f('uq_notices_uid'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_case_id'), ['case_id'], unique=False)

    op.create_table('orders',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('court', sa.String(), nullable=False),
    sa.Column('court_file', sa.String(length=32), nullable=True),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('varies_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_orders_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['varies_id'], ['orders.id'], name=op.f('fk_orders_varies_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('uid', name=op.f('uq_orders_uid'))
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orders_case_id'), ['case_id'], unique=False)

    op.create_table('payments',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('received', sa.Date(), nullable=False),
    sa.Column('amount', caseworker.models.types.Money(), nullable=False),
    sa.Column('source', sa.String(length=24), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('entered_by', sa.Integer(), nullable=False),
    sa.Column('entered_at', caseworker.models.types.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_payments_case_id_cases')),
    sa.ForeignKeyConstraint(['entered_by'], ['users.id'], name=op.f('fk_payments_entered_by_users')),
    sa.ForeignKeyConstraint(['reverses_id'], ['payments.id'], name=op.f('fk_payments_reverses_id_payments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('case_id', 'seq', name=op.f('uq_payments_case_id')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_payments_reverses_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_payments_uid'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_case_id'), ['case_id'], unique=False)

    op.create_table('record_entries',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', caseworker.models.types.UTCDateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_record_entries_author_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_record_entries_case_id_cases')),
    sa.ForeignKeyConstraint(['corrects_id'], ['record_entries.id'], name=op.f('fk_record_entries_corrects_id_record_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_entries')),
    sa.UniqueConstraint('uid', name=op.f('uq_record_entries_uid'))
    )
    with op.batch_alter_table('record_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_entries_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_entries_case_id'), ['case_id'], unique=False)

    op.create_table('referrals',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('to', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_referrals_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('uid', name=op.f('uq_referrals_uid'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_case_id'), ['case_id'], unique=False)

    op.create_table('stays',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_stays_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stays')),
    sa.UniqueConstraint('uid', name=op.f('uq_stays_uid'))
    )
    with op.batch_alter_table('stays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stays_case_id'), ['case_id'], unique=False)

    op.create_table('tasks',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('assigned_to', sa.Integer(), nullable=True),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to'], ['users.id'], name=op.f('fk_tasks_assigned_to_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_tasks_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks')),
    sa.UniqueConstraint('uid', name=op.f('uq_tasks_uid'))
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tasks_assigned_to'), ['assigned_to'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_due'), ['due'], unique=False)

    op.create_table('terms',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=24), nullable=True),
    sa.Column('amount', caseworker.models.types.Money(), nullable=False),
    sa.Column('frequency', sa.String(length=16), nullable=True),
    sa.Column('day', sa.Integer(), nullable=True),
    sa.Column('days', sa.String(length=16), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['people.id'], name=op.f('fk_terms_child_id_people')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_terms_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terms')),
    sa.UniqueConstraint('uid', name=op.f('uq_terms_uid'))
    )
    with op.batch_alter_table('terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_terms_order_id'), ['order_id'], unique=False)

    op.create_table('adjustments',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('amount', caseworker.models.types.Money(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('entered_by', sa.Integer(), nullable=False),
    sa.Column('entered_at', caseworker.models.types.UTCDateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_adjustments_case_id_cases')),
    sa.ForeignKeyConstraint(['entered_by'], ['users.id'], name=op.f('fk_adjustments_entered_by_users')),
    sa.ForeignKeyConstraint(['term_id'], ['terms.id'], name=op.f('fk_adjustments_term_id_terms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adjustments')),
    sa.UniqueConstraint('case_id', 'seq', name=op.f('uq_adjustments_case_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_adjustments_uid'))
    )
    with op.batch_alter_table('adjustments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adjustments_case_id'), ['case_id'], unique=False)

    op.create_table('term_supersedes',
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('superseded_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['superseded_id'], ['terms.id'], name=op.f('fk_term_supersedes_superseded_id_terms')),
    sa.ForeignKeyConstraint(['term_id'], ['terms.id'], name=op.f('fk_term_supersedes_term_id_terms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('term_id', 'superseded_id', name=op.f('pk_term_supersedes'))
    )
    op.create_table('approvals',
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('adjustment_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=8), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=False),
    sa.Column('decided_at', caseworker.models.types.UTCDateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['adjustment_id'], ['adjustments.id'], name=op.f('fk_approvals_adjustment_id_adjustments')),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_approvals_decided_by_users')),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_approvals_payment_id_payments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approvals')),
    sa.UniqueConstraint('uid', name=op.f('uq_approvals_uid'))
    )
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approvals_adjustment_id'), ['adjustment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_approvals_payment_id'), ['payment_id'], unique=False)

    for statement in triggers.create_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in triggers.drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approvals_payment_id'))
        batch_op.drop_index(batch_op.f('ix_approvals_adjustment_id'))

    op.drop_table('approvals')
    op.drop_table('term_supersedes')
    with op.batch_alter_table('adjustments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adjustments_case_id'))

    op.drop_table('adjustments')
    with op.batch_alter_table('terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_terms_order_id'))

    op.drop_table('terms')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_due'))
        batch_op.drop_index(batch_op.f('ix_tasks_case_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_assigned_to'))

    op.drop_table('tasks')
    with op.batch_alter_table('stays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stays_case_id'))

    op.drop_table('stays')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_case_id'))

    op.drop_table('referrals')
    with op.batch_alter_table('record_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_entries_case_id'))
        batch_op.drop_index(batch_op.f('ix_record_entries_at'))

    op.drop_table('record_entries')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_case_id'))

    op.drop_table('payments')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_case_id'))

    op.drop_table('orders')
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_case_id'))

    op.drop_table('notices')
    with op.batch_alter_table('enforcement_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enforcement_actions_case_id'))

    op.drop_table('enforcement_actions')
    with op.batch_alter_table('case_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_parties_person_id'))
        batch_op.drop_index(batch_op.f('ix_case_parties_case_id'))

    op.drop_table('case_parties')
    with op.batch_alter_table('case_balances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_balances_queue_rank'))

    op.drop_table('case_balances')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_case_id'))

    op.drop_table('audit_events')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_case_id'))

    op.drop_table('assignments')
    with op.batch_alter_table('arrangements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrangements_case_id'))

    op.drop_table('arrangements')
    with op.batch_alter_table('phones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phones_person_id'))

    op.drop_table('phones')
    with op.batch_alter_table('income_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_income_sources_person_id'))
        batch_op.drop_index(batch_op.f('ix_income_sources_employer_id'))

    op.drop_table('income_sources')
    with op.batch_alter_table('identifiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identifiers_person_id'))

    op.drop_table('identifiers')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_team'))
        batch_op.drop_index(batch_op.f('ix_cases_status'))
        batch_op.drop_index(batch_op.f('ix_cases_officer_id'))

    op.drop_table('cases')
    with op.batch_alter_table('bank_accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_accounts_person_id'))

    op.drop_table('bank_accounts')
    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assets_person_id'))

    op.drop_table('assets')
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aliases_person_id'))

    op.drop_table('aliases')
    with op.batch_alter_table('addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_addresses_person_id'))

    op.drop_table('addresses')
    op.drop_table('users')
    op.drop_table('settings')
    op.drop_table('people')
    op.drop_table('employers')
