"""The unit service: provinces, departments, wards, communes and their one-stop desks."""
from marshmallow import ValidationError
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from procedures import policy
from procedures.db import db
from procedures.errors import Conflict, NotFound, ValidationFailed, field_error
from procedures.models import Assignment, Officer, Procedure, ProcessStep, SearchChange, Unit, UnitCodeChange
from procedures.policy import forget_scopes
from procedures.schemas.base import flatten_errors
from procedures.schemas.inputs import UnitIn
from procedures.services.base import EntityService, canonical
from procedures.services.references import copy_fields, count, find_by, require
from procedures.services.uow import bulk_cache, current_actor, record_revision, unit_of_work


class UnitService(EntityService):
    entity, label, model, schema_class = "unit", "đơn vị", Unit, UnitIn
    key_fields = ("code",)
    ref_column = "code"
    plain = ("code", "name", "kind", "level", "desk_name", "desk_address", "desk_phone",
             "desk_hours")

    def find(self, key):
        """The unit with this code, else the unit the official list renumbered from it.

        A merged unit's code is not followed here: a record written under it (an old workbook's
        row for the absorbed ward) must not overwrite the receiving unit. get() follows it.
        """
        return find_by(Unit, code=key[0]) or former_holder(key[0], merged=False)

    def get(self, *key):
        """The unit known by this code now or formerly (renumbered or merged), or NotFound."""
        code = self.normalise_key(tuple(key))[0]
        record = self.find((code,)) or former_holder(code)
        return record if record is not None else super().get(*key)

    def delete(self, *key):
        """Delete a unit by its current code only (a former code finds its successor)."""
        code = self.normalise_key(tuple(key))[0]
        if find_by(Unit, code=code) is None:
            raise NotFound(f"Không có đơn vị nào đang mang mã '{code}' (xóa đơn vị phải dùng mã "
                           "hiện tại).", code="unit_not_found")
        return super().delete(*key)

    def resolve_refs(self, loaded):
        loaded["code"] = current_unit_code(loaded.get("code"), merged=False)
        loaded["parent_code"] = current_unit_code(loaded.get("parent_code"))

    def list_order(self):
        return (Unit.level, Unit.code)

    def policy_view(self, record):
        return {"code": record.code}

    def count_all(self) -> int:
        return count(select(Unit.id))

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

    def after_change(self, record, action):
        forget_scopes()  # the unit tree changed: scopes are read again

    def load_details(self, unit):
        """Load a unit's officers and assignments (with procedures and steps) in few queries."""
        db.session.scalars(
            select(Assignment).where(Assignment.unit_id == unit.id).options(
                selectinload(Assignment.procedure).selectinload(Procedure.field),
                selectinload(Assignment.decision),
                selectinload(Assignment.process_steps).selectinload(ProcessStep.officer),
            )
        ).all()
        return unit

    def change_code(self, code, new_code, *, changed_on=None, source=None) -> Unit:
        """Give a unit a new code and keep its id, so its officers, assignments, accounts and audit
        results stay with it; the old code still finds it (a current code of another unit wins)."""
        policy.require_writer(current_actor())
        with unit_of_work():
            record = self.get(code)
            move_codes([(record, new_code)], changed_on=changed_on, source=source)
            return record

    def former_codes(self, record) -> list:
        """The unit's earlier codes, oldest first (UnitCodeChange rows)."""
        return db.session.scalars(select(UnitCodeChange).where(UnitCodeChange.unit_id == record.id)
                                  .order_by(UnitCodeChange.id)).all()

    def check_delete(self, record):
        uid = record.id
        for stmt, what in (
            (select(Unit.id).where(Unit.parent_id == uid), "đơn vị trực thuộc"),
            (select(Officer.id).where(Officer.unit_id == uid), "cán bộ"),
            (select(Assignment.id).where(Assignment.unit_id == uid), "thủ tục được giao"),
            (select(Procedure.id).where(Procedure.owner_unit_id == uid), "thủ tục do đơn vị quản lý"),
        ):
            self.refuse_if_used(count(stmt), f"Không thể xóa đơn vị {record.code}: còn {what}.")


def former_holder(code, merged=True):
    """The unit last known by this former code (renumbered, or merged into it too), or None."""
    if not code:
        return None
    stmt = (select(Unit).join(UnitCodeChange, UnitCodeChange.unit_id == Unit.id)
            .where(UnitCodeChange.old_code == code))
    if not merged:
        stmt = stmt.where(UnitCodeChange.reason == "renumbered")
    return db.session.scalars(stmt.order_by(UnitCodeChange.id.desc()).limit(1)).first()


def current_unit_code(code, merged=True):
    """The code a unit cited by ``code`` has now: the code itself when it is current (or unknown),
    the new code when it is a former one (merged=False: only when the list renumbered it).
    Remembered within a bulk_writes block."""
    if code is None:
        return None
    cache = bulk_cache()
    if cache is not None:
        if (Unit, "code", code) in cache:
            return code
        known = cache.setdefault("unit_codes", {})
        if (code, merged) in known:
            return known[(code, merged)]
    unit = find_by(Unit, code=code)
    if unit is None:
        holder = former_holder(code, merged)
        current = holder.code if holder is not None else code
    else:
        current = code
    if cache is not None:
        if unit is not None:
            cache[(Unit, "code", code)] = unit
        else:
            cache["unit_codes"][(code, merged)] = current
    return current


def prime_unit_cache(existing: dict, codes) -> None:
    """In a bulk_writes block: these units ({code: unit}) exist, the other codes are new (neither
    current nor resolved through a former code), so the upserts that follow ask nothing."""
    cache = bulk_cache()
    found = cache.setdefault(("found", units.entity), {})
    known = cache.setdefault("unit_codes", {})
    for code in codes:
        unit = existing.get(code)
        if unit is None:
            known[(code, True)] = known[(code, False)] = code
        else:
            cache[(Unit, "code", code)] = unit
            found[(code,)] = unit


def move_codes(moves, *, changed_on=None, source=None, reason="renumbered") -> None:
    """Give units new codes at once (codes may swap or rotate between them); each move is
    authorized, recorded as a UnitCodeChange and a Revision, and the search index is told."""
    moves = [(unit, new) for unit, new in moves if unit.code != new]
    if not moves:
        return
    moving = {unit.id for unit, _ in moves}
    befores = {}
    for unit, new in moves:
        before = units.serialize(unit)
        try:
            units.schema.load({**before, "code": new})
        except ValidationError as exc:
            raise ValidationFailed(flatten_errors(exc.messages)) from None
        units.authorize("update", before, {**before, "code": new})
        occupant = find_by(Unit, code=new)
        if occupant is not None and occupant.id not in moving:
            raise Conflict(f"Mã {new} đang là mã của đơn vị {occupant.name}: không thể chuyển "
                           f"đơn vị {unit.name} ({unit.code}) sang mã này.",
                           errors=[{"field": "code", "messages": ["Giá trị đã tồn tại."]}],
                           code="already_exists")
        befores[unit.id] = before
    for unit, _ in moves:  # first out of the way, so that codes can swap
        unit.code = f"~{unit.id}"
    db.session.flush()
    for unit, new in moves:
        old = befores[unit.id]["code"]
        unit.code = new
        db.session.add(UnitCodeChange(unit=unit, old_code=old, new_code=new, reason=reason,
                                      changed_on=changed_on, source=source))
        after = canonical(units.schema, {**befores[unit.id], "code": new})
        record_revision("unit", new, "update", befores[unit.id], after)
    db.session.flush()
    procedures = db.session.scalars(
        select(Procedure.code).join(Assignment, Assignment.procedure_id == Procedure.id)
        .where(Assignment.unit_id.in_(moving)).distinct()).all()
    db.session.add_all(SearchChange(procedure_code=c, note="unit code") for c in procedures)
    forget_scopes()


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
        parent = units.find((parent_code,))
        stmt = stmt.where(Unit.parent_id == (parent.id if parent else -1))
    return stmt


units = UnitService()
