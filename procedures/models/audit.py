"""Stored audit runs: each unit's result and the findings."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.models.base import utcnow
from procedures.models.units import Unit


class AuditRun(db.Model):
    """One run of the completeness audit over one unit or all."""

    __tablename__ = "audit_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scope: Mapped[str] = mapped_column(String(64), default="all")
    triggered_by: Mapped[str | None] = mapped_column(String(255))
    units_count: Mapped[int] = mapped_column(Integer, default=0)
    ready_count: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict | None] = mapped_column(JSON)
    # The date the audit judged the data on, and the working-day calendar it counted with.
    as_of: Mapped[date | None] = mapped_column(Date)
    calendar: Mapped[str | None] = mapped_column(Text)


class AuditUnitResult(db.Model):
    """Readiness and score of one unit in one audit run."""

    __tablename__ = "audit_unit_results"
    __table_args__ = (db.UniqueConstraint("run_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("audit_runs.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    ready: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    checks_passed: Mapped[int] = mapped_column(Integer)
    checks_applicable: Mapped[int] = mapped_column(Integer)
    blockers: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    components: Mapped[dict | None] = mapped_column(JSON)
    # What coverage was judged on: the province's catalogue or, when it has none yet, the
    # national rule; how many procedures were required and how many recorded as not arising.
    coverage: Mapped[dict | None] = mapped_column(JSON)
    # {"total": {indicator: [numerator, denominator]}, "fields": {field id: {...}}}
    indicators: Mapped[dict | None] = mapped_column(JSON)

    unit: Mapped[Unit] = relationship()


class Finding(db.Model):
    """One thing the audit found wrong or missing."""

    __tablename__ = "findings"
    __table_args__ = (
        CheckConstraint("severity IN ('blocker', 'warning')", name="severity"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("audit_runs.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(32))
    record_key: Mapped[str] = mapped_column(String(400))
    procedure_code: Mapped[str | None] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
