"""working-day calendar, audit as-of date, step times in days/hours/minutes, the desk step

- calendar_days: the days off and make-up working days the office records;
- audit_runs.as_of, audit_runs.calendar: the date a run judged on and the calendar it used;
- process_steps.duration + duration_unit replace duration_days (copied as working days);
- process_steps.at_desk, and officers.is_desk_officer, set where the department bears one of the
  desk's names ("Trung tâm Phục vụ hành chính công", "Bộ phận Tiếp nhận và Trả kết quả",
  "Bộ phận Một cửa", any case or accents), as the audit recognised them before;
- channels.time_unit accepts working_hour ("giờ làm việc"); "hour" stays calendar hours.

Revision ID: d5e8a7c41f20
Revises: dff129a1dc07
Create Date: 2026-12-01 22:00:00

"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = 'd5e8a7c41f20'
down_revision = 'dff129a1dc07'
branch_labels = None
depends_on = None

DESK_NAMES = ("trung tam phuc vu hanh chinh cong", "bo phan tiep nhan va tra ket qua",
              "bo phan mot cua")
OLD_UNITS = "time_unit IN ('working_day', 'day', 'hour', 'month')"
NEW_UNITS = "time_unit IN ('working_day', 'working_hour', 'hour', 'day', 'month')"


def _fold(text):
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _is_desk(text):
    folded = _fold(text)
    return any(folded == n or (folded.startswith(n) and not folded[len(n)].isalnum())
               for n in DESK_NAMES)


def _mark_desk(table, flag):
    """Set the flag on rows whose department is a desk name (distinct names, one UPDATE each)."""
    conn = op.get_bind()
    names = [row[0] for row in conn.execute(
        sa.text(f"SELECT DISTINCT department FROM {table} WHERE department IS NOT NULL"))]
    for name in names:
        if _is_desk(name):
            conn.execute(sa.text(f"UPDATE {table} SET {flag} = :yes WHERE department = :name"),
                         {"yes": True, "name": name})


def upgrade():
    op.create_table(
        'calendar_days',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('day_off', 'working_day')", name=op.f('ck_calendar_days_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_days')),
        sa.UniqueConstraint('day', name=op.f('uq_calendar_days_day')),
    )
    with op.batch_alter_table('audit_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('as_of', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('calendar', sa.Text(), nullable=True))

    with op.batch_alter_table('process_steps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duration', sa.Numeric(precision=8, scale=2), nullable=True))
        batch_op.add_column(sa.Column('duration_unit', sa.String(length=16), nullable=False,
                                      server_default='working_day'))
        batch_op.add_column(sa.Column('at_desk', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute("UPDATE process_steps SET duration = duration_days")
    _mark_desk("process_steps", "at_desk")
    with op.batch_alter_table('process_steps', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_process_steps_duration_positive'), type_='check')
        batch_op.drop_column('duration_days')
        batch_op.alter_column('duration_unit', server_default=None)
        batch_op.alter_column('at_desk', server_default=None)
        batch_op.create_check_constraint(batch_op.f('ck_process_steps_duration_positive'),
                                         'duration IS NULL OR duration >= 0')
        batch_op.create_check_constraint(
            batch_op.f('ck_process_steps_duration_unit'),
            "duration_unit IN ('working_day', 'working_hour', 'minute')")

    _mark_desk("officers", "is_desk_officer")
    with op.batch_alter_table('channels', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_channels_time_unit'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_channels_time_unit'), NEW_UNITS)


def downgrade():
    op.execute("UPDATE channels SET time_unit = 'hour' WHERE time_unit = 'working_hour'")
    with op.batch_alter_table('channels', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_channels_time_unit'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_channels_time_unit'), OLD_UNITS)

    with op.batch_alter_table('process_steps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duration_days', sa.Numeric(precision=8, scale=2),
                                      nullable=True))
    # Back to quarter days: hours ÷ 8, minutes ÷ 480, rounded to the nearest quarter.
    op.execute("UPDATE process_steps SET duration_days = ROUND(duration * CASE duration_unit "
               "WHEN 'working_hour' THEN 0.5 WHEN 'minute' THEN 1.0 / 120 ELSE 4 END) / 4.0")
    with op.batch_alter_table('process_steps', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_process_steps_duration_unit'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_process_steps_duration_positive'), type_='check')
        batch_op.drop_column('at_desk')
        batch_op.drop_column('duration_unit')
        batch_op.drop_column('duration')
        batch_op.create_check_constraint(batch_op.f('ck_process_steps_duration_positive'),
                                         'duration_days IS NULL OR duration_days >= 0')

    with op.batch_alter_table('audit_runs', schema=None) as batch_op:
        batch_op.drop_column('calendar')
        batch_op.drop_column('as_of')
    op.drop_table('calendar_days')
