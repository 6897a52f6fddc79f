"""Reference records: fields, publishing decisions, legal documents."""
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from procedures.db import db
from procedures.enums import DECISION_KINDS, DOC_TYPES, check_in
from procedures.models.base import TimestampMixin


class Field(TimestampMixin, db.Model):
    """Lĩnh vực: a field of procedures (Hộ tịch, Đất đai, …)."""

    __tablename__ = "fields"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))



class Decision(TimestampMixin, db.Model):
    """Quyết định công bố: the decision that publishes procedures."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint(check_in("kind", DECISION_KINDS), name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(255))
    signed_on: Mapped[date | None]
    effective_on: Mapped[date | None]
    published_on: Mapped[date | None]



class LegalDocument(TimestampMixin, db.Model):
    """Văn bản căn cứ: a law, decree, circular… cited as legal basis."""

    __tablename__ = "legal_documents"
    __table_args__ = (
        CheckConstraint(check_in("doc_type", DOC_TYPES), name="doc_type"),
        CheckConstraint(
            "expired_on IS NULL OR effective_on IS NULL OR expired_on >= effective_on",
            name="expiry_after_effect",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    doc_type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(255))
    issued_on: Mapped[date | None]
    effective_on: Mapped[date | None]
    expired_on: Mapped[date | None]
    replaced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="SET NULL")
    )
    replaced_by: Mapped["LegalDocument | None"] = relationship(remote_side=[id])


    def in_force_on(self, day: date) -> bool:
        """Whether the document is in force on the given day."""
        if self.effective_on and self.effective_on > day:
            return False
        if self.expired_on and self.expired_on <= day:
            return False
        # A replaced document applies until its replacement takes effect.
        replacement = self.replaced_by
        if replacement is not None and (replacement.effective_on is None
                                        or replacement.effective_on <= day):
            return False
        return True
