"""The upload page, the result page, the annotated workbook, history, 413 on the page."""
import io
import re

import openpyxl

from tests.importers import helpers


def post_file(client, body, name="du-lieu.xlsx", **form):
    data = {"file": (io.BytesIO(body), name), **form}
    return client.post("/imports", data=data, content_type="multipart/form-data")


def test_upload_form_needs_a_login(client):
    response = client.get("/imports")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_upload_form(admin):
    html = admin.get("/imports").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and 'name="file"' in html
    assert "Chỉ kiểm tra (không ghi)" in html and "Ghi từng thủ tục hợp lệ" in html
    assert 'name="unit"' in html and 'name="csrf_token"' in html
    assert "Nhập dữ liệu" in html  # the nav link


def test_refused_upload_shows_grouped_issues_and_the_annotated_copy(admin):
    data = helpers.records()
    data["channels"][1]["processing_time"] = 0.3
    data["steps"][0]["procedure_code"] = "1.999999"
    response = post_file(admin, helpers.xlsx_bytes(data))
    assert response.status_code == 302
    page = admin.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "Tệp bị từ chối, chưa ghi gì" in html
    assert html.index("Tham chiếu không tồn tại") < html.index("Sai định dạng hoặc giá trị")
    assert "Cách thức thực hiện" in html and "(C3)" in html
    link = re.search(r'href="([^"]+/annotated\.xlsx)"', html).group(1)
    download = admin.get(link)
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")
    wb = openpyxl.load_workbook(io.BytesIO(download.data))
    assert "1/4" in wb["Cách thức thực hiện"]["C3"].comment.text
    assert wb["Trình tự thực hiện"]["D2"].value.startswith("Không tìm thấy thủ tục")
    assert helpers.counts() == helpers.empty_counts()


def test_dry_run_then_commit(admin):
    response = post_file(admin, helpers.xlsx_bytes(), dry_run="1")
    html = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Chỉ kiểm tra, chưa ghi gì" in html and "sẽ tạo mới 14" in html
    assert helpers.counts() == helpers.empty_counts()
    commit = re.search(r'action="([^"]+/commit)"', html).group(1)
    response = admin.post(commit)
    html = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã ghi vào sổ đăng ký: tạo mới 14" in html
    assert helpers.counts()["procedures"] == 2
    history = admin.get("/imports/history").get_data(as_text=True)
    assert history.count("du-lieu.xlsx") == 2 and "Chỉ kiểm tra" in history


def test_too_large_upload_shows_the_limit_on_the_page(admin, limits):
    limits(MAX_CONTENT_LENGTH=4096)
    response = post_file(admin, b"x" * 10000, "big.csv")
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "vượt quá dung lượng cho phép (4 KB)" in html and 'name="file"' in html


def test_missing_file_and_template_download(admin):
    response = admin.post("/imports", data={}, content_type="multipart/form-data")
    assert response.status_code == 400 and "Hãy chọn một tệp" in response.get_data(as_text=True)
    template = admin.get("/imports/template.xlsx")
    assert template.status_code == 200
    assert "Thủ tục" in openpyxl.load_workbook(io.BytesIO(template.data)).sheetnames


def test_editor_upload_is_scoped_and_history_is_theirs(client, do_import, loaded, make_user,
                                                       login):
    login(make_user("unit_editor", "mui-ne", "22918"))
    html = client.get("/imports").get_data(as_text=True)
    assert 'value="22918" readonly' in html
    response = post_file(client, helpers.xlsx_bytes(), unit="")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ngoài phạm vi đơn vị" in html
    batches = helpers.batches()
    assert batches[-1].unit_code == "22918" and batches[-1].actor == "mui-ne"
    history = client.get("/imports/history").get_data(as_text=True)
    assert f">{batches[-1].id}<" in history and f">{batches[0].id}<" not in history
    assert client.get(f"/imports/{batches[0].id}").status_code == 403


def test_too_large_upload_with_csrf_on_still_shows_the_page(admin, limits):
    limits(MAX_CONTENT_LENGTH=4096, WTF_CSRF_ENABLED=True)
    response = post_file(admin, b"x" * 10000, "big.csv")
    assert response.status_code == 413
    assert "vượt quá dung lượng cho phép (4 KB)" in response.get_data(as_text=True)
