"""The heads' 2018 commitments and the city chairman's 2018 task decision, replayable with
`flask audit run --as-of 2018-…`: some kept, some missed (docs/demo-data.md, "Commitments").

Every ward and commune head signed the same three targets on 15/1/2018; the city chairman's task
decision 125/QĐ-UBND (12/1/2018) gave the departments a coverage task and the wards an online task.
What the data does with them (audited as of 15/10/2018):
- coverage by 30/6: kept by all but Xuân An (1.004873 never assigned) and Tiến Thành (the seven
  residence procedures never assigned) — overdue;
- an internal process for every procedure by 30/9: missed by Hưng Long (7 residence procedures);
- a receiving officer at the desk by 31/3: missed by Thanh Hải; Bình Hưng and Thiện Nghiệp have
  no desk at all (that finding is another rule: their target is met, their readiness is not);
- departments: coverage by 30/6 (met) and no blocker by 31/12 (none meets it: in 2018 the
  publishing decisions of the demo were not yet signed).
"""
from importers.seed.demo_data.units import DEPARTMENTS, LOCAL_UNITS, local_name, person_name

YEAR = 2018
SIGNED = "2018-01-15"
TASK_DECISION = "125/QĐ-UBND"
PREFIX = {"ward": "phường", "commune": "xã"}


def _local_targets():
    return [
        {"position": 1, "title": "Nhận thực hiện đủ 100 % thủ tục trong danh mục cấp xã trước 30/6",
         "indicator": "coverage", "threshold": 100, "due_on": "2018-06-30"},
        {"position": 2, "title": "Mọi thủ tục đã nhận đều có quy trình nội bộ trước 30/9",
         "finding": "assignment.process.missing", "max_findings": 0, "due_on": "2018-09-30"},
        {"position": 3, "title": "Bộ phận một cửa có công chức tiếp nhận trước 31/3",
         "finding": "unit.desk_officer.missing", "max_findings": 0, "due_on": "2018-03-31"},
    ]


COMMITMENTS = [
    {"unit_code": code, "year": YEAR, "kind": "commitment", "head_name": person_name(500 + i),
     "head_position": f"Chủ tịch UBND {PREFIX[kind]} {short}", "signed_on": SIGNED,
     "note": f"Cam kết trách nhiệm người đứng đầu năm {YEAR} về kiểm soát thủ tục hành chính "
             f"của {local_name(kind, short)}.", "targets": _local_targets()}
    for i, (code, kind, short, _street, _desk, _roles) in enumerate(LOCAL_UNITS)
] + [
    {"unit_code": code, "year": YEAR, "kind": "task", "head_name": person_name(540 + i),
     "head_position": f"Trưởng {name}", "signed_on": "2018-01-12",
     "document_number": TASK_DECISION,
     "note": "Nhiệm vụ giao theo quyết định của Chủ tịch UBND thành phố Phan Thiết.",
     "targets": [
         {"position": 1, "title": "Nhận thực hiện đủ thủ tục cấp huyện thuộc lĩnh vực phụ trách "
          "trước 30/6", "indicator": "coverage", "threshold": 100, "due_on": "2018-06-30"},
         {"position": 2, "title": "Không còn lỗi chặn trước 31/12", "finding": "blocker",
          "max_findings": 0, "due_on": "2018-12-31"}]}
    for i, (code, name) in enumerate(DEPARTMENTS.items())
] + [
    {"unit_code": code, "year": YEAR, "kind": "task", "head_name": person_name(500 + i),
     "head_position": f"Chủ tịch UBND {PREFIX[kind]} {short}", "signed_on": "2018-01-12",
     "document_number": TASK_DECISION,
     "note": "Nhiệm vụ giao theo quyết định của Chủ tịch UBND thành phố Phan Thiết.",
     "targets": [{"position": 1, "title": "Ít nhất 80 % thủ tục trong danh mục có dịch vụ công "
                  "trực tuyến trước 31/12", "indicator": "i3_1", "threshold": 80,
                  "due_on": "2018-12-31"}]}
    for i, (code, kind, short, _street, _desk, _roles) in enumerate(LOCAL_UNITS[:4])
]
