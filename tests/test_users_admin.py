"""Accounts managed on the web: the admin's user pages and everyone's own password."""
import pytest

from procedures import services
from procedures.models import Revision
from procedures.services import accounts
from tests.factories import make_catalogue


@pytest.fixture
def admin(db, make_user, login):
    make_catalogue()  # unit 22918
    user = make_user("admin", "quan-tri")
    login(user)
    return user


def test_only_admins_reach_the_user_pages(client, db, make_user, login):
    assert client.get("/admin/users").status_code in (302, 401)  # to the login page
    make_catalogue()
    login(make_user("auditor", "kiem-soat"))
    assert client.get("/admin/users").status_code == 403
    response = client.post("/admin/users/new", data={
        "username": "ke-gian", "role": "admin", "password": "mat-khau-123"})
    assert response.status_code == 403
    assert accounts.list_users()[-1].username != "ke-gian"


def test_admin_creates_an_editor_who_can_then_sign_in(app, client, admin):
    response = client.post("/admin/users/new", data={
        "username": "Mui-Ne.Editor", "full_name": "Nguyễn Thị Lan", "role": "unit_editor",
        "unit_code": "22918", "password": "mat-khau-456"})
    assert response.status_code == 302
    user = accounts.get_user("mui-ne.editor")
    assert (user.role, user.unit.code, user.full_name) == ("unit_editor", "22918", "Nguyễn Thị Lan")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "mui-ne.editor" in page and "Phường Mũi Né" in page
    other = app.test_client()
    assert other.post("/login", data={"username": "mui-ne.editor",
                                      "password": "mat-khau-456"}).status_code == 302
    revision = services.history("user", "mui-ne.editor")[0]
    assert revision.action == "create" and revision.actor == "quan-tri"
    assert "password" not in revision.changes and "password_hash" not in str(revision.changes)


@pytest.mark.parametrize("form, field, message", [
    ({"username": "co dau", "role": "admin", "password": "mat-khau-123"}, "username",
     "Tên đăng nhập gồm chữ không dấu"),
    ({"username": "ban-bien-tap", "role": "unit_editor", "password": "mat-khau-123"}, "unit",
     "Cán bộ cập nhật phải thuộc một đơn vị."),
    ({"username": "ban-bien-tap", "role": "unit_editor", "unit_code": "99999",
      "password": "mat-khau-123"}, "unit", "Không tìm thấy đơn vị &#39;99999&#39;."),
    ({"username": "ban-bien-tap", "role": "auditor", "password": "ngan"}, "password",
     "Mật khẩu phải có ít nhất 10 ký tự."),
])
def test_a_bad_account_form_is_shown_again_with_the_message_and_nothing_saved(
        client, admin, form, field, message):
    before = len(accounts.list_users())
    response = client.post("/admin/users/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    assert len(accounts.list_users()) == before


def test_a_taken_username_is_a_conflict(client, admin):
    response = client.post("/admin/users/new", data={
        "username": "quan-tri", "role": "auditor", "password": "mat-khau-123"})
    assert response.status_code == 409
    assert "đã tồn tại" in response.get_data(as_text=True)


def test_deactivating_an_account_ends_its_session_and_its_tokens(app, client, admin, make_user,
                                                                  token_for):
    editor = make_user("unit_editor", "bien-tap", "22918")
    headers = token_for(editor)
    other = app.test_client()
    other.post("/login", data={"username": "bien-tap", "password": "mat-khau-123"})
    assert other.get("/account/password").status_code == 200
    assert accounts.user_for_token(headers["Authorization"].split()[1]).username == "bien-tap"

    response = client.post("/admin/users/bien-tap", data={
        "role": "unit_editor", "unit_code": "22918", "full_name": ""})  # "active" unticked
    assert response.status_code == 302
    assert accounts.get_user("bien-tap").active is False
    assert other.get("/account/password").status_code in (302, 401)  # signed out
    assert app.test_client().post("/login", data={
        "username": "bien-tap", "password": "mat-khau-123"}).status_code == 401
    assert accounts.user_for_token(headers["Authorization"].split()[1]) is None
    changes = services.history("user", "bien-tap")[0].changes
    assert changes["active"] == [True, False]


def test_an_admin_cannot_demote_or_lock_themselves(client, admin):
    response = client.post("/admin/users/quan-tri", data={"role": "auditor", "active": "1"})
    assert response.status_code == 409
    assert "Không thể tự bỏ quyền quản trị" in response.get_data(as_text=True)
    response = client.post("/admin/users/quan-tri", data={"role": "admin"})
    assert response.status_code == 409
    user = accounts.get_user("quan-tri")
    assert user.role == "admin" and user.active


def test_reset_password_unlocks_and_the_old_password_stops_working(app, client, admin, make_user):
    make_user("auditor", "kiem-soat")
    for i in range(10):
        app.test_client().post("/login", data={"username": "kiem-soat", "password": "sai-mat-khau-1"},
                               environ_base={"REMOTE_ADDR": f"10.0.1.{i}"})
    assert accounts.get_user("kiem-soat").locked_until is not None
    weak = client.post("/admin/users/kiem-soat/password", data={"password": "1234567890"})
    assert weak.status_code == 422
    assert "cả chữ và số" in weak.get_data(as_text=True)
    response = client.post("/admin/users/kiem-soat/password", data={"password": "moi-mat-khau-9"})
    assert response.status_code == 302
    assert accounts.get_user("kiem-soat").locked_until is None
    assert accounts.authenticate("kiem-soat", "mat-khau-123") is None
    assert accounts.authenticate("kiem-soat", "moi-mat-khau-9") is not None


def test_tokens_issued_on_the_page_are_shown_once_and_can_be_revoked(app, client, admin):
    response = client.post("/admin/users/quan-tri/tokens", data={"name": "Cổng DVC", "days": "30"})
    page = response.get_data(as_text=True)
    assert response.status_code == 201
    clear = page.split("<code>")[1].split("</code>")[0]
    assert accounts.user_for_token(clear).username == "quan-tri"
    assert clear not in client.get("/admin/users/quan-tri").get_data(as_text=True)
    token = accounts.tokens_of(accounts.get_user("quan-tri"))[0]
    bad_days = client.post("/admin/users/quan-tri/tokens", data={"days": "-3"})
    assert bad_days.status_code == 422
    response = client.post(f"/admin/users/quan-tri/tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert accounts.user_for_token(clear) is None


def test_a_token_of_another_account_cannot_be_revoked_through_this_one(client, admin, make_user):
    make_user("auditor", "kiem-soat")
    token, clear = accounts.create_token("kiem-soat", "x")
    response = client.post(f"/admin/users/quan-tri/tokens/{token.id}/revoke")
    assert response.status_code == 404
    assert accounts.user_for_token(clear) is not None


def test_everyone_changes_their_own_password(app, client, db, make_user, login):
    make_catalogue()
    login(make_user("unit_editor", "bien-tap", "22918"))
    wrong = client.post("/account/password", data={
        "current_password": "khong-dung-1", "password": "mat-khau-moi-1",
        "password_again": "mat-khau-moi-1"})
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng." in wrong.get_data(
        as_text=True)
    mismatch = client.post("/account/password", data={
        "current_password": "mat-khau-123", "password": "mat-khau-moi-1",
        "password_again": "mat-khau-moi-2"})
    assert mismatch.status_code == 422 and "không khớp" in mismatch.get_data(as_text=True)
    done = client.post("/account/password", data={
        "current_password": "mat-khau-123", "password": "mat-khau-moi-1",
        "password_again": "mat-khau-moi-1"})
    assert done.status_code == 302
    assert accounts.authenticate("bien-tap", "mat-khau-moi-1") is not None
    assert db.session.query(Revision).filter_by(entity="user", record_key="bien-tap").count() == 2


def test_the_user_pages_need_the_csrf_token(app, admin, client):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/admin/users/new", data={
            "username": "khong-token", "role": "auditor", "password": "mat-khau-123"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert "khong-token" not in [u.username for u in accounts.list_users()]


def test_cli_updates_an_account_and_sets_its_password(runner, make_user):
    make_catalogue()
    make_user("auditor", "kiem-soat")
    result = runner.invoke(args=["users", "update", "kiem-soat", "--role", "unit_editor",
                                 "--unit", "22918", "--name", "Trần Văn Bình", "--inactive"])
    assert result.exit_code == 0, result.output
    user = accounts.get_user("kiem-soat")
    assert (user.role, user.unit.code, user.full_name, user.active) == (
        "unit_editor", "22918", "Trần Văn Bình", False)
    result = runner.invoke(args=["users", "update", "kiem-soat", "--unit", "-"])
    assert result.exit_code == 1 and "phải thuộc một đơn vị" in result.output
    result = runner.invoke(args=["users", "update", "khong-co", "--active"])
    assert result.exit_code == 1 and "user_not_found" in result.output
    result = runner.invoke(args=["users", "set-password", "kiem-soat", "--password", "ngan"])
    assert result.exit_code == 1 and "ít nhất 10 ký tự" in result.output
    result = runner.invoke(args=["users", "set-password", "kiem-soat",
                                 "--password", "mat-khau-moi-7"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["users", "update", "kiem-soat", "--active"])
    assert accounts.authenticate("kiem-soat", "mat-khau-moi-7") is not None


def test_the_account_pages_render_with_links_in_the_header(client, admin):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/admin/users"' in home and 'href="/account/password"' in home
    for path in ("/admin/users", "/admin/users/new", "/admin/users/quan-tri", "/account/password"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "csrf_token" in response.get_data(as_text=True)
    assert client.get("/admin/users/khong-co").status_code == 404
