"""The reform office's additions to the citizen vocabulary of the search."""
from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from procedures.db import db
from procedures.models.base import TimestampMixin


class SearchTerm(TimestampMixin, db.Model):
    """Từ ngữ thông dụng: an everyday phrase citizens type and the official phrases it means.

    officials holds the official phrases separated by " | " ("" for a filler word that a query
    may carry without a procedure having it). An inactive entry switches off the shipped entry of
    the same phrase. Applied at query time: the index is never rebuilt for it.
    """

    __tablename__ = "search_terms"
    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(String(200), unique=True)
    officials: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
