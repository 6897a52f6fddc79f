"""The officer service: the officials of a unit who receive and process dossiers."""
from sqlalchemy import select

from procedures import policy
from procedures.db import db
from procedures.models import Officer, ProcessStep, Unit
from procedures.schemas.inputs import OfficerIn
from procedures.services.base import EntityService
from procedures.services.references import copy_fields, count, require, values_of
from procedures.services.units import current_unit_code
from procedures.services.uow import current_actor


class OfficerService(EntityService):
    entity, label, model, schema_class = "officer", "cán bộ", Officer, OfficerIn
    key_fields = ("unit_code", "full_name")
    plain = ("full_name", "position_title", "department", "phone", "email",
             "has_signing_account", "is_desk_officer", "active", "public")

    def find(self, key):
        return db.session.scalars(
            select(Officer).join(Unit).where(Unit.code == key[0], Officer.full_name == key[1])
        ).first()

    def normalise_key(self, key):
        key = super().normalise_key(key)
        return (current_unit_code(key[0]), *key[1:])

    def resolve_refs(self, loaded):
        loaded["unit_code"] = current_unit_code(loaded.get("unit_code"))

    def policy_view(self, record):
        return {"unit_code": record.unit.code, "full_name": record.full_name}

    def authorize_new(self, unit) -> None:
        """Raise unless the acting user may add officers to the unit (before showing the form)."""
        self.authorize("edit", {"unit_code": unit.code}, None)

    def can_see_contacts(self, unit) -> bool:
        """Whether the acting user sees the unit's officers' non-public phone and e-mail."""
        return policy.allowed(current_actor(), "read", "officer_contacts", unit_id=unit.id)

    def extract(self, record):
        return {"unit_code": record.unit.code, **values_of(record, self.plain)}

    def apply(self, record, data):
        copy_fields(record, data, self.plain)
        record.unit = require(Unit, "code", data["unit_code"], "unit_code", "đơn vị")

    def check_delete(self, record):
        used = count(select(ProcessStep.id).where(ProcessStep.officer_id == record.id))
        self.refuse_if_used(
            used, f"Không thể xóa cán bộ {record.full_name}: còn {used} bước quy trình ghi tên. "
            "Hãy bỏ dấu \"Đang công tác\" của cán bộ hoặc đổi người trong quy trình."
        )


officers = OfficerService()
