"""Small valid records created through the services, for tests to build on."""
from procedures import services


def make_unit(code="22918", name="Phường Mũi Né", kind="ward", level="commune", **extra):
    return services.units.create({"code": code, "name": name, "kind": kind, "level": level,
                                  **extra})


def make_field(code="ho-tich", name="Hộ tịch"):
    return services.fields.create({"code": code, "name": name})


def make_legal_document(number="60/2014/QH13", doc_type="law", title="Luật Hộ tịch", **extra):
    return services.legal_documents.create(
        {"number": number, "doc_type": doc_type, "title": title, **extra})


def make_decision(number="2228/QĐ-UBND", kind="new", title="Công bố thủ tục hành chính",
                  **extra):
    return services.decisions.create({"number": number, "kind": kind, "title": title,
                                      "signed_on": "2024-03-01", **extra})


def procedure_data(code="1.001193", name="Đăng ký khai sinh", **extra):
    """A complete procedure record (its field, decision and legal basis must exist)."""
    data = {
        "code": code, "name": name, "field_code": "ho-tich", "level": "commune",
        "subjects": "Công dân Việt Nam", "implementing_agency": "UBND cấp xã",
        "result": "Giấy khai sinh", "no_result_template": True, "no_requirements": True,
        "online_level": "full", "decisions": ["2228/QĐ-UBND"], "legal_bases": ["60/2014/QH13"],
        "channels": [
            {"kind": "in_person", "processing_time": 0, "time_unit": "working_day",
             "is_free": True, "time_note": "Trong ngày"},
            {"kind": "online", "processing_time": 0, "is_free": True},
        ],
        "steps": [
            {"position": 1, "description": "Nộp hồ sơ tại Bộ phận một cửa"},
            {"position": 2, "description": "Công chức tư pháp – hộ tịch kiểm tra, ghi sổ"},
            {"position": 3, "description": "Trả kết quả"},
        ],
        "dossier_items": [
            {"position": 1, "name": "Tờ khai đăng ký khai sinh",
             "form_name": "Mẫu tờ khai theo Thông tư 04/2020/TT-BTP", "originals": 1},
            {"position": 2, "name": "Giấy chứng sinh", "originals": 1},
        ],
    }
    data.update(extra)
    return data


def make_procedure(**extra):
    return services.procedures.create(procedure_data(**extra))


def make_catalogue():
    """Unit, field, legal document and decision needed by make_procedure."""
    make_unit()
    make_field()
    make_legal_document()
    make_decision()
