"""Procedures (thủ tục hành chính) and the parts they own."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.enums import (
    CHANNEL_KINDS,
    FEE_KINDS,
    LEVELS,
    ONLINE_LEVELS,
    PROCEDURE_STATUSES,
    TIME_UNITS,
    check_in,
)
from procedures.models.base import TimestampMixin, utcnow
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
    # An abolished procedure points the citizen to the one that replaced it (national code).
    replaced_by_code: Mapped[str | None] = mapped_column(String(32))
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
    cases: Mapped[list["ProcedureCase"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="ProcedureCase.position"
    )
    fees: Mapped[list["Fee"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="Fee.position"
    )
    form_files: Mapped[list["FormFile"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="FormFile.name",
        passive_deletes=True,
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
    # Indexed by the unique constraint above, which starts with it (no index of its own).
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    processing_time: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    time_unit: Mapped[str] = mapped_column(String(16), default="working_day")
    time_note: Mapped[str | None] = mapped_column(Text)
    fee_text: Mapped[str | None] = mapped_column(Text)
    fee_amount: Mapped[int | None] = mapped_column(BigInteger)
    is_free: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)
    # The online service's address (dịch vụ công trực tuyến) where the dossier is submitted.
    online_url: Mapped[str | None] = mapped_column(String(1000))

    procedure: Mapped[Procedure] = relationship(back_populates="channels")


class Step(db.Model):
    """Trình tự thực hiện: one published step of the procedure."""

    __tablename__ = "steps"
    __table_args__ = (
        UniqueConstraint("procedure_id", "position"),
        CheckConstraint("position >= 1", name="position_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by the unique constraint above, which starts with it (no index of its own).
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"))
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
    # The form (mẫu đơn, tờ khai): a link, and/or a file stored with the procedure (FormFile.name).
    form_url: Mapped[str | None] = mapped_column(String(1000))
    form_file: Mapped[str | None] = mapped_column(String(255))
    originals: Mapped[int] = mapped_column(Integer, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=0)
    required: Mapped[bool] = mapped_column(Boolean, default=True)

    procedure: Mapped[Procedure] = relationship(back_populates="dossier_items")


class ProcedureCase(db.Model):
    """Trường hợp: a case of a procedure with its own time and number of dossier sets.

    Its dossier items are those whose case_name is its name; its fees, the fee rows naming it.
    """

    __tablename__ = "procedure_cases"
    __table_args__ = (
        UniqueConstraint("procedure_id", "position"),
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint(check_in("time_unit", TIME_UNITS), name="time_unit"),
        CheckConstraint("processing_time IS NULL OR processing_time >= 0", name="time_positive"),
        CheckConstraint("sets IS NULL OR sets >= 1", name="sets_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    processing_time: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    time_unit: Mapped[str] = mapped_column(String(16), default="working_day")
    sets: Mapped[int | None] = mapped_column(Integer)  # số bộ hồ sơ
    description: Mapped[str | None] = mapped_column(Text)

    procedure: Mapped[Procedure] = relationship(back_populates="cases")


class Fee(db.Model):
    """One row of a procedure's fee table (phí, lệ phí), as data.

    "2.000 đ/trang, từ trang 3 1.000 đ, tối đa 200.000 đ/bản" is two rows: 2.000 per trang, and
    1.000 per trang from quantity 3 with a cap of 200.000 per bản. A row may apply to one case
    and/or one channel only (none: every case, every channel).
    """

    __tablename__ = "procedure_fees"
    __table_args__ = (
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint(check_in("kind", FEE_KINDS), name="kind"),
        CheckConstraint(
            "channel_kind IS NULL OR " + check_in("channel_kind", CHANNEL_KINDS), name="channel"),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
        CheckConstraint("cap IS NULL OR cap >= 0", name="cap_positive"),
        CheckConstraint("from_quantity IS NULL OR from_quantity >= 1", name="from_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="charge")
    case_name: Mapped[str | None] = mapped_column(Text)
    channel_kind: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[int | None] = mapped_column(BigInteger)  # đồng; 0 = free
    per: Mapped[str | None] = mapped_column(String(64))  # "trang", "bản", "hồ sơ"
    from_quantity: Mapped[int | None] = mapped_column(Integer)  # "từ trang 3"
    cap: Mapped[int | None] = mapped_column(BigInteger)  # "tối đa 200.000 đ"
    cap_per: Mapped[str | None] = mapped_column(String(64))  # "/bản"
    exemption: Mapped[str | None] = mapped_column(Text)  # who pays nothing
    note: Mapped[str | None] = mapped_column(Text)

    procedure: Mapped[Procedure] = relationship(back_populates="fees")


class FormFile(db.Model):
    """A form (mẫu đơn, tờ khai) kept in the database with its procedure, for download."""

    __tablename__ = "form_files"
    __table_args__ = (UniqueConstraint("procedure_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedures.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    procedure: Mapped[Procedure] = relationship(back_populates="form_files")
