"""A unit's inventory: every procedure of its catalogue, the decision that put it there, whether
the unit implements it or recorded it as not arising, its internal process and the decision
approving it, online level, status and last change (the unit's editors and the office)."""
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from procedures import services
from procedures.audit.coverage import keeps_line
from procedures.audit.results import authorize_unit
from procedures.db import db
from procedures.models import Assignment, NotArising, Procedure
from procedures.models.base import as_utc
from procedures.services.province_catalogue import entries_of, province_of

IN_FORCE = ("active", "amended")


@dataclass
class InventoryRow:
    procedure: Procedure
    decision: object  # the decision that put it in the catalogue (or its current one)
    state: str  # implements | not_arising | missing
    reason: str | None = None
    assignment: Assignment | None = None
    last_change: datetime | None = None

    @property
    def state_label(self) -> str:
        return {"implements": "Đang thực hiện", "not_arising": "Không phát sinh",
                "missing": "Chưa nhận thực hiện"}[self.state]

    @property
    def process_steps(self) -> int:
        return len(self.assignment.process_steps) if self.assignment else 0

    @property
    def approving_decision(self):
        return self.assignment.decision if self.assignment else None


def unit_inventory(unit_code: str, as_of: date | None = None):
    """(unit, source, [InventoryRow]): source is the province's catalogue or the national rule."""
    unit = services.units.get(unit_code)
    authorize_unit(unit)
    as_of = as_of or date.today()
    province = province_of(unit)
    lines = [e for e in entries_of(province, unit.level)] if province else []
    if lines:
        source = "catalogue"
        picked = [(e.procedure, e.decision) for e in lines
                  if keeps_line(unit.id, unit.level, (e.level,), e.procedure.owner_unit_id)]
    else:
        source = "national"
        stmt = select(Procedure).where(Procedure.status.in_(IN_FORCE),
                                       Procedure.level == unit.level)
        if unit.level != "commune":
            stmt = stmt.where(Procedure.owner_unit_id == unit.id)
        procs = db.session.scalars(stmt.options(selectinload(Procedure.decisions))
                                   .order_by(Procedure.code)).all()
        picked = [(p, p.current_decision(as_of)) for p in procs]
    ids = [p.id for p, _ in picked]
    assigned = {a.procedure_id: a for a in db.session.scalars(
        select(Assignment).where(Assignment.unit_id == unit.id, Assignment.procedure_id.in_(ids))
        .options(selectinload(Assignment.process_steps), selectinload(Assignment.decision)))}
    skipped = {n.procedure_id: n for n in db.session.scalars(
        select(NotArising).where(NotArising.unit_id == unit.id,
                                 NotArising.procedure_id.in_(ids)))}
    rows = []
    for proc, decision in picked:
        a, n = assigned.get(proc.id), skipped.get(proc.id)
        state = "implements" if a else ("not_arising" if n else "missing")
        changes = [as_utc(x) for x in (proc.updated_at, a.updated_at if a else None,
                                       n.updated_at if n else None) if x]
        rows.append(InventoryRow(proc, decision, state, n.reason if n else None, a,
                                 max(changes) if changes else None))
    return unit, source, rows


COLUMNS = [("code", "Mã TTHC"), ("name", "Tên thủ tục"), ("field", "Lĩnh vực"),
           ("decision", "Quyết định công bố"), ("decision_date", "Ngày ký"),
           ("decision_kind", "Loại quyết định"), ("state", "Thực hiện"), ("reason", "Lý do"),
           ("process", "Số bước quy trình nội bộ"), ("approval", "Quyết định phê duyệt quy trình"),
           ("online", "Mức trực tuyến"), ("status", "Tình trạng"), ("changed", "Thay đổi gần nhất")]


def rows_for_export(rows) -> list[dict]:
    from procedures.enums import DECISION_KINDS, ONLINE_LEVELS, PROCEDURE_STATUSES

    return [{
        "code": r.procedure.code, "name": r.procedure.name,
        "field": r.procedure.field.name if r.procedure.field else None,
        "decision": r.decision.number if r.decision else None,
        "decision_date": r.decision.signed_on.strftime("%d/%m/%Y")
        if r.decision and r.decision.signed_on else None,
        "decision_kind": DECISION_KINDS.get(r.decision.kind, r.decision.kind) if r.decision else None,
        "state": r.state_label, "reason": r.reason, "process": r.process_steps,
        "approval": r.approving_decision.number if r.approving_decision else None,
        "online": ONLINE_LEVELS.get(r.procedure.online_level or "", r.procedure.online_level),
        "status": PROCEDURE_STATUSES.get(r.procedure.status, r.procedure.status),
        "changed": r.last_change.strftime("%d/%m/%Y %H:%M") if r.last_change else None,
    } for r in rows]
