"""Procedures (thủ tục hành chính) and the parts they own."""
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.enums import CHANNEL_KINDS, LEVELS, ONLINE_LEVELS, PROCEDURE_STATUSES, TIME_UNITS, check_in
from procedures.models.base import TimestampMixin
from procedures.models.catalogue import Decision, Field, LegalDocument
from procedures.models.units import Unit

procedure_decisions = Table(
    "procedure_decisions",
    db.metadata,
    Column("procedure_id", ForeignKey("procedures.id", ondelete="CASCADE"), primary_key=True),
    Column("decision_id", ForeignKey("decisions.id", ondelete="RESTRICT"), primary_key=True),
)
procedure_legal_bases = Table(
    "procedure_legal_bases",
    db.metadata,
    Column("procedure_id", ForeignKey("procedures.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "legal_document_id", ForeignKey("legal_documents.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
)


class Procedure(TimestampMixin, db.Model):
    """An administrative procedure as published."""

    __tablename__ = "procedures"
    __table_args__ = (
        CheckConstraint(check_in("level", LEVELS), name="level"),
        CheckConstraint(check_in("status", PROCEDURE_STATUSES), name="status"),
        CheckConstraint(
            "online_level IS NULL OR " + check_in("online_level", ONLINE_LEVELS),
            name="online_level",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    local_code: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id", ondelete="RESTRICT"), index=True)
    level: Mapped[str] = mapped_column(String(32), index=True)
    procedure_type: Mapped[str | None] = mapped_column(String(255))
    owner_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    subjects: Mapped[str | None] = mapped_column(Text)
    implementing_agency: Mapped[str | None] = mapped_column(Text)
    competent_authority: Mapped[str | None] = mapped_column(Text)
    coordinating_agencies: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    result_template: Mapped[str | None] = mapped_column(Text)
    no_result_template: Mapped[bool] = mapped_column(Boolean, default=False)
    requirements: Mapped[str | None] = mapped_column(Text)
    no_requirements: Mapped[bool] = mapped_column(Boolean, default=False)
    no_forms: Mapped[bool] = mapped_column(Boolean, default=False)
    online_level: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    keywords: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    last_verified_on: Mapped[date | None]
    # Optimistic concurrency: each save increments it; a stale form is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)

    field: Mapped[Field] = relationship()
    owner_unit: Mapped[Unit | None] = relationship()
    decisions: Mapped[list[Decision]] = relationship(
        secondary=procedure_decisions, order_by=Decision.signed_on
    )
    legal_bases: Mapped[list[LegalDocument]] = relationship(
        secondary=procedure_legal_bases, order_by=LegalDocument.number
    )
    channels: Mapped[list["Channel"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="Channel.id"
    )
    steps: Mapped[list["Step"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="Step.position"
    )
    dossier_items: Mapped[list["DossierItem"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="DossierItem.position"
    )


    def current_decision(self, day: date) -> Decision | None:
        """The newest publishing decision in force on the given day."""
        def started(d):
            start = d.effective_on or d.signed_on
            return start is None or start <= day

        in_force = [d for d in self.decisions if d.kind != "internal_process" and started(d)]
        return max(in_force, key=lambda d: (d.signed_on or date.min, d.id), default=None)


class Channel(db.Model):
    """Cách thức thực hiện: in person, online or by post, with its time and fee."""

    __tablename__ = "channels"
    __table_args__ = (
        UniqueConstraint("procedure_id", "kind"),
        CheckConstraint(check_in("kind", CHANNEL_KINDS), name="kind"),
        CheckConstraint(check_in("time_unit", TIME_UNITS), name="time_unit"),
        CheckConstraint("processing_time IS NULL OR processing_time >= 0", name="time_positive"),
        CheckConstraint("fee_amount IS NULL OR fee_amount >= 0", name="fee_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    processing_time: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    time_unit: Mapped[str] = mapped_column(String(16), default="working_day")
    time_note: Mapped[str | None] = mapped_column(Text)
    fee_text: Mapped[str | None] = mapped_column(Text)
    fee_amount: Mapped[int | None] = mapped_column(BigInteger)
    is_free: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)

    procedure: Mapped[Procedure] = relationship(back_populates="channels")


class Step(db.Model):
    """Trình tự thực hiện: one published step of the procedure."""

    __tablename__ = "steps"
    __table_args__ = (
        UniqueConstraint("procedure_id", "position"),
        CheckConstraint("position >= 1", name="position_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)

    procedure: Mapped[Procedure] = relationship(back_populates="steps")


class DossierItem(db.Model):
    """Thành phần hồ sơ: one document the applicant hands in."""

    __tablename__ = "dossier_items"
    __table_args__ = (
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint("originals >= 0 AND copies >= 0", name="counts_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    case_name: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    form_name: Mapped[str | None] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(Integer, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=0)
    required: Mapped[bool] = mapped_column(Boolean, default=True)

    procedure: Mapped[Procedure] = relationship(back_populates="dossier_items")
