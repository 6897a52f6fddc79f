"""Output schemas of the completeness audit (API and CLI JSON)."""
from marshmallow import fields

from procedures.audit.rules import RULES_BY_ID
from procedures.schemas.outputs import AwareDateTime, Out
from procedures.schemas.province_catalogue import NotArisingOut


def record_path(finding) -> str:
    """Where the record to fix is edited: the procedure page, else the unit page."""
    if finding.procedure_code and finding.record_type not in ("unit", "officer"):
        return f"/procedures/{finding.procedure_code}"
    return f"/units/{finding.record_key.split('/')[0]}"


class FindingOut(Out):
    rule_id = fields.String()
    rule_title = fields.Function(
        lambda f: RULES_BY_ID[f.rule_id].title if f.rule_id in RULES_BY_ID else None,
        metadata={"type": "string"})
    severity = fields.String(metadata={"enum": ["blocker", "warning"]})
    record_type = fields.String()
    record_key = fields.String()
    procedure_code = fields.String(allow_none=True)
    field = fields.String(allow_none=True)
    message = fields.String()
    hint = fields.String(allow_none=True)
    record_path = fields.Function(record_path, metadata={"type": "string"})


class ComponentOut(Out):
    complete = fields.Integer()
    total = fields.Integer()
    share = fields.Float(allow_none=True)


class AuditUnitRefOut(Out):
    code = fields.String()
    name = fields.String()
    kind = fields.String()
    level = fields.String()


class UnitResultOut(Out):
    unit = fields.Nested(AuditUnitRefOut)
    run_id = fields.Integer()
    ready = fields.Boolean()
    score = fields.Float(metadata={"description": "Kiểm tra đạt / kiểm tra áp dụng (0–1)."})
    checks_passed = fields.Integer()
    checks_applicable = fields.Integer()
    blockers = fields.Integer()
    warnings = fields.Integer()
    components = fields.Dict(keys=fields.String(), values=fields.Nested(ComponentOut),
                             metadata={"description": "Tỷ lệ thủ tục đủ từng thành phần "
                                       "(như chỉ số 1.3 Quyết định 766/QĐ-TTg)."})
    coverage = fields.Dict(allow_none=True, metadata={
        "description": "Phạm vi thủ tục phải thực hiện: source = catalogue (danh mục của tỉnh "
                       "theo cấp) hoặc national (tỉnh chưa có danh mục: quy tắc chung), "
                       "province, required, not_arising."})


class RunOut(Out):
    id = fields.Integer()
    scope = fields.String(metadata={"description": "'all' hoặc mã đơn vị."})
    started_at = AwareDateTime()
    finished_at = AwareDateTime(allow_none=True)
    triggered_by = fields.String(allow_none=True)
    units_count = fields.Integer()
    ready_count = fields.Integer()
    as_of = fields.Date(allow_none=True, metadata={
        "description": "Ngày dữ liệu được kiểm soát tính đến (null: lần chạy trước khi có)."})
    calendar = fields.String(allow_none=True, metadata={
        "description": "Lịch ngày làm việc đã dùng: phiên bản thư viện ngày lễ và các ngày do "
                       "cơ quan khai báo."})
    summary = fields.Dict(allow_none=True)


class RunDetailOut(RunOut):
    results = fields.List(fields.Nested(UnitResultOut))


class UnitAuditOut(Out):
    run = fields.Nested(RunOut)
    result = fields.Nested(UnitResultOut)
    findings = fields.List(fields.Nested(FindingOut))
    not_arising = fields.List(fields.Nested(NotArisingOut), metadata={
        "description": "Thủ tục đơn vị ghi nhận không phát sinh: lý do, người và thời điểm."})
