"""users.session_version: sessions end on logout, password reset or change, lock

Revision ID: e7b2c9d1a3f5
Revises: 8474ef7a562a
Create Date: 2026-12-02 01:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e7b2c9d1a3f5'
down_revision = '8474ef7a562a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
