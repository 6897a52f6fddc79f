"""POST /api/v1/imports and the batch endpoints, on the exact JSON bodies."""
import io

import pytest

from tests.importers import helpers


@pytest.fixture
def admin_token(make_user, token_for):
    return token_for(make_user("admin", "quan-tri"))


def upload(client, body, headers, name="du-lieu.xlsx", **form):
    data = {"file": (io.BytesIO(body), name), **form}
    return client.post("/api/v1/imports", data=data, headers=headers,
                       content_type="multipart/form-data")


def test_upload_returns_the_report(client, admin_token):
    response = upload(client, helpers.xlsx_bytes(), admin_token)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["valid"] and body["outcome"] == "imported" and body["filename"] == "du-lieu.xlsx"
    assert body["stats"]["totals"]["created"] == 14 and isinstance(body["batch_id"], int)
    listed = client.get("/api/v1/imports", headers=admin_token).get_json()
    assert listed["total"] == 1 and listed["items"][0]["outcome"] == "imported"
    one = client.get(f"/api/v1/imports/{body['batch_id']}", headers=admin_token).get_json()
    assert one["report"]["stats"]["totals"]["created"] == 14 and one["actor"] == "quan-tri"


def test_refused_upload_is_422_with_the_report(client, admin_token):
    data = helpers.records()
    data["procedures"][0]["field_code"] = "dat-dai"
    response = upload(client, helpers.xlsx_bytes(data), admin_token, dry_run="false")
    assert response.status_code == 422
    body = response.get_json()
    assert (body["status"], body["code"], body["valid"], body["outcome"]) == (
        422, "import_refused", False, "refused")
    assert body["errors"] == [{"field": "procedures.2.field_code", "messages": [
        "Không tìm thấy lĩnh vực 'dat-dai' trong tệp và trong sổ đăng ký."]}]
    issue = body["issues"][0]
    assert (issue["sheet"], issue["row"], issue["column"], issue["code"]) == (
        "Thủ tục", 2, "Mã lĩnh vực *", "unknown_reference")
    assert helpers.counts() == helpers.empty_counts()


def test_dry_run_field(client, admin_token):
    body = upload(client, helpers.xlsx_bytes(), admin_token, dry_run="true").get_json()
    assert body["outcome"] == "dry_run" and body["stats"]["totals"]["created"] == 14
    assert helpers.counts() == helpers.empty_counts()


def test_anonymous_upload_is_401(client):
    response = upload(client, helpers.xlsx_bytes(), {})
    assert response.status_code == 401
    assert response.get_json()["code"] == "unauthorized"


def test_too_large_upload_is_413_json(client, admin_token, limits):
    limits(MAX_CONTENT_LENGTH=2048)
    response = upload(client, b"x" * 5000, admin_token, name="big.csv")
    assert response.status_code == 413
    assert response.get_json() == {
        "status": 413, "code": "payload_too_large",
        "message": "Tệp tải lên vượt quá dung lượng cho phép (2 KB).", "errors": []}


def test_missing_file_is_422(client, admin_token):
    response = client.post("/api/v1/imports", data={"dry_run": "true"}, headers=admin_token,
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "file"


def test_editor_is_scoped_to_their_unit(client, do_import, loaded, make_user, token_for):
    editor = token_for(make_user("unit_editor", "mui-ne", "22918"))
    response = upload(client, helpers.xlsx_bytes(), editor, unit="22921")
    body = response.get_json()
    assert response.status_code == 422 and body["unit"] == "22918"
    assert {i["code"] for i in body["issues"]} == {"out_of_scope"}
    other = make_user("unit_editor", "ham-tien", "22921")
    own = upload(client, helpers.xlsx_bytes({"units": helpers.records()["units"][2:]}),
                 token_for(other)).get_json()
    assert own["outcome"] == "imported"
    assert client.get(f"/api/v1/imports/{body['batch_id']}",
                      headers=token_for(other)).status_code == 403
