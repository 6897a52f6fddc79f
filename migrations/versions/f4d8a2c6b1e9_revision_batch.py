"""revisions.batch_id: the import batch whose write made a revision

Revision ID: f4d8a2c6b1e9
Revises: e7b2c9d1a3f5
Create Date: 2026-12-02 02:35:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'f4d8a2c6b1e9'
down_revision = 'e7b2c9d1a3f5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batch_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_revisions_batch_id'), ['batch_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_revisions_batch_id_import_batches'),
                                    'import_batches', ['batch_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_revisions_batch_id_import_batches'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_revisions_batch_id'))
        batch_op.drop_column('batch_id')
