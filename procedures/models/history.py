"""History of changes: field-level revisions and the search change feed."""
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.models.accounts import User
from procedures.models.base import utcnow


class Revision(db.Model):
    """Who changed which record, when, with field-level before/after."""

    __tablename__ = "revisions"
    __table_args__ = (
        CheckConstraint("action IN ('create', 'update', 'delete')", name="action"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(64), index=True)
    record_key: Mapped[str] = mapped_column(String(400), index=True)
    action: Mapped[str] = mapped_column(String(16))
    changes: Mapped[dict] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The import (ImportBatch) whose write made this change; None for the web, API and CLI.
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True)

    user: Mapped[User | None] = relationship()


class SearchChange(db.Model):
    """Change feed: a procedure to reindex, written in the same transaction as the change."""

    __tablename__ = "search_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_code: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
