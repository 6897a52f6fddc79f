"""Issue 14: an editor uploads a dossier item's form file (mẫu đơn, tờ khai) on the web, removes it
after a confirmation, and the history shows both; odd or large files are refused in Vietnamese;
another unit's editor cannot touch them; a form given as a URL in an import stays a link."""
import io
import json
import re

import pytest

from procedures import services
from procedures.db import db as _db
from procedures.models import DossierItem, FormFile
from tests.factories import make_catalogue, make_procedure

DOCX = b"PK\x03\x04" + "Tờ khai đăng ký khai sinh (Mẫu TK-KS)".encode() * 40


@pytest.fixture
def kept(db, make_user, login):
    """1.001193 kept by Mũi Né (22918), its editor signed in."""
    make_catalogue()
    services.units.create({"code": "22921", "name": "Phường Hàm Tiến", "kind": "ward",
                           "level": "commune"})
    make_procedure(owner_unit_code="22918")
    editor = make_user("unit_editor", "mui-ne", "22918")
    return login(editor)


def item_id(name):
    return _db.session.query(DossierItem.id).filter(DossierItem.name == name).scalar()


def upload(client, name, content, item=None):
    data = {"form_file": (io.BytesIO(content), name)}
    if item is not None:
        data["item"] = str(item)
    return client.post("/procedures/1.001193/forms", data=data,
                       content_type="multipart/form-data")


def test_editor_uploads_a_dossier_items_form_and_citizens_download_it(client, kept):
    page = client.get("/procedures/1.001193/forms")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and "Tờ khai đăng ký khai sinh" in html
    version = services.procedures.get("1.001193").version
    response = upload(client, "to-khai-khai-sinh.docx", DOCX, item_id("Tờ khai đăng ký khai sinh"))
    assert response.status_code == 302
    record = services.procedures.get("1.001193")
    assert record.version == version + 1  # an edit form opened before cannot undo the link
    item = next(i for i in record.dossier_items if i.name == "Tờ khai đăng ký khai sinh")
    assert item.form_file == "to-khai-khai-sinh.docx"
    public = client.get("/procedures/1.001193").get_data(as_text=True)
    assert 'href="/procedures/1.001193/forms/to-khai-khai-sinh.docx"' in public
    download = client.get("/procedures/1.001193/forms/to-khai-khai-sinh.docx")
    assert download.status_code == 200 and download.data == DOCX
    assert "wordprocessingml" in download.headers["Content-Type"]
    history = re.search(r'<section id="history">.*?</section>', public, re.S).group(0)
    assert "Tệp mẫu đơn, tờ khai đã lưu" in history and "to-khai-khai-sinh.docx (2 KB" in history
    assert "Tệp mẫu đã lưu" in history  # the dossier item's own column, row by row


def test_a_second_upload_of_the_same_name_replaces_the_file(client, kept):
    assert upload(client, "to-khai.pdf", b"%PDF-1.4 ban cu").status_code == 302
    assert upload(client, "to-khai.pdf", b"%PDF-1.7 ban moi, Tet 2026").status_code == 302
    assert client.get("/procedures/1.001193/forms/to-khai.pdf").data == b"%PDF-1.7 ban moi, Tet 2026"
    assert _db.session.query(FormFile).count() == 1
    revisions = services.history("procedure", "1.001193")
    assert len([r for r in revisions if "form_files" in r.changes]) == 2


@pytest.mark.parametrize("name,content,message", [
    ("virus.exe", b"MZ", "phải là tệp PDF, Word (DOC, DOCX), Excel (XLS, XLSX) hoặc ODT"),
    ("anh-chup.jpg", b"\xff\xd8\xff", "phải là tệp PDF"),
    ("trong.pdf", b"", "Tệp mẫu đơn trống"),
])
def test_odd_files_are_refused_in_vietnamese(client, kept, name, content, message):
    response = upload(client, name, content)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _db.session.query(FormFile).count() == 0


def test_a_file_over_the_form_limit_is_refused_naming_the_limit(app, client, kept):
    app.config["FORM_MAX_MB"] = 1
    try:
        response = upload(client, "mau-lon.pdf", b"%PDF" + b"0" * (1024 * 1024 + 10))
    finally:
        app.config["FORM_MAX_MB"] = 10
    assert response.status_code == 422
    assert "vượt quá giới hạn 1 MB" in response.get_data(as_text=True)
    assert _db.session.query(FormFile).count() == 0


def test_no_file_chosen_and_a_foreign_dossier_item_are_refused(client, kept):
    response = client.post("/procedures/1.001193/forms", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Hãy chọn tệp mẫu đơn, tờ khai" in response.get_data(as_text=True)
    response = upload(client, "to-khai.pdf", b"%PDF-1.4", item=987654)
    assert response.status_code == 422
    assert "không thuộc thủ tục này" in response.get_data(as_text=True)
    assert _db.session.query(FormFile).count() == 0


def test_removing_a_form_asks_first_then_unlinks_and_records_it(client, kept):
    upload(client, "to-khai-khai-sinh.docx", DOCX, item_id("Tờ khai đăng ký khai sinh"))
    page = client.get("/procedures/1.001193/forms").get_data(as_text=True)
    assert "/procedures/1.001193/forms/remove?name=to-khai-khai-sinh.docx" in page
    confirm = client.get("/procedures/1.001193/forms/remove?name=to-khai-khai-sinh.docx")
    assert confirm.status_code == 200
    assert "Gỡ tệp mẫu to-khai-khai-sinh.docx?" in confirm.get_data(as_text=True)
    assert _db.session.query(FormFile).count() == 1  # asking removed nothing
    response = client.post("/procedures/1.001193/forms/remove",
                           data={"name": "to-khai-khai-sinh.docx"})
    assert response.status_code == 302
    assert _db.session.query(FormFile).count() == 0
    record = services.procedures.get("1.001193")
    assert all(i.form_file is None for i in record.dossier_items)
    assert client.get("/procedures/1.001193/forms/to-khai-khai-sinh.docx").status_code == 404
    newest = services.history("procedure", "1.001193")[0]
    assert newest.changes["form_files"][1] == []
    assert client.post("/procedures/1.001193/forms/remove",
                       data={"name": "khong-co.pdf"}).status_code == 404


def test_another_units_editor_and_anonymous_cannot_upload_or_remove(client, db, make_user, login):
    make_catalogue()
    make_procedure(owner_unit_code="22918")
    services.procedures.store_form("1.001193", "to-khai.pdf", b"%PDF-1.4")
    services.units.create({"code": "22921", "name": "Phường Hàm Tiến", "kind": "ward",
                           "level": "commune"})
    assert client.get("/procedures/1.001193/forms").status_code in (302, 401, 403)
    assert upload(client, "khac.pdf", b"%PDF-1.4").status_code in (302, 401, 403)
    assert client.post("/procedures/1.001193/forms/remove",
                       data={"name": "to-khai.pdf"}).status_code in (302, 401, 403)
    login(make_user("unit_editor", "ham-tien", "22921"))
    assert client.get("/procedures/1.001193/forms").status_code == 403
    assert upload(client, "khac.pdf", b"%PDF-1.4").status_code == 403
    assert client.post("/procedures/1.001193/forms/remove",
                       data={"name": "to-khai.pdf"}).status_code == 403
    assert [f.name for f in _db.session.query(FormFile)] == ["to-khai.pdf"]
    page = client.get("/procedures/1.001193").get_data(as_text=True)
    assert "/procedures/1.001193/forms\"" not in page  # no link to a page that would refuse


def test_an_imported_form_url_stays_a_link(client, db, make_user, token_for):
    make_catalogue()
    admin = make_user("admin", "quan-tri")
    record = {"procedures": [{
        "code": "1.001193", "name": "Đăng ký khai sinh", "field_code": "ho-tich", "level": "commune",
        "subjects": "Công dân Việt Nam", "implementing_agency": "UBND cấp xã",
        "result": "Giấy khai sinh", "no_result_template": True, "no_requirements": True,
        "decisions": ["2228/QĐ-UBND"], "legal_bases": ["60/2014/QH13"],
        "channels": [{"kind": "in_person", "processing_time": 1, "is_free": True}],
        "steps": [{"position": 1, "description": "Nộp hồ sơ tại Bộ phận một cửa"}],
        "dossier_items": [{"position": 1, "name": "Tờ khai đăng ký khai sinh", "originals": 1,
                           "form_name": "Mẫu TK-KS",
                           "form_url": "https://thutuc.dichvucong.gov.vn/mau/tk-ks.docx"}]}]}
    body = json.dumps(record, ensure_ascii=False).encode()
    response = client.post("/api/v1/imports", data={"file": (io.BytesIO(body), "thu-tuc.json")},
                           headers=token_for(admin), content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    item = services.procedures.get("1.001193").dossier_items[0]
    assert item.form_url == "https://thutuc.dichvucong.gov.vn/mau/tk-ks.docx"
    assert item.form_file is None and _db.session.query(FormFile).count() == 0
    html = client.get("/procedures/1.001193").get_data(as_text=True)
    assert 'href="https://thutuc.dichvucong.gov.vn/mau/tk-ks.docx"' in html


def test_a_workbook_import_keeps_the_uploaded_form_of_a_dossier_item(client, kept, tmp_path):
    """The workbook has no column for stored files: importing the procedure again (its dossier
    rows as exported) must not unlink the form an editor uploaded."""
    from importers.flatten import records_from_database
    from importers.template import write_workbook

    upload(client, "to-khai-khai-sinh.docx", DOCX, item_id("Tờ khai đăng ký khai sinh"))
    records = records_from_database()
    sheets = {kind: [r for r in records.get(kind, []) if "1.001193" in (
        r.get("code"), r.get("procedure_code"))] for kind in (
        "procedures", "channels", "steps", "dossier_items", "cases", "fees")}
    sheets["procedures"][0]["subjects"] = "Công dân Việt Nam cư trú ở trong nước"
    path = tmp_path / "thu-tuc.xlsx"
    write_workbook(str(path), sheets)
    response = client.post("/imports", data={"file": (io.BytesIO(path.read_bytes()), "thu-tuc.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:300]
    _db.session.expire_all()
    record = services.procedures.get("1.001193")
    assert record.subjects == "Công dân Việt Nam cư trú ở trong nước"
    item = next(i for i in record.dossier_items if i.name == "Tờ khai đăng ký khai sinh")
    assert item.form_file == "to-khai-khai-sinh.docx"


def test_history_links_the_import_batch_that_made_a_change(client, kept, tmp_path):
    """Issue 14: a revision made by an import names its batch, and the history page links it;
    a change made on the web names none; a refused file leaves no batch in any revision."""
    from importers.flatten import records_from_database
    from importers.template import write_workbook
    from procedures.models import ImportBatch, Revision

    def workbook(subjects, name, **fields):
        records = records_from_database()
        sheets = {kind: [r for r in records.get(kind, []) if "1.001193" in (
            r.get("code"), r.get("procedure_code"))] for kind in (
            "procedures", "channels", "steps", "dossier_items", "cases", "fees")}
        sheets["procedures"][0].update(subjects=subjects, **fields)
        path = tmp_path / name
        write_workbook(str(path), sheets)
        return client.post("/imports", data={"file": (io.BytesIO(path.read_bytes()), name)},
                           content_type="multipart/form-data")

    upload(client, "to-khai.pdf", b"%PDF-1.4 mau")  # a web change: no batch
    workbook("Công dân Việt Nam cư trú ở trong nước", "ra-soat-tet.xlsx")
    batch = _db.session.query(ImportBatch).order_by(ImportBatch.id.desc()).first()
    assert batch.outcome == "imported" and batch.filename == "ra-soat-tet.xlsx"
    assert batch.report["batch_id"] == batch.id
    revisions = services.history("procedure", "1.001193")
    assert revisions[0].batch_id == batch.id and "subjects" in revisions[0].changes
    assert revisions[1].batch_id is None  # the form uploaded on the web
    html = client.get("/procedures/1.001193").get_data(as_text=True)
    history = re.search(r'<section id="history">.*?</section>', html, re.S).group(0)
    assert f'href="/imports/{batch.id}">Lượt nhập số {batch.id}</a>' in history
    assert history.count("Lượt nhập số") == 1
    assert client.get(f"/imports/{batch.id}").status_code == 200
    assert _db.session.query(ImportBatch).count() == 1  # one row per import, not two
    workbook("Công dân", "sai-cap.xlsx", level="khong-ro")  # refused: no such level
    refused = _db.session.query(ImportBatch).order_by(ImportBatch.id.desc()).first()
    assert refused.outcome == "refused" and refused.id != batch.id
    assert _db.session.query(Revision).filter(Revision.batch_id == refused.id).count() == 0


@pytest.mark.parametrize("kind", ["units", "officers"])
def test_a_stale_unit_or_officer_row_does_not_undo_a_later_web_edit(client, db, make_user, login,
                                                                     tmp_path, kind):
    """Issue 14 (like procedures and assignments): the workbook carries each unit's and officer's
    version; a row exported before a web edit is refused as stale_version, not written."""
    from importers.flatten import records_from_database
    from importers.template import write_workbook

    make_catalogue()
    services.officers.create({"unit_code": "22918", "full_name": "Phạm Thị Hoa",
                              "phone": "0918 111 222"})
    login(make_user("admin", "quan-tri"))
    sheets = {kind: records_from_database()[kind]}
    assert all(r["version"] == 1 for r in sheets[kind])
    if kind == "units":  # meanwhile, on the web
        services.units.update(("22918",), {"desk_phone": "0252 3847 123"}, partial=True)
        sheets[kind][0]["desk_hours"] = "Thứ Hai – Thứ Sáu, 7:00–11:30"
    else:
        services.officers.update(("22918", "Phạm Thị Hoa"), {"phone": "0918 333 444"},
                                 partial=True)
        sheets[kind][0]["department"] = "Bộ phận Một cửa"
    path = tmp_path / "cu.xlsx"
    write_workbook(str(path), sheets)
    response = client.post("/api/v1/imports", data={"file": (io.BytesIO(path.read_bytes()),
                                                              "cu.xlsx")},
                           headers={}, content_type="multipart/form-data")
    body = response.get_json() if response.is_json else None
    if response.status_code == 401:  # the page door with the session
        response = client.post("/imports", data={"file": (io.BytesIO(path.read_bytes()),
                                                          "cu.xlsx")},
                               content_type="multipart/form-data")
        body = None
    _db.session.expire_all()
    if kind == "units":
        unit = services.units.get("22918")
        assert unit.desk_phone == "0252 3847 123" and unit.desk_hours is None and unit.version == 2
    else:
        officer = services.officers.get("22918", "Phạm Thị Hoa")
        assert officer.phone == "0918 333 444" and officer.department is None
        assert officer.version == 2
    from procedures.models import ImportBatch
    batch = _db.session.query(ImportBatch).order_by(ImportBatch.id.desc()).first()
    assert "stale_version" in {i["code"] for i in batch.report["issues"]}, body
