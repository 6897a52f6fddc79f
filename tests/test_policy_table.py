"""One policy, four doors: every (role, action, record kind, own/other/shared record) is allowed or
refused alike through the API, the web forms, an uploaded file (XLSX and JSON) and the CLI.

The world: province 68 (Lâm Đồng) with two wards. The editor is Mũi Né's (22918): "own" records
are Mũi Né's, "other" ones Phan Thiết's (22921), "shared" ones the national procedure nobody keeps
and the shared catalogue (fields, decisions, legal documents). Each case states what changes and
whether Mũi Né's editor may make it; admins may make every change, auditors and anonymous
visitors none. A refusal must leave the database exactly as it was (every record and revision).
"""
import io
import json
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from importers.flatten import flatten, records_from_database
from importers.template import write_workbook
from procedures import services
from procedures.db import db as _db
from procedures.models import Revision

OWN, OTHER = "22918", "22921"
DESK_STEP = {"position": 1, "task": "Tiếp nhận, kiểm tra hồ sơ", "position_title": "Công chức một cửa",
             "department": "Bộ phận Tiếp nhận và Trả kết quả", "duration_days": 0.5}


def unit(code, name, **extra):
    return {"code": code, "name": name, "kind": "ward", "level": "commune", "parent_code": "68",
            "desk_name": f"Bộ phận Tiếp nhận và Trả kết quả {name}", **extra}


def procedure(code, name, owner=None, **extra):
    return {"code": code, "name": name, "field_code": "ho-tich", "level": "commune",
            "owner_unit_code": owner, "subjects": "Công dân Việt Nam",
            "implementing_agency": "UBND cấp xã", "result": "Trích lục", "no_requirements": True,
            "decisions": ["2228/QĐ-UBND"], "legal_bases": ["60/2014/QH13"],
            "channels": [{"kind": "in_person", "processing_time": 3, "is_free": True}],
            "steps": [{"position": 1, "description": "Nộp hồ sơ tại Bộ phận một cửa"}],
            "dossier_items": [{"position": 1, "name": "Tờ khai", "originals": 1}], **extra}


def officer(unit_code, name, **extra):
    return {"unit_code": unit_code, "full_name": name, "position_title": "Công chức tư pháp – hộ tịch",
            "department": "Bộ phận Tiếp nhận và Trả kết quả", "has_signing_account": True,
            "is_desk_officer": True, **extra}


def assignment(unit_code, code, steps=None, **extra):
    return {"unit_code": unit_code, "procedure_code": code, "decision_number": "2228/QĐ-UBND",
            "process_steps": steps if steps is not None else [DESK_STEP], **extra}


CATALOGUE_LINE = {"province_code": "68", "level": "commune", "position": 2,
                  "procedure_code": "1.004884", "decision_number": "2228/QĐ-UBND", "note": None}
PUBLISHED_LINE = {"province_code": "68", "level": "commune", "position": 1,
                  "procedure_code": "2.000635", "decision_number": "2228/QĐ-UBND", "note": None}


def not_arising(unit_code, code="1.004873"):
    return {"unit_code": unit_code, "procedure_code": code,
            "reason": "Địa bàn không có người nước ngoài thường trú"}


@pytest.fixture
def world(db, make_user, token_for):
    """The records and the four accounts (each with an API token)."""
    services.units.create({"code": "68", "name": "Tỉnh Lâm Đồng", "kind": "province",
                           "level": "province"})
    services.units.create(unit(OWN, "Phường Mũi Né"))
    services.units.create(unit(OTHER, "Phường Phan Thiết"))
    services.fields.create({"code": "ho-tich", "name": "Hộ tịch"})
    services.legal_documents.create({"number": "60/2014/QH13", "doc_type": "law",
                                     "title": "Luật Hộ tịch"})
    services.decisions.create({"number": "2228/QĐ-UBND", "kind": "new", "signed_on": "2025-07-15",
                               "title": "Công bố danh mục thủ tục hành chính"})
    services.procedures.create(procedure("1.004884", "Đăng ký lại khai sinh", OWN))
    services.procedures.create(procedure("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", OTHER))
    services.procedures.create(procedure("2.000635", "Cấp bản sao trích lục hộ tịch"))
    services.officers.create(officer(OWN, "Nguyễn Thị Lan"))
    services.officers.create(officer(OTHER, "Trần Văn Minh"))
    services.assignments.create(assignment(OWN, "2.000635"))
    services.assignments.create(assignment(OTHER, "2.000635"))
    services.catalogue_entries.create(PUBLISHED_LINE)
    services.commitments.create(commitment(OWN))
    services.commitments.create(commitment(OTHER))
    users = {"admin": make_user("admin", "quan-tri"), "auditor": make_user("auditor", "kiem-soat"),
             "editor": make_user("unit_editor", "mui-ne", OWN),
             "other_editor": make_user("unit_editor", "phan-thiet", OTHER)}
    return {role: (user, token_for(user)) for role, user in users.items()}


def snapshot():
    """Every record in import shape, and the number of revisions."""
    _db.session.expire_all()
    return records_from_database(), _db.session.scalar(select(func.count()).select_from(Revision))


@dataclass
class Case:
    """One change, and whether Mũi Né's editor may make it."""

    id: str
    kind: str  # the record kind of the import format
    editor: bool
    api: tuple | None = None  # (method, url, json body)
    web: tuple | None = None  # (url, form data)
    records: dict | None = None  # {kind: [nested records]} for an uploaded file
    endpoints: tuple = field(default=())  # url_map endpoints this case exercises


def officer_form(**values):
    data = {"full_name": "Lê Thị Hồng", "position_title": "Công chức văn hóa – xã hội",
            "department": "Văn hóa – Xã hội", "active": "y"}
    data.update(values)
    return data


def procedure_form(p):
    data = {k: v for k, v in p.items() if isinstance(v, str)}
    data.update({"no_requirements": "y", "decisions": "\n".join(p["decisions"]),
                 "legal_bases": "\n".join(p["legal_bases"]),
                 "channels-0-kind": "in_person", "channels-0-processing_time": "3",
                 "channels-0-time_unit": "working_day", "channels-0-is_free": "y",
                 "steps-0-position": "1", "steps-0-description": "Nộp hồ sơ",
                 "dossier_items-0-position": "1", "dossier_items-0-name": "Tờ khai",
                 "dossier_items-0-originals": "1", "dossier_items-0-required": "y"})
    return {k: v for k, v in data.items() if v is not None}


def step_form(**values):
    data = {"process_steps-0-position": "1", "process_steps-0-task": "Tiếp nhận hồ sơ",
            "process_steps-0-department": "Bộ phận Tiếp nhận và Trả kết quả",
            "process_steps-0-position_title": "Công chức một cửa",
            "process_steps-0-duration_days": "0.5", "decision_number": "2228/QĐ-UBND"}
    data.update(values)
    return data


TARGET = {"position": 1, "title": "100 % thủ tục có quy trình nội bộ được phê duyệt",
          "indicator": "process", "threshold": 100, "due_on": "2025-06-30"}


def commitment(unit_code, **extra):
    return {"unit_code": unit_code, "year": 2025, "kind": "commitment",
            "head_name": "Nguyễn Văn Hùng", "head_position": "Chủ tịch UBND phường",
            "signed_on": "2025-01-15", "targets": [TARGET], **extra}


def commitment_form(unit_code, **values):
    data = {"unit_code": unit_code, "year": "2025", "kind": "commitment",
            "head_name": "Nguyễn Văn Hùng", "head_position": "Chủ tịch UBND phường",
            "signed_on": "2025-01-15", "targets-0-position": "1",
            "targets-0-title": TARGET["title"], "targets-0-indicator": "process",
            "targets-0-threshold": "100", "targets-0-due_on": "2025-06-30"}
    data.update(values)
    return data


NEW_COMMITMENT = commitment(OWN, year=2026, targets=[dict(TARGET, due_on="2026-06-30")])
NEW_OWN = procedure("1.001193", "Đăng ký khai sinh", OWN)
NEW_OTHER = procedure("1.001193", "Đăng ký khai sinh", OTHER)
NEW_NOBODY = procedure("1.001193", "Đăng ký khai sinh")
EDITED = {"subjects": "Công dân Việt Nam cư trú ở trong nước"}
CASES = [
    # --- units ---------------------------------------------------------------------------------
    Case("unit: create a ward", "units", False,
         api=("post", "/api/v1/units", unit("22999", "Phường Mới")),
         records={"units": [unit("22999", "Phường Mới")]}, endpoints=("api_writes.create_unit",)),
    Case("unit: own desk", "units", True,
         api=("patch", f"/api/v1/units/{OWN}", {"desk_phone": "0252 3820 118"}),
         web=(f"/units/{OWN}/edit", {"desk_name": "Bộ phận Một cửa phường Mũi Né",
                                     "desk_phone": "0252 3820 118"}),
         records={"units": [unit(OWN, "Phường Mũi Né", desk_phone="0252 3820 118")]},
         endpoints=("api_writes.patch_unit", "web.edit_unit")),
    Case("unit: own kind, level and parent (hole 1)", "units", False,
         api=("patch", f"/api/v1/units/{OWN}", {"kind": "agency", "level": "central",
                                               "parent_code": None}),
         records={"units": [unit(OWN, "Phường Mũi Né", kind="agency", level="central",
                                 parent_code=None)]}),
    Case("unit: another unit's desk", "units", False,
         api=("patch", f"/api/v1/units/{OTHER}", {"desk_phone": "0252 3820 119"}),
         web=(f"/units/{OTHER}/edit", {"desk_phone": "0252 3820 119"}),
         records={"units": [unit(OTHER, "Phường Phan Thiết", desk_phone="0252 3820 119")]}),
    Case("unit: delete another unit", "units", False,
         api=("delete", "/api/v1/units/22999", None), endpoints=("api_writes.delete_unit",)),
    # --- the shared catalogue ------------------------------------------------------------------
    Case("field: add one", "fields", True,
         api=("post", "/api/v1/fields", {"code": "chung-thuc", "name": "Chứng thực"}),
         records={"fields": [{"code": "chung-thuc", "name": "Chứng thực"}]},
         endpoints=("api_writes.create_fields",)),
    Case("field: rename a shared one", "fields", False,
         api=("put", "/api/v1/fields/ho-tich", {"name": "Hộ tịch (sửa)"}),
         records={"fields": [{"code": "ho-tich", "name": "Hộ tịch (sửa)"}]},
         endpoints=("api_writes.replace_fields",)),
    Case("field: patch a shared one", "fields", False,
         api=("patch", "/api/v1/fields/ho-tich", {"name": "Hộ tịch – Chứng thực"}),
         endpoints=("api_writes.patch_fields",)),
    Case("field: delete", "fields", False, api=("delete", "/api/v1/fields/dat-dai", None),
         endpoints=("api_writes.delete_fields",)),
    Case("decision: add one", "decisions", True,
         api=("post", "/api/v1/decisions", {"number": "15/QĐ-UBND", "kind": "new",
                                            "title": "Công bố bổ sung"}),
         records={"decisions": [{"number": "15/QĐ-UBND", "kind": "new", "title": "Công bố bổ sung"}]},
         endpoints=("api_writes.create_decisions",)),
    Case("decision: change a shared one", "decisions", False,
         api=("patch", "/api/v1/decisions/2228/QĐ-UBND", {"title": "Tiêu đề khác"}),
         records={"decisions": [{"number": "2228/QĐ-UBND", "kind": "new", "signed_on": "2025-07-15",
                                 "title": "Tiêu đề khác"}]},
         endpoints=("api_writes.patch_decisions",)),
    Case("decision: replace a shared one", "decisions", False,
         api=("put", "/api/v1/decisions/2228/QĐ-UBND", {"kind": "amended", "title": "Sửa đổi"}),
         endpoints=("api_writes.replace_decisions",)),
    Case("decision: delete", "decisions", False,
         api=("delete", "/api/v1/decisions/99/QĐ-UBND", None),
         endpoints=("api_writes.delete_decisions",)),
    Case("legal document: add one", "legal_documents", True,
         api=("post", "/api/v1/legal-documents", {"number": "04/2020/TT-BTP", "doc_type": "circular",
                                                  "title": "Thông tư hướng dẫn Luật Hộ tịch"}),
         records={"legal_documents": [{"number": "04/2020/TT-BTP", "doc_type": "circular",
                                       "title": "Thông tư hướng dẫn Luật Hộ tịch"}]},
         endpoints=("api_writes.create_legal_documents",)),
    Case("legal document: change a shared one", "legal_documents", False,
         api=("put", "/api/v1/legal-documents/60/2014/QH13", {"doc_type": "law", "title": "Khác"}),
         records={"legal_documents": [{"number": "60/2014/QH13", "doc_type": "law", "title": "Khác"}]},
         endpoints=("api_writes.replace_legal_documents",)),
    Case("legal document: patch a shared one", "legal_documents", False,
         api=("patch", "/api/v1/legal-documents/60/2014/QH13", {"issuer": "Quốc hội"}),
         endpoints=("api_writes.patch_legal_documents",)),
    Case("legal document: delete", "legal_documents", False,
         api=("delete", "/api/v1/legal-documents/01/2021/NĐ-CP", None),
         endpoints=("api_writes.delete_legal_documents",)),
    # --- procedures ----------------------------------------------------------------------------
    Case("procedure: create, kept by the own unit", "procedures", True,
         api=("post", "/api/v1/procedures", NEW_OWN), web=("/procedures/new", procedure_form(NEW_OWN)),
         records={"procedures": [NEW_OWN]},
         endpoints=("api_writes.create_procedure", "web.new_procedure")),
    Case("procedure: create, kept by another unit (hole 2)", "procedures", False,
         api=("post", "/api/v1/procedures", NEW_OTHER),
         web=("/procedures/new", procedure_form(NEW_OTHER)), records={"procedures": [NEW_OTHER]}),
    Case("procedure: create, kept by nobody", "procedures", False,
         api=("post", "/api/v1/procedures", NEW_NOBODY),
         web=("/procedures/new", procedure_form(NEW_NOBODY)), records={"procedures": [NEW_NOBODY]}),
    Case("procedure: edit own", "procedures", True,
         api=("patch", "/api/v1/procedures/1.004884", EDITED),
         web=("/procedures/1.004884/edit",
              procedure_form(procedure("1.004884", "Đăng ký lại khai sinh", OWN, **EDITED))),
         records={"procedures": [procedure("1.004884", "Đăng ký lại khai sinh", OWN, **EDITED)]},
         endpoints=("api_writes.patch_procedure", "web.edit_procedure")),
    Case("procedure: hand own to another unit", "procedures", False,
         api=("patch", "/api/v1/procedures/1.004884", {"owner_unit_code": OTHER}),
         web=("/procedures/1.004884/edit",
              procedure_form(procedure("1.004884", "Đăng ký lại khai sinh", OTHER))),
         records={"procedures": [procedure("1.004884", "Đăng ký lại khai sinh", OTHER)]}),
    Case("procedure: edit another unit's", "procedures", False,
         endpoints=("api_writes.replace_procedure",),
         api=("put", "/api/v1/procedures/1.004873",
              procedure("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", OTHER, **EDITED)),
         web=("/procedures/1.004873/edit",
              procedure_form(procedure("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", OTHER))),
         records={"procedures": [procedure("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân",
                                           OTHER, **EDITED)]}),
    Case("procedure: edit the shared one 18 units use", "procedures", False,
         api=("patch", "/api/v1/procedures/2.000635", EDITED),
         web=("/procedures/2.000635/edit",
              procedure_form(procedure("2.000635", "Cấp bản sao trích lục hộ tịch", None, **EDITED))),
         records={"procedures": [procedure("2.000635", "Cấp bản sao trích lục hộ tịch", **EDITED)]}),
    Case("procedure: the shared one's steps only (part rows)", "steps", False,
         records={"steps": [{"procedure_code": "2.000635", "position": 1,
                             "description": "Nộp hồ sơ trực tuyến"}]}),
    Case("procedure: upload a form file to own", "procedures", True,
         web=("/procedures/1.004884/forms", lambda: {"form_file": (io.BytesIO(b"%PDF-1.4 mau"),
                                                                   "to-khai.pdf")}),
         endpoints=("web.procedure_forms",)),
    Case("procedure: upload a form file to another unit's", "procedures", False,
         web=("/procedures/1.004873/forms", lambda: {"form_file": (io.BytesIO(b"%PDF-1.4 mau"),
                                                                   "to-khai.pdf")})),
    Case("procedure: upload a form file to the shared one", "procedures", False,
         web=("/procedures/2.000635/forms", lambda: {"form_file": (io.BytesIO(b"%PDF-1.4 mau"),
                                                                   "to-khai.pdf")})),
    Case("procedure: remove own form file", "procedures", True,
         web=("/procedures/1.004884/forms/remove", {"name": "mau-cu.pdf"}),
         endpoints=("web.remove_procedure_form",)),
    Case("procedure: remove another unit's form file", "procedures", False,
         web=("/procedures/1.004873/forms/remove", {"name": "mau-cu.pdf"})),
    Case("procedure: delete own", "procedures", True,
         api=("delete", "/api/v1/procedures/1.004884", None),
         endpoints=("api_writes.delete_procedure",)),
    Case("procedure: delete another unit's", "procedures", False,
         api=("delete", "/api/v1/procedures/1.004873", None)),
    # --- officers ------------------------------------------------------------------------------
    Case("officer: add to own unit", "officers", True,
         api=("post", "/api/v1/officers", officer(OWN, "Lê Thị Hồng")),
         web=(f"/units/{OWN}/officers/new", officer_form()),
         records={"officers": [officer(OWN, "Lê Thị Hồng")]},
         endpoints=("api_writes.create_officer", "web.edit_officer")),
    Case("officer: add to another unit", "officers", False,
         api=("post", "/api/v1/officers", officer(OTHER, "Lê Thị Hồng")),
         web=(f"/units/{OTHER}/officers/new", officer_form()),
         records={"officers": [officer(OTHER, "Lê Thị Hồng")]}),
    Case("officer: edit own", "officers", True,
         api=("patch", f"/api/v1/units/{OWN}/officers/Nguyễn Thị Lan", {"phone": "0912 345 678"}),
         web=(f"/units/{OWN}/officers/Nguyễn Thị Lan/edit",
              officer_form(full_name="Nguyễn Thị Lan", phone="0912 345 678")),
         records={"officers": [officer(OWN, "Nguyễn Thị Lan", phone="0912 345 678")]},
         endpoints=("api_writes.edit_officer",)),
    Case("officer: edit another unit's", "officers", False,
         api=("put", f"/api/v1/units/{OTHER}/officers/Trần Văn Minh", {"phone": "0912 345 679"}),
         web=(f"/units/{OTHER}/officers/Trần Văn Minh/edit",
              officer_form(full_name="Trần Văn Minh", phone="0912 345 679")),
         records={"officers": [officer(OTHER, "Trần Văn Minh", phone="0912 345 679")]}),
    Case("officer: another unit's, listed unchanged", "officers", False,
         records={"officers": [officer(OTHER, "Trần Văn Minh")]}),
    Case("officer: delete another unit's", "officers", False,
         api=("delete", f"/api/v1/units/{OTHER}/officers/Trần Văn Minh", None),
         web=(f"/units/{OTHER}/officers/Trần Văn Minh/delete", {}),
         endpoints=("api_writes.delete_officer", "web.delete_officer")),
    # --- assignments and their internal process ------------------------------------------------
    Case("assignment: take on a procedure in own unit", "assignments", True,
         api=("post", "/api/v1/assignments", assignment(OWN, "1.004884")),
         web=(f"/units/{OWN}/assignments/new", {"procedure_code": "1.004884"}),
         records={"assignments": [assignment(OWN, "1.004884")]},
         endpoints=("api_writes.create_assignment", "web.new_assignment")),
    Case("assignment: in another unit", "assignments", False,
         api=("post", "/api/v1/assignments", assignment(OTHER, "1.004884")),
         web=(f"/units/{OTHER}/assignments/new", {"procedure_code": "1.004884"}),
         records={"assignments": [assignment(OTHER, "1.004884")]}),
    Case("assignment: own internal process", "assignments", True,
         api=("put", f"/api/v1/units/{OWN}/assignments/2.000635",
              assignment(OWN, "2.000635", desk_name="Quầy số 2")),
         web=(f"/units/{OWN}/assignments/2.000635/edit", step_form(desk_name="Quầy số 2")),
         records={"assignments": [assignment(OWN, "2.000635", desk_name="Quầy số 2")]},
         endpoints=("api_writes.edit_assignment", "web.edit_assignment")),
    Case("assignment: another unit's internal process", "assignments", False,
         api=("patch", f"/api/v1/units/{OTHER}/assignments/2.000635", {"desk_name": "Quầy số 3"}),
         web=(f"/units/{OTHER}/assignments/2.000635/edit", step_form(desk_name="Quầy số 3")),
         records={"assignments": [assignment(OTHER, "2.000635", desk_name="Quầy số 3")]}),
    Case("assignment: another unit's process steps only (part rows)", "process_steps", False,
         records={"process_steps": [{"unit_code": OTHER, "procedure_code": "2.000635",
                                     **DESK_STEP, "duration_days": 1}]}),
    Case("assignment: stop another unit's", "assignments", False,
         api=("delete", f"/api/v1/units/{OTHER}/assignments/2.000635", None),
         web=(f"/units/{OTHER}/assignments/2.000635/delete", {}),
         endpoints=("api_writes.delete_assignment", "web.delete_assignment")),
    Case("assignment: stop own", "assignments", True,
         api=("delete", f"/api/v1/units/{OWN}/assignments/2.000635", None),
         web=(f"/units/{OWN}/assignments/2.000635/delete", {})),
    # --- the working-day calendar (the office's) -------------------------------------------------
    Case("calendar: record a day off", "calendar_days", False,
         web=("/calendar", {"day": "2027-02-12", "kind": "day_off", "note": "Nghỉ Tết Đinh Mùi"}),
         endpoints=("web.add_calendar_day",)),
    Case("calendar: remove a recorded day", "calendar_days", False,
         web=("/calendar/2027-02-12/delete", {}), endpoints=("web.delete_calendar_day",)),
    # --- the citizen vocabulary of the search (the office's) -----------------------------------
    Case("search term: add an everyday phrase", "search_terms", False,
         web=("/admin/search-terms/edit", {"phrase": "giấy đăng ký kết hôn", "active": "y",
                                           "officials": "đăng ký kết hôn"}),
         records={"search_terms": [{"phrase": "giấy đăng ký kết hôn",
                                    "officials": "đăng ký kết hôn", "active": True}]},
         endpoints=("web.edit_search_term",)),
    Case("search term: remove one", "search_terms", False,
         web=("/admin/search-terms/delete", {"phrase": "so hong"}),
         endpoints=("web.delete_search_term",)),
    # --- the province's catalogue (the office's) and what does not arise in a unit -------------
    Case("catalogue: publish a line", "catalogue_entries", False,
         api=("post", "/api/v1/provinces/68/catalogue", CATALOGUE_LINE),
         web=("/provinces/68/catalogue", {k: str(v) for k, v in CATALOGUE_LINE.items() if v}),
         records={"catalogue_entries": [CATALOGUE_LINE]},
         endpoints=("api_catalogues.create_catalogue_entry", "web.add_catalogue_entry")),
    Case("catalogue: remove a line", "catalogue_entries", False,
         api=("delete", "/api/v1/provinces/68/catalogue/commune/2.000635", None),
         web=("/provinces/68/catalogue/commune/2.000635/delete", {}),
         endpoints=("api_catalogues.delete_catalogue_entry", "web.delete_catalogue_entry")),
    Case("catalogue: a published line, listed unchanged", "catalogue_entries", True,
         records={"catalogue_entries": [PUBLISHED_LINE]}),
    Case("not arising: record it in own unit", "not_arising", True,
         api=("post", f"/api/v1/units/{OWN}/not-arising", not_arising(OWN)),
         web=(f"/units/{OWN}/not-arising", not_arising(OWN)),
         records={"not_arising": [not_arising(OWN)]},
         endpoints=("api_catalogues.create_not_arising", "web.add_not_arising")),
    Case("not arising: record it in another unit", "not_arising", False,
         api=("post", f"/api/v1/units/{OTHER}/not-arising", not_arising(OTHER)),
         web=(f"/units/{OTHER}/not-arising", not_arising(OTHER)),
         records={"not_arising": [not_arising(OTHER)]}),
    Case("not arising: withdraw own", "not_arising", True,
         api=("delete", f"/api/v1/units/{OWN}/not-arising/1.004873", None),
         web=(f"/units/{OWN}/not-arising/1.004873/delete", {}),
         endpoints=("api_catalogues.delete_not_arising", "web.delete_not_arising")),
    Case("not arising: withdraw another unit's", "not_arising", False,
         api=("delete", f"/api/v1/units/{OTHER}/not-arising/1.004873", None),
         web=(f"/units/{OTHER}/not-arising/1.004873/delete", {})),
    # --- heads' commitments and annual tasks (recorded by the office) ------------------------
    Case("commitment: record the own head's", "commitments", False,
         api=("post", "/api/v1/commitments", NEW_COMMITMENT),
         web=("/commitments/new", commitment_form(OWN, year="2026",
                                                  **{"targets-0-due_on": "2026-06-30"})),
         records={"commitments": [NEW_COMMITMENT]},
         endpoints=("api_commitments.create_commitment", "web.edit_commitment")),
    Case("commitment: lower the own head's target", "commitments", False,
         api=("patch", f"/api/v1/units/{OWN}/commitments/2025/commitment",
              {"targets": [dict(TARGET, threshold=50)]}),
         web=(f"/units/{OWN}/commitments/2025/commitment/edit",
              commitment_form(OWN, **{"targets-0-threshold": "50"})),
         records={"commitments": [commitment(OWN, targets=[dict(TARGET, threshold=50)])]},
         endpoints=("api_commitments.edit_commitment",)),
    Case("commitment: another unit's", "commitments", False,
         api=("put", f"/api/v1/units/{OTHER}/commitments/2025/commitment",
              commitment(OTHER, head_name="Người khác")),
         records={"commitments": [commitment(OTHER, head_name="Người khác")]}),
    Case("commitment: own, listed unchanged", "commitments", True,
         records={"commitments": [commitment(OWN)]}),
    Case("commitment: a target row only (part rows)", "targets", False,
         records={"targets": [{"unit_code": OWN, "year": 2025, "kind": "commitment",
                                          **dict(TARGET, threshold=60)}]}),
    Case("commitment: delete the own head's", "commitments", False,
         api=("delete", f"/api/v1/units/{OWN}/commitments/2025/commitment", None),
         web=(f"/units/{OWN}/commitments/2025/commitment/delete", {}),
         endpoints=("api_commitments.delete_commitment", "web.delete_commitment")),
    # own officer deleted after the own assignment that names her is gone
    Case("officer: delete own (named in no step)", "officers", True,
         api=("delete", f"/api/v1/units/{OWN}/officers/Lê Thị Hồng", None)),
]
ROLES = {"admin": lambda case: True, "auditor": lambda case: False,
         "editor": lambda case: case.editor}


def prepare(case):
    """Unused records some deletes act on (a used one would be refused for another reason)."""
    if case.id == "unit: delete another unit":
        services.units.create(unit("22999", "Phường Mới"))
    if case.id.startswith("procedure: remove") and case.id.endswith("form file"):
        code = case.web[0].split("/")[2]
        services.procedures.store_form(code, "mau-cu.pdf", b"%PDF-1.4 mau cu")
    if case.id == "field: delete":
        services.fields.create({"code": "dat-dai", "name": "Đất đai"})
    if case.id == "decision: delete":
        services.decisions.create({"number": "99/QĐ-UBND", "kind": "new", "title": "Thử"})
    if case.id == "legal document: delete":
        services.legal_documents.create({"number": "01/2021/NĐ-CP", "doc_type": "decree",
                                         "title": "Nghị định về đăng ký doanh nghiệp"})
    if case.id == "search term: remove one":
        services.search_terms.create({"phrase": "so hong", "officials": "giấy chứng nhận quyền sử "
                                      "dụng đất", "active": True})
    if case.id == "calendar: remove a recorded day":
        services.calendar_days.create({"day": "2027-02-12", "kind": "day_off", "note": "Nghỉ Tết"})
    if case.id == "not arising: withdraw own":
        services.not_arising.create(not_arising(OWN))
    if case.id == "not arising: withdraw another unit's":
        services.not_arising.create(not_arising(OTHER))
    if case.id == "officer: delete own (named in no step)":
        services.officers.create(officer(OWN, "Lê Thị Hồng"))


def check(case, role, ok, response_ok):
    expected = ROLES[role](case)
    assert response_ok == expected, f"{case.id} by {role}: {'allowed' if ok else 'refused'}"


def outcome(before, allowed_response):
    """Whether the door changed the database; a refusal must have changed nothing."""
    after = snapshot()
    if not allowed_response:
        assert after == before, "a refused change left something behind"
    return after != before


def ids(cases):
    return [c.id for c in cases]


API_CASES = [c for c in CASES if c.api]
WEB_CASES = [c for c in CASES if c.web]
FILE_CASES = [c for c in CASES if c.records]
PART_KINDS = ("channels", "steps", "dossier_items", "process_steps", "targets")
# The JSON shape nests parts in their record: part rows alone are a workbook's (or CSV's) matter.
FILE_RUNS = [(c, fmt) for c in FILE_CASES for fmt in ("xlsx", "json")
             if fmt == "xlsx" or c.kind not in PART_KINDS]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", API_CASES, ids=ids(API_CASES))
def test_api(client, world, case, role):
    prepare(case)
    before = snapshot()
    method, url, body = case.api
    response = getattr(client, method)(url, json=body, headers=world[role][1])
    allowed = response.status_code in (200, 201, 204)
    if not allowed:
        assert response.status_code == 403, response.get_json()
        assert response.get_json()["code"] in ("forbidden", "out_of_scope"), response.get_json()
    changed = outcome(before, allowed)
    check(case, role, allowed, allowed and changed)


def test_api_refuses_anonymous_every_write(client, world):
    before = snapshot()
    for case in API_CASES:
        method, url, body = case.api
        response = getattr(client, method)(url, json=body)
        assert response.status_code == 401 and response.get_json()["code"] == "unauthorized", case.id
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", WEB_CASES, ids=ids(WEB_CASES))
def test_web_forms(client, world, login, case, role):
    prepare(case)
    login(world[role][0])
    before = snapshot()
    url, form = case.web
    response = client.post(url, data=form() if callable(form) else form)
    allowed = response.status_code == 302
    if not allowed:
        assert response.status_code == 403, (response.status_code, response.get_data(as_text=True)[:500])
    changed = outcome(before, allowed)
    check(case, role, allowed, allowed and changed)


def upload_file(client, token, case, fmt):
    if fmt == "json":
        from tests.importers.helpers import nested

        flat = flatten(case.records)
        shaped = nested({k: flat.get(k, []) for k in (
            "units", "fields", "decisions", "legal_documents", "procedures", "channels", "steps",
            "dossier_items", "officers", "assignments", "process_steps")})
        shaped.update({k: v for k, v in flat.items() if k not in shaped and k not in PART_KINDS})
        parent = ("unit_code", "year", "kind")
        for c in shaped.get("commitments", []):
            c["targets"] = [{k: v for k, v in t.items() if k not in parent}
                            for t in flat.get("targets", [])
                            if tuple(t[k] for k in parent) == tuple(c[k] for k in parent)]
        body = json.dumps(shaped, ensure_ascii=False).encode()
        name = "du-lieu.json"
    else:
        buffer = io.BytesIO()
        write_workbook(buffer, flatten(case.records))
        body, name = buffer.getvalue(), "du-lieu.xlsx"
    return client.post("/api/v1/imports", data={"file": (io.BytesIO(body), name)}, headers=token,
                       content_type="multipart/form-data")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case,fmt", FILE_RUNS, ids=[f"{c.id} [{f}]" for c, f in FILE_RUNS])
def test_uploaded_files(client, world, case, fmt, role):
    if role == "auditor":  # an auditor may not upload at all
        response = upload_file(client, world[role][1], case, fmt)
        assert response.status_code == 403
        return
    before = snapshot()
    response = upload_file(client, world[role][1], case, fmt)
    body = response.get_json()
    allowed = response.status_code == 200 and body["outcome"] == "imported"
    if not allowed:
        assert response.status_code == 422, body
        refused = [i for i in body["issues"] if i["severity"] == "error"]
        assert refused and {i["code"] for i in refused} == {"out_of_scope"}, refused
        assert all(i["sheet"] and i["row"] for i in refused), refused  # the row that was refused
    changed = outcome(before, allowed)
    if allowed and case.id.endswith("listed unchanged"):
        changed = True
    check(case, role, allowed, allowed and changed)


@pytest.mark.parametrize("case", [c for c in FILE_CASES if not c.editor][:6] +
                         [c for c in FILE_CASES if c.editor][:2],
                         ids=ids([c for c in FILE_CASES if not c.editor][:6] +
                                 [c for c in FILE_CASES if c.editor][:2]))
def test_cli_import_as_an_editor(runner, world, case, tmp_path):
    path = tmp_path / "du-lieu.xlsx"
    write_workbook(str(path), flatten(case.records))
    before = snapshot()
    result = runner.invoke(args=["registry", "import", str(path), "--as-user", "mui-ne"])
    allowed = result.exit_code == 0
    if not allowed:
        assert result.exit_code == 1 and "out_of_scope" in result.output, result.output
    check(case, "editor", allowed, allowed and outcome(before, allowed))


def test_every_write_route_and_record_kind_is_in_the_table(app):
    """A new write route or import sheet must come with its cases here."""
    covered = {e for case in CASES for e in case.endpoints}
    elsewhere = {  # write routes whose policy is proven in their own tests
        "web.login", "web.logout", "web.change_password",  # tests/test_web_editing.py, accounts
        "web.edit_user", "web.reset_password", "web.issue_token", "web.revoke_token",
        "api_audits.create_run", "web.audit_run",  # tests/test_audit_access.py
        "api_imports.create_import", "web.imports_upload", "web.imports_commit",  # the doors above
        # tests/test_notifications.py: the office sends and follows; each person sets their own
        "web.notifications_send", "web.audit_follow", "web.account_notifications",
        # tests/test_jobs.py: admins rebuild the index; the league export is the office's
        "web.search_index_rebuild", "web.audit_league_export_job",
    }
    writes = {rule.endpoint for rule in app.url_map.iter_rules()
              if rule.methods & {"POST", "PUT", "PATCH", "DELETE"}}
    assert writes - covered - elsewhere == set()
    from importers.spec import SHEETS

    assert {sheet.id for sheet in SHEETS} <= {case.kind for case in CASES} | {
        "channels", "dossier_items", "cases", "fees"}  # parts of a procedure, like "steps"


def test_a_preview_is_confirmed_with_the_rights_the_editor_has_now(client, world, login):
    """Dry run by Mũi Né's editor; an admin moves the account to Phan Thiết; the confirm click
    re-asks the policy for the user as they are now, and writes nothing of Mũi Né's."""
    editor = world["editor"][0]
    login(editor)
    buffer = io.BytesIO()
    write_workbook(buffer, flatten({"officers": [officer(OWN, "Lê Thị Hồng")]}))
    response = client.post("/imports", data={"file": (io.BytesIO(buffer.getvalue()), "can-bo.xlsx"),
                                             "dry_run": "y"}, content_type="multipart/form-data")
    batch_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert client.get(f"/imports/{batch_id}/report.json").get_json()["valid"]
    with services.acting_as(services.SYSTEM):
        services.accounts.update_user("mui-ne", "unit_editor", OTHER, None, True)
    before = snapshot()
    confirm = client.post(f"/imports/{batch_id}/commit")
    assert confirm.status_code == 302
    report = client.get(confirm.headers["Location"] + "/report.json").get_json()
    assert report["outcome"] == "refused"
    assert {i["code"] for i in report["issues"] if i["severity"] == "error"} == {"out_of_scope"}
    assert snapshot() == before
