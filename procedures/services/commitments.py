"""Heads' commitments and the chairman's annual tasks: records kept by the reform office."""
from sqlalchemy import select, tuple_
from sqlalchemy.orm import selectinload

from procedures import policy
from procedures.db import db
from procedures.models import Commitment, CommitmentTarget, Unit
from procedures.schemas.inputs import CommitmentIn
from procedures.services.base import EntityService
from procedures.services.references import copy_fields, replace_parts, require, values_of
from procedures.services.units import current_unit_code
from procedures.services.uow import current_actor

PLAIN = ("year", "kind", "head_name", "head_position", "signed_on", "document_number", "note")
TARGET_PLAIN = ("position", "title", "indicator", "threshold", "finding", "max_findings", "due_on")


class CommitmentService(EntityService):
    entity, label, model, schema_class = "commitment", "cam kết", Commitment, CommitmentIn
    key_fields = ("unit_code", "year", "kind")
    part_names = ("targets",)
    orders = {"targets": lambda t: t["position"]}

    def _query(self):
        return select(Commitment).join(Commitment.unit).options(
            selectinload(Commitment.targets))

    def find(self, key):
        unit_code, year, kind = key
        try:
            year = int(year)
        except (TypeError, ValueError):
            return None
        return db.session.scalars(self._query().where(
            Unit.code == unit_code, Commitment.year == year, Commitment.kind == kind)).first()

    def find_many(self, keys):
        wanted = [(k[0], int(k[1]), k[2]) for k in keys if str(k[1]).isdigit()]
        if not wanted:
            return {}
        rows = db.session.scalars(self._query().where(
            tuple_(Unit.code, Commitment.year, Commitment.kind).in_(wanted))).all()
        found = {(c.unit.code, c.year, c.kind): c for c in rows}
        return {key: found[(key[0], int(key[1]), key[2])] for key in keys
                if str(key[1]).isdigit() and (key[0], int(key[1]), key[2]) in found}

    def normalise_key(self, key):
        key = super().normalise_key(key)
        return (current_unit_code(key[0]), *key[1:])

    def resolve_refs(self, loaded):
        loaded["unit_code"] = current_unit_code(loaded.get("unit_code"))

    def list_query(self):
        return self._query().order_by(Commitment.year.desc(), Unit.code, Commitment.kind)

    def policy_view(self, record):
        return {"unit_code": record.unit.code, "year": record.year, "kind": record.kind}

    def extract(self, record):
        return {"unit_code": record.unit.code, **values_of(record, PLAIN),
                "targets": [values_of(t, TARGET_PLAIN) for t in record.targets]}

    def apply(self, record, data):
        copy_fields(record, data, PLAIN)
        record.unit = require(Unit, "code", data["unit_code"], "unit_code", "đơn vị")
        targets = [{**t, "max_findings": t.get("max_findings") or 0}
                   for t in data.get("targets") or []]
        replace_parts(record, "targets", CommitmentTarget, targets, TARGET_PLAIN,
                      "commitment_id")

    def authorize_new(self) -> None:
        """Raise unless the acting user may record commitments (before showing a blank form)."""
        self.authorize("edit", {"unit_code": None, "year": None, "kind": None}, None)

    def can_manage(self) -> bool:
        return policy.allowed(current_actor(), "edit", "commitment",
                              {"unit_code": None, "year": None, "kind": None})

    # --- reads -------------------------------------------------------------------------------
    def authorize_read(self, unit) -> None:
        """Raise unless the acting user may read this unit's commitments (office; its editors)."""
        policy.authorize(current_actor(), "read", "commitments", unit_code=unit.code,
                         unit_id=unit.id)

    def authorize_office(self) -> None:
        """Raise unless the acting user reads every unit's commitments (the reform office)."""
        policy.authorize(current_actor(), "read", "commitments_office")

    def of_unit(self, unit, year=None) -> list[Commitment]:
        """The unit's commitments and tasks (one year, or all), newest year first."""
        self.authorize_read(unit)
        stmt = self._query().where(Commitment.unit_id == unit.id)
        if year is not None:
            stmt = stmt.where(Commitment.year == year)
        return db.session.scalars(stmt.order_by(Commitment.year.desc(), Commitment.kind)).all()

    def listing(self, year=None) -> list[Commitment]:
        """Every unit's commitments (the office's view)."""
        self.authorize_office()
        stmt = self.list_query()
        if year is not None:
            stmt = stmt.where(Commitment.year == year)
        return db.session.scalars(stmt).all()


commitments = CommitmentService()
