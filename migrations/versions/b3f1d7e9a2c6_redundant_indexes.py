"""drop the indexes the unique constraints already provide (channels, steps, assignments)

Each of these columns leads a unique constraint's index ((procedure_id, kind), (procedure_id,
position), (unit_id, procedure_id)), which serves every lookup the single-column index served;
the second index only cost every insert (an import writes tens of thousands of these rows).

Revision ID: b3f1d7e9a2c6
Revises: a9e3c5f7b2d4
Create Date: 2026-12-02 12:30:00

"""
from alembic import op


revision = 'b3f1d7e9a2c6'
down_revision = 'a9e3c5f7b2d4'
branch_labels = None
depends_on = None

INDEXES = (('ix_channels_procedure_id', 'channels', 'procedure_id'),
           ('ix_steps_procedure_id', 'steps', 'procedure_id'),
           ('ix_assignments_unit_id', 'assignments', 'unit_id'))


def upgrade():
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)


def downgrade():
    for name, table, column in INDEXES:
        op.create_index(name, table, [column], unique=False)
