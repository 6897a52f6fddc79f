"""Output (dump) schemas: what the read API and pages show."""
from datetime import date

from marshmallow import Schema, fields

from procedures import policy
from procedures.enums import STEP_TIME_UNITS
from procedures.models.base import as_utc
from procedures.services.uow import current_actor


def _quarter(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class AwareDateTime(fields.DateTime):
    """ISO 8601 with a UTC offset; SQLite gives naive datetimes, stored as UTC."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(as_utc(value), attr, obj, **kwargs)


class Out(Schema):
    """Base for output schemas."""

    class Meta:
        ordered = True


class FieldOut(Out):
    code = fields.String()
    name = fields.String()


class UnitRefOut(Out):
    code = fields.String()
    name = fields.String()


class UnitOut(Out):
    code = fields.String()
    name = fields.String()
    kind = fields.String()
    level = fields.String()
    parent = fields.Nested(UnitRefOut, allow_none=True)
    desk_name = fields.String(allow_none=True)
    desk_address = fields.String(allow_none=True)
    desk_phone = fields.String(allow_none=True)
    desk_hours = fields.String(allow_none=True)


class DecisionOut(Out):
    number = fields.String()
    kind = fields.String()
    title = fields.String()
    issuer = fields.String(allow_none=True)
    signed_on = fields.Date(allow_none=True)
    effective_on = fields.Date(allow_none=True)
    published_on = fields.Date(allow_none=True)


class LegalDocumentOut(Out):
    number = fields.String()
    doc_type = fields.String()
    title = fields.String()
    issuer = fields.String(allow_none=True)
    issued_on = fields.Date(allow_none=True)
    effective_on = fields.Date(allow_none=True)
    expired_on = fields.Date(allow_none=True)
    replaced_by = fields.Function(
        lambda d: d.replaced_by.number if d.replaced_by else None, allow_none=True,
        metadata={"type": "string"},
    )
    in_force = fields.Function(lambda d: d.in_force_on(date.today()), metadata={"type": "boolean"})


class ChannelOut(Out):
    kind = fields.String()
    processing_time = fields.Function(lambda c: _quarter(c.processing_time), allow_none=True,
                                      metadata={"type": "number"})
    time_unit = fields.String()
    time_note = fields.String(allow_none=True)
    fee_text = fields.String(allow_none=True)
    fee_amount = fields.Integer(allow_none=True)
    is_free = fields.Boolean()
    description = fields.String(allow_none=True)
    online_url = fields.String(allow_none=True)


class StepOut(Out):
    position = fields.Integer()
    description = fields.String()


class DossierItemOut(Out):
    case_name = fields.String(allow_none=True)
    position = fields.Integer()
    name = fields.String()
    form_name = fields.String(allow_none=True)
    form_url = fields.String(allow_none=True)
    form_file = fields.String(allow_none=True, metadata={
        "description": "a form kept with the procedure: GET /procedures/{code}/forms/{form_file}"})
    originals = fields.Integer()
    copies = fields.Integer()
    required = fields.Boolean()


class CaseOut(Out):
    position = fields.Integer()
    name = fields.String()
    processing_time = fields.Function(lambda c: _quarter(c.processing_time), allow_none=True,
                                      metadata={"type": "number"})
    time_unit = fields.String()
    sets = fields.Integer(allow_none=True)
    description = fields.String(allow_none=True)


class FeeOut(Out):
    position = fields.Integer()
    kind = fields.String()
    case_name = fields.String(allow_none=True)
    channel_kind = fields.String(allow_none=True)
    amount = fields.Integer(allow_none=True)
    per = fields.String(allow_none=True)
    from_quantity = fields.Integer(allow_none=True)
    cap = fields.Integer(allow_none=True)
    cap_per = fields.String(allow_none=True)
    exemption = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class ProcedureSummaryOut(Out):
    code = fields.String()
    name = fields.String()
    field = fields.Nested(FieldOut)
    level = fields.String()
    status = fields.String()
    online_level = fields.String(allow_none=True)


class ProcedureOut(ProcedureSummaryOut):
    local_code = fields.String(allow_none=True)
    procedure_type = fields.String(allow_none=True)
    owner_unit = fields.Nested(UnitRefOut, allow_none=True)
    subjects = fields.String(allow_none=True)
    implementing_agency = fields.String(allow_none=True)
    competent_authority = fields.String(allow_none=True)
    coordinating_agencies = fields.String(allow_none=True)
    result = fields.String(allow_none=True)
    result_template = fields.String(allow_none=True)
    no_result_template = fields.Boolean()
    requirements = fields.String(allow_none=True)
    no_requirements = fields.Boolean()
    no_forms = fields.Boolean()
    keywords = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    last_verified_on = fields.Date(allow_none=True)
    version = fields.Integer()
    current_decision = fields.Method("_current_decision", allow_none=True,
                                     metadata={"type": "object"})
    decisions = fields.List(fields.Nested(DecisionOut))
    legal_bases = fields.List(fields.Nested(LegalDocumentOut))
    channels = fields.List(fields.Nested(ChannelOut))
    steps = fields.List(fields.Nested(StepOut))
    dossier_items = fields.List(fields.Nested(DossierItemOut))
    cases = fields.List(fields.Nested(CaseOut))
    fees = fields.List(fields.Nested(FeeOut))
    replaced_by_code = fields.String(allow_none=True)

    def _current_decision(self, procedure):
        decision = procedure.current_decision(date.today())
        return DecisionOut().dump(decision) if decision else None


def _contact(attr):
    def get(officer):
        if officer.public or policy.allowed(current_actor(), "read", "officer_contacts",
                                            unit_id=officer.unit_id):
            return getattr(officer, attr)
        return None
    return get


class OfficerOut(Out):
    full_name = fields.String()
    position_title = fields.String(allow_none=True)
    department = fields.String(allow_none=True)
    phone = fields.Function(_contact("phone"), allow_none=True, metadata={"type": "string"})
    email = fields.Function(_contact("email"), allow_none=True, metadata={"type": "string"})
    has_signing_account = fields.Boolean()
    is_desk_officer = fields.Boolean()
    active = fields.Boolean()
    public = fields.Boolean()


class ProcessStepOut(Out):
    position = fields.Integer()
    task = fields.String()
    department = fields.String(allow_none=True)
    position_title = fields.String(allow_none=True)
    officer_name = fields.Function(
        lambda s: s.officer.full_name if s.officer else None, allow_none=True,
        metadata={"type": "string"},
    )
    duration = fields.Function(lambda s: _quarter(s.duration), allow_none=True,
                               metadata={"type": "number", "description":
                                         "Thời gian của bước, theo duration_unit."})
    duration_unit = fields.String(metadata={"enum": list(STEP_TIME_UNITS)})
    is_return_step = fields.Boolean()
    at_desk = fields.Boolean(metadata={"description": "Bước do Bộ phận Một cửa thực hiện."})
    channel_kind = fields.String(allow_none=True)


class AssignmentOut(Out):
    procedure = fields.Nested(ProcedureSummaryOut)
    desk_name = fields.String(allow_none=True)
    desk_address = fields.String(allow_none=True)
    decision_number = fields.Function(
        lambda a: a.decision.number if a.decision else None, allow_none=True,
        metadata={"type": "string"},
    )
    process_steps = fields.List(fields.Nested(ProcessStepOut))


class FormerCodeOut(Out):
    """A code the unit was known by (renumbered by the official list, or a unit merged into it)."""

    code = fields.String(attribute="old_code")
    reason = fields.String(metadata={"description": "renumbered | merged"})
    changed_on = fields.Date(allow_none=True)
    source = fields.String(allow_none=True)


class UnitDetailOut(UnitOut):
    former_codes = fields.List(fields.Nested(FormerCodeOut), attribute="code_changes")
    officers = fields.List(fields.Nested(OfficerOut))
    assignments = fields.List(fields.Nested(AssignmentOut))


def page_schema(item_schema, name):
    """A page envelope schema for a list of items."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "total": fields.Integer(),
            "page": fields.Integer(),
            "per_page": fields.Integer(),
            "pages": fields.Integer(),
        },
        name=name,
    )


class FieldErrorOut(Out):
    field = fields.String(metadata={"description": "dotted path, e.g. channels.0.processing_time"})
    messages = fields.List(fields.String())
    location = fields.String(metadata={"description": "query, json… (request arguments only)"})


class ErrorOut(Out):
    """The one error shape of the API."""

    status = fields.Integer(metadata={"description": "HTTP status"})
    code = fields.String(metadata={"description": "stable English code, e.g. procedure_not_found"})
    message = fields.String(metadata={"description": "Vietnamese message for people"})
    errors = fields.List(fields.Nested(FieldErrorOut))


class TargetOut(Out):
    position = fields.Integer()
    title = fields.String()
    indicator = fields.String(allow_none=True)
    threshold = fields.Function(lambda t: None if t.threshold is None else float(t.threshold),
                                allow_none=True, metadata={"type": "number"})
    finding = fields.String(allow_none=True)
    max_findings = fields.Integer()
    due_on = fields.Date()


class CommitmentOut(Out):
    unit = fields.Nested(UnitRefOut)
    year = fields.Integer()
    kind = fields.String(metadata={"enum": ["commitment", "task"]})
    head_name = fields.String()
    head_position = fields.String(allow_none=True)
    signed_on = fields.Date(allow_none=True)
    document_number = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    version = fields.Integer()
    targets = fields.List(fields.Nested(TargetOut))


def _number(value):
    return None if value is None else float(value)


class TargetStatusOut(Out):
    """A target and how it stands after the latest run that judged it."""

    unit = fields.Function(lambda s: {"code": s.commitment.unit.code,
                                      "name": s.commitment.unit.name},
                           metadata={"type": "object"})
    year = fields.Function(lambda s: s.commitment.year, metadata={"type": "integer"})
    kind = fields.Function(lambda s: s.commitment.kind, metadata={"type": "string"})
    head_name = fields.Function(lambda s: s.commitment.head_name, metadata={"type": "string"})
    target = fields.Function(lambda s: TargetOut().dump(s.target), metadata={"type": "object"})
    state = fields.String(allow_none=True, metadata={
        "description": "met | on_track | at_risk | overdue | regressed; null: chưa đánh giá"})
    value = fields.Function(lambda s: _number(s.value), allow_none=True,
                            metadata={"type": "number", "description": "% hoặc số lỗi"})
    run_id = fields.Integer(allow_none=True, metadata={"description": "lần kiểm soát quyết định"})
    as_of = fields.Date(allow_none=True)
    first_met_run_id = fields.Integer(allow_none=True)
