"""Province catalogue pages, API and CLI; not-arising records on the unit's audit page and API."""
import json

import pytest

from procedures import services
from procedures.audit.runner import run_audit
from tests.factories import make_decision, make_field, make_legal_document, procedure_data

PROVINCE, WARD, OTHER_WARD = "68", "22918", "22924"  # Lâm Đồng, Mũi Né, Phú Thủy
DECISION = "1867/QĐ-UBND"
REASON = "Phường không có cảng cá tiếp nhận tàu khai thác thủy sản"


@pytest.fixture
def province(db):
    services.units.create({"code": PROVINCE, "name": "Tỉnh Lâm Đồng", "kind": "province",
                           "level": "province"})
    for code, name in ((WARD, "Phường Mũi Né"), (OTHER_WARD, "Phường Phú Thủy")):
        services.units.create({"code": code, "name": name, "kind": "ward", "level": "commune",
                               "parent_code": PROVINCE})
    make_field()
    make_field("thuy-san", "Thủy sản")
    make_legal_document(effective_on="2016-01-01")
    make_decision()
    make_decision(DECISION, issuer="Chủ tịch UBND tỉnh Lâm Đồng", signed_on="2025-07-10",
                  title="Công bố danh mục TTHC được chuẩn hóa cấp xã")
    services.procedures.create(procedure_data("1.001193", "Đăng ký khai sinh"))
    services.procedures.create(procedure_data(
        "1.003764", "Cấp văn bản chấp thuận cho tàu cá khai thác thủy sản", field_code="thuy-san"))
    for position, code in enumerate(("1.001193", "1.003764"), start=1):
        services.catalogue_entries.create({"province_code": PROVINCE, "level": "commune",
                                           "position": position, "procedure_code": code,
                                           "decision_number": DECISION})
    services.assignments.create({"unit_code": WARD, "procedure_code": "1.001193"})


def test_the_api_gives_a_provinces_catalogue_with_its_findings(client, province):
    body = client.get(f"/api/v1/provinces/{PROVINCE}/catalogue?level=commune").get_json()
    assert [(x["position"], x["procedure_code"], x["field"]) for x in body["lines"]] == [
        (1, "1.001193", "Hộ tịch"), (2, "1.003764", "Thủy sản")]
    assert body["lines"][0]["implementing"] == 1 and body["lines"][0]["units"] == 2
    assert [f["procedure_code"] for f in body["findings"]] == ["1.003764"]
    assert body["findings"][0]["rule_id"] == "catalogue.line.unimplemented"
    assert "Tỉnh Lâm Đồng" in body["findings"][0]["message"]
    # As of before the decision took effect, the line is listed but is no finding.
    early = client.get(f"/api/v1/provinces/{PROVINCE}/catalogue?as_of=2025-07-01").get_json()
    assert early["findings"] == [] and early["lines"][1]["in_force"] is False
    assert client.get("/api/v1/provinces/22918/catalogue").status_code == 404
    provinces = client.get("/api/v1/provinces").get_json()
    assert provinces == [{"code": PROVINCE, "name": "Tỉnh Lâm Đồng", "lines": 2}]


def test_the_province_page_groups_lines_by_level_and_field(client, province, make_user, login):
    page = client.get(f"/provinces/{PROVINCE}/catalogue").get_data(as_text=True)
    assert "Cấp xã — Thủy sản" in page and "1.003764" in page
    assert "chưa có đơn vị cấp xã nào thực hiện" in page
    assert "Thêm dòng danh mục" not in page  # visitors read, admins write
    login(make_user("admin", "quan-tri"))
    page = client.get(f"/provinces/{PROVINCE}/catalogue").get_data(as_text=True)
    assert "Thêm dòng danh mục" in page
    assert "Tỉnh Lâm Đồng" in client.get("/provinces").get_data(as_text=True)


def test_an_editor_records_not_arising_and_the_auditor_sees_reason_and_author(
        client, province, make_user, token_for, login):
    editor = make_user("unit_editor", "mui-ne", WARD)
    response = client.post(f"/api/v1/units/{WARD}/not-arising", headers=token_for(editor),
                           json={"procedure_code": "1.003764", "reason": REASON})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["recorded_by"] == "mui-ne"
    with services.acting_as(services.SYSTEM):
        run_audit(WARD)
    auditor = make_user("auditor", "kiem-soat")
    body = client.get(f"/api/v1/units/{WARD}/audit", headers=token_for(auditor)).get_json()
    assert body["result"]["coverage"] == {"source": "catalogue", "province": PROVINCE,
                                          "required": 1, "not_arising": 1}
    assert [(r["procedure_code"], r["reason"], r["recorded_by"]) for r in body["not_arising"]] == [
        ("1.003764", REASON, "mui-ne")]
    assert not [f for f in body["findings"] if f["rule_id"] == "unit.coverage.missing"]
    login(auditor)
    page = client.get(f"/audit/units/{WARD}").get_data(as_text=True)
    assert REASON in page and "mui-ne" in page and "không phát sinh" in page
    assert "Ghi nhận không phát sinh</button>" not in page  # the auditor reads, the unit writes
    # The catalogue counts it: the only other ward must still implement it.
    body = client.get(f"/api/v1/provinces/{PROVINCE}/catalogue").get_json()
    line = next(x for x in body["lines"] if x["procedure_code"] == "1.003764")
    assert line["not_arising"] == 1 and line["gap"] is True
    # Withdrawn: required again.
    assert client.delete(f"/api/v1/units/{WARD}/not-arising/1.003764",
                         headers=token_for(editor)).status_code == 204
    with services.acting_as(services.SYSTEM):
        run = run_audit(WARD)
    assert run.summary["blockers_by_rule"].get("unit.coverage.missing") == 1


def test_an_editor_uses_the_audit_page_form(client, province, make_user, login):
    login(make_user("unit_editor", "mui-ne", WARD))
    page = client.get(f"/audit/units/{WARD}").get_data(as_text=True)
    assert "Ghi nhận không phát sinh</button>" in page
    response = client.post(f"/units/{WARD}/not-arising",
                           data={"procedure_code": "1.003764", "reason": REASON})
    assert response.status_code == 302
    assert services.not_arising.get(WARD, "1.003764").reason == REASON
    response = client.post(f"/units/{WARD}/not-arising",
                           data={"procedure_code": "1.003764", "reason": "?"})
    assert response.status_code == 303  # too short: said so, nothing changed
    assert services.not_arising.get(WARD, "1.003764").reason == REASON


def test_not_arising_of_another_unit_is_not_readable_by_an_editor(client, province, make_user,
                                                                   token_for):
    editor = make_user("unit_editor", "phu-thuy", OTHER_WARD)
    assert client.get(f"/api/v1/units/{WARD}/not-arising",
                      headers=token_for(editor)).status_code == 403
    assert client.get(f"/api/v1/units/{OTHER_WARD}/not-arising",
                      headers=token_for(editor)).get_json() == []


def test_a_catalogue_line_needs_a_province_and_a_publishing_decision(client, province, make_user,
                                                                      token_for):
    admin = token_for(make_user("admin", "quan-tri"))
    response = client.post(f"/api/v1/provinces/{WARD}/catalogue", headers=admin, json={
        "level": "commune", "procedure_code": "1.001193", "decision_number": DECISION})
    assert response.status_code == 422
    assert "không phải tỉnh" in json.dumps(response.get_json(), ensure_ascii=False)
    make_decision("318/QĐ-UBND", kind="abolished", title="Bãi bỏ thủ tục")
    response = client.post(f"/api/v1/provinces/{PROVINCE}/catalogue", headers=admin, json={
        "level": "province", "procedure_code": "1.001193", "decision_number": "318/QĐ-UBND"})
    assert response.status_code == 422
    response = client.post(f"/api/v1/provinces/{PROVINCE}/catalogue", headers=admin, json={
        "level": "province", "procedure_code": "1.001193", "decision_number": DECISION,
        "position": 4})
    assert response.status_code == 201 and response.get_json()["level"] == "province"


def test_the_cli_lists_the_catalogues_findings(runner, province):
    result = runner.invoke(args=["audit", "catalogue", PROVINCE, "--level", "commune"])
    assert result.exit_code == 1
    assert "1.003764" in result.output and "1.001193" not in result.stdout
    services.assignments.create({"unit_code": OTHER_WARD, "procedure_code": "1.003764"})
    assert runner.invoke(args=["audit", "catalogue", PROVINCE]).exit_code == 0


def test_the_demo_province_publishes_a_catalogue_and_keeps_its_audit(demo, runner):
    result = runner.invoke(args=["audit", "catalogue", "DEMO-60", "--format", "json"])
    body = json.loads(result.stdout)
    assert len(body["lines"]) == 52
    # The three provincial procedures are published but no demo unit implements them.
    assert {f["level"] for f in body["findings"]} == {"province"}
    assert len(body["findings"]) == 3


def test_importing_the_units_twice_keeps_the_catalogue_and_changes_nothing(runner, db):
    from sqlalchemy import func, select

    from procedures.models import CatalogueEntry, NotArising, Revision

    def counts():
        return tuple(db.session.scalar(select(func.count()).select_from(m))
                     for m in (Revision, CatalogueEntry, NotArising))

    assert runner.invoke(args=["registry", "import-units", "--province", PROVINCE]).exit_code == 0
    make_field()
    make_legal_document(effective_on="2016-01-01")
    make_decision(DECISION, signed_on="2025-07-10", title="Công bố danh mục TTHC cấp xã")
    services.procedures.create(procedure_data("1.001193", "Đăng ký khai sinh",
                                              decisions=[DECISION]))
    services.catalogue_entries.create({"province_code": PROVINCE, "level": "commune",
                                       "procedure_code": "1.001193", "decision_number": DECISION})
    services.not_arising.create({"unit_code": "23272", "procedure_code": "1.001193",
                                 "reason": "Kiểm thử: đặc khu Phú Quý"})
    before = counts()
    for _ in range(2):
        result = runner.invoke(args=["registry", "import-units", "--province", PROVINCE])
        assert result.exit_code == 0
        assert json.loads(result.output)["unchanged"] == 125
    assert counts() == before
    assert services.catalogue_entries.get(PROVINCE, "commune", "1.001193").province.code == PROVINCE
