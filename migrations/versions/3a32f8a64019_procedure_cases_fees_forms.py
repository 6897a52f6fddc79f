"""The procedure page of issue 14: cases (trường hợp) and the fee table as data, forms kept
with the procedure (a link and/or a stored file), the online service's address, the replacement
of an abolished procedure.

Revision ID: 3a32f8a64019
Revises: d2289f734b8d
Create Date: 2026-12-02 00:52:41.797266

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3a32f8a64019'
down_revision = 'd2289f734b8d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('form_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=128), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_form_files_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_files')),
    sa.UniqueConstraint('procedure_id', 'name', name=op.f('uq_form_files_procedure_id_name'))
    )
    with op.batch_alter_table('form_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_files_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('procedure_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('processing_time', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('time_unit', sa.String(length=16), nullable=False),
    sa.Column('sets', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.CheckConstraint("time_unit IN ('working_day', 'working_hour', 'hour', 'day', 'month')", name=op.f('ck_procedure_cases_time_unit')),
    sa.CheckConstraint('position >= 1', name=op.f('ck_procedure_cases_position_positive')),
    sa.CheckConstraint('processing_time IS NULL OR processing_time >= 0', name=op.f('ck_procedure_cases_time_positive')),
    sa.CheckConstraint('sets IS NULL OR sets >= 1', name=op.f('ck_procedure_cases_sets_positive')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_procedure_cases_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_cases')),
    sa.UniqueConstraint('procedure_id', 'position', name=op.f('uq_procedure_cases_procedure_id_position'))
    )
    with op.batch_alter_table('procedure_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_cases_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('procedure_fees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('case_name', sa.Text(), nullable=True),
    sa.Column('channel_kind', sa.String(length=16), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('per', sa.String(length=64), nullable=True),
    sa.Column('from_quantity', sa.Integer(), nullable=True),
    sa.Column('cap', sa.BigInteger(), nullable=True),
    sa.Column('cap_per', sa.String(length=64), nullable=True),
    sa.Column('exemption', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("channel_kind IS NULL OR channel_kind IN ('in_person', 'online', 'postal')", name=op.f('ck_procedure_fees_channel')),
    sa.CheckConstraint("kind IN ('fee', 'charge')", name=op.f('ck_procedure_fees_kind')),
    sa.CheckConstraint('amount IS NULL OR amount >= 0', name=op.f('ck_procedure_fees_amount_positive')),
    sa.CheckConstraint('cap IS NULL OR cap >= 0', name=op.f('ck_procedure_fees_cap_positive')),
    sa.CheckConstraint('from_quantity IS NULL OR from_quantity >= 1', name=op.f('ck_procedure_fees_from_positive')),
    sa.CheckConstraint('position >= 1', name=op.f('ck_procedure_fees_position_positive')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_procedure_fees_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_fees'))
    )
    with op.batch_alter_table('procedure_fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_fees_procedure_id'), ['procedure_id'], unique=False)

    # Plain ADD/DROP COLUMN (SQLite 3.35+ has both): a batch copy of "procedures" would cascade
    # the delete of the old table to its assignments and their process steps on SQLite.
    op.add_column('channels', sa.Column('online_url', sa.String(length=1000), nullable=True))
    op.add_column('dossier_items', sa.Column('form_url', sa.String(length=1000), nullable=True))
    op.add_column('dossier_items', sa.Column('form_file', sa.String(length=255), nullable=True))
    op.add_column('procedures', sa.Column('replaced_by_code', sa.String(length=32), nullable=True))



def downgrade():
    op.drop_column('procedures', 'replaced_by_code')
    op.drop_column('dossier_items', 'form_file')
    op.drop_column('dossier_items', 'form_url')
    op.drop_column('channels', 'online_url')
    with op.batch_alter_table('procedure_fees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_fees_procedure_id'))
    op.drop_table('procedure_fees')
    with op.batch_alter_table('procedure_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_cases_procedure_id'))
    op.drop_table('procedure_cases')
    with op.batch_alter_table('form_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_files_procedure_id'))
    op.drop_table('form_files')
