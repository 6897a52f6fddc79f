"""The audit API through the test client: exact JSON bodies, including errors."""
from tests.audit.builders import UNIT, build_ready_ward, change_procedure


def test_404_bodies_are_exact(client):
    assert client.get("/api/v1/audits/latest").get_json() == {
        "status": 404, "code": "audit_not_found", "message": "Chưa có lần kiểm soát nào.",
        "errors": []}
    response = client.get("/api/v1/audits/7")
    assert response.status_code == 404 and response.get_json() == {
        "status": 404, "code": "audit_not_found",
        "message": "Không tìm thấy lần kiểm soát số 7.", "errors": []}
    assert client.get("/api/v1/units/nope/audit").get_json() == {
        "status": 404, "code": "unit_not_found", "message": "Không tìm thấy đơn vị 'nope'.",
        "errors": []}
    build_ready_ward()
    assert client.get(f"/api/v1/units/{UNIT}/audit").get_json() == {
        "status": 404, "code": "audit_not_found",
        "message": f"Đơn vị '{UNIT}' chưa được kiểm soát lần nào.", "errors": []}


def test_post_runs_and_reads_back(client):
    build_ready_ward()
    change_procedure(subjects=None)
    response = client.post("/api/v1/audits", json={"unit_code": UNIT})
    assert response.status_code == 201
    run = response.get_json()
    assert run["scope"] == UNIT and run["ready_count"] == 0 and len(run["results"]) == 1
    assert client.get("/api/v1/audits/latest").get_json()["id"] == run["id"]
    assert client.get(f"/api/v1/audits/{run['id']}").get_json()["results"][0]["unit"] == {
        "code": UNIT, "name": "Phường Mũi Né", "kind": "ward", "level": "commune"}
    listing = client.get("/api/v1/audits").get_json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == run["id"]
    audit = client.get(f"/api/v1/units/{UNIT}/audit").get_json()
    assert audit["result"]["ready"] is False and audit["result"]["blockers"] == 1
    assert audit["result"]["components"]["subjects"] == {"complete": 0, "total": 1, "share": 0.0}
    assert audit["findings"] == [{
        "rule_id": "procedure.subjects.missing", "rule_title": "Đối tượng thực hiện",
        "severity": "blocker", "record_type": "procedure", "record_key": "1.001193",
        "procedure_code": "1.001193", "field": "subjects",
        "message": "Thủ tục 1.001193 “Đăng ký khai sinh” chưa có đối tượng thực hiện.",
        "hint": "Ghi đối tượng thực hiện (cá nhân, tổ chức…).",
        "record_path": "/procedures/1.001193"}]


def test_post_without_body_audits_everything_and_unknown_unit_is_404(client):
    build_ready_ward()
    response = client.post("/api/v1/audits")
    assert response.status_code == 201 and response.get_json()["scope"] == "all"
    response = client.post("/api/v1/audits", json={"unit_code": "nope"})
    assert response.status_code == 404 and response.get_json()["code"] == "unit_not_found"


def test_integration_package_409_lists_blockers(client):
    build_ready_ward()
    assert client.get(f"/api/v1/units/{UNIT}/integration-package").status_code == 200
    change_procedure(subjects=None)
    response = client.get(f"/api/v1/units/{UNIT}/integration-package")
    body = response.get_json()
    assert response.status_code == 409 and body["code"] == "unit_not_ready"
    assert body["message"] == "Phường Mũi Né chưa đủ điều kiện tích hợp: còn 1 lỗi chặn."
    assert body["errors"] == [{
        "field": "subjects", "rule_id": "procedure.subjects.missing", "record_type": "procedure",
        "record_key": "1.001193",
        "messages": ["Thủ tục 1.001193 “Đăng ký khai sinh” chưa có đối tượng thực hiện."],
        "hint": "Ghi đối tượng thực hiện (cá nhân, tổ chức…)."}]


def test_openapi_documents_the_audit_endpoints(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/api/v1/audits", "/api/v1/audits/latest", "/api/v1/audits/{run_id}",
            "/api/v1/units/{code}/audit", "/api/v1/units/{code}/integration-package"} <= set(paths)
    assert "post" in paths["/api/v1/audits"]
