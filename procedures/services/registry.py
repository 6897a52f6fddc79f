"""Services for procedures (with their parts), officers and assignments."""
from sqlalchemy import or_, select, tuple_
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from procedures.db import db
from procedures.errors import ValidationFailed, field_error
from procedures.models import (
    Assignment, Channel, Decision, DossierItem, Field, LegalDocument, Officer, ProcessStep,
    Procedure, SearchChange, Step, Unit,
)
from procedures.schemas.inputs import AssignmentIn, OfficerIn, ProcedureIn
from procedures.services.base import EntityService, canonical
from procedures.services.catalogue import copy_fields, count, find_by, require
from procedures.services.uow import add_rows, bulk_cache

CHANNEL_ORDER = {"in_person": 0, "online": 1, "postal": 2}
PROCEDURE_PLAIN = (
    "code", "local_code", "name", "level", "procedure_type", "subjects", "implementing_agency",
    "competent_authority", "coordinating_agencies", "result", "result_template",
    "no_result_template", "requirements", "no_requirements", "no_forms", "online_level",
    "status", "keywords", "description", "last_verified_on",
)
CHANNEL_PLAIN = ("kind", "processing_time", "time_unit", "time_note", "fee_text", "fee_amount",
                 "is_free", "description")
STEP_PLAIN = ("position", "description")
DOSSIER_PLAIN = ("case_name", "position", "name", "form_name", "originals", "copies", "required")
PROCESS_PLAIN = ("position", "task", "department", "position_title", "duration_days",
                 "is_return_step", "channel_kind")


def _values(record, names):
    return {name: getattr(record, name) for name in names}


def _resolve_many(model, column, values, field, label):
    """Referenced records by key, with one error per missing key."""
    cache = bulk_cache()
    found = {}
    if cache is not None:
        found = {v: cache[(model, column, v)] for v in values or [] if (model, column, v) in cache}
    wanted = [v for v in values or [] if v not in found]
    if wanted:
        for record in db.session.scalars(select(model).where(getattr(model, column).in_(wanted))):
            found[getattr(record, column)] = record
            if cache is not None:
                cache[(model, column, getattr(record, column))] = record
    errors = [
        {"field": f"{field}.{i}", "messages": [f"Không tìm thấy {label} '{value}'."]}
        for i, value in enumerate(values or []) if value not in found
    ]
    if errors:
        raise ValidationFailed(errors)
    return [found[v] for v in dict.fromkeys(values or [])]


def _replace_parts(record, name, model, items, names, foreign_key, extra=None):
    """Replace an owned collection; flush the deletes first so unique keys can be reused.

    In a bulk_writes block the new rows are inserted with the next batch (no ORM objects).
    """
    collection = getattr(record, name) if record.id else None
    if collection:
        collection.clear()
        db.session.flush()
    rows = [{**{n: item.get(n) for n in names}, **(extra(item) if extra else {})}
            for item in items]
    if bulk_cache() is not None:
        add_rows(model, rows, parent=record, foreign_key=foreign_key, collection=name)
    else:
        collection = getattr(record, name)
        for row in rows:
            collection.append(model(**row))


def officer_id(officer):
    """An officer's id (flushed first when new), or None."""
    if officer is None:
        return None
    if officer.id is None:
        db.session.flush()
    return officer.id


def procedure_query():
    """A select of procedures with everything a procedure page shows, eagerly loaded."""
    return select(Procedure).options(
        joinedload(Procedure.field), joinedload(Procedure.owner_unit),
        selectinload(Procedure.decisions), selectinload(Procedure.legal_bases),
        selectinload(Procedure.channels), selectinload(Procedure.steps),
        selectinload(Procedure.dossier_items),
    )


class ProcedureService(EntityService):
    entity, label, model, schema_class = "procedure", "thủ tục", Procedure, ProcedureIn
    key_fields = ("code",)
    ref_column = "code"
    part_names = ("channels", "steps", "dossier_items")
    orders = {
        "channels": lambda c: CHANNEL_ORDER.get(c["kind"], 9),
        "steps": lambda s: s["position"],
        "dossier_items": lambda d: (d["case_name"] or "", d["position"], d["name"]),
    }

    def find(self, key):
        return db.session.scalars(procedure_query().where(Procedure.code == key[0])).first()

    def find_many(self, keys):
        codes = [k[0] for k in keys]
        return {(p.code,): p for p in db.session.scalars(
            procedure_query().where(Procedure.code.in_(codes)))}

    def extract(self, record):
        data = _values(record, PROCEDURE_PLAIN)
        data["field_code"] = record.field.code if record.field else None
        data["owner_unit_code"] = record.owner_unit.code if record.owner_unit else None
        data["decisions"] = [d.number for d in record.decisions]
        data["legal_bases"] = [d.number for d in record.legal_bases]
        data["channels"] = [_values(c, CHANNEL_PLAIN) for c in record.channels]
        data["steps"] = [_values(s, STEP_PLAIN) for s in record.steps]
        data["dossier_items"] = [_values(d, DOSSIER_PLAIN) for d in record.dossier_items]
        return data

    def apply(self, record, data):
        copy_fields(record, data, PROCEDURE_PLAIN)
        record.field = require(Field, "code", data["field_code"], "field_code", "lĩnh vực")
        record.owner_unit = require(
            Unit, "code", data.get("owner_unit_code"), "owner_unit_code", "đơn vị"
        )
        record.decisions = _resolve_many(
            Decision, "number", data.get("decisions"), "decisions", "quyết định công bố"
        )
        record.legal_bases = _resolve_many(
            LegalDocument, "number", data.get("legal_bases"), "legal_bases", "văn bản căn cứ"
        )
        before = self.extract(record) if record.id else {}
        for name, model, names in (
            ("channels", Channel, CHANNEL_PLAIN),
            ("steps", Step, STEP_PLAIN),
            ("dossier_items", DossierItem, DOSSIER_PLAIN),
        ):
            new = data.get(name) or []
            if not record.id or self._part_changed(before.get(name), new, name):
                _replace_parts(record, name, model, new, names, "procedure_id")

    def _part_changed(self, old, new, name):
        field = self.schema.fields[name].inner.schema
        key = self.orders[name]
        old_c = sorted((canonical(field, o) for o in old or []), key=key)
        new_c = sorted((canonical(field, n) for n in new), key=key)
        return old_c != new_c

    def after_change(self, record, action):
        add_rows(SearchChange, [{"procedure_code": record.code, "note": action}])

    def check_delete(self, record):
        used = count(select(Assignment.id).where(Assignment.procedure_id == record.id))
        self.refuse_if_used(
            used, f"Không thể xóa thủ tục {record.code}: {used} đơn vị đang thực hiện. "
            "Hãy chuyển trạng thái sang 'Đã bãi bỏ' hoặc gỡ phân công trước."
        )


class OfficerService(EntityService):
    entity, label, model, schema_class = "officer", "cán bộ", Officer, OfficerIn
    key_fields = ("unit_code", "full_name")
    plain = ("full_name", "position_title", "department", "phone", "email",
             "has_signing_account", "is_desk_officer", "active", "public")

    def find(self, key):
        return db.session.scalars(
            select(Officer).join(Unit).where(Unit.code == key[0], Officer.full_name == key[1])
        ).first()

    def extract(self, record):
        return {"unit_code": record.unit.code, **_values(record, self.plain)}

    def apply(self, record, data):
        copy_fields(record, data, self.plain)
        record.unit = require(Unit, "code", data["unit_code"], "unit_code", "đơn vị")

    def check_delete(self, record):
        used = count(select(ProcessStep.id).where(ProcessStep.officer_id == record.id))
        self.refuse_if_used(
            used, f"Không thể xóa cán bộ {record.full_name}: còn {used} bước quy trình ghi tên. "
            "Hãy đánh dấu 'Không còn công tác' (active = false) hoặc đổi người trong quy trình."
        )


class AssignmentService(EntityService):
    entity, label, model, schema_class = "assignment", "phân công", Assignment, AssignmentIn
    key_fields = ("unit_code", "procedure_code")
    part_names = ("process_steps",)
    orders = {"process_steps": lambda s: (s["channel_kind"] or "", s["position"])}

    def find(self, key):
        return db.session.scalars(
            select(Assignment).join(Assignment.unit).join(Assignment.procedure)
            .where(Unit.code == key[0], Procedure.code == key[1])
            .options(selectinload(Assignment.process_steps).selectinload(ProcessStep.officer))
        ).first()

    def find_many(self, keys):
        rows = db.session.execute(
            select(Assignment, Unit.code, Procedure.code).join(Assignment.unit)
            .join(Assignment.procedure).where(tuple_(Unit.code, Procedure.code).in_(keys))
            .options(selectinload(Assignment.process_steps).selectinload(ProcessStep.officer),
                     selectinload(Assignment.decision))
        ).all()
        return {(unit_code, code): assignment for assignment, unit_code, code in rows}

    def extract(self, record):
        steps = []
        for step in record.process_steps:
            values = _values(step, PROCESS_PLAIN)
            values["officer_name"] = step.officer.full_name if step.officer else None
            steps.append(values)
        return {
            "unit_code": record.unit.code, "procedure_code": record.procedure.code,
            "desk_name": record.desk_name, "desk_address": record.desk_address,
            "decision_number": record.decision.number if record.decision else None,
            "process_steps": steps,
        }

    def apply(self, record, data):
        unit = require(Unit, "code", data["unit_code"], "unit_code", "đơn vị")
        record.unit = unit
        record.procedure = require(
            Procedure, "code", data["procedure_code"], "procedure_code", "thủ tục"
        )
        record.desk_name, record.desk_address = data.get("desk_name"), data.get("desk_address")
        record.decision = require(
            Decision, "number", data.get("decision_number"), "decision_number", "quyết định"
        )
        officers = self._officers(unit, data.get("process_steps") or [])
        errors = [
            {"field": f"process_steps.{i}.officer_name",
             "messages": [f"Đơn vị {unit.code} không có cán bộ tên '{s['officer_name']}'."]}
            for i, s in enumerate(data.get("process_steps") or [])
            if s.get("officer_name") and s["officer_name"] not in officers
        ]
        if errors:
            raise ValidationFailed(errors)
        _replace_parts(record, "process_steps", ProcessStep, data.get("process_steps") or [],
                       PROCESS_PLAIN, "assignment_id", extra=lambda step: {
                           "officer_id": officer_id(officers.get(step.get("officer_name")))})

    @staticmethod
    def _officers(unit, steps):
        """The unit's officers named in the steps, by name (all of the unit's, in a bulk block)."""
        cache = bulk_cache()
        if cache is not None:
            if (Officer, unit.id) not in cache:
                cache[(Officer, unit.id)] = {o.full_name: o for o in db.session.scalars(
                    select(Officer).where(Officer.unit_id == unit.id))}
            return cache[(Officer, unit.id)]
        names = {s.get("officer_name") for s in steps} - {None}
        return {o.full_name: o for o in db.session.scalars(
            select(Officer).where(Officer.unit_id == unit.id, Officer.full_name.in_(names)))}

    def after_change(self, record, action):
        add_rows(SearchChange, [{"procedure_code": record.procedure.code, "note": "assignment"}])


def search_procedures(q=None, field_code=None, level=None, status=None, unit_code=None,
                      online_level=None):
    """A select of procedures filtered for lists (text match on code and name)."""
    stmt = select(Procedure).options(selectinload(Procedure.field)).order_by(Procedure.code)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(Procedure.code.ilike(like), Procedure.name.ilike(like)))
    if field_code:
        stmt = stmt.join(Procedure.field).where(Field.code == field_code)
    if level:
        stmt = stmt.where(Procedure.level == level)
    if status:
        stmt = stmt.where(Procedure.status == status)
    if online_level:
        stmt = stmt.where(Procedure.online_level == online_level)
    if unit_code:
        unit = find_by(Unit, code=unit_code)
        stmt = stmt.where(Procedure.id.in_(
            select(Assignment.procedure_id).where(Assignment.unit_id == (unit.id if unit else -1))
        ))
    return stmt


procedures = ProcedureService()
officers = OfficerService()
assignments = AssignmentService()


def assignments_of_procedure(procedure):
    """The units that implement a procedure, with their desks."""
    return db.session.scalars(
        select(Assignment).where(Assignment.procedure_id == procedure.id)
        .join(Assignment.unit).order_by(Unit.name)
        .options(contains_eager(Assignment.unit))
    ).all()


def procedures_by_codes(codes):
    """Procedures in the order of the given codes (a search's ranking), missing ones skipped."""
    if not codes:
        return []
    rows = db.session.scalars(
        select(Procedure).where(Procedure.code.in_(list(codes)))
        .options(selectinload(Procedure.field))).all()
    by_code = {p.code: p for p in rows}
    return [by_code[c] for c in codes if c in by_code]
