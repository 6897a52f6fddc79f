"""The integration package: a ready unit's procedures as one JSON document for the one-stop."""
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from procedures import policy, services
from procedures.audit.runner import evaluate_unit
from procedures.db import db
from procedures.durations import working_days
from procedures.errors import Conflict
from procedures.models import Assignment, Officer, Procedure, ProcessStep
from procedures.services.base import json_safe

SCHEMA_VERSION = "1.1"  # 1.1: step times in days, hours or minutes; the desk step marked


class NotReady(Conflict):
    """A unit with blockers cannot be exported."""

    code = "unit_not_ready"


def blockers_as_errors(outcome) -> list[dict]:
    """The unit's blockers in the shared error shape."""
    return [{"field": f.rule.field or f.rule.record_type, "rule_id": f.rule.id,
             "record_type": f.rule.record_type, "record_key": f.record_key,
             "messages": [f.message], "hint": f.hint}
            for f in outcome.fails if f.is_blocker]


def _values(record, names):
    return {name: json_safe(getattr(record, name)) for name in names}


def _procedure(a: Assignment, unit, today: date) -> dict:
    p = a.procedure
    decision = p.current_decision(today)
    data = _values(p, ("code", "local_code", "name", "level", "procedure_type", "online_level",
                       "subjects", "implementing_agency", "competent_authority",
                       "coordinating_agencies", "result", "result_template", "requirements"))
    data["field"] = {"code": p.field.code, "name": p.field.name}
    data["decision"] = _values(decision, ("number", "kind", "title", "issuer", "signed_on",
                                          "effective_on", "published_on"))
    data["legal_bases"] = [_values(d, ("number", "doc_type", "title", "issuer", "effective_on"))
                           for d in p.legal_bases]
    data["channels"] = [_values(c, ("kind", "processing_time", "time_unit", "time_note",
                                    "fee_amount", "fee_text", "is_free")) for c in p.channels]
    data["steps"] = [_values(s, ("position", "description")) for s in p.steps]
    data["dossier_items"] = [_values(d, ("case_name", "position", "name", "form_name",
                                         "originals", "copies", "required"))
                             for d in p.dossier_items]
    parent = unit.parent
    data["desk"] = {
        "name": a.desk_name or unit.desk_name or (parent.desk_name if parent else None),
        "address": a.desk_address or unit.desk_address or (parent.desk_address if parent else None),
    }
    data["process_decision"] = a.decision.number if a.decision else None
    data["process_steps"] = [{
        **_values(s, ("position", "channel_kind", "task", "department", "position_title",
                      "duration", "duration_unit", "is_return_step", "at_desk")),
        "duration_days": working_days(s.duration, s.duration_unit),
        "officer_name": s.officer.full_name if s.officer else None,
    } for s in a.process_steps]
    return data


def build_package(unit_code: str, today: date | None = None) -> dict:
    """The package of a ready unit; NotReady (409) listing the blockers otherwise."""
    policy.authorize(services.current_actor(), "read", "integration_package")
    today = today or date.today()
    outcome = evaluate_unit(unit_code, today)
    if not outcome.ready:
        raise NotReady(
            f"{outcome.unit.name} chưa đủ điều kiện tích hợp: còn {outcome.blockers} lỗi chặn.",
            errors=blockers_as_errors(outcome))
    unit = services.units.get(unit_code)
    assignments = db.session.scalars(
        select(Assignment).where(Assignment.unit_id == unit.id).options(
            selectinload(Assignment.decision),
            selectinload(Assignment.process_steps).selectinload(ProcessStep.officer),
            selectinload(Assignment.procedure).options(*[selectinload(getattr(Procedure, rel))
                for rel in ("field", "decisions", "legal_bases", "channels", "steps",
                            "dossier_items")]),
        )).all()
    officers = db.session.scalars(select(Officer).where(
        Officer.unit_id == unit.id, Officer.active.is_(True)).order_by(Officer.full_name)).all()
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "audit_date": today.isoformat(),
        "unit": {
            **_values(unit, ("code", "name", "kind", "level")),
            "parent_code": unit.parent.code if unit.parent else None,
            "desk": _values(unit, ("desk_name", "desk_address", "desk_phone", "desk_hours")),
        },
        "officers": [_values(o, ("full_name", "position_title", "department", "phone", "email",
                                 "is_desk_officer", "has_signing_account")) for o in officers],
        "procedures": sorted((_procedure(a, unit, today) for a in assignments),
                             key=lambda p: p["code"]),
    }
