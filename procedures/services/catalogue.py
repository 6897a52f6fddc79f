"""Services for the shared catalogue: fields, publishing decisions and legal documents."""
from sqlalchemy import select

from procedures.db import db
from procedures.models import (
    Assignment,
    Decision,
    Field,
    LegalDocument,
    Procedure,
    SearchChange,
    procedure_decisions,
    procedure_legal_bases,
)
from procedures.schemas.base import normalise_text
from procedures.schemas.fields import normalise_doc_number
from procedures.schemas.inputs import DecisionIn, FieldIn, LegalDocumentIn
from procedures.services.base import EntityService
from procedures.services.references import copy_fields, count, find_by, require


class FieldService(EntityService):
    entity, label, model, schema_class = "field", "lĩnh vực", Field, FieldIn
    key_fields = ("code",)
    ref_column = "code"

    def policy_view(self, record):
        return {"code": record.code}

    def find(self, key):
        return find_by(Field, code=key[0])

    def list_order(self):
        return (Field.name, Field.code)

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

    def list_order(self):
        return (Decision.signed_on.desc(), Decision.number)

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

    def list_order(self):
        return (LegalDocument.number,)

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


fields = FieldService()
decisions = DecisionService()
legal_documents = LegalDocumentService()
