"""The province matrix: Lâm Đồng's units × its published catalogue, one cell kind each, counts
per unit and per procedure, filters by field and level, XLSX and API; the office reads it,
editors and citizens do not. Hand-made cells:

| unit                 | 1.001193 | 1.004884 | 1.003764 (thủy sản) | 2.001023 (province) |
|----------------------|----------|----------|---------------------|---------------------|
| Phường Mũi Né        | ✓        | ✗        | KPS                 | ·                   |
| Phường Phan Thiết    | ✓        | ✓        | ✗                   | ·                   |
| Sở Tư pháp (owner)   | ·        | ·        | ·                   | ✓                   |
| Tỉnh Lâm Đồng        | ·        | ·        | ·                   | ·                   |
"""
import io

import pytest
from openpyxl import load_workbook

from procedures import services
from tests.factories import make_decision, make_field, make_legal_document, make_unit, procedure_data

PROVINCE, MUI_NE, PHAN_THIET, JUSTICE = "68", "22918", "22921", "DEMO-68-STP"


@pytest.fixture
def matrix_accounts(db, make_user, token_for):
    services.units.create({"code": PROVINCE, "name": "Tỉnh Lâm Đồng", "kind": "province",
                           "level": "province"})
    make_unit(MUI_NE, "Phường Mũi Né", parent_code=PROVINCE)
    make_unit(PHAN_THIET, "Phường Phan Thiết", parent_code=PROVINCE)
    make_unit(JUSTICE, "Sở Tư pháp tỉnh Lâm Đồng", kind="department", level="province",
              parent_code=PROVINCE)
    make_field()
    make_field("thuy-san", "Thủy sản")
    make_legal_document()
    make_decision("2228/QĐ-UBND", signed_on="2025-01-23")
    make_decision("145/QĐ-UBND", signed_on="2025-02-10")
    services.procedures.create(procedure_data("1.001193", "Đăng ký khai sinh"))
    services.procedures.create(procedure_data("1.004884", "Đăng ký lại khai sinh"))
    services.procedures.create(procedure_data("1.003764", "Cấp giấy phép khai thác thủy sản",
                                              field_code="thuy-san"))
    services.procedures.create(procedure_data("2.001023", "Cấp phiếu lý lịch tư pháp",
                                              level="province", owner_unit_code=JUSTICE))
    for position, code in enumerate(("1.001193", "1.004884", "1.003764"), start=1):
        services.catalogue_entries.create({"province_code": PROVINCE, "level": "commune",
                                           "position": position, "procedure_code": code,
                                           "decision_number": "2228/QĐ-UBND"})
    services.catalogue_entries.create({"province_code": PROVINCE, "level": "province",
                                       "position": 1, "procedure_code": "2.001023",
                                       "decision_number": "145/QĐ-UBND"})
    for unit, code in ((MUI_NE, "1.001193"), (PHAN_THIET, "1.001193"), (PHAN_THIET, "1.004884"),
                       (JUSTICE, "2.001023")):
        services.assignments.upsert({"unit_code": unit, "procedure_code": code})
    services.not_arising.create({"unit_code": MUI_NE, "procedure_code": "1.003764",
                                 "reason": "Phường không có cảng cá"})
    users = {"admin": make_user("admin", "quan-tri"), "auditor": make_user("auditor", "kiem-soat"),
             "editor": make_user("unit_editor", "mui-ne", MUI_NE)}
    return {role: (user, token_for(user)) for role, user in users.items()}


def api(client, accounts, query="", role="auditor"):
    response = client.get(f"/api/v1/provinces/{PROVINCE}/matrix{query}",
                          headers=accounts[role][1])
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def test_each_cell_has_one_kind_and_the_counts_add_up(client, matrix_accounts):
    body = api(client, matrix_accounts)
    assert body["source"] == "catalogue"
    units = {u["code"]: u for u in body["units"]}
    assert units[MUI_NE]["cells"] == {"1.001193": "implements", "1.004884": "missing",
                                      "1.003764": "not_arising", "2.001023": "not_required"}
    assert units[PHAN_THIET]["counts"] == {"implements": 2, "not_arising": 0, "missing": 1,
                                           "not_required": 1}
    assert units[JUSTICE]["cells"]["2.001023"] == "implements"
    assert units[JUSTICE]["counts"]["not_required"] == 3
    assert units[PROVINCE]["counts"]["not_required"] == 4  # owns none of the province's lines
    procs = {p["code"]: p for p in body["procedures"]}
    assert procs["1.001193"]["counts"] == {"implements": 2, "not_arising": 0, "missing": 0,
                                           "not_required": 2}
    assert procs["1.003764"]["counts"]["missing"] == 1
    assert procs["1.003764"]["counts"]["not_arising"] == 1
    assert procs["2.001023"]["decision"] == "145/QĐ-UBND"
    assert body["totals"] == {"implements": 4, "not_arising": 1, "missing": 2, "not_required": 9}


def test_filters_by_field_and_level(client, matrix_accounts):
    body = api(client, matrix_accounts, "?field=thuy-san")
    assert [p["code"] for p in body["procedures"]] == ["1.003764"]
    assert body["totals"] == {"implements": 0, "not_arising": 1, "missing": 1, "not_required": 2}
    body = api(client, matrix_accounts, "?level=commune")
    assert sorted(u["code"] for u in body["units"]) == [MUI_NE, PHAN_THIET]
    assert sorted(p["code"] for p in body["procedures"]) == ["1.001193", "1.003764", "1.004884"]
    assert body["totals"]["not_required"] == 0
    body = api(client, matrix_accounts, "?level=province")
    assert [p["code"] for p in body["procedures"]] == ["2.001023"]
    assert sorted(u["code"] for u in body["units"]) == [PROVINCE, JUSTICE]


def test_the_page_and_the_workbook(client, matrix_accounts, login):
    login(matrix_accounts["auditor"][0])
    page = client.get(f"/provinces/{PROVINCE}/matrix?field=ho-tich&level=commune")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "2 đơn vị × 2 thủ tục" in body and "chưa nhận thực hiện <strong" in body
    assert "1.003764" not in body.split("<table")[1]  # the thủy sản line is filtered out
    response = client.get(f"/provinces/{PROVINCE}/matrix.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(min_row=2)}
    col = header.index("1.004884")
    assert rows[MUI_NE][col] == "✗" and rows[PHAN_THIET][col] == "✓"
    assert rows[MUI_NE][header.index("Không phát sinh")] == 1


def test_a_province_without_a_catalogue_uses_the_national_rule(client, matrix_accounts):
    services.units.create({"code": "01", "name": "Thành phố Hà Nội", "kind": "province",
                           "level": "province"})
    make_unit("00004", "Phường Ba Đình", parent_code="01")
    body = client.get("/api/v1/provinces/01/matrix",
                      headers=matrix_accounts["admin"][1]).get_json()
    assert body["source"] == "national"
    ward = {u["code"]: u for u in body["units"]}["00004"]
    assert ward["counts"] == {"implements": 0, "not_arising": 0, "missing": 3, "not_required": 0}


@pytest.mark.parametrize("role, status", [("admin", 200), ("auditor", 200), ("editor", 403)])
def test_only_the_office_reads_a_province(client, matrix_accounts, login, role, status):
    """An editor reads its own unit's inventory, not its neighbours' rows."""
    assert client.get(f"/api/v1/provinces/{PROVINCE}/matrix",
                      headers=matrix_accounts[role][1]).status_code == status
    login(matrix_accounts[role][0])
    assert client.get(f"/provinces/{PROVINCE}/matrix").status_code == status
    assert client.get(f"/provinces/{PROVINCE}/matrix.xlsx").status_code == status


def test_citizens_get_no_matrix(client, matrix_accounts):
    assert client.get(f"/provinces/{PROVINCE}/matrix").status_code in (302, 401)
    assert client.get(f"/api/v1/provinces/{PROVINCE}/matrix").status_code == 401


def test_unknown_province_and_level(client, matrix_accounts):
    headers = matrix_accounts["auditor"][1]
    assert client.get("/api/v1/provinces/99/matrix", headers=headers).status_code == 404
    response = client.get(f"/api/v1/provinces/{PROVINCE}/matrix?level=hamlet", headers=headers)
    assert response.status_code == 422


def test_the_catalogue_page_links_the_matrix_for_the_office_only(client, matrix_accounts, login):
    link = f'href="/provinces/{PROVINCE}/matrix"'
    assert link not in client.get(f"/provinces/{PROVINCE}/catalogue").get_data(as_text=True)
    login(matrix_accounts["auditor"][0])
    assert link in client.get(f"/provinces/{PROVINCE}/catalogue").get_data(as_text=True)


def test_each_row_agrees_with_the_units_inventory(client, matrix_accounts):
    """One rule: a unit's required cells in the matrix are its inventory's rows and states."""
    body = api(client, matrix_accounts)
    headers = matrix_accounts["admin"][1]
    for unit in body["units"]:
        inventory = client.get(f"/api/v1/units/{unit['code']}/inventory", headers=headers)
        states = {i["code"]: i["state_code"] for i in inventory.get_json()["items"]}
        required = {code: kind for code, kind in unit["cells"].items() if kind != "not_required"}
        assert required == states, unit["code"]
