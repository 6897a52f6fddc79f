"""What a province publishes for each level (its catalogue) and what does not arise in a unit.

A province's Chairman publishes, by decision, the list of procedures implemented in the province
at each level (Decree 63/2010 Art. 15, amended by Decree 92/2017): the annex `STT | Mã TTHC |
Tên | Ghi chú`, grouped by level and field. A `CatalogueEntry` is one line of such an annex:
(province, level, procedure) and the decision that put it there. A procedure may be listed at
more than one level ("cấp tỉnh, cấp xã"): one entry per level.

A `NotArising` record says that a procedure of the catalogue does not arise in one unit ("không
phát sinh": no harbour in a mountain commune), with the reason, who recorded it and when; the
audit no longer requires it of that unit.
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.models.base import TimestampMixin, utcnow
from procedures.models.catalogue import Decision
from procedures.models.procedure import Procedure
from procedures.models.units import Unit

CATALOGUE_LEVELS = ("province", "district", "commune")


class CatalogueEntry(TimestampMixin, db.Model):
    """One line of a province's published catalogue: this procedure, at this level, here."""

    __tablename__ = "catalogue_entries"
    __table_args__ = (
        UniqueConstraint("province_id", "level", "procedure_id"),
        CheckConstraint("level IN ('province', 'district', 'commune')", name="level"),
        CheckConstraint("position IS NULL OR position >= 1", name="position_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(32))
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("decisions.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int | None] = mapped_column(Integer)  # STT in the annex
    note: Mapped[str | None] = mapped_column(Text)  # Ghi chú

    province: Mapped[Unit] = relationship()
    procedure: Mapped[Procedure] = relationship()
    decision: Mapped[Decision] = relationship()


class NotArising(TimestampMixin, db.Model):
    """"Không phát sinh": a catalogue procedure that does not arise in this unit, and why."""

    __tablename__ = "not_arising"
    __table_args__ = (UniqueConstraint("unit_id", "procedure_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(String(255))  # the acting user's name
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    unit: Mapped[Unit] = relationship()
    procedure: Mapped[Procedure] = relationship()

    @property
    def unit_code(self) -> str:
        return self.unit.code

    @property
    def procedure_code(self) -> str:
        return self.procedure.code
