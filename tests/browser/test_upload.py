"""A unit editor uploads a workbook with mistakes, reads the errors, uploads the fixed file."""
import pytest

from procedures import services
from tests.importers.helpers import records, xlsx_bytes


@pytest.fixture
def editor(db, make_user):
    services.units.create({"code": "68", "name": "Lâm Đồng", "kind": "province",
                           "level": "province"})
    services.units.create({"code": "22918", "name": "Phường Mũi Né", "kind": "ward",
                           "level": "commune", "parent_code": "68"})
    return make_user("unit_editor", "mui-ne", "22918")


def log_in(page, username):
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", "mat-khau-123")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def only_mui_ne(data):
    """The test dataset limited to the editor's own ward."""
    data["units"] = [u for u in data["units"] if u["code"] == "22918"]
    data["officers"] = [o for o in data["officers"] if o["unit_code"] == "22918"]
    data["assignments"] = [a for a in data["assignments"] if a["unit_code"] == "22918"]
    for procedure in data["procedures"]:  # an editor may only add procedures their unit keeps
        procedure["owner_unit_code"] = procedure.get("owner_unit_code") or "22918"
    return data


def test_editor_uploads_mistakes_then_the_fixed_workbook(page, editor, tmp_path):
    wrong = only_mui_ne(records())
    wrong["procedures"][0]["code"] = "1.0011"                 # malformed code
    wrong["channels"][1]["processing_time"] = 0.3             # not a quarter day
    (tmp_path / "sai.xlsx").write_bytes(xlsx_bytes(wrong))
    fixed = only_mui_ne(records())
    (tmp_path / "dung.xlsx").write_bytes(xlsx_bytes(fixed))

    log_in(page, "mui-ne")
    page.click("text=Nhập dữ liệu")
    page.set_input_files("input#file", str(tmp_path / "sai.xlsx"))
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("p.verdict")
    assert "Tệp bị từ chối" in page.inner_text("p.verdict")
    issues = "\n".join(page.locator("table.issues").all_inner_texts())
    assert "1.0011" in issues and "1/4 ngày" in issues
    assert services.procedures.find(("1.001193",)) is None

    page.click("text=Nhập dữ liệu")
    page.set_input_files("input#file", str(tmp_path / "dung.xlsx"))
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("p.verdict")
    assert "Đã ghi vào sổ đăng ký" in page.inner_text("p.verdict")
    page.goto("/procedures/1.001193")
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"
