"""province catalogues: catalogue entries per province and level, not-arising records, the
coverage an audit result was judged on

Revision ID: e7c2b4a9d310
Revises: 3a32f8a64019
Create Date: 2026-12-02 00:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e7c2b4a9d310'
down_revision = '3a32f8a64019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('catalogue_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=32), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("level IN ('province', 'district', 'commune')",
                       name=op.f('ck_catalogue_entries_level')),
    sa.CheckConstraint('position IS NULL OR position >= 1',
                       name=op.f('ck_catalogue_entries_position_positive')),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                            name=op.f('fk_catalogue_entries_decision_id_decisions'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'],
                            name=op.f('fk_catalogue_entries_procedure_id_procedures'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['province_id'], ['units.id'],
                            name=op.f('fk_catalogue_entries_province_id_units'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_entries')),
    sa.UniqueConstraint('province_id', 'level', 'procedure_id',
                        name=op.f('uq_catalogue_entries_province_id_level_procedure_id')),
    )
    with op.batch_alter_table('catalogue_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_entries_decision_id'), ['decision_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_catalogue_entries_procedure_id'), ['procedure_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_catalogue_entries_province_id'), ['province_id'],
                              unique=False)
    op.create_table('not_arising',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=255), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'],
                            name=op.f('fk_not_arising_procedure_id_procedures'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_not_arising_unit_id_units'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_not_arising')),
    sa.UniqueConstraint('unit_id', 'procedure_id', name=op.f('uq_not_arising_unit_id_procedure_id')),
    )
    with op.batch_alter_table('not_arising', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_not_arising_procedure_id'), ['procedure_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_not_arising_unit_id'), ['unit_id'], unique=False)
    with op.batch_alter_table('audit_unit_results', schema=None) as batch_op:
        batch_op.add_column(sa.Column('coverage', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('audit_unit_results', schema=None) as batch_op:
        batch_op.drop_column('coverage')
    with op.batch_alter_table('not_arising', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_not_arising_unit_id'))
        batch_op.drop_index(batch_op.f('ix_not_arising_procedure_id'))
    op.drop_table('not_arising')
    with op.batch_alter_table('catalogue_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_entries_province_id'))
        batch_op.drop_index(batch_op.f('ix_catalogue_entries_procedure_id'))
        batch_op.drop_index(batch_op.f('ix_catalogue_entries_decision_id'))
    op.drop_table('catalogue_entries')
