"""unit code changes: the codes a unit was known by (renumbered by the official list, merged)

Revision ID: dff129a1dc07
Revises: b099976aadb5
Create Date: 2026-12-01 21:14:33.336319

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dff129a1dc07'
down_revision = 'b099976aadb5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('unit_code_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('old_code', sa.String(length=64), nullable=False),
    sa.Column('new_code', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("reason IN ('renumbered', 'merged')", name=op.f('ck_unit_code_changes_reason')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_code_changes_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_code_changes'))
    )
    with op.batch_alter_table('unit_code_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_code_changes_old_code'), ['old_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_code_changes_unit_id'), ['unit_id'], unique=False)



def downgrade():
    with op.batch_alter_table('unit_code_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_code_changes_unit_id'))
        batch_op.drop_index(batch_op.f('ix_unit_code_changes_old_code'))

    op.drop_table('unit_code_changes')
