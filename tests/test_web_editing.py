"""Edit pages: login, permissions, nested rows without JavaScript, errors per field, concurrency."""
import re

import pytest
from sqlalchemy import func, select

from procedures import services
from procedures.models import Revision
from procedures.services import accounts
from tests.factories import make_catalogue, procedure_data


@pytest.fixture
def ward(db, make_user):
    make_catalogue()
    services.units.create({"code": "22921", "name": "Phường Hàm Tiến", "kind": "ward",
                           "level": "commune"})
    services.procedures.create(procedure_data(owner_unit_code="22918"))
    services.officers.create({"unit_code": "22918", "full_name": "Lê Văn Cường",
                              "is_desk_officer": True, "department": "Bộ phận Một cửa"})
    services.assignments.create({"unit_code": "22918", "procedure_code": "1.001193"})
    return {"editor": make_user("unit_editor", "mui-ne", "22918"),
            "other": make_user("unit_editor", "ham-tien", "22921")}


def procedure_form(**changes):
    form = {
        "version": "1", "name": "Đăng ký khai sinh", "field_code": "ho-tich", "level": "commune",
        "status": "active", "owner_unit_code": "22918", "subjects": "Công dân",
        "implementing_agency": "UBND cấp xã", "result": "Giấy khai sinh",
        "no_result_template": "1", "no_requirements": "1",
        "decisions": "2228/QĐ-UBND", "legal_bases": "60/2014/QH13",
        "channels-0-kind": "in_person", "channels-0-processing_time": "0",
        "channels-0-time_unit": "working_day", "channels-0-is_free": "1",
        "steps-0-position": "1", "steps-0-description": "Nộp hồ sơ",
        "steps-1-position": "2", "steps-1-description": "Trả kết quả",
        "dossier_items-0-position": "1", "dossier_items-0-name": "Tờ khai",
        "dossier_items-0-form_name": "Mẫu tờ khai", "dossier_items-0-originals": "1",
        "dossier_items-0-copies": "0", "dossier_items-0-required": "1",
    }
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}


def test_edit_requires_login(client, ward):
    response = client.get("/procedures/1.001193/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_login_wrong_password_then_lockout(client, ward):
    # Ten failures lock the account; one address is stopped after five (see the next test).
    for i in range(10):
        response = client.post("/login", data={"username": "mui-ne", "password": "sai-mat-khau1"},
                               environ_base={"REMOTE_ADDR": f"10.0.0.{1 + i // 5}"})
        assert response.status_code == 401
        assert "không đúng" in response.get_data(as_text=True)
    locked = client.post("/login", data={"username": "mui-ne", "password": "mat-khau-123"},
                         environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert locked.status_code == 429
    assert "tạm khóa" in locked.get_data(as_text=True)


def test_one_guesser_cannot_lock_someone_else_out(client, ward):
    """Failed sign-ins are limited per client address before they can lock the account."""
    attacker = {"REMOTE_ADDR": "203.0.113.7"}
    for _ in range(5):
        response = client.post("/login", data={"username": "mui-ne", "password": "doan-sai-1"},
                               environ_base=attacker)
        assert response.status_code == 401
    for _ in range(20):
        stopped = client.post("/login", data={"username": "mui-ne", "password": "doan-sai-1"},
                              environ_base=attacker)
        assert stopped.status_code == 429
    assert "Quá nhiều lần đăng nhập sai từ địa chỉ này" in stopped.get_data(as_text=True)
    assert accounts.get_user("mui-ne").locked_until is None
    owner = client.post("/login", data={"username": "mui-ne", "password": "mat-khau-123"},
                        environ_base={"REMOTE_ADDR": "198.51.100.20"})
    assert owner.status_code == 302  # the editor still signs in from their own desk


def test_editor_of_another_unit_gets_403_and_nothing_changes(client, ward, login):
    login(ward["other"])
    before = db_revisions()
    assert client.get("/procedures/1.001193/edit").status_code == 403
    assert client.post("/procedures/1.001193/edit", data=procedure_form(name="X")).status_code == 403
    assert client.get("/units/22918/officers/new").status_code == 403
    assert client.post("/units/22918/officers/new", data={"full_name": "X"}).status_code == 403
    assert client.post("/units/22918/assignments/1.001193/edit", data={}).status_code == 403
    assert client.post("/units/22918/assignments/1.001193/delete").status_code == 403
    assert client.post("/units/22918/officers/Lê Văn Cường/delete").status_code == 403
    assert db_revisions() == before
    assert services.procedures.get("1.001193").name == "Đăng ký khai sinh"


def db_revisions():
    from procedures.db import db
    return db.session.scalar(select(func.count()).select_from(Revision))


def test_edit_procedure_adds_removes_and_reorders_rows(client, ward, login):
    login(ward["editor"])
    page = client.get("/procedures/1.001193/edit").get_data(as_text=True)
    assert 'name="steps-2-description"' in page  # one blank row to fill in
    form = procedure_form(**{
        "steps-0-position": "2", "steps-1-position": "1",          # reorder
        "steps-2-position": "3", "steps-2-description": "Lưu hồ sơ",  # add
        "dossier_items-0-remove": "1",                               # remove
        "dossier_items-1-position": "1", "dossier_items-1-name": "Giấy chứng sinh",
        "dossier_items-1-originals": "1", "dossier_items-1-copies": "0",
    })
    response = client.post("/procedures/1.001193/edit", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    record = services.procedures.get("1.001193")
    assert [(s.position, s.description) for s in record.steps] == [
        (1, "Trả kết quả"), (2, "Nộp hồ sơ"), (3, "Lưu hồ sơ")]
    assert [d.name for d in record.dossier_items] == ["Giấy chứng sinh"]
    history = client.get("/procedures/1.001193").get_data(as_text=True)
    assert "Lịch sử thay đổi" in history and "mui-ne" in history


def test_add_row_button_keeps_input_without_saving(client, ward, login):
    login(ward["editor"])
    response = client.post("/procedures/1.001193/edit",
                           data=procedure_form(name="Tên đang gõ", add_row="steps"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Tên đang gõ" in html
    assert 'name="steps-3-description"' in html
    assert services.procedures.get("1.001193").name == "Đăng ký khai sinh"


def test_invalid_input_rerenders_with_message_at_each_field(client, ward, login):
    login(ward["editor"])
    response = client.post("/procedures/1.001193/edit", data=procedure_form(**{
        "channels-0-processing_time": "0,3", "dossier_items-0-name": None,
        "legal_bases": "60/2014/QH13\n99/2099/XX-YY"}))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Thời gian tính theo đơn vị 1/4 ngày" in html
    assert re.search(r'name="dossier_items-0-name"[^>]*><span class="field-error">'
                     r'Trường này không được để trống', html)
    assert 'value="0,3"' in html  # the user's input is kept
    # Format errors come first; once fixed, references are checked.
    response = client.post("/procedures/1.001193/edit", data=procedure_form(
        legal_bases="60/2014/QH13\n99/2099/XX-YY"))
    assert response.status_code == 422
    assert "Không tìm thấy văn bản căn cứ &#39;99/2099/XX-YY&#39;" in response.get_data(as_text=True)
    assert services.procedures.get("1.001193").version == 1


def test_stale_form_is_refused(client, ward, login):
    login(ward["editor"])
    services.procedures.update(("1.001193",), {"name": "Đổi bởi người khác"}, partial=True)
    response = client.post("/procedures/1.001193/edit", data=procedure_form(name="Của tôi"))
    assert response.status_code == 409
    assert "đã được người khác thay đổi" in response.get_data(as_text=True)
    assert services.procedures.get("1.001193").name == "Đổi bởi người khác"


def test_officer_and_internal_process_with_running_total(client, ward, login):
    login(ward["editor"])
    response = client.post("/units/22918/officers/new", data={
        "full_name": "Nguyễn Thị Lan", "position_title": "Phó Chủ tịch UBND phường",
        "department": "Lãnh đạo UBND", "has_signing_account": "1", "active": "1"})
    assert response.status_code == 302
    services.procedures.update(("1.001193",), {"channels": [
        {"kind": "in_person", "processing_time": 5, "is_free": True}]}, partial=True)
    form = {"version": "1",
            "process_steps-0-position": "1", "process_steps-0-task": "Tiếp nhận",
            "process_steps-0-department": "Bộ phận Một cửa",
            "process_steps-0-officer_name": "Lê Văn Cường", "process_steps-0-duration": "0,5",
            "process_steps-1-position": "2", "process_steps-1-task": "Ký duyệt",
            "process_steps-1-department": "Lãnh đạo UBND",
            "process_steps-1-officer_name": "Nguyễn Thị Lan", "process_steps-1-duration": "4",
            "process_steps-2-position": "3", "process_steps-2-task": "Trả kết quả",
            "process_steps-2-is_return_step": "1", "process_steps-2-duration": "0"}
    preview = client.post("/units/22918/assignments/1.001193/edit", data={**form, "add_row": "1"})
    text = preview.get_data(as_text=True)
    assert re.search(r"4,5 ngày làm việc\s*/\s*5 ngày làm việc", text) and "ít hơn thời hạn" in text
    saved = client.post("/units/22918/assignments/1.001193/edit", data=form)
    assert saved.status_code == 302
    steps = services.assignments.get("22918", "1.001193").process_steps
    assert [s.officer.full_name if s.officer else None for s in steps] == [
        "Lê Văn Cường", "Nguyễn Thị Lan", None]


def test_unknown_officer_in_process_is_shown_at_the_cell(client, ward, login):
    login(ward["editor"])
    response = client.post("/units/22918/assignments/1.001193/edit", data={
        "version": "1", "process_steps-0-position": "1", "process_steps-0-task": "Tiếp nhận",
        "process_steps-0-officer_name": "Người Lạ"})
    assert response.status_code == 422
    assert "không có cán bộ tên &#39;Người Lạ&#39;" in response.get_data(as_text=True)


def test_csrf_is_enforced_on_forms(app, ward):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        response = client.post("/login", data={"username": "mui-ne", "password": "mat-khau-123"})
        assert response.status_code == 400
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        ok = client.post("/login", data={"username": "mui-ne", "password": "mat-khau-123",
                                         "csrf_token": token})
        assert ok.status_code == 302
        # the token-only API is not subject to CSRF
        assert client.get("/api/v1/procedures").status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_security_headers(client, db):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_running_total_follows_the_audit_rule_for_same_day_procedures(db, ward):
    from procedures.audit.process_time import running_totals

    procedure = services.procedures.get("1.001193")  # in person: 0 working days ("trong ngày")
    steps = [{"duration": "0,5"}, {"duration": "90", "duration_unit": "minute"},
             {"duration": "3", "is_return_step": True}]
    totals = running_totals(procedure, steps)
    assert [t["state"] for t in totals] == ["ok"]  # within the day
    assert totals[0]["total_text"] == "0,69 ngày làm việc"  # 4 h + 1 h 30 = 330 minutes
    assert totals[0]["ignored_return"] == "3 ngày làm việc"  # shown, not counted
    too_long = [{"duration_days": "1,25"}]
    assert running_totals(procedure, too_long)[0]["state"] == "over"


def test_running_total_reads_24_hours_as_the_audit_does(db, ward):
    from procedures.audit.process_time import running_totals

    services.procedures.update(("1.001193",), {"channels": [
        {"kind": "in_person", "processing_time": 24, "time_unit": "hour", "is_free": True}]},
        partial=True)
    procedure = services.procedures.get("1.001193")
    one_day = running_totals(procedure, [{"duration": "1"}])[0]
    assert one_day["state"] == "ok" and "24 giờ" in one_day["comparisons"][0]["limit"]
    assert running_totals(procedure, [{"duration": "9", "duration_unit": "working_hour"}])[0][
        "state"] == "over"


def test_the_history_is_shown_to_editors_in_the_page_not_in_its_title(client, ward, login):
    services.procedures.update(("1.001193",), {"name": "Đăng ký khai sinh lại"}, partial=True)
    anonymous = client.get("/procedures/1.001193").get_data(as_text=True)
    assert 'id="history"' not in anonymous
    login(ward["editor"])
    page = client.get("/procedures/1.001193").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith("Đăng ký khai sinh lại") and "<" not in title
    assert page.count('id="history"') == 1
