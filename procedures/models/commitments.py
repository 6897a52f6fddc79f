"""Heads' commitments (cam kết trách nhiệm người đứng đầu) and the chairman's annual tasks, with
their targets and how each target stood after every audit run."""
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.models.base import TimestampMixin
from procedures.models.units import Unit

COMMITMENT_KINDS = {"commitment": "Cam kết của người đứng đầu",
                    "task": "Nhiệm vụ giao theo quyết định của Chủ tịch"}
TARGET_STATES = {"met": "Đạt", "on_track": "Đúng tiến độ", "at_risk": "Có nguy cơ không đạt",
                 "overdue": "Quá hạn, chưa đạt", "regressed": "Đã đạt, nay không còn đạt"}


class Commitment(TimestampMixin, db.Model):
    """One unit's commitment (or its tasks of the year's task decision), signed by its head."""

    __tablename__ = "commitments"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "kind"),
        CheckConstraint("kind IN ('commitment', 'task')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="commitment")
    head_name: Mapped[str] = mapped_column(String(255))
    head_position: Mapped[str | None] = mapped_column(String(255))
    signed_on: Mapped[date | None] = mapped_column(Date)
    # The document it was signed in: the commitment's number, or the chairman's task decision.
    document_number: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    unit: Mapped[Unit] = relationship()
    targets: Mapped[list["CommitmentTarget"]] = relationship(
        back_populates="commitment", cascade="all, delete-orphan",
        order_by="CommitmentTarget.position")

    @property
    def unit_code(self) -> str:
        return self.unit.code


class CommitmentTarget(db.Model):
    """One target: an indicator at or above a threshold, or at most N findings of a kind, by a date."""

    __tablename__ = "commitment_targets"
    __table_args__ = (
        UniqueConstraint("commitment_id", "position"),
        CheckConstraint("(indicator IS NULL) <> (finding IS NULL)", name="one_measure"),
        CheckConstraint("position >= 1", name="position_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(String(32))
    threshold: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))  # percent, 0–100
    finding: Mapped[str | None] = mapped_column(String(64))  # blocker, warning or a rule id
    max_findings: Mapped[int] = mapped_column(Integer, default=0)
    due_on: Mapped[date] = mapped_column(Date)

    commitment: Mapped[Commitment] = relationship(back_populates="targets")


class TargetEvaluation(db.Model):
    """How a target stood after one audit run (the run that decided it is the evidence)."""

    __tablename__ = "target_evaluations"
    __table_args__ = (
        UniqueConstraint("run_id", "commitment_id", "position"),
        CheckConstraint("state IN ('met', 'on_track', 'at_risk', 'overdue', 'regressed')",
                        name="state"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("audit_runs.id", ondelete="CASCADE"), index=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal | None] = mapped_column(Numeric(10, 4))  # percent or a count
