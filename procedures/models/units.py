"""Units (đơn vị) and their officers (cán bộ, công chức)."""
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.enums import LEVELS, UNIT_KINDS, check_in
from procedures.models.base import TimestampMixin, utcnow


class Unit(TimestampMixin, db.Model):
    """A province, department, district, ward, commune or agency."""

    __tablename__ = "units"
    __table_args__ = (
        CheckConstraint(check_in("kind", UNIT_KINDS), name="kind"),
        CheckConstraint(check_in("level", LEVELS), name="level"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # Bumped by every change: a workbook row made from an older version is refused (stale_version).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(32), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )
    desk_name: Mapped[str | None] = mapped_column(String(255))
    desk_address: Mapped[str | None] = mapped_column(String(500))
    desk_phone: Mapped[str | None] = mapped_column(String(64))
    desk_hours: Mapped[str | None] = mapped_column(String(255))

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Unit"]] = relationship(back_populates="parent")
    officers: Mapped[list["Officer"]] = relationship(
        back_populates="unit", order_by="Officer.full_name"
    )
    assignments: Mapped[list["Assignment"]] = relationship(  # noqa: F821
        viewonly=True, order_by="Assignment.id"
    )
    code_changes: Mapped[list["UnitCodeChange"]] = relationship(
        back_populates="unit", order_by="UnitCodeChange.id", cascade="all, delete-orphan",
        passive_deletes=True,
    )


class UnitCodeChange(db.Model):
    """A code a unit was known by: renumbered by the official list, or merged into this unit.

    Lookups by the old code find the unit (a current code of another unit wins), so officers,
    assignments and accounts, which cite the unit by id, follow it.
    """

    __tablename__ = "unit_code_changes"
    __table_args__ = (CheckConstraint("reason IN ('renumbered', 'merged')", name="reason"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    old_code: Mapped[str] = mapped_column(String(64), index=True)
    new_code: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(16))
    changed_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="code_changes")


class Officer(TimestampMixin, db.Model):
    """An official of a unit who receives or processes dossiers."""

    __tablename__ = "officers"
    __table_args__ = (UniqueConstraint("unit_id", "full_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # Bumped by every change: a workbook row made from an older version is refused (stale_version).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(255))
    position_title: Mapped[str | None] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(255))
    has_signing_account: Mapped[bool] = mapped_column(Boolean, default=False)
    is_desk_officer: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    public: Mapped[bool] = mapped_column(Boolean, default=False)

    unit: Mapped[Unit] = relationship(back_populates="officers")


    @property
    def unit_code(self) -> str:
        return self.unit.code
