"""The 2025 one-stop model: desks by structure and by their legal names, no district level."""
from datetime import date

from procedures import services
from procedures.audit.runner import run_audit
from tests.audit.builders import UNIT, assign, build_ready_ward, findings, process_steps, ready_procedure

CENTRE = "Trung tâm Phục vụ hành chính công xã Hàm Thuận"
DESK_RULES = {"assignment.process.first_step_not_desk", "unit.desk_officer.missing"}


def _desk_named(desk_name, department, **officer):
    services.units.update((UNIT,), {"desk_name": desk_name}, partial=True)
    services.officers.update((UNIT, "Nguyễn Thị Lan"), {
        "department": department, "is_desk_officer": None, **officer}, partial=True)
    assign(steps=process_steps(0.5, 0.25, first={"department": department,
                                                 "officer_name": None}))


def test_a_commune_whose_desk_is_the_public_service_centre(db):
    # Decree 118/2025 Art. 7: the commune's desk is its "Trung tâm Phục vụ hành chính công".
    build_ready_ward()
    _desk_named(CENTRE, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG xã Hàm Thuận")
    found = findings()
    assert not DESK_RULES & set(found), sorted(found)
    step = services.assignments.get(UNIT, "1.001193").process_steps[0]
    assert step.at_desk and services.officers.get(UNIT, "Nguyễn Thị Lan").is_desk_officer


def test_the_older_names_without_accents_are_recognised(db):
    build_ready_ward()
    _desk_named("Bộ phận Tiếp nhận và Trả kết quả phường Mũi Né",
                "bo phan tiep nhan va tra ket qua phuong Mui Ne")
    assert not DESK_RULES & set(findings())


def test_any_legal_name_works_when_the_desk_is_marked(db):
    build_ready_ward()
    services.units.update((UNIT,), {"desk_name": "Tổ tiếp nhận hồ sơ hành chính"}, partial=True)
    services.officers.update((UNIT, "Nguyễn Thị Lan"), {
        "department": "Tổ tiếp nhận hồ sơ hành chính", "is_desk_officer": False}, partial=True)
    # The step's department is the unit's declared desk; the officer's department too.
    assign(steps=process_steps(0.5, 0.25, first={"department": "tổ tiếp nhận hồ sơ hành chính",
                                                 "officer_name": None}))
    assert not DESK_RULES & set(findings())
    # Somewhere else, marked as the desk's step.
    assign(steps=process_steps(0.5, 0.25, first={"department": "Điểm tiếp nhận thôn Tiến Phú",
                                                 "officer_name": None, "at_desk": True}))
    assert "assignment.process.first_step_not_desk" not in findings()
    assign(steps=process_steps(0.5, 0.25, first={"department": "Văn phòng HĐND và UBND",
                                                 "officer_name": None}))
    assert "assignment.process.first_step_not_desk" in findings()


def _city_with_a_department():
    services.units.create({"code": "593", "name": "Thành phố Phan Thiết", "kind": "district",
                           "level": "district", "desk_name": "Bộ phận Một cửa thành phố"})
    services.units.create({"code": "593.TP", "name": "Phòng Tư pháp", "kind": "department",
                           "level": "district", "parent_code": "593"})
    services.officers.create({"unit_code": "593.TP", "full_name": "Lê Văn An",
                              "department": "Phòng Tư pháp", "has_signing_account": True})
    services.procedures.create(ready_procedure(code="2.000635", name="Cấp bản sao trích lục",
                                               level="district", owner_unit_code="593.TP"))


def test_district_units_and_procedures_are_blockers_after_the_reform(db):
    build_ready_ward()
    _city_with_a_department()
    before = findings("593.TP", as_of=date(2025, 6, 30))
    assert "unit.level.district_abolished" not in before
    after = findings("593.TP", as_of=date(2026, 12, 1))
    assert "ngày 01/12/2026" in after["unit.level.district_abolished"][0].message
    assert "unit.level.district_abolished" in findings("593", as_of=date(2025, 7, 1))
    assert "unit.level.district_abolished" not in findings(UNIT, as_of=date(2026, 12, 1))


def test_cli_api_and_page_take_the_as_of_date(db, runner, client):
    build_ready_ward()
    _city_with_a_department()
    result = runner.invoke(args=["audit", "run", "--as-of", "2018-02-27", "--format", "json"])
    assert "tính đến ngày 27/02/2018" in result.output
    assert '"as_of": "2018-02-27"' in result.output and "holidays 0.108" in result.output
    bad = runner.invoke(args=["audit", "run", "--as-of", "27/02/2018"])
    assert bad.exit_code == 2
    response = client.post("/api/v1/audits", json={"unit_code": "593.TP", "as_of": "2025-06-30"})
    assert response.status_code == 201 and response.json["as_of"] == "2025-06-30"
    wrong = client.post("/api/v1/audits", json={"as_of": "30/06/2025"})
    assert wrong.status_code == 422 and wrong.json["errors"][0]["field"] == "as_of"
    ancient = client.post("/api/v1/audits", json={"as_of": "1800-01-01"})
    assert ancient.status_code == 422 and ancient.json["errors"][0]["field"] == "as_of"
    spec = client.get("/api/v1/openapi.json").json
    assert "as_of" in str(spec["components"]["schemas"])
    page = client.post("/audit/run", data={"unit_code": "593.TP", "as_of": "2026-12-01"},
                       follow_redirects=True).get_data(as_text=True)
    assert "tính đến ngày <strong>01/12/2026</strong>" in page and 'type="date"' in page
    assert "Đơn vị cấp huyện" in page
    far = client.post("/audit/run", data={"as_of": "2999-01-01"}, follow_redirects=True)
    assert "phải trong các năm 1990–2100" in far.get_data(as_text=True)
    refused = client.post("/audit/run", data={"as_of": "hôm qua"}, follow_redirects=True)
    assert refused.status_code == 200 and "Ngày kiểm soát không hợp lệ" in refused.get_data(
        as_text=True)
    assert run_audit("593.TP", as_of=date(2018, 2, 27)).as_of == date(2018, 2, 27)
