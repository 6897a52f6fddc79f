"""A ward of Phan Thiết with four commune-level procedures, built to hand-computed indicators.

Catalogue (every commune-level procedure in force): 1.001193, 1.004884, 2.000635, 1.004873.
- 1.001193 Đăng ký khai sinh: complete, assigned, process approved (2229/QĐ-UBND), online full
  with an online channel; decision 12/QĐ-UBND signed 23/1/2025, two working days before Tết.
- 1.004884 Đăng ký lại khai sinh: complete, assigned, process approved, online level full but
  no online channel (inconsistent); decision 5/QĐ-UBND signed 2/1/2025 (on time).
- 2.000635 Cấp bản sao trích lục hộ tịch: subjects missing (component e), assigned with a
  process but no approving decision, no online service.
- 1.004873 Xác nhận tình trạng hôn nhân: complete, online partial with an online channel, and
  not assigned by the ward.
"""
from procedures import services
from tests.factories import make_decision, make_field, make_legal_document, make_unit, procedure_data

UNIT = "22918"
OTHER = "22921"
ONLINE = {"kind": "online", "processing_time": 1, "is_free": True}
IN_PERSON = {"kind": "in_person", "processing_time": 1, "is_free": True}
STEPS = [
    {"position": 1, "task": "Tiếp nhận hồ sơ", "department": "Bộ phận Tiếp nhận và Trả kết quả",
     "position_title": "Công chức một cửa", "officer_name": "Nguyễn Thị Lan", "duration_days": 0.5},
    {"position": 2, "task": "Trả kết quả", "department": "Bộ phận Tiếp nhận và Trả kết quả",
     "position_title": "Công chức một cửa", "officer_name": "Nguyễn Thị Lan",
     "is_return_step": True},
]


def build_ward(assign_all=False):
    services.units.create({"code": "68", "name": "Tỉnh Lâm Đồng", "kind": "province",
                           "level": "province"})
    make_unit(UNIT, "Phường Mũi Né", parent_code="68",
              desk_name="Bộ phận Tiếp nhận và Trả kết quả phường Mũi Né")
    make_unit(OTHER, "Phường Phan Thiết", parent_code="68",
              desk_name="Bộ phận Tiếp nhận và Trả kết quả phường Phan Thiết")
    make_field()
    make_legal_document("01/2025/TT-BTP", "circular", "Thông tư sửa đổi về hộ tịch",
                        effective_on="2025-02-01")
    make_decision("12/QĐ-UBND", signed_on="2025-01-23", published_on="2025-01-24")
    make_decision("5/QĐ-UBND", signed_on="2025-01-02", published_on="2025-01-03")
    make_decision("2229/QĐ-UBND", kind="internal_process", title="Phê duyệt quy trình nội bộ",
                  signed_on="2025-01-10")
    common = {"decisions": ["12/QĐ-UBND"], "legal_bases": ["01/2025/TT-BTP"]}
    services.procedures.create(procedure_data("1.001193", "Đăng ký khai sinh", **common,
                                              online_level="full", channels=[IN_PERSON, ONLINE]))
    services.procedures.create(procedure_data(
        "1.004884", "Đăng ký lại khai sinh", decisions=["5/QĐ-UBND"],
        legal_bases=["01/2025/TT-BTP"], online_level="full", channels=[IN_PERSON]))
    services.procedures.create(procedure_data("2.000635", "Cấp bản sao trích lục hộ tịch", **common,
                                              subjects=None, online_level="none",
                                              channels=[IN_PERSON]))
    services.procedures.create(procedure_data("1.004873", "Xác nhận tình trạng hôn nhân", **common,
                                              online_level="partial", channels=[IN_PERSON, ONLINE]))
    for unit in (UNIT, OTHER):
        services.officers.create({"unit_code": unit, "full_name": "Nguyễn Thị Lan",
                                  "department": "Bộ phận Tiếp nhận và Trả kết quả",
                                  "is_desk_officer": True, "has_signing_account": True})
    for code in ("1.001193", "1.004884"):
        assign(code)
    assign("2.000635", decision_number=None)
    if assign_all:
        assign("1.004873")


def assign(code, unit=UNIT, decision_number="2229/QĐ-UBND"):
    return services.assignments.upsert({"unit_code": unit, "procedure_code": code,
                                        "decision_number": decision_number,
                                        "process_steps": STEPS})[1]
