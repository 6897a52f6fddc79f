"""Days the office records in the working-day calendar (decided after the holidays package)."""
from datetime import date

from sqlalchemy import CheckConstraint, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from procedures.db import db
from procedures.models.base import TimestampMixin


class CalendarDay(TimestampMixin, db.Model):
    """A day off or a make-up working day decided for a date, with the decision that set it."""

    __tablename__ = "calendar_days"
    __table_args__ = (
        CheckConstraint("kind IN ('day_off', 'working_day')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
