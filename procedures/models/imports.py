"""Import batches: an uploaded file and what came of it."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from procedures.db import db
from procedures.models.base import utcnow


class ImportBatch(db.Model):
    """An uploaded file and what came of it."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str | None] = mapped_column(String(255))
    unit_code: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_format: Mapped[str] = mapped_column(String(16))
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str] = mapped_column(String(16))
    counts: Mapped[dict | None] = mapped_column(JSON)
    # Loaded when read (one batch's page), not with every batch: a report lists up to 2,000
    # changes and as many issues, and the list pages and the import itself never need it.
    report: Mapped[dict | None] = mapped_column(JSON, deferred=True)


class StoredFile(db.Model):
    """An uploaded file kept in the database, so every web node and worker can read it.

    A file is received before its import runs (a job may run it on another machine), so it
    exists first without a batch; the import attaches it to the batch it recorded. Each batch
    keeps its own copy (a confirmed dry run copies it), so pruning a batch's file touches no other.
    """

    __tablename__ = "stored_files"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
