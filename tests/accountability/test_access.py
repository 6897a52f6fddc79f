"""Who sees which accountability page: the office everything, an editor only its own unit,
citizens nothing; only admins record commitments. Every page through the test client."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from procedures import services
from procedures.audit.runner import run_audit
from tests.accountability.helpers import OTHER, UNIT, build_ward

COMMITMENT = {
    "unit_code": UNIT, "year": 2025, "kind": "commitment", "head_name": "Nguyễn Văn Hùng",
    "head_position": "Chủ tịch UBND phường Mũi Né", "signed_on": "2025-01-15",
    "document_number": "15/QĐ-UBND",
    "targets": [
        {"position": 1, "title": "=HYPERLINK(\"http://x.example\",\"bấm\")", "indicator": "process",
         "threshold": 100, "due_on": "2025-06-30"},
        {"position": 2, "title": "Không còn lỗi chặn trước 30/9", "finding": "blocker",
         "due_on": "2025-09-30"}]}


@pytest.fixture
def accounts(db, make_user, token_for):
    build_ward()
    services.commitments.create(COMMITMENT)
    services.commitments.create({**COMMITMENT, "unit_code": OTHER, "head_name": "Trần Thị Mai",
                                 "head_position": "Chủ tịch UBND phường Phan Thiết"})
    run_audit(as_of=date(2025, 7, 15))
    users = {"admin": make_user("admin", "quan-tri"), "auditor": make_user("auditor", "kiem-soat"),
             "editor": make_user("unit_editor", "mui-ne", UNIT)}
    return {role: (user, token_for(user)) for role, user in users.items()}


PAGES = {
    "office list": ("/commitments", {"admin", "auditor"}),
    "own unit": (f"/units/{UNIT}/commitments", {"admin", "auditor", "editor"}),
    "other unit": (f"/units/{OTHER}/commitments", {"admin", "auditor"}),
    "own report": (f"/units/{UNIT}/commitments/2025/report", {"admin", "auditor", "editor"}),
    "other report xlsx": (f"/units/{OTHER}/commitments/2025/report.xlsx", {"admin", "auditor"}),
    "new form": ("/commitments/new", {"admin"}),
    "edit form": (f"/units/{UNIT}/commitments/2025/commitment/edit", {"admin"}),
}
API = {
    "office list": ("/api/v1/commitments", {"admin", "auditor"}),
    "overdue": ("/api/v1/commitments/overdue", {"admin", "auditor"}),
    "own unit": (f"/api/v1/units/{UNIT}/commitments", {"admin", "auditor", "editor"}),
    "other unit": (f"/api/v1/units/{OTHER}/commitments", {"admin", "auditor"}),
    "other record": (f"/api/v1/units/{OTHER}/commitments/2025/commitment", {"admin", "auditor"}),
    "own report": (f"/api/v1/units/{UNIT}/commitments/2025/report.xlsx",
                   {"admin", "auditor", "editor"}),
}


@pytest.mark.parametrize("role", ["admin", "auditor", "editor"])
@pytest.mark.parametrize("name", PAGES)
def test_pages(client, accounts, login, role, name):
    url, allowed = PAGES[name]
    login(accounts[role][0])
    response = client.get(url)
    assert response.status_code == (200 if role in allowed else 403), (name, role)
    if role in allowed and url.endswith("/commitments") and UNIT in url:
        body = response.get_data(as_text=True)
        assert "Nguyễn Văn Hùng" in body and "Quá hạn, chưa đạt" in body
        assert "Trần Thị Mai" not in body  # another unit's head never shows on this page


@pytest.mark.parametrize("name", PAGES)
def test_citizens_see_none_of_it(client, accounts, name):
    response = client.get(PAGES[name][0])
    assert response.status_code in (302, 401)
    assert "Nguyễn Văn Hùng" not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["admin", "auditor", "editor", None])
@pytest.mark.parametrize("name", API)
def test_api(client, accounts, role, name):
    url, allowed = API[name]
    headers = accounts[role][1] if role else {}
    response = client.get(url, headers=headers)
    expected = 200 if role in allowed else (401 if role is None else 403)
    assert response.status_code == expected, (name, role, response.get_data(as_text=True)[:300])


def test_the_overdue_list_names_each_late_target_with_its_evidence_run(client, accounts):
    body = client.get("/api/v1/commitments/overdue", headers=accounts["auditor"][1]).get_json()
    late = {(item["unit"]["code"], item["target"]["position"]) for item in body}
    assert late == {(UNIT, 1), (OTHER, 1)}  # the process target was due 30/6; run of 15/7
    assert all(item["state"] == "overdue" and item["run_id"] for item in body)


def test_the_year_end_report_keeps_typed_text_as_text(client, accounts):
    response = client.get(f"/api/v1/units/{UNIT}/commitments/2025/report.xlsx",
                          headers=accounts["editor"][1])
    sheet = load_workbook(io.BytesIO(response.data)).active
    titles = [row[4].value for row in sheet.iter_rows(min_row=4)]
    cells = [row[4] for row in sheet.iter_rows(min_row=4)]
    assert titles[0] == COMMITMENT["targets"][0]["title"] and cells[0].data_type == "s"
    assert [row[7].value for row in sheet.iter_rows(min_row=4)] == [
        "Quá hạn, chưa đạt", "Đúng tiến độ"]


def test_only_admins_record_commitments(client, accounts):
    body = {**COMMITMENT, "year": 2026, "targets": []}
    for role, status in (("editor", 403), ("auditor", 403), ("admin", 201)):
        response = client.post("/api/v1/commitments", json=body, headers=accounts[role][1])
        assert response.status_code == status, (role, response.get_json())


def test_admin_records_a_commitment_through_the_form(client, accounts, login):
    login(accounts["admin"][0])
    response = client.post("/commitments/new", data={
        "unit_code": UNIT, "year": "2026", "kind": "task", "head_name": "Nguyễn Văn Hùng",
        "document_number": "45/QĐ-UBND", "signed_on": "2026-01-20",
        "targets-0-position": "1", "targets-0-title": "Chỉ số 1.3 đạt 95 % trước 31/12",
        "targets-0-indicator": "i1_3", "targets-0-threshold": "95", "targets-0-due_on": "2026-12-31",
        "targets-1-position": "2"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    record = services.commitments.get(UNIT, 2026, "task")
    assert [(t.indicator, float(t.threshold)) for t in record.targets] == [("i1_3", 95.0)]
    page = client.get(f"/units/{UNIT}/commitments?year=2026").get_data(as_text=True)
    assert "Chỉ số 1.3 đạt 95 % trước 31/12" in page and "Chưa được đánh giá" in page


def test_the_inventory_answers_what_the_unit_must_implement(client, accounts, login):
    """Four commune-level procedures; the ward implements three (the national rule: no
    catalogue published for Lâm Đồng yet); its editor reads it, another unit's page is refused."""
    login(accounts["editor"][0])
    page = client.get(f"/units/{UNIT}/inventory")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "4 thủ tục phải thực hiện" in body and "chưa nhận thực hiện 1" in body
    assert "12/QĐ-UBND" in body and "2229/QĐ-UBND" in body
    assert client.get(f"/units/{OTHER}/inventory").status_code == 403
    sheet = load_workbook(io.BytesIO(client.get(f"/units/{UNIT}/inventory.xlsx").data)).active
    states = {row[0].value: row[6].value for row in sheet.iter_rows(min_row=2)}
    assert states["1.004873"] == "Chưa nhận thực hiện" and states["1.001193"] == "Đang thực hiện"


def test_citizens_get_no_inventory(client, accounts):
    assert client.get(f"/units/{UNIT}/inventory").status_code in (302, 401)


def test_the_inventory_api(client, accounts):
    body = client.get(f"/api/v1/units/{UNIT}/inventory", headers=accounts["editor"][1]).get_json()
    assert body["source"] == "national" and len(body["items"]) == 4
    assert sorted(i["state_code"] for i in body["items"]) == ["implements"] * 3 + ["missing"]
    assert client.get(f"/api/v1/units/{OTHER}/inventory",
                      headers=accounts["editor"][1]).status_code == 403
