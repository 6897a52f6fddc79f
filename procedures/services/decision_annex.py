"""A publishing decision's annex: the procedures it published, amended or abolished (each linked
to the decision through `procedure_decisions`, what it did is the decision's kind), and the lines
of province catalogues it published (`catalogue_entries.decision`). Public, as the decision is."""
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from procedures.db import db
from procedures.enums import DECISION_KINDS
from procedures.errors import NotFound
from procedures.models import CatalogueEntry, Decision, Procedure, Unit, procedure_decisions
from procedures.schemas.fields import normalise_doc_number
from procedures.services.references import find_by

CATALOGUE_ACTION = "Công bố danh mục"


@dataclass
class AnnexRow:
    procedure: Procedure
    actions: list = field(default_factory=list)  # what the decision did: kind label, catalogue
    catalogue: list = field(default_factory=list)  # (province, level) lines it published


def get_decision(number: str) -> Decision:
    decision = find_by(Decision, number=normalise_doc_number((number or "").strip()))
    if decision is None:
        raise NotFound(f"Không tìm thấy quyết định '{number}'.", code="decision_not_found")
    return decision


def procedures_of_decision(number: str):
    """A where-clause for procedures the decision published, amended or abolished (linked) or
    listed in a province catalogue (for `GET /api/v1/procedures?decision=`); nothing matches an
    unknown number."""
    decision = find_by(Decision, number=normalise_doc_number((number or "").strip()))
    did = decision.id if decision else -1
    return or_(Procedure.id.in_(select(procedure_decisions.c.procedure_id)
                                .where(procedure_decisions.c.decision_id == did)),
               Procedure.id.in_(select(CatalogueEntry.procedure_id)
                                .where(CatalogueEntry.decision_id == did)))


def decision_annex(number: str) -> tuple[Decision, list[AnnexRow]]:
    """The decision and its annex, by procedure code."""
    decision = get_decision(number)
    procs = db.session.scalars(
        select(Procedure).where(procedures_of_decision(decision.number))
        .options(selectinload(Procedure.field), selectinload(Procedure.decisions))
        .order_by(Procedure.code)).all()
    linked = set(db.session.scalars(select(procedure_decisions.c.procedure_id).where(
        procedure_decisions.c.decision_id == decision.id)))
    lines = {}
    for pid, province, level in db.session.execute(
            select(CatalogueEntry.procedure_id, Unit.name, CatalogueEntry.level)
            .join(Unit, Unit.id == CatalogueEntry.province_id)
            .where(CatalogueEntry.decision_id == decision.id)
            .order_by(Unit.code, CatalogueEntry.level, CatalogueEntry.position)):
        lines.setdefault(pid, []).append((province, level))
    rows = []
    for p in procs:
        row = AnnexRow(p)
        if p.id in linked:
            row.actions.append(DECISION_KINDS.get(decision.kind, decision.kind))
        if p.id in lines:
            row.actions.append(CATALOGUE_ACTION)
            row.catalogue = lines[p.id]
        rows.append(row)
    return decision, rows


COLUMNS = [("code", "Mã TTHC"), ("name", "Tên thủ tục"), ("field", "Lĩnh vực"),
           ("level", "Cấp thực hiện"), ("action", "Nội dung quyết định"),
           ("catalogue", "Danh mục của tỉnh"), ("status", "Tình trạng hiện nay")]


def annex_for_export(rows) -> list[dict]:
    from procedures.enums import LEVELS, PROCEDURE_STATUSES

    return [{"code": r.procedure.code, "name": r.procedure.name,
             "field": r.procedure.field.name if r.procedure.field else None,
             "level": LEVELS.get(r.procedure.level, r.procedure.level),
             "action": "; ".join(r.actions),
             "catalogue": "; ".join(f"{prov} ({LEVELS.get(lv, lv).lower()})"
                                    for prov, lv in r.catalogue) or None,
             "status": PROCEDURE_STATUSES.get(r.procedure.status, r.procedure.status)}
            for r in rows]


def annex_xlsx(decision, rows) -> bytes:
    """The annex as a one-sheet workbook; every value a user typed is a text cell (a name that
    looks like a formula is kept exactly and never runs: `procedures.cells.as_text`)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from procedures.cells import as_text

    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet.append([label for _, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in annex_for_export(rows):
        sheet.append([row[key] for key, _ in COLUMNS])
        for cell in sheet[sheet.max_row]:
            as_text(cell)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (12, 60, 24, 14, 30, 40, 18)):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
