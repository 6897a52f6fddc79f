"""Assignments (a unit implements a procedure) and their internal process."""
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.enums import CHANNEL_KINDS, STEP_TIME_UNITS, check_in
from procedures.models.base import TimestampMixin
from procedures.models.catalogue import Decision
from procedures.models.procedure import Procedure
from procedures.models.units import Officer, Unit


class Assignment(TimestampMixin, db.Model):
    """A unit that implements a procedure, with its internal process."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("unit_id", "procedure_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by the unique constraint, which starts with it (no index of its own).
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    desk_name: Mapped[str | None] = mapped_column(String(255))
    desk_address: Mapped[str | None] = mapped_column(String(500))
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    unit: Mapped[Unit] = relationship()
    procedure: Mapped[Procedure] = relationship()
    decision: Mapped[Decision | None] = relationship()
    process_steps: Mapped[list["ProcessStep"]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan",
        order_by="(ProcessStep.channel_kind, ProcessStep.position)",
    )


    @property
    def unit_code(self) -> str:
        return self.unit.code

    @property
    def procedure_code(self) -> str:
        return self.procedure.code


class ProcessStep(db.Model):
    """Quy trình nội bộ: one step of a unit's internal handling of a procedure."""

    __tablename__ = "process_steps"
    __table_args__ = (
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint("duration IS NULL OR duration >= 0", name="duration_positive"),
        CheckConstraint(check_in("duration_unit", STEP_TIME_UNITS), name="duration_unit"),
        CheckConstraint(
            "channel_kind IS NULL OR " + check_in("channel_kind", CHANNEL_KINDS),
            name="channel_kind",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    task: Mapped[str] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(String(255))
    position_title: Mapped[str | None] = mapped_column(String(255))
    officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("officers.id", ondelete="SET NULL"), index=True
    )
    # Working time of the step in duration_unit: quarter days, quarter hours or whole minutes.
    duration: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    duration_unit: Mapped[str] = mapped_column(String(16), default="working_day")
    is_return_step: Mapped[bool] = mapped_column(Boolean, default=False)
    # The step is done at the unit's one-stop desk (whatever the desk is called).
    at_desk: Mapped[bool] = mapped_column(Boolean, default=False)
    channel_kind: Mapped[str | None] = mapped_column(String(16))

    assignment: Mapped[Assignment] = relationship(back_populates="process_steps")
    officer: Mapped[Officer | None] = relationship()
