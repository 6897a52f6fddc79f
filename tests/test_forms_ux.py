"""Forms without dead ends: Enter saves, every error at once, Vietnamese messages only."""
import re

from procedures import services
from tests.factories import make_catalogue, procedure_data


def _editor(make_user, login):
    make_catalogue()
    services.procedures.create(procedure_data(owner_unit_code="22918"))
    return login(make_user("unit_editor", "mui-ne", "22918"))


def test_the_first_submit_button_of_the_procedure_form_saves(db, make_user, login):
    client = _editor(make_user, login)
    for url in ("/procedures/1.001193/edit", "/procedures/new"):
        html = client.get(url).get_data(as_text=True)
        form = html[html.index('<form method="post" class="edit"'):]
        first = re.search(r"<button[^>]*>[^<]*</button>", form).group(0)
        # Enter in a one-line box "clicks" the first submit button: it must not add a row.
        assert 'type="submit"' in first and "name=" not in first and ">Lưu<" in first, url


def test_a_wrong_date_on_the_procedure_form_says_dd_mm_yyyy(db, make_user, login):
    client = _editor(make_user, login)
    record = services.procedures.get("1.001193")
    form = {"version": record.version, "name": record.name, "field_code": "ho-tich",
            "level": "commune", "status": "active", "owner_unit_code": "22918",
            "last_verified_on": "30/02/2026"}
    html = client.post("/procedures/1.001193/edit", data=form).get_data(as_text=True)
    assert "dd/mm/yyyy" in html and "YYYY-MM-DD" not in html


def test_a_new_account_shows_every_mistake_at_once(db, make_user, login):
    client = login(make_user("admin", "quan-tri"))
    response = client.post("/admin/users/new", data={
        "username": "Nguyễn Văn A", "role": "unit_editor", "password": "12345"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tên đăng nhập gồm chữ không dấu" in html
    assert "Mật khẩu phải có ít nhất" in html and "phải gồm cả chữ và số" in html
    assert "Cán bộ cập nhật phải thuộc một đơn vị." in html


def test_changing_the_own_password_shows_every_mistake_at_once(db, make_user, login):
    client = login(make_user("unit_editor", "mui-ne", _ward()))
    response = client.post("/account/password", data={
        "current_password": "sai-mat-khau-1", "password": "abc", "password_again": "abd"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Mật khẩu hiện tại không đúng." in html
    assert "Mật khẩu phải có ít nhất" in html
    assert "Hai lần nhập mật khẩu mới không khớp." in html


def test_messages_carry_no_english(db):
    from procedures.errors import ValidationFailed

    try:
        services.officers.create({"unit_code": _ward(), "full_name": "Lê Văn Tám",
                                  "active": "maybe"})
    except ValidationFailed as exc:
        text = str(exc.errors)
    assert "Có hoặc Không" in text and "true" not in text and "false" not in text
    from procedures.audit.rules import RULES

    for rule in RULES:
        assert "sheet" not in rule.hint and "sheet" not in rule.message, rule.id


def _ward():
    from tests.factories import make_unit

    return make_unit().code


def test_each_role_lands_on_its_work_after_login(db, client, make_user):
    unit = _ward()
    make_user("unit_editor", "mui-ne", unit)
    make_user("auditor", "kiem-soat")
    make_user("admin", "quan-tri")
    landing = {}
    for username in ("mui-ne", "kiem-soat", "quan-tri"):
        response = client.post("/login", data={"username": username,
                                               "password": "mat-khau-123"})
        landing[username] = response.headers["Location"]
        client.post("/logout")
    assert landing == {"mui-ne": f"/units/{unit}", "kiem-soat": "/audit", "quan-tri": "/audit"}
    response = client.post("/login?next=/imports", data={"username": "mui-ne",
                                                         "password": "mat-khau-123"})
    assert response.headers["Location"] == "/imports"  # where the user was going wins


def test_the_editor_sees_the_units_audit_state_on_its_page(db, client, make_user, login):
    from procedures.audit.runner import run_audit

    unit = _ward()
    run_audit(unit)
    assert 'id="audit-state"' not in client.get(f"/units/{unit}").get_data(as_text=True)
    login(make_user("unit_editor", "mui-ne", unit))
    html = client.get(f"/units/{unit}").get_data(as_text=True)
    assert 'id="audit-state"' in html and "Chưa đủ điều kiện tích hợp" in html
    assert f'href="/audit/units/{unit}">Xem và sửa các lỗi' in html


def test_row_inputs_are_named_in_vietnamese_for_screen_readers(db, make_user, login):
    client = _editor(make_user, login)
    html = client.get("/procedures/1.001193/edit").get_data(as_text=True)
    labels = set(re.findall(r'aria-label="([^"]*)"', html))
    assert {"Thời hạn giải quyết", "Tên giấy tờ", "Xóa dòng này"} <= labels
    assert not labels & {"processing_time", "name", "remove", "is_free", "case_name"}
