"""Notifications: who follows which unit, how each person wants mail, every message and its fate."""
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from procedures.db import db
from procedures.models.base import utcnow


class NotificationSetting(db.Model):
    """A person's mail address for notices and whether they want one daily digest instead."""

    __tablename__ = "notification_settings"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    email: Mapped[str | None] = mapped_column(String(255))
    digest: Mapped[bool] = mapped_column(Boolean, default=False)


class UnitFollow(db.Model):
    """The reform office follows a unit: its people are told of the unit's blockers too."""

    __tablename__ = "unit_follows"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         primary_key=True)


class Notification(db.Model):
    """One message to one person: what it says, and whether it went out."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'sent', 'failed', 'not_sent')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                index=True)
    recipient: Mapped[str] = mapped_column(String(255))  # the username, kept if it is deleted
    email: Mapped[str | None] = mapped_column(String(255))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("audit_runs.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(32))  # audit_change, commitment_due, …
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)
