"""Output schemas of province catalogues and not-arising records (API)."""
from marshmallow import fields

from procedures.schemas.outputs import AwareDateTime, Out, UnitRefOut


class CatalogueEntryOut(Out):
    province_code = fields.Function(lambda e: e.province.code, metadata={"type": "string"})
    level = fields.String()
    position = fields.Integer(allow_none=True, metadata={"description": "STT trong phụ lục"})
    procedure_code = fields.Function(lambda e: e.procedure.code, metadata={"type": "string"})
    procedure_name = fields.Function(lambda e: e.procedure.name, metadata={"type": "string"})
    decision_number = fields.Function(lambda e: e.decision.number, metadata={"type": "string"})
    note = fields.String(allow_none=True)


class CatalogueLineOut(Out):
    position = fields.Integer(allow_none=True)
    level = fields.String()
    field = fields.String(metadata={"description": "lĩnh vực"})
    procedure_code = fields.String()
    procedure_name = fields.String()
    decision_number = fields.String()
    note = fields.String(allow_none=True)
    in_force = fields.Boolean(metadata={
        "description": "quyết định đã có hiệu lực và thủ tục còn thực hiện tại ngày as_of"})
    units = fields.Integer(metadata={"description": "số đơn vị cùng cấp trong tỉnh"})
    implementing = fields.Integer(metadata={"description": "số đơn vị cùng cấp đang thực hiện"})
    not_arising = fields.Integer(metadata={"description": "số đơn vị ghi nhận không phát sinh"})
    gap = fields.Boolean(metadata={"description": "không đơn vị cùng cấp nào thực hiện"})


class CatalogueFindingOut(Out):
    rule_id = fields.String()
    severity = fields.String()
    level = fields.String()
    procedure_code = fields.String()
    message = fields.String()
    hint = fields.String()


class CatalogueOut(Out):
    province = fields.Nested(UnitRefOut)
    level = fields.String(allow_none=True)
    as_of = fields.Date()
    lines = fields.List(fields.Nested(CatalogueLineOut))
    findings = fields.List(fields.Nested(CatalogueFindingOut))


class ProvinceOut(Out):
    code = fields.String()
    name = fields.String()
    lines = fields.Integer(metadata={"description": "số dòng danh mục đã ghi"})


class NotArisingOut(Out):
    unit_code = fields.String()
    procedure_code = fields.String()
    procedure_name = fields.Function(lambda r: r.procedure.name, metadata={"type": "string"})
    reason = fields.String()
    recorded_by = fields.String(allow_none=True)
    recorded_at = AwareDateTime()
