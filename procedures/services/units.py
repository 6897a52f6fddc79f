"""The unit service: provinces, departments, wards, communes and their one-stop desks."""
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from procedures.db import db
from procedures.errors import field_error
from procedures.models import Assignment, Officer, Procedure, ProcessStep, Unit
from procedures.policy import forget_scopes
from procedures.schemas.inputs import UnitIn
from procedures.services.base import EntityService
from procedures.services.references import copy_fields, count, find_by, require


class UnitService(EntityService):
    entity, label, model, schema_class = "unit", "đơn vị", Unit, UnitIn
    key_fields = ("code",)
    ref_column = "code"
    plain = ("code", "name", "kind", "level", "desk_name", "desk_address", "desk_phone",
             "desk_hours")

    def find(self, key):
        return find_by(Unit, code=key[0])

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

    def check_delete(self, record):
        uid = record.id
        for stmt, what in (
            (select(Unit.id).where(Unit.parent_id == uid), "đơn vị trực thuộc"),
            (select(Officer.id).where(Officer.unit_id == uid), "cán bộ"),
            (select(Assignment.id).where(Assignment.unit_id == uid), "thủ tục được giao"),
            (select(Procedure.id).where(Procedure.owner_unit_id == uid), "thủ tục do đơn vị quản lý"),
        ):
            self.refuse_if_used(count(stmt), f"Không thể xóa đơn vị {record.code}: còn {what}.")


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
