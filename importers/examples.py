"""Example rows of the template (one consistent record per sheet), marked so the reader skips them."""

MARK = "(Ví dụ)"
# The column of each sheet whose text starts with MARK on an example row.
MARKED = {"units": "name", "fields": "name", "decisions": "title", "legal_documents": "title",
          "procedures": "name", "channels": "time_note", "steps": "description",
          "dossier_items": "name", "officers": "department", "assignments": "desk_name",
          "process_steps": "task", "search_terms": "note", "cases": "name", "fees": "note",
          "catalogue_entries": "note", "not_arising": "reason", "commitments": "note",
          "targets": "title"}

EXAMPLES = {
    "units": [{
        "code": "22918", "name": "(Ví dụ) Phường Mũi Né", "kind": "ward", "level": "commune",
        "parent_code": "68", "desk_name": "Bộ phận Một cửa phường Mũi Né",
        "desk_address": "Số 1 Nguyễn Đình Chiểu, phường Mũi Né", "desk_phone": "0252 3847 000",
        "desk_hours": "Sáng 7:00–11:30, chiều 13:30–17:00 từ thứ Hai đến thứ Sáu",
    }],
    "fields": [{"code": "ho-tich", "name": "(Ví dụ) Hộ tịch"}],
    "decisions": [{
        "number": "2228/QĐ-UBND", "kind": "new",
        "title": "(Ví dụ) Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
        "issuer": "Chủ tịch UBND tỉnh Lâm Đồng", "signed_on": "2025-07-01",
        "effective_on": "2025-07-01", "published_on": "2025-07-05",
    }],
    "legal_documents": [{
        "number": "60/2014/QH13", "doc_type": "law", "title": "(Ví dụ) Luật Hộ tịch",
        "issuer": "Quốc hội", "issued_on": "2014-11-20", "effective_on": "2016-01-01",
    }],
    "procedures": [{
        "code": "1.001193", "name": "(Ví dụ) Thủ tục đăng ký khai sinh", "field_code": "ho-tich",
        "level": "commune", "owner_unit_code": "22918", "subjects": "Công dân Việt Nam",
        "implementing_agency": "UBND cấp xã", "result": "Giấy khai sinh",
        "no_result_template": True, "no_requirements": True, "online_level": "full",
        "status": "active", "decisions": ["2228/QĐ-UBND"], "legal_bases": ["60/2014/QH13"],
    }],
    "channels": [{
        "procedure_code": "1.001193", "kind": "in_person", "processing_time": 0,
        "time_unit": "working_day",
        "time_note": "(Ví dụ) Trong ngày; sau 15 giờ trả trước 11 giờ sáng hôm sau",
        "is_free": True,
    }],
    "steps": [{"procedure_code": "1.001193", "position": 1,
               "description": "(Ví dụ) Nộp hồ sơ tại Bộ phận Một cửa"}],
    "dossier_items": [{
        "procedure_code": "1.001193", "position": 1, "name": "(Ví dụ) Tờ khai đăng ký khai sinh",
        "form_name": "Mẫu tờ khai theo Thông tư 04/2020/TT-BTP", "originals": 1, "copies": 0,
        "required": True,
    }],
    "cases": [{"procedure_code": "1.001193", "position": 1,
               "name": "(Ví dụ) Trẻ sinh ra tại cơ sở y tế", "processing_time": 0,
               "time_unit": "working_day", "sets": 1}],
    "fees": [{"procedure_code": "1.001193", "position": 1, "kind": "charge", "amount": 0,
              "note": "(Ví dụ) Miễn lệ phí đăng ký khai sinh đúng hạn",
              "exemption": "Đăng ký đúng hạn; trẻ em thuộc hộ nghèo"}],
    "officers": [{
        "unit_code": "22918", "full_name": "Nguyễn Thị Lan", "position_title": "Công chức",
        "department": "(Ví dụ) Tư pháp – Hộ tịch", "phone": "0912 345 678",
        "has_signing_account": True, "is_desk_officer": True, "active": True, "public": True,
    }],
    "assignments": [{"unit_code": "22918", "procedure_code": "1.001193",
                     "desk_name": "(Ví dụ) Bộ phận Một cửa phường Mũi Né",
                     "decision_number": "2228/QĐ-UBND"}],
    "process_steps": [{
        "unit_code": "22918", "procedure_code": "1.001193", "position": 1,
        "task": "(Ví dụ) Tiếp nhận, kiểm tra hồ sơ", "department": "Bộ phận Một cửa",
        "position_title": "Công chức", "officer_name": "Nguyễn Thị Lan", "duration": 0.25,
        "is_return_step": False,
    }],
    "commitments": [{"unit_code": "22918", "year": 2025, "kind": "commitment",
                     "head_name": "Nguyễn Văn Hùng", "head_position": "Chủ tịch UBND phường",
                     "signed_on": "2025-01-15", "document_number": "15/QĐ-UBND",
                     "note": "(Ví dụ) cam kết trách nhiệm người đứng đầu năm 2025"}],
    "targets": [{"unit_code": "22918", "year": 2025, "kind": "commitment", "position": 1,
                 "title": "(Ví dụ) 100 % thủ tục có quy trình nội bộ được phê duyệt trước 30/6",
                 "indicator": "process", "threshold": 100, "due_on": "2025-06-30"}],
    "search_terms": [{"phrase": "sổ đỏ", "officials": "giấy chứng nhận quyền sử dụng đất",
                      "note": "(Ví dụ) cách gọi giấy chứng nhận quyền sử dụng đất", "active": True}],
    "catalogue_entries": [{"province_code": "68", "level": "commune", "position": 1,
                           "procedure_code": "1.001193", "decision_number": "2228/QĐ-UBND",
                           "note": "(Ví dụ) lĩnh vực Hộ tịch"}],
    "not_arising": [{"unit_code": "22918", "procedure_code": "1.001193",
                     "reason": "(Ví dụ) địa bàn không có cảng cá"}],
}
