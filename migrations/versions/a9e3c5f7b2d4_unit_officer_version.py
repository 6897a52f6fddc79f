"""units.version, officers.version: workbooks of units and officers carry them (stale_version)

Revision ID: a9e3c5f7b2d4
Revises: f4d8a2c6b1e9
Create Date: 2026-12-02 02:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a9e3c5f7b2d4'
down_revision = 'f4d8a2c6b1e9'
branch_labels = None
depends_on = None


# Plain ALTER TABLE (no batch copy): on SQLite recreating units would cascade-delete its children.
def upgrade():
    for table in ('units', 'officers'):
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False,
                                       server_default='1'))


def downgrade():
    for table in ('officers', 'units'):
        op.drop_column(table, 'version')
