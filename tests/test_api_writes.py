"""Write API: tokens, roles, unit scoping, optimistic concurrency; nothing changes when refused."""
import pytest
from sqlalchemy import func, select

from procedures import services
from procedures.models import Assignment, Officer, Procedure, Revision, Unit
from tests.factories import make_catalogue, procedure_data


@pytest.fixture
def world(db, make_user, token_for):
    """Two wards under one city, an editor of each, an auditor and an admin."""
    make_catalogue()  # ward 22918 (Mũi Né) …
    services.units.create({"code": "593", "name": "Thành phố Phan Thiết", "kind": "district",
                           "level": "district"})
    services.units.update(("22918",), {"parent_code": "593"}, partial=True)
    services.units.create({"code": "22921", "name": "Phường Hàm Tiến", "kind": "ward",
                           "level": "commune", "parent_code": "593"})
    services.procedures.create(procedure_data(owner_unit_code="22918"))
    services.officers.create({"unit_code": "22921", "full_name": "Phạm Thị Hoa"})
    services.assignments.create({"unit_code": "22921", "procedure_code": "1.001193"})
    users = {
        "mui_ne": make_user("unit_editor", "mui-ne", "22918"),
        "ham_tien": make_user("unit_editor", "ham-tien", "22921"),
        "auditor": make_user("auditor", "kiem-soat"),
        "admin": make_user("admin", "quan-tri"),
    }
    return {name: token_for(user) for name, user in users.items()}


def counts(db):
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Unit, Procedure, Officer, Assignment, Revision)}


WRITES = [
    ("post", "/api/v1/procedures", procedure_data(code="1.000894", owner_unit_code="22918")),
    ("put", "/api/v1/procedures/1.001193", procedure_data(owner_unit_code="22918")),
    ("patch", "/api/v1/procedures/1.001193", {"name": "Đổi tên"}),
    ("delete", "/api/v1/procedures/1.001193", None),
    ("post", "/api/v1/officers", {"unit_code": "22921", "full_name": "Người Mới"}),
    ("put", "/api/v1/units/22921/officers/Phạm Thị Hoa", {"position_title": "Công chức"}),
    ("patch", "/api/v1/units/22921/officers/Phạm Thị Hoa", {"phone": "0909 123 456"}),
    ("delete", "/api/v1/units/22921/officers/Phạm Thị Hoa", None),
    ("post", "/api/v1/assignments", {"unit_code": "22921", "procedure_code": "1.001193"}),
    ("put", "/api/v1/units/22921/assignments/1.001193", {"desk_name": "Quầy 2"}),
    ("patch", "/api/v1/units/22921/assignments/1.001193", {"desk_name": "Quầy 2"}),
    ("delete", "/api/v1/units/22921/assignments/1.001193", None),
    ("post", "/api/v1/units", {"code": "22999", "name": "Xã Mới", "kind": "commune",
                               "level": "commune"}),
    ("patch", "/api/v1/units/22921", {"desk_name": "Một cửa"}),
    ("delete", "/api/v1/units/22921", None),
    ("put", "/api/v1/fields/ho-tich", {"name": "Hộ tịch (sửa)"}),
    ("patch", "/api/v1/decisions/2228/QĐ-UBND", {"title": "Sửa"}),
    ("delete", "/api/v1/legal-documents/60/2014/QH13", None),
]


@pytest.mark.parametrize("method,url,body", WRITES)
def test_every_write_refused_to_anonymous_and_to_another_units_editor(client, world, db,
                                                                     method, url, body):
    before = counts(db)
    anonymous = getattr(client, method)(url, json=body)
    assert anonymous.status_code == 401, anonymous.get_json()
    assert anonymous.get_json()["code"] == "unauthorized"
    # Mũi Né's editor may not touch Hàm Tiến's records nor admin-only ones.
    if "22918" in (body or {}).get("owner_unit_code", "") or url.endswith("1.001193") and "procedures" in url:
        forbidden_headers = world["ham_tien"]
    else:
        forbidden_headers = world["mui_ne"]
    forbidden = getattr(client, method)(url, json=body, headers=forbidden_headers)
    assert forbidden.status_code == 403, forbidden.get_json()
    # another unit's records: out_of_scope; the admins' (units, shared catalogue): forbidden
    assert forbidden.get_json()["code"] in ("forbidden", "out_of_scope")
    auditor = getattr(client, method)(url, json=body, headers=world["auditor"])
    assert auditor.status_code == 403
    assert counts(db) == before


def test_bad_token_is_401(client, world):
    response = client.post("/api/v1/officers", json={}, headers={"Authorization": "Bearer mc_x"})
    assert response.status_code == 401


def test_editor_writes_own_unit_and_revision_names_them(client, world, db):
    response = client.post("/api/v1/officers", headers=world["ham_tien"],
                           json={"unit_code": "22921", "full_name": "Võ Văn Nam",
                                 "is_desk_officer": True})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["full_name"] == "Võ Văn Nam"
    revision = db.session.scalars(select(Revision).where(Revision.entity == "officer")
                                  .order_by(Revision.id.desc())).first()
    assert revision.actor == "ham-tien" and revision.user_id is not None
    response = client.put("/api/v1/units/22921/assignments/1.001193", headers=world["ham_tien"],
                          json={"process_steps": [{"position": 1, "task": "Tiếp nhận",
                                                   "department": "Bộ phận Một cửa",
                                                   "officer_name": "Võ Văn Nam",
                                                   "duration_days": 0.5}]})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["process_steps"][0]["officer_name"] == "Võ Văn Nam"


def test_editor_edits_procedure_their_unit_owns(client, world):
    response = client.patch("/api/v1/procedures/1.001193", headers=world["mui_ne"],
                            json={"subjects": "Công dân Việt Nam cư trú trong nước"})
    assert response.status_code == 200
    assert response.get_json()["subjects"] == "Công dân Việt Nam cư trú trong nước"


def test_invalid_body_is_422_with_fields_and_writes_nothing(client, world, db):
    before = counts(db)
    response = client.post("/api/v1/procedures", headers=world["admin"],
                           json=procedure_data(code="1.1", channels=[{"kind": "fax"}]))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": "code", "messages": [
            "Mã thủ tục phải có dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số)."]},
        {"field": "channels.0.kind", "messages": [
            "Giá trị không hợp lệ; chọn một trong: in_person, online, postal."]},
    ]
    not_json = client.post("/api/v1/procedures", headers=world["admin"], data="x",
                           content_type="text/plain")
    assert not_json.status_code == 400 and not_json.get_json()["code"] == "invalid_json"
    assert counts(db) == before


def test_duplicate_is_409(client, world):
    response = client.post("/api/v1/procedures", headers=world["admin"], json=procedure_data())
    assert response.status_code == 409
    assert response.get_json()["code"] == "already_exists"


def test_stale_version_is_refused(client, world):
    current = client.get("/api/v1/procedures/1.001193").get_json()["version"]
    first = client.patch("/api/v1/procedures/1.001193", headers={**world["admin"],
                         "If-Match": str(current)}, json={"name": "Tên mới"})
    assert first.status_code == 200 and first.get_json()["version"] == current + 1
    stale = client.patch("/api/v1/procedures/1.001193", headers={**world["admin"],
                         "If-Match": str(current)}, json={"name": "Tên khác"})
    assert stale.status_code == 409 and stale.get_json()["code"] == "stale_version"
    assert client.get("/api/v1/procedures/1.001193").get_json()["name"] == "Tên mới"


def test_editor_cannot_move_their_unit(client, world):
    response = client.patch("/api/v1/units/22921", headers=world["ham_tien"],
                            json={"parent_code": "22918", "desk_name": "Một cửa"})
    assert response.status_code == 403
    assert response.get_json()["errors"][0]["field"] == "parent_code"
    ok = client.patch("/api/v1/units/22921", headers=world["ham_tien"],
                      json={"desk_name": "Bộ phận Một cửa phường Hàm Tiến"})
    assert ok.status_code == 200


def test_private_contacts_shown_to_auditors_only(client, world, db):
    services.officers.update(("22921", "Phạm Thị Hoa"), {"phone": "0252 3823 123"}, partial=True)
    public = client.get("/api/v1/units/22921").get_json()["officers"][0]
    assert public["phone"] is None
    seen = client.get("/api/v1/units/22921", headers=world["auditor"]).get_json()["officers"][0]
    assert seen["phone"] == "0252 3823 123"
    other = client.get("/api/v1/units/22921", headers=world["mui_ne"]).get_json()["officers"][0]
    assert other["phone"] is None
