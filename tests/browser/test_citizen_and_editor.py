"""A citizen finds a procedure without accents; an editor logs in and edits a procedure."""
import shutil

import pytest

from procedures import services
from procedures.search import get_sync
from tests.factories import make_catalogue, procedure_data


@pytest.fixture
def data(app, db, make_user):
    sync = get_sync()
    shutil.rmtree(sync.path, ignore_errors=True)
    app.extensions.pop("search_sync", None)
    make_catalogue()
    services.fields.create({"code": "cu-tru", "name": "Cư trú"})
    services.procedures.create(procedure_data(owner_unit_code="22918",
                                              keywords="giấy khai sinh, làm khai sinh cho con"))
    services.procedures.create(procedure_data(code="1.004222", name="Đăng ký thường trú",
                                              field_code="cu-tru"))
    get_sync().rebuild()
    return make_user("unit_editor", "mui-ne", "22918")


def test_citizen_searches_without_accents_and_opens_the_procedure(page, data):
    page.goto("/")
    page.fill("input[name=q]", "dang ky khai sinh")
    page.click("button[type=submit]")
    first = page.locator("ol.results li a.title").first
    assert "khai sinh" in first.inner_text().lower()
    first.click()
    page.wait_for_url("**/procedures/1.001193")
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"
    assert page.locator("#dossier").is_visible()


def test_editor_logs_in_and_edits_a_procedure(page, data):
    page.goto("/login")
    page.fill("#username", "mui-ne")
    page.fill("#password", "mat-khau-123")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto("/procedures/1.001193")
    page.click("text=Sửa thủ tục")
    page.fill("textarea[name=subjects]", "Công dân Việt Nam; người nước ngoài cư trú tại Việt Nam")
    page.fill("textarea[name=steps-3-description]", "Lưu trữ hồ sơ")
    page.fill("input[name=steps-3-position]", "4")
    page.click("p.actions button[type=submit]")
    page.wait_for_url("**/procedures/1.001193")
    assert "Đã lưu thủ tục" in page.content()
    assert page.locator("#steps li").count() == 4
    # the citizen search sees the change
    page.goto("/?q=nguoi+nuoc+ngoai")
    assert page.locator("ol.results li").count() == 1
