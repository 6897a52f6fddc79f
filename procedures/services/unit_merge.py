"""Merging a unit into another (the 2025 rearrangement merged wards): its work follows it."""
from sqlalchemy import select, update

from procedures import policy
from procedures.db import db
from procedures.errors import Conflict
from procedures.models import Assignment, Officer, Procedure, SearchChange, Unit, UnitCodeChange, User
from procedures.services.units import units
from procedures.services.uow import current_actor, record_revision, unit_of_work


def _clashes(absorbed, into):
    """Officers of one name and procedures assigned in both units (a merge would duplicate them)."""
    def names(unit):
        return set(db.session.scalars(select(Officer.full_name).where(Officer.unit_id == unit.id)))

    def procedures(unit):
        return set(db.session.scalars(select(Procedure.code).join(
            Assignment, Assignment.procedure_id == Procedure.id).where(Assignment.unit_id == unit.id)))

    return sorted(names(absorbed) & names(into)), sorted(procedures(absorbed) & procedures(into))


def merge_units(code, into_code, *, changed_on=None, source=None) -> Unit:
    """Merge the unit ``code`` into ``into_code``: its officers, assignments (with their process
    steps), sub-units, owned procedures and accounts move to the receiving unit, the absorbed unit
    is deleted with its audit results, and its code becomes a former code of the receiving unit."""
    policy.require_writer(current_actor())
    with unit_of_work():
        absorbed, into = units.get(code), units.get(into_code)
        if absorbed.id == into.id:
            raise Conflict(f"Mã {code} và {into_code} là cùng một đơn vị ({into.name}).",
                           code="same_unit")
        ancestor = into
        while ancestor is not None:
            if ancestor.id == absorbed.id:
                raise Conflict(f"Đơn vị {into.name} trực thuộc {absorbed.name}: không thể sáp nhập "
                               "đơn vị cấp trên vào đơn vị trực thuộc.", code="merge_cycle")
            ancestor = ancestor.parent
        before = units.serialize(absorbed)
        units.authorize("delete", before, None)
        units.authorize("update", units.serialize(into), units.serialize(into))
        officers, procedures = _clashes(absorbed, into)
        if officers or procedures:
            errors = [{"field": field, "messages": [f"{label}: {', '.join(values)}."]}
                      for field, label, values in (
                          ("officers", "Cán bộ có ở cả hai đơn vị", officers),
                          ("assignments", "Thủ tục được giao cho cả hai đơn vị", procedures))
                      if values]
            raise Conflict(f"Chưa sáp nhập được {absorbed.name} vào {into.name}: hai đơn vị có cùng "
                           "cán bộ hoặc cùng thủ tục được giao; hãy xử lý các bản ghi trùng trước.",
                           errors=errors, code="merge_conflict")
        moved = _move_work(absorbed, into)
        db.session.add(UnitCodeChange(unit=into, old_code=absorbed.code, new_code=into.code,
                                      reason="merged", changed_on=changed_on, source=source))
        db.session.delete(absorbed)
        db.session.flush()
        record_revision("unit", before["code"], "delete", before, None)
        record_revision("unit", into.code, "update", {"merged": None},
                        {"merged": {"code": before["code"], "name": before["name"], **moved}})
        policy.forget_scopes()
        return into


def _move_work(absorbed, into) -> dict:
    """Point every record of the absorbed unit at the receiving one; returns how many moved."""
    procedures = db.session.scalars(select(Procedure.code).join(
        Assignment, Assignment.procedure_id == Procedure.id).where(Assignment.unit_id == absorbed.id)).all()
    counts = {}
    for name, model, column in (("officers", Officer, Officer.unit_id),
                                ("assignments", Assignment, Assignment.unit_id),
                                ("units", Unit, Unit.parent_id),
                                ("procedures", Procedure, Procedure.owner_unit_id),
                                ("users", User, User.unit_id),
                                ("former_codes", UnitCodeChange, UnitCodeChange.unit_id)):
        statement = update(model).where(column == absorbed.id).values({column.key: into.id})
        result = db.session.execute(statement.execution_options(synchronize_session="fetch"))
        counts[name] = result.rowcount
    db.session.add_all(SearchChange(procedure_code=c, note="unit merged") for c in procedures)
    db.session.expire(absorbed)
    db.session.expire(into)
    return counts
