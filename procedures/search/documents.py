"""Procedures as the plain dicts the search index takes (abolished ones are not indexed)."""
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from procedures.db import db
from procedures.enums import SUBJECT_TAG_WORDS
from procedures.models import Assignment, Procedure, Unit

CHUNK = 500


def subject_tags(subjects) -> list[str]:
    """Kinds of applicant named in a procedure's subjects ("Công dân Việt Nam" → citizen)."""
    text = (subjects or "").lower()
    return [tag for tag, words in SUBJECT_TAG_WORDS.items() if any(w in text for w in words)]


def to_document(procedure, unit_codes) -> dict:
    """The search dict of one procedure."""
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field_code": procedure.field.code if procedure.field else None,
        "field_name": procedure.field.name if procedure.field else None,
        "level": procedure.level,
        "online_level": procedure.online_level or "none",
        "agency": procedure.implementing_agency,
        "subjects": procedure.subjects,
        "subjects_tags": subject_tags(procedure.subjects),
        "description": procedure.description,
        "dossier": [item.name for item in procedure.dossier_items],
        "keywords": procedure.keywords,
        "legal_numbers": [doc.number for doc in procedure.legal_bases],
        "unit_codes": sorted(unit_codes),
        "status": procedure.status,
    }


def _unit_codes(procedure_ids):
    codes = defaultdict(set)
    rows = db.session.execute(
        select(Assignment.procedure_id, Unit.code).join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.procedure_id.in_(procedure_ids)))
    for procedure_id, code in rows:
        codes[procedure_id].add(code)
    return codes


def _query():
    return select(Procedure).where(Procedure.status != "abolished").options(
        selectinload(Procedure.field), selectinload(Procedure.dossier_items),
        selectinload(Procedure.legal_bases),
    ).order_by(Procedure.id)


def _batches(codes):
    """Procedures in batches: all of them by id, or the given codes."""
    if codes is None:
        last_id = 0
        while rows := db.session.scalars(_query().where(Procedure.id > last_id).limit(CHUNK)).all():
            yield rows
            last_id = rows[-1].id
        return
    codes = sorted(set(codes))
    for start in range(0, len(codes), CHUNK):
        yield db.session.scalars(_query().where(Procedure.code.in_(codes[start:start + CHUNK]))).all()


def iter_documents(codes=None):
    """Search dicts of the given procedure codes (all when None), abolished ones left out."""
    for procedures in _batches(codes):
        unit_codes = _unit_codes([p.id for p in procedures])
        for procedure in procedures:
            yield to_document(procedure, unit_codes.get(procedure.id, ()))
