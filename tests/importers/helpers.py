"""Files for the importer tests: a small consistent dataset as XLSX, CSV, zip and JSON."""
import copy
import csv
import io
import json
import zipfile

from sqlalchemy import func, select

from importers.spec import SHEETS
from importers.template import write_workbook
from procedures.db import db
from procedures.models import (
    Assignment,
    Channel,
    Decision,
    DossierItem,
    Field,
    ImportBatch,
    LegalDocument,
    Officer,
    Procedure,
    ProcessStep,
    Revision,
    SearchChange,
    Step,
    Unit,
)

TABLES = (Unit, Field, Decision, LegalDocument, Procedure, Channel, Step, DossierItem, Officer,
          Assignment, ProcessStep, Revision, SearchChange)

BASE = {
    "units": [
        {"code": "68", "name": "Lâm Đồng", "kind": "province", "level": "province"},
        {"code": "22918", "name": "Phường Mũi Né", "kind": "ward", "level": "commune",
         "parent_code": "68", "desk_name": "Bộ phận Một cửa phường Mũi Né"},
        {"code": "22921", "name": "Phường Phan Thiết", "kind": "ward", "level": "commune",
         "parent_code": "68"},
    ],
    "fields": [{"code": "ho-tich", "name": "Hộ tịch"}, {"code": "chung-thuc", "name": "Chứng thực"}],
    "decisions": [{"number": "2228/QĐ-UBND", "kind": "new", "title": "Công bố thủ tục hộ tịch",
                   "signed_on": "2025-07-01"}],
    "legal_documents": [
        {"number": "60/2014/QH13", "doc_type": "law", "title": "Luật Hộ tịch"},
        {"number": "23/2015/NĐ-CP", "doc_type": "decree", "title": "Nghị định về chứng thực"},
    ],
    "procedures": [
        {"code": "1.001193", "name": "Đăng ký khai sinh", "field_code": "ho-tich",
         "level": "commune", "owner_unit_code": "22918", "subjects": "Công dân Việt Nam",
         "implementing_agency": "UBND cấp xã", "result": "Giấy khai sinh",
         "no_requirements": True, "online_level": "full",
         "decisions": ["2228/QĐ-UBND"], "legal_bases": ["60/2014/QH13"]},
        {"code": "2.000815", "name": "Chứng thực bản sao từ bản chính", "field_code": "chung-thuc",
         "level": "commune", "subjects": "Cá nhân, tổ chức", "result": "Bản sao được chứng thực",
         "decisions": ["2228/QĐ-UBND"], "legal_bases": ["23/2015/NĐ-CP", "60/2014/QH13"]},
    ],
    "channels": [
        {"procedure_code": "1.001193", "kind": "in_person", "processing_time": 0,
         "time_note": "Trong ngày", "is_free": True},
        {"procedure_code": "1.001193", "kind": "online", "processing_time": 0.5, "is_free": True},
        {"procedure_code": "2.000815", "kind": "in_person", "processing_time": 1,
         "fee_text": "2.000 đồng/trang", "fee_amount": 2000},
    ],
    "steps": [
        {"procedure_code": "1.001193", "position": 1, "description": "Nộp hồ sơ"},
        {"procedure_code": "1.001193", "position": 2, "description": "Trả kết quả"},
        {"procedure_code": "2.000815", "position": 1, "description": "Nộp bản chính và bản sao"},
    ],
    "dossier_items": [
        {"procedure_code": "1.001193", "position": 1, "name": "Tờ khai đăng ký khai sinh",
         "originals": 1},
        {"procedure_code": "1.001193", "position": 2, "name": "Giấy chứng sinh", "originals": 1},
        {"procedure_code": "2.000815", "position": 1, "name": "Bản chính giấy tờ", "originals": 1},
    ],
    "officers": [
        {"unit_code": "22918", "full_name": "Nguyễn Thị Lan", "department": "Tư pháp – Hộ tịch",
         "has_signing_account": True, "is_desk_officer": True},
        {"unit_code": "22921", "full_name": "Trần Văn Minh", "department": "Một cửa"},
    ],
    "assignments": [
        {"unit_code": "22918", "procedure_code": "1.001193", "decision_number": "2228/QĐ-UBND"},
        {"unit_code": "22921", "procedure_code": "2.000815"},
    ],
    "process_steps": [
        {"unit_code": "22918", "procedure_code": "1.001193", "position": 1,
         "task": "Tiếp nhận hồ sơ", "officer_name": "Nguyễn Thị Lan", "duration": 0.25},
        {"unit_code": "22918", "procedure_code": "1.001193", "position": 2,
         "task": "Trả kết quả", "duration": 0, "is_return_step": True},
    ],
}


def records():
    """A fresh deep copy of the dataset, to be edited by a test."""
    return copy.deepcopy(BASE)


def xlsx_bytes(data=None, highlights=None) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, records() if data is None else data, highlights)
    return buffer.getvalue()


def write_xlsx(path, data=None):
    path.write_bytes(xlsx_bytes(data))
    return path


def csv_text(sheet_id, rows, delimiter=","):
    """A CSV of one sheet with the English field ids as headers."""
    spec = next(s for s in SHEETS if s.id == sheet_id)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.field for c in spec.columns])
    for row in rows:
        writer.writerow(["; ".join(v) if isinstance(v := row.get(c.field), list) else
                         {True: "có", False: "không", None: ""}.get(v, v) if not isinstance(
                             v, (int, float)) or isinstance(v, bool) else v
                         for c in spec.columns])
    return out.getvalue()


def zip_csv(path, data=None, encoding="utf-8-sig"):
    data = records() if data is None else data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet_id, rows in data.items():
            archive.writestr(f"{sheet_id}.csv", csv_text(sheet_id, rows).encode(encoding))
    return path


def nested(data=None):
    """The dataset in the API's nested JSON shape."""
    data = records() if data is None else data
    out = {k: data[k] for k in ("units", "fields", "decisions", "legal_documents", "officers")}
    out["procedures"] = [dict(p) for p in data["procedures"]]
    for p in out["procedures"]:
        for part in ("channels", "steps", "dossier_items"):
            p[part] = [{k: v for k, v in r.items() if k != "procedure_code"}
                       for r in data[part] if r["procedure_code"] == p["code"]]
    out["assignments"] = [dict(a) for a in data["assignments"]]
    for a in out["assignments"]:
        a["process_steps"] = [
            {k: v for k, v in r.items() if k not in ("unit_code", "procedure_code")}
            for r in data["process_steps"]
            if (r["unit_code"], r["procedure_code"]) == (a["unit_code"], a["procedure_code"])]
    return out


def write_json(path, data=None):
    path.write_text(json.dumps(nested(data), ensure_ascii=False), encoding="utf-8")
    return path


def counts() -> dict:
    """Rows per table (the tables an import may write; revisions of records, not of accounts)."""
    out = {}
    for model in TABLES:
        stmt = select(func.count()).select_from(model)
        if model is Revision:
            stmt = stmt.where(Revision.entity != "user")
        out[model.__tablename__] = db.session.scalar(stmt)
    return out


def empty_counts() -> dict:
    return {m.__tablename__: 0 for m in TABLES}


def batches():
    return db.session.scalars(select(ImportBatch).order_by(ImportBatch.id)).all()


def issues(report, code=None):
    return [i for i in report["issues"] if code is None or i["code"] == code]


def one(report, code):
    """The single issue of a code (fails when there are none or several)."""
    found = issues(report, code)
    assert len(found) == 1, (code, report["issues"])
    return found[0]
