"""Services for units, fields, decisions and legal documents."""
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from procedures.db import db
from procedures.errors import field_error
from procedures.models import (
    Assignment, Decision, Field, LegalDocument, Officer, Procedure, SearchChange, Unit,
    procedure_decisions, procedure_legal_bases,
)
from procedures.schemas.base import normalise_text
from procedures.schemas.fields import normalise_doc_number
from procedures.schemas.inputs import DecisionIn, FieldIn, LegalDocumentIn, UnitIn
from procedures.services.base import EntityService
from procedures.services.uow import bulk_cache


def copy_fields(record, data, names):
    """Set plain attributes from validated data (absent means None)."""
    for name in names:
        setattr(record, name, data.get(name))


def count(stmt) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def find_by(model, **where):
    """One record by exact column values, or None."""
    return db.session.scalars(select(model).filter_by(**where)).first()


def require(model, column, value, field, label):
    """The referenced record, or a field error naming what is missing."""
    if value is None:
        return None
    cache = bulk_cache()
    record = cache.get((model, column, value)) if cache is not None else None
    if record is None:
        record = find_by(model, **{column: value})
        if cache is not None and record is not None:
            cache[(model, column, value)] = record
    if record is None:
        raise field_error(field, f"Không tìm thấy {label} '{value}'.")
    return record


class UnitService(EntityService):
    entity, label, model, schema_class = "unit", "đơn vị", Unit, UnitIn
    key_fields = ("code",)
    ref_column = "code"
    plain = ("code", "name", "kind", "level", "desk_name", "desk_address", "desk_phone",
             "desk_hours")

    def find(self, key):
        return find_by(Unit, code=key[0])

    def extract(self, record):
        data = {name: getattr(record, name) for name in self.plain}
        data["parent_code"] = record.parent.code if record.parent else None
        return data

    def apply(self, record, data):
        copy_fields(record, data, self.plain)
        parent = require(Unit, "code", data.get("parent_code"), "parent_code", "đơn vị cấp trên")
        ancestor = parent
        while ancestor is not None:
            if ancestor is record:
                raise field_error("parent_code", "Đơn vị cấp trên tạo thành vòng lặp.")
            ancestor = ancestor.parent
        record.parent = parent

    def load_details(self, unit):
        """Load a unit's officers and assignments (with procedures and steps) in few queries."""
        from procedures.models import ProcessStep

        db.session.scalars(
            select(Assignment).where(Assignment.unit_id == unit.id).options(
                selectinload(Assignment.procedure).selectinload(Procedure.field),
                selectinload(Assignment.decision),
                selectinload(Assignment.process_steps).selectinload(ProcessStep.officer),
            )
        ).all()
        return unit

    def check_delete(self, record):
        uid = record.id
        for stmt, what in (
            (select(Unit.id).where(Unit.parent_id == uid), "đơn vị trực thuộc"),
            (select(Officer.id).where(Officer.unit_id == uid), "cán bộ"),
            (select(Assignment.id).where(Assignment.unit_id == uid), "thủ tục được giao"),
            (select(Procedure.id).where(Procedure.owner_unit_id == uid), "thủ tục do đơn vị quản lý"),
        ):
            self.refuse_if_used(count(stmt), f"Không thể xóa đơn vị {record.code}: còn {what}.")


class FieldService(EntityService):
    entity, label, model, schema_class = "field", "lĩnh vực", Field, FieldIn
    key_fields = ("code",)
    ref_column = "code"

    def find(self, key):
        return find_by(Field, code=key[0])

    def extract(self, record):
        return {"code": record.code, "name": record.name}

    def apply(self, record, data):
        copy_fields(record, data, ("code", "name"))

    def after_change(self, record, action):
        if action == "update":
            codes = db.session.scalars(select(Procedure.code).where(Procedure.field_id == record.id))
            db.session.add_all(SearchChange(procedure_code=c, note="field") for c in codes)

    def check_delete(self, record):
        used = count(select(Procedure.id).where(Procedure.field_id == record.id))
        self.refuse_if_used(used, f"Không thể xóa lĩnh vực {record.code}: còn {used} thủ tục.")


class DecisionService(EntityService):
    entity, label, model, schema_class = "decision", "quyết định", Decision, DecisionIn
    key_fields = ("number",)
    ref_column = "number"
    plain = ("number", "kind", "title", "issuer", "signed_on", "effective_on", "published_on")

    def normalise_key(self, key):
        return (normalise_doc_number(normalise_text(key[0]) or ""),)

    def find(self, key):
        return find_by(Decision, number=normalise_doc_number(key[0] or ""))

    def extract(self, record):
        return {name: getattr(record, name) for name in self.plain}

    def apply(self, record, data):
        copy_fields(record, data, self.plain)

    def check_delete(self, record):
        used = count(select(procedure_decisions.c.procedure_id).where(
            procedure_decisions.c.decision_id == record.id))
        used += count(select(Assignment.id).where(Assignment.decision_id == record.id))
        self.refuse_if_used(
            used, f"Không thể xóa quyết định {record.number}: còn thủ tục hoặc quy trình dẫn chiếu."
        )


class LegalDocumentService(EntityService):
    entity, label, model, schema_class = (
        "legal_document", "văn bản", LegalDocument, LegalDocumentIn
    )
    key_fields = ("number",)
    ref_column = "number"
    plain = ("number", "doc_type", "title", "issuer", "issued_on", "effective_on", "expired_on")

    def normalise_key(self, key):
        return (normalise_doc_number(normalise_text(key[0]) or ""),)

    def find(self, key):
        return find_by(LegalDocument, number=normalise_doc_number(key[0] or ""))

    def extract(self, record):
        data = {name: getattr(record, name) for name in self.plain}
        data["replaced_by"] = record.replaced_by.number if record.replaced_by else None
        return data

    def apply(self, record, data):
        copy_fields(record, data, self.plain)
        record.replaced_by = require(
            LegalDocument, "number", data.get("replaced_by"), "replaced_by", "văn bản thay thế"
        )

    def check_delete(self, record):
        used = count(select(procedure_legal_bases.c.procedure_id).where(
            procedure_legal_bases.c.legal_document_id == record.id))
        used += count(select(LegalDocument.id).where(LegalDocument.replaced_by_id == record.id))
        self.refuse_if_used(
            used, f"Không thể xóa văn bản {record.number}: còn thủ tục hoặc văn bản dẫn chiếu."
        )


def replacements_first(docs):
    """Legal document records ordered so that a replacing document comes before the one it replaces."""
    by_number = {d["number"]: d for d in docs}
    ordered, seen = [], set()

    def visit(doc, trail=()):
        if doc["number"] in seen or doc["number"] in trail:
            return
        target = by_number.get(doc.get("replaced_by"))
        if target:
            visit(target, trail + (doc["number"],))
        seen.add(doc["number"])
        ordered.append(doc)

    for doc in docs:
        visit(doc)
    return ordered


def search_units(q=None, level=None, kind=None, parent_code=None):
    """A select of units filtered by text, level, kind and parent."""
    stmt = select(Unit).order_by(Unit.level, Unit.code)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(Unit.name.ilike(like), Unit.code.ilike(like)))
    if level:
        stmt = stmt.where(Unit.level == level)
    if kind:
        stmt = stmt.where(Unit.kind == kind)
    if parent_code:
        parent = find_by(Unit, code=parent_code)
        stmt = stmt.where(Unit.parent_id == (parent.id if parent else -1))
    return stmt


units = UnitService()
fields = FieldService()
decisions = DecisionService()
legal_documents = LegalDocumentService()
