"""search terms: the reform office's everyday phrases for the citizen search

Revision ID: c3a1f0e2d4b6
Revises: d5e8a7c41f20
Create Date: 2026-12-01 21:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c3a1f0e2d4b6'
down_revision = 'd5e8a7c41f20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phrase', sa.String(length=200), nullable=False),
    sa.Column('officials', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_terms')),
    sa.UniqueConstraint('phrase', name=op.f('uq_search_terms_phrase'))
    )


def downgrade():
    op.drop_table('search_terms')
