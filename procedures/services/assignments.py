"""The assignment service: a unit implements a procedure, with its internal process."""
from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import contains_eager, selectinload

from procedures.db import db
from procedures.errors import ValidationFailed
from procedures.models import Assignment, Decision, Officer, Procedure, ProcessStep, SearchChange, Unit
from procedures.schemas.inputs import AssignmentIn
from procedures.services.base import EntityService
from procedures.services.references import officer_id, pick, replace_parts, require, values_of
from procedures.services.units import current_unit_code
from procedures.services.uow import add_new, add_rows, bulk_cache

PROCESS_PLAIN = ("position", "task", "department", "position_title", "duration", "duration_unit",
                 "is_return_step", "at_desk", "channel_kind")


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

    def normalise_key(self, key):
        key = super().normalise_key(key)
        return (current_unit_code(key[0]), *key[1:])

    def resolve_refs(self, loaded):
        loaded["unit_code"] = current_unit_code(loaded.get("unit_code"))

    def policy_view(self, record):
        return {"unit_code": record.unit.code, "procedure_code": record.procedure.code}

    def authorize_new(self, unit) -> None:
        """Raise unless the acting user may add procedures to the unit's work."""
        self.authorize("edit", {"unit_code": unit.code}, None)

    def extract(self, record):
        steps = []
        for step in record.process_steps:
            values = values_of(step, PROCESS_PLAIN)
            values["officer_name"] = step.officer.full_name if step.officer else None
            steps.append(values)
        return {
            "unit_code": record.unit.code, "procedure_code": record.procedure.code,
            "desk_name": record.desk_name, "desk_address": record.desk_address,
            "decision_number": record.decision.number if record.decision else None,
            "process_steps": steps,
        }

    def references(self, data, new_row_ok=False):
        """(unit, procedure, decision, {officer name: officer}) the record cites, or
        ValidationFailed (a process step naming someone who is not the unit's officer)."""
        unit = require(Unit, "code", data["unit_code"], "unit_code", "đơn vị")
        procedure = require(Procedure, "code", data["procedure_code"], "procedure_code",
                            "thủ tục", new_row_ok=new_row_ok)
        decision = require(
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
        return unit, procedure, decision, officers

    @staticmethod
    def _step_officer(officers):
        return lambda step: {"officer_id": officer_id(officers.get(step.get("officer_name")))}

    def apply(self, record, data):
        unit, procedure, decision, officers = self.references(data)
        record.unit, record.procedure, record.decision = unit, procedure, decision
        record.desk_name, record.desk_address = data.get("desk_name"), data.get("desk_address")
        replace_parts(record, "process_steps", ProcessStep, data.get("process_steps") or [],
                      PROCESS_PLAIN, "assignment_id", extra=self._step_officer(officers))

    def insert_new(self, data):
        unit, procedure, decision, officers = self.references(data, new_row_ok=True)
        row = add_new(Assignment, {"desk_name": data.get("desk_name"),
                                   "desk_address": data.get("desk_address")},
                      refs={"unit_id": unit, "procedure_id": procedure, "decision_id": decision})
        extra = self._step_officer(officers)
        steps = data.get("process_steps")
        if steps:
            add_rows(ProcessStep, [{**pick(step, PROCESS_PLAIN), **extra(step)} for step in steps],
                     parent=row, foreign_key="assignment_id")
        add_rows(SearchChange, [{"procedure_code": procedure.code, "note": "assignment"}])
        return row

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

    def candidates(self, unit) -> list[tuple[str, str]]:
        """(code, name) of the catalogue's procedures in force at the unit's level that the unit
        does not implement yet: what "Thêm thủ tục thực hiện" chooses from."""
        taken = select(Assignment.procedure_id).where(Assignment.unit_id == unit.id)
        return list(db.session.execute(
            select(Procedure.code, Procedure.name)
            .where(Procedure.level == unit.level, Procedure.status != "abolished",
                   Procedure.id.not_in(taken))
            .order_by(Procedure.code)).all())

    def process_sources(self, unit, procedure) -> list[tuple[str, str, int]]:
        """(unit code, unit name, steps) of the other units whose internal process for this
        procedure a new one can start from."""
        return list(db.session.execute(
            select(Unit.code, Unit.name, func.count(ProcessStep.id))
            .join(Assignment, Assignment.unit_id == Unit.id)
            .join(ProcessStep, ProcessStep.assignment_id == Assignment.id)
            .where(Assignment.procedure_id == procedure.id, Unit.id != unit.id)
            .group_by(Unit.code, Unit.name).order_by(Unit.name).limit(200)).all())

    def starting_steps(self, unit, procedure, source: str) -> list[dict] | None:
        """Process steps to start a unit's internal process from (shown in the form, saved only
        when the editor saves): "standard" is the procedure's own steps (trình tự thực hiện),
        "unit:CODE" another unit's internal process (officers left out: they are that unit's).
        None when there is no such source."""
        if source == "standard":
            return [{"position": s.position, "task": s.description} for s in procedure.steps]
        if source.startswith("unit:"):
            other = self.find((source[5:], procedure.code))
            if other is None or other.unit_id == unit.id:
                return None
            steps = self.serialize(other)["process_steps"]
            return [{**step, "officer_name": None} for step in steps]
        return None


assignments = AssignmentService()


def assignments_of_procedure(procedure):
    """The units that implement a procedure, with their desks."""
    return db.session.scalars(
        select(Assignment).where(Assignment.procedure_id == procedure.id)
        .join(Assignment.unit).order_by(Unit.name)
        .options(contains_eager(Assignment.unit))
    ).all()


def citizen_desk(assignment):
    """Where a citizen goes for a procedure in one unit: the desk, its address, phone and hours,
    and the officer who receives the dossier (a public one only).

    The officer is the one named on the internal process's desk step, else the unit's public,
    active desk officer.
    """
    unit = assignment.unit
    officer = None
    for step in sorted(assignment.process_steps, key=lambda s: (s.channel_kind or "", s.position)):
        if step.at_desk and step.officer is not None and step.officer.public \
                and step.officer.active:
            officer = step.officer
            break
    if officer is None:
        officer = next((o for o in unit.officers if o.is_desk_officer and o.public and o.active),
                       None)
    return {"unit": unit, "name": assignment.desk_name or unit.desk_name,
            "address": assignment.desk_address or unit.desk_address,
            "phone": unit.desk_phone, "hours": unit.desk_hours, "officer": officer}


def procedure_totals(procedure, case_name=None):
    """What a citizen wants at a glance: how long, how much, how many documents and sets.

    {"time": (low, high, unit) or None, "fee": ("free"|"amount"|"text", low, high) or None,
     "documents": n required documents, "sets": n or None}. With cases, the case's own figures.
    """
    cases = [c for c in procedure.cases if case_name in (None, c.name)]
    times = [(c.processing_time, c.time_unit) for c in cases if c.processing_time is not None]
    if not times:
        times = [(c.processing_time, c.time_unit) for c in procedure.channels
                 if c.processing_time is not None]
    time = None
    if times and len({u for _, u in times}) == 1:
        values = [t for t, _ in times]
        time = (min(values), max(values), times[0][1])
    amounts = [f.amount for f in procedure.fees if f.amount is not None
               and (case_name is None or f.case_name in (None, case_name))]
    if not amounts:
        amounts = [0 if c.is_free else c.fee_amount for c in procedure.channels
                   if c.is_free or c.fee_amount is not None]
    fee = None
    if amounts:
        fee = ("free", 0, 0) if max(amounts) == 0 else ("amount", min(amounts), max(amounts))
    elif any(c.fee_text for c in procedure.channels):
        fee = ("text", None, None)
    # With cases, the documents of one case (the one asked, else the first) and the shared ones.
    case = cases[0].name if cases else None
    items = [d for d in procedure.dossier_items if d.required
             and (not procedure.cases or d.case_name in (None, case))]
    return {"time": time, "fee": fee, "documents": len(items), "case": case,
            "sets": cases[0].sets if cases else None}
