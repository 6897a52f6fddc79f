"""API-shaped records as flat sheet rows, and the database's records in that shape."""
from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload

from procedures import services
from procedures.db import db
from procedures.models import (
    Assignment,
    Commitment,
    Decision,
    Field,
    LegalDocument,
    Officer,
    ProcessStep,
    Unit,
)
from procedures.services.catalogue import replacements_first

PARTS = {"procedures": ("code", "procedure_code", ("channels", "steps", "dossier_items", "cases",
                                                 "fees")),
         "assignments": (None, None, ("process_steps",)),
         "commitments": (None, None, ("targets",))}
KINDS = ("units", "fields", "decisions", "legal_documents", "procedures", "officers", "assignments",
         "search_terms", "catalogue_entries", "not_arising", "commitments")


def parent_key(kind, record):
    if kind == "procedures":
        return {"procedure_code": record.get("code")}
    if kind == "commitments":
        return {"unit_code": record.get("unit_code"), "year": record.get("year"),
                "kind": record.get("kind")}
    return {"unit_code": record.get("unit_code"), "procedure_code": record.get("procedure_code")}


def flatten(records: dict) -> dict[str, list[dict]]:
    """{kind: [nested records]} → {sheet id: [flat rows]} (children carry their parent's key)."""
    rows = {}
    for kind, items in records.items():
        parts = PARTS.get(kind, (None, None, ()))[2]
        out = rows.setdefault(kind, [])
        for record in items or []:
            if not isinstance(record, dict):
                out.append(record)
                continue
            out.append({k: v for k, v in record.items() if k not in parts})
            for part in parts:
                for item in record.get(part) or []:
                    row = dict(parent_key(kind, record))
                    row.update(item if isinstance(item, dict) else {"_value": item})
                    rows.setdefault(part, []).append(row)
    return rows


def _unit_codes(unit_code, descendants):
    if unit_code is None:
        return None
    codes, frontier = {unit_code}, [unit_code]
    if descendants:
        pairs = db.session.execute(select(Unit.code, Unit.parent_id, Unit.id)).all()
        by_id = {uid: code for code, _, uid in pairs}
        children = {}
        for code, parent_id, _ in pairs:
            children.setdefault(by_id.get(parent_id), []).append(code)
        while frontier:
            frontier = [c for p in frontier for c in children.get(p, [])]
            codes.update(frontier)
    return codes


def _serialize_all(service, stmt):
    return [service.serialize(r) for r in db.session.scalars(stmt).unique()]


def _with_versions(service, stmt):
    """Records of a versioned kind, each with the version it has now (see spec.VERSION)."""
    return [{**service.serialize(r), "version": r.version}
            for r in db.session.scalars(stmt).unique()]


def records_from_database(unit_code=None, descendants=False) -> dict[str, list[dict]]:
    """Flat sheet rows of one unit's data (its procedures and their references), or everything."""
    codes = _unit_codes(unit_code, descendants)
    unit_q = select(Unit).options(selectinload(Unit.parent)).order_by(Unit.level, Unit.code)
    officer_q = select(Officer).join(Officer.unit).order_by(Unit.code, Officer.full_name)
    assign_q = (select(Assignment).join(Assignment.unit).options(
        selectinload(Assignment.unit), selectinload(Assignment.procedure),
        selectinload(Assignment.decision),
        selectinload(Assignment.process_steps).selectinload(ProcessStep.officer))
        .order_by(Unit.code, Assignment.id))
    proc_q = services.procedure_query().order_by(services.procedures.model.code)
    if codes is not None:
        unit_q = unit_q.where(Unit.code.in_(codes))
        officer_q = officer_q.where(Unit.code.in_(codes))
        assign_q = assign_q.where(Unit.code.in_(codes))
    records = {
        "units": _with_versions(services.units, unit_q),
        "officers": _with_versions(services.officers, officer_q),
        "assignments": _with_versions(services.assignments, assign_q),
    }
    if codes is not None:
        model = services.procedures.model
        assigned = {a["procedure_code"] for a in records["assignments"]}
        owned = select(model.code).join(model.owner_unit).where(Unit.code.in_(codes))
        wanted = assigned | set(db.session.scalars(owned))
        proc_q = proc_q.where(model.code.in_(wanted))
    records["procedures"] = _with_versions(services.procedures, proc_q)
    records.update(_catalogue(records, codes is None))
    # The reform office's vocabulary travels with a whole export only (not a unit's workbook).
    records["search_terms"] = (_serialize_all(services.search_terms,
                                              services.search_terms.list_query())
                               if codes is None else [])
    # A province's catalogue travels with a whole export; a unit's workbook carries its own
    # not-arising records.
    entries = services.catalogue_entries
    records["catalogue_entries"] = (_serialize_all(entries, entries.list_query().options(
        selectinload(entries.model.province), selectinload(entries.model.procedure),
        selectinload(entries.model.decision))) if codes is None else [])
    arising = services.not_arising
    arising_q = arising.list_query().join(arising.model.unit).options(
        selectinload(arising.model.unit), selectinload(arising.model.procedure))
    if codes is not None:
        arising_q = arising_q.where(Unit.code.in_(codes))
    records["not_arising"] = _serialize_all(arising, arising_q)
    commitment_q = services.commitments.list_query()
    if codes is not None:
        commitment_q = commitment_q.where(Unit.code.in_(codes))
    records["commitments"] = _serialize_all(services.commitments, commitment_q.order_by(
        None).order_by(Unit.code, Commitment.year, Commitment.kind))
    ordered = {kind: records[kind] for kind in KINDS}
    return flatten(ordered)


def _catalogue(records, everything):
    """Fields, decisions and legal documents: all, or those the unit's records cite."""
    procs = records["procedures"]
    field_q = select(Field).order_by(Field.code)
    decision_q = select(Decision).order_by(Decision.signed_on, Decision.number)
    doc_q = select(LegalDocument).options(selectinload(LegalDocument.replaced_by)).order_by(
        LegalDocument.number)
    if not everything:
        decisions = {n for p in procs for n in p["decisions"]}
        decisions |= {a["decision_number"] for a in records["assignments"]} - {None}
        docs = {n for p in procs for n in p["legal_bases"]}
        field_q = field_q.where(Field.code.in_({p["field_code"] for p in procs}))
        decision_q = decision_q.where(Decision.number.in_(decisions))
        doc_q = doc_q.where(LegalDocument.number.in_(_with_replacements(docs)))
    docs = _serialize_all(services.legal_documents, doc_q)
    return {
        "fields": _serialize_all(services.fields, field_q),
        "decisions": _serialize_all(services.decisions, decision_q),
        "legal_documents": replacements_first(docs),
    }


def _with_replacements(numbers):
    """The cited documents and, transitively, the documents that replaced them."""
    numbers, frontier = set(numbers), set(numbers)
    newer = aliased(LegalDocument)
    while frontier:
        found = set(db.session.scalars(
            select(newer.number).join(LegalDocument, LegalDocument.replaced_by_id == newer.id)
            .where(LegalDocument.number.in_(frontier))))
        frontier = found - numbers
        numbers |= frontier
    return numbers


