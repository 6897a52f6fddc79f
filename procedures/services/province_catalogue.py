"""Province catalogues (what a province publishes for each level) and "không phát sinh" records.

Who writes: a catalogue entry is the province's published list, so admins (the reform office)
write it, and a file may list an entry unchanged; a not-arising record belongs to its unit: the
unit's editor (own unit and below) or an admin (procedures/policy.py). Both keep revisions.
"""
from collections import defaultdict
from datetime import date

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import aliased, contains_eager

from procedures import policy
from procedures.db import db
from procedures.enums import LEVELS
from procedures.errors import NotFound, field_error
from procedures.models import Assignment, CatalogueEntry, Decision, NotArising, Procedure, Unit
from procedures.models.base import utcnow
from procedures.schemas.inputs import CatalogueEntryIn, NotArisingIn
from procedures.services.base import EntityService
from procedures.services.references import require
from procedures.services.units import current_unit_code
from procedures.services.uow import current_actor
from procedures.unit_tree import provinces_of, subtree


class CatalogueEntryService(EntityService):
    entity, label, model, schema_class = (
        "catalogue_entry", "dòng danh mục", CatalogueEntry, CatalogueEntryIn)
    key_fields = ("province_code", "level", "procedure_code")

    def _select(self):
        province, procedure = aliased(Unit), aliased(Procedure)
        return (select(CatalogueEntry, province.code, procedure.code)
                .join(province, province.id == CatalogueEntry.province_id)
                .join(procedure, procedure.id == CatalogueEntry.procedure_id)), province, procedure

    def find(self, key):
        stmt, province, procedure = self._select()
        row = db.session.execute(stmt.where(province.code == key[0], CatalogueEntry.level == key[1],
                                            procedure.code == key[2])).first()
        return row[0] if row else None

    def find_many(self, keys):
        stmt, province, procedure = self._select()
        rows = db.session.execute(stmt.where(tuple_(province.code, CatalogueEntry.level,
                                                    procedure.code).in_(keys)))
        return {(pc, entry.level, code): entry for entry, pc, code in rows}

    def normalise_key(self, key):
        key = super().normalise_key(key)
        return (current_unit_code(key[0]), *key[1:])

    def resolve_refs(self, loaded):
        loaded["province_code"] = current_unit_code(loaded.get("province_code"))

    def list_order(self):
        return (CatalogueEntry.province_id, CatalogueEntry.level, CatalogueEntry.position,
                CatalogueEntry.id)

    def extract(self, record):
        return {"province_code": record.province.code, "level": record.level,
                "procedure_code": record.procedure.code,
                "decision_number": record.decision.number if record.decision else None,
                "position": record.position, "note": record.note}

    def policy_view(self, record):
        return self.serialize(record)

    def apply(self, record, data):
        province = require(Unit, "code", data["province_code"], "province_code", "đơn vị")
        if province.kind != "province":
            raise field_error("province_code", f"Đơn vị {province.code} ({province.name}) không "
                              "phải tỉnh, thành phố: danh mục do Chủ tịch UBND tỉnh công bố.")
        decision = require(Decision, "number", data["decision_number"], "decision_number",
                           "quyết định")
        if decision.kind == "abolished":
            raise field_error("decision_number", f"Quyết định {decision.number} là quyết định bãi "
                              "bỏ: thủ tục bị bãi bỏ thì xóa khỏi danh mục, không thêm dòng.")
        record.province = province
        record.level = data["level"]
        record.procedure = require(Procedure, "code", data["procedure_code"], "procedure_code",
                                   "thủ tục")
        record.decision = decision
        record.position, record.note = data.get("position"), data.get("note")


class NotArisingService(EntityService):
    entity, label, model, schema_class = (
        "not_arising", "ghi nhận không phát sinh", NotArising, NotArisingIn)
    key_fields = ("unit_code", "procedure_code")

    def find(self, key):
        return db.session.scalars(
            select(NotArising).join(NotArising.unit).join(NotArising.procedure)
            .where(Unit.code == key[0], Procedure.code == key[1])).first()

    def find_many(self, keys):
        rows = db.session.execute(
            select(NotArising, Unit.code, Procedure.code).join(NotArising.unit)
            .join(NotArising.procedure).where(tuple_(Unit.code, Procedure.code).in_(keys)))
        return {(unit_code, code): record for record, unit_code, code in rows}

    def normalise_key(self, key):
        key = super().normalise_key(key)
        return (current_unit_code(key[0]), *key[1:])

    def resolve_refs(self, loaded):
        loaded["unit_code"] = current_unit_code(loaded.get("unit_code"))

    def list_order(self):
        return (NotArising.unit_id, NotArising.id)

    def extract(self, record):
        return {"unit_code": record.unit.code, "procedure_code": record.procedure.code,
                "reason": record.reason}

    def policy_view(self, record):
        return {"unit_code": record.unit.code, "procedure_code": record.procedure.code}

    def authorize_new(self, unit) -> None:
        """Raise unless the acting user may record what does not arise in the unit."""
        self.authorize("edit", {"unit_code": unit.code}, None)

    def can_record(self, unit) -> bool:
        return policy.allowed(current_actor(), "edit", self.entity, {"unit_code": unit.code})

    def apply(self, record, data):
        record.unit = require(Unit, "code", data["unit_code"], "unit_code", "đơn vị")
        record.procedure = require(Procedure, "code", data["procedure_code"], "procedure_code",
                                   "thủ tục")
        record.reason = data["reason"]
        # Who said so, and when: the acting user of this change (the revision keeps the history).
        record.recorded_by, record.recorded_at = current_actor().label, utcnow()


catalogue_entries = CatalogueEntryService()
not_arising = NotArisingService()


# --- reading a province's catalogue ---------------------------------------------------------
def province_of(unit) -> Unit | None:
    """The unit's province: itself when it is one, else the nearest province above it."""
    found = provinces_of([unit.id]).get(unit.id)
    return db.session.get(Unit, found[0]) if found else None


def provinces() -> list[tuple[Unit, int]]:
    """Every province with the number of lines of its catalogue, by code."""
    counts = dict(db.session.execute(select(CatalogueEntry.province_id, func.count()).group_by(
        CatalogueEntry.province_id)).all())
    units = db.session.scalars(select(Unit).where(Unit.kind == "province").order_by(Unit.code))
    return [(u, counts.get(u.id, 0)) for u in units]


def get_province(code: str) -> Unit:
    """The province with this code (a former code finds it), or NotFound."""
    unit = db.session.scalars(select(Unit).where(Unit.code == current_unit_code(code))).first()
    if unit is None or unit.kind != "province":
        raise NotFound(f"Không tìm thấy tỉnh, thành phố '{code}'.", code="province_not_found")
    return unit


def entries_of(province: Unit, level: str | None = None) -> list[CatalogueEntry]:
    """The province's catalogue (one level or all), grouped as the annex is: level, field, STT."""
    from procedures.models import Field

    stmt = (select(CatalogueEntry).join(CatalogueEntry.procedure).join(Procedure.field)
            .join(CatalogueEntry.decision)
            .where(CatalogueEntry.province_id == province.id)
            .options(contains_eager(CatalogueEntry.procedure).contains_eager(Procedure.field),
                     contains_eager(CatalogueEntry.decision))
            .order_by(CatalogueEntry.level, Field.name, CatalogueEntry.position, Procedure.code))
    if level:
        stmt = stmt.where(CatalogueEntry.level == level)
    return db.session.scalars(stmt).unique().all()


def not_arising_of(unit: Unit) -> list[NotArising]:
    """What the unit recorded as not arising, with the procedure (by procedure code)."""
    return db.session.scalars(
        select(NotArising).join(NotArising.procedure).where(NotArising.unit_id == unit.id)
        .options(contains_eager(NotArising.procedure)).order_by(Procedure.code)).all()


def decision_in_force(decision, day: date) -> bool:
    start = decision.effective_on or decision.signed_on
    return start is None or start <= day


UNIMPLEMENTED = "catalogue.line.unimplemented"


def catalogue_report(province: Unit, level: str | None = None, as_of: date | None = None) -> dict:
    """The catalogue of a province with, per line, how many units of its level in the province
    implement the procedure or record it as not arising; a line in force that no unit of its
    level implements (and not every one records as not arising) is a finding of the catalogue."""
    as_of = as_of or date.today()
    entries = entries_of(province, level)
    ids = list(subtree(province.id).values())
    units_by_level = defaultdict(set)
    for uid, lvl in db.session.execute(select(Unit.id, Unit.level).where(Unit.id.in_(ids))):
        units_by_level[lvl].add(uid)
    wanted = list({e.procedure_id for e in entries})
    implemented, dropped = defaultdict(set), defaultdict(set)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for uid, pid in db.session.execute(select(Assignment.unit_id, Assignment.procedure_id)
                                           .where(Assignment.unit_id.in_(ids),
                                                  Assignment.procedure_id.in_(chunk))):
            implemented[pid].add(uid)
        for uid, pid in db.session.execute(select(NotArising.unit_id, NotArising.procedure_id)
                                           .where(NotArising.unit_id.in_(ids),
                                                  NotArising.procedure_id.in_(chunk))):
            dropped[pid].add(uid)
    lines, findings = [], []
    for e in entries:
        of_level = units_by_level.get(e.level, set())
        doing = len(implemented[e.procedure_id] & of_level)
        not_arising_count = len(dropped[e.procedure_id] & of_level)
        in_force = (decision_in_force(e.decision, as_of)
                    and e.procedure.status in ("active", "amended"))
        gap = in_force and doing == 0 and not_arising_count < max(1, len(of_level))
        line = {"entry": e, "position": e.position, "level": e.level,
                "field": e.procedure.field.name, "procedure_code": e.procedure.code,
                "procedure_name": e.procedure.name, "decision_number": e.decision.number,
                "note": e.note, "units": len(of_level), "implementing": doing,
                "not_arising": not_arising_count, "in_force": in_force, "gap": gap}
        lines.append(line)
        if gap:
            findings.append(_finding(province, line))
    return {"province": province, "level": level, "as_of": as_of, "lines": lines,
            "findings": findings}


def _finding(province, line) -> dict:
    level = LEVELS.get(line["level"], line["level"]).lower()
    units = line["units"]
    among = f"trong {units} đơn vị {level}" if units else f"tỉnh chưa có đơn vị {level} nào"
    return {
        "rule_id": UNIMPLEMENTED, "severity": "warning", "level": line["level"],
        "procedure_code": line["procedure_code"], "entry": line["entry"],
        "message": f"Thủ tục {line['procedure_code']} {line['procedure_name']} trong danh mục "
                   f"{level} của {province.name} (quyết định {line['decision_number']}) chưa có "
                   f"đơn vị {level} nào thực hiện ({among}).",
        "hint": "Giao thủ tục cho các đơn vị cùng cấp (sheet Phân công, kèm quy trình nội bộ), "
                "ghi nhận không phát sinh ở đơn vị nơi thủ tục không phát sinh, hoặc bỏ dòng "
                "khỏi danh mục nếu tỉnh đã bãi bỏ.",
    }


def can_publish() -> bool:
    """Whether the acting user may add or remove catalogue lines (to show the forms)."""
    return policy.allowed(current_actor(), "create", "catalogue_entry", None, {})


def not_arising_list(unit_code: str) -> list[NotArising]:
    """A unit's not-arising records, for those who read its audit (office, its editors)."""
    unit = db.session.scalars(select(Unit).where(Unit.code == current_unit_code(unit_code))).first()
    if unit is None:
        raise NotFound(f"Không tìm thấy đơn vị '{unit_code}'.", code="unit_not_found")
    policy.authorize(current_actor(), "read", "audit", unit_code=unit.code, unit_id=unit.id)
    return not_arising_of(unit)
