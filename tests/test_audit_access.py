"""Who may see and run the audit: auditors and admins; a unit editor only their own unit."""
import pytest

from procedures import services
from tests.audit.builders import UNIT, build_ready_ward


@pytest.fixture
def people(db, make_user, token_for):
    build_ready_ward()
    services.units.create({"code": "22921", "name": "Phường Hàm Tiến", "kind": "ward",
                           "level": "commune"})
    users = {"own": make_user("unit_editor", "mui-ne", UNIT),
             "other": make_user("unit_editor", "ham-tien", "22921"),
             "auditor": make_user("auditor", "kiem-soat")}
    return {name: (user, token_for(user)) for name, user in users.items()}


def test_anonymous_gets_401_on_the_api_and_login_on_pages(client, people):
    for url in ("/api/v1/audits", "/api/v1/audits/latest", f"/api/v1/units/{UNIT}/audit",
                f"/api/v1/units/{UNIT}/integration-package"):
        assert client.get(url).status_code == 401, url
    assert client.post("/api/v1/audits", json={}).status_code == 401
    for url in ("/audit", f"/audit/units/{UNIT}", f"/audit/units/{UNIT}/fix.xlsx",
                "/audit/league.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    assert client.post("/audit/run").status_code == 302


def test_editor_sees_own_unit_only_and_cannot_run(client, people, login):
    _, own_token = people["own"]
    _, other_token = people["other"]
    auditor_token = people["auditor"][1]
    assert client.post("/api/v1/audits", json={}, headers=own_token).status_code == 403
    assert client.post("/api/v1/audits", json={}, headers=auditor_token).status_code == 201
    assert client.get(f"/api/v1/units/{UNIT}/audit", headers=own_token).status_code == 200
    assert client.get(f"/api/v1/units/{UNIT}/audit", headers=other_token).status_code == 403
    assert client.get("/api/v1/audits", headers=own_token).status_code == 403
    login(people["own"][0])
    assert client.get(f"/audit/units/{UNIT}").status_code == 200
    assert client.get(f"/audit/units/{UNIT}/fix.xlsx").status_code == 200
    assert client.get("/audit/units/22921").status_code == 403
    assert client.get("/audit").status_code == 403
    assert client.post("/audit/run", data={"unit_code": UNIT}).status_code == 403
