"""The read API through the test client: bodies, filters, pagination, errors, OpenAPI."""
import pytest
from openapi_spec_validator import validate

from procedures import services
from tests.factories import make_catalogue, make_procedure, procedure_data


@pytest.fixture
def catalogue(db):
    make_catalogue()
    services.fields.create({"code": "cu-tru", "name": "Cư trú"})
    make_procedure()
    make_procedure(code="1.004222", name="Đăng ký thường trú", field_code="cu-tru",
                   online_level="partial")
    make_procedure(code="1.013225", name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
                   level="district", status="active")
    services.officers.create({"unit_code": "22918", "full_name": "Trần Thị Bích",
                              "phone": "0252 3847 001", "public": False})
    services.officers.create({"unit_code": "22918", "full_name": "Lê Văn Cường",
                              "phone": "0909 000 111", "public": True, "is_desk_officer": True})
    services.assignments.create({"unit_code": "22918", "procedure_code": "1.001193",
                                 "process_steps": [{"position": 1, "task": "Tiếp nhận",
                                                    "officer_name": "Lê Văn Cường",
                                                    "duration_days": "0.25"}]})


def test_list_procedures_pages_and_filters(client, catalogue):
    body = client.get("/api/v1/procedures?per_page=2").get_json()
    assert body["total"] == 3 and body["pages"] == 2 and len(body["items"]) == 2
    assert [p["code"] for p in body["items"]] == ["1.001193", "1.004222"]
    second = client.get("/api/v1/procedures?per_page=2&page=2").get_json()
    assert [p["code"] for p in second["items"]] == ["1.013225"]
    by_field = client.get("/api/v1/procedures?field=cu-tru").get_json()
    assert [p["code"] for p in by_field["items"]] == ["1.004222"]
    by_level = client.get("/api/v1/procedures?level=district").get_json()
    assert [p["code"] for p in by_level["items"]] == ["1.013225"]
    by_unit = client.get("/api/v1/procedures?unit=22918").get_json()
    assert [p["code"] for p in by_unit["items"]] == ["1.001193"]
    by_text = client.get("/api/v1/procedures?q=thường trú").get_json()
    assert [p["code"] for p in by_text["items"]] == ["1.004222"]


def test_procedure_detail_has_every_part_in_vietnamese(client, catalogue):
    response = client.get("/api/v1/procedures/1.001193")
    assert response.status_code == 200
    assert "Đăng ký khai sinh" in response.get_data(as_text=True)  # not \u escapes
    body = response.get_json()
    assert body["field"] == {"code": "ho-tich", "name": "Hộ tịch"}
    assert body["current_decision"]["number"] == "2228/QĐ-UBND"
    assert [d["number"] for d in body["legal_bases"]] == ["60/2014/QH13"]
    assert body["legal_bases"][0]["in_force"] is True
    assert [c["kind"] for c in body["channels"]] == ["in_person", "online"]
    assert body["channels"][0]["processing_time"] == 0
    assert [s["position"] for s in body["steps"]] == [1, 2, 3]
    assert body["dossier_items"][0]["form_name"].startswith("Mẫu tờ khai")


def test_unit_detail_hides_private_contacts(client, catalogue):
    body = client.get("/api/v1/units/22918").get_json()
    officers = {o["full_name"]: o for o in body["officers"]}
    assert officers["Lê Văn Cường"]["phone"] == "0909 000 111"
    assert officers["Trần Thị Bích"]["phone"] is None
    assert body["assignments"][0]["procedure"]["code"] == "1.001193"
    assert body["assignments"][0]["process_steps"][0] == {
        "position": 1, "task": "Tiếp nhận", "department": None, "position_title": None,
        "officer_name": "Lê Văn Cường", "duration": 0.25, "duration_unit": "working_day",
        "is_return_step": False, "at_desk": False, "channel_kind": None,
    }


def test_catalogue_lists(client, catalogue):
    assert client.get("/api/v1/fields").get_json()["total"] == 2
    assert client.get("/api/v1/units?level=commune").get_json()["items"][0]["code"] == "22918"
    decisions = client.get("/api/v1/decisions").get_json()["items"]
    assert decisions[0]["number"] == "2228/QĐ-UBND"
    # a number typed with QD finds the QĐ decision
    assert client.get("/api/v1/decisions/2228/QD-UBND").get_json()["kind"] == "new"
    doc = client.get("/api/v1/legal-documents/60/2014/QH13").get_json()
    assert doc["doc_type"] == "law"


def test_not_found_is_json(client, db):
    response = client.get("/api/v1/procedures/9.999999")
    assert response.status_code == 404
    assert response.get_json() == {
        "status": 404, "code": "procedure_not_found",
        "message": "Không tìm thấy thủ tục '9.999999'.", "errors": [],
    }
    unknown = client.get("/api/v1/no-such-thing")
    assert unknown.status_code == 404 and unknown.is_json
    assert unknown.get_json()["code"] == "not_found"


def test_method_not_allowed_is_json(client, db):
    response = client.delete("/api/v1/procedures")
    assert response.status_code == 405
    assert response.get_json() == {
        "status": 405, "code": "method_not_allowed",
        "message": "Phương thức không được hỗ trợ tại địa chỉ này.", "errors": [],
    }


def test_bad_query_arguments_are_422_with_fields(client, db):
    response = client.get("/api/v1/procedures?level=huyen&page=0")
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "validation_error"
    fields = {e["field"]: e for e in body["errors"]}
    assert set(fields) == {"level", "page"}
    assert fields["page"]["location"] == "query"
    assert fields["level"]["messages"] == [
        "Giá trị không hợp lệ; chọn một trong: central, province, district, commune."]


def test_server_error_is_json_without_trace(app, client, db, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "search_procedures", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = client.get("/api/v1/procedures")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert response.status_code == 500
    assert response.get_json()["code"] == "internal_error"
    assert "secret" not in response.get_data(as_text=True)


def test_openapi_document_validates(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert "/api/v1/procedures/{code}" in spec["paths"]
    assert "/api/v1/units/{code}" in spec["paths"]
    assert "ProcedureOut" in spec["components"]["schemas"]


def test_factories_data_roundtrips_through_serialize(db):
    make_catalogue()
    record = make_procedure()
    assert services.procedures.serialize(record)["channels"][0]["kind"] == "in_person"
    assert procedure_data()["code"] == record.code


@pytest.mark.parametrize("path", [
    "/api/v1/units?q=F%00e&kind=ward", "/api/v1/procedures?q=%00&field=%00ho",
    "/api/v1/search?q=khai%00sinh", "/api/v1/fields?page=1%00",
])
def test_a_nul_byte_in_query_arguments_is_dropped_or_refused_never_a_500(client, path):
    response = client.get(path)
    assert response.status_code in (200, 422), response.get_data(as_text=True)
    assert response.is_json


@pytest.mark.parametrize("path", ["/units?level=%00", "/?q=%00khai", "/audit?unit=%00",
                                  "/units?q=Ph%00%01%C6%B0%E1%BB%9Dng"])
def test_a_nul_byte_in_page_parameters_is_removed_never_a_500(client, make_user, login, path):
    login(make_user("auditor", "kiem-soat"))
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]


def test_a_nul_byte_in_a_login_form_is_removed(client, make_user):
    make_user("auditor", "kiem-soat")
    response = client.post("/login", data={"username": "kiem-\x00soat", "password": "mat-khau-123"})
    assert response.status_code == 302
