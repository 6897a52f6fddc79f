"""A publishing decision's annex: what it published, amended or abolished, and the province
catalogue lines it published; its page (numbers with "/"), the link from the procedure page, the
XLSX (typed text stays text) and `GET /api/v1/procedures?decision=`. Public, as decisions are."""
import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from procedures import services
from tests.factories import make_decision, make_field, make_legal_document, make_unit, procedure_data

NEW, AMENDING, ABOLISHING, OTHER = "2228/QĐ-UBND", "1310/QĐ-UBND", "95/QĐ-UBND", "77/QĐ-UBND"
FORMULA = '=HYPERLINK("http://x.example","bấm")'


@pytest.fixture
def decisions(db):
    services.units.create({"code": "68", "name": "Tỉnh Lâm Đồng", "kind": "province",
                           "level": "province"})
    make_unit("22918", "Phường Mũi Né", parent_code="68")
    make_field()
    make_legal_document()
    make_decision(NEW, signed_on="2025-01-23", title="Công bố TTHC lĩnh vực hộ tịch")
    make_decision(AMENDING, kind="amended", signed_on="2025-02-10",
                  title="Công bố TTHC được sửa đổi, bổ sung lĩnh vực hộ tịch")
    make_decision(ABOLISHING, kind="abolished", signed_on="2025-02-12",
                  title="Công bố TTHC bị bãi bỏ lĩnh vực hộ tịch")
    make_decision(OTHER, signed_on="2025-03-01", title="Công bố TTHC lĩnh vực chứng thực")
    services.procedures.create(procedure_data("1.001193", "Đăng ký khai sinh"))
    services.procedures.create(procedure_data("1.004884", "Đăng ký lại khai sinh",
                                              decisions=[NEW, AMENDING]))
    services.procedures.create(procedure_data("1.003583", FORMULA, decisions=[ABOLISHING],
                                              status="abolished"))
    services.procedures.create(procedure_data("2.000815", "Chứng thực bản sao từ bản chính",
                                              decisions=[OTHER]))
    services.catalogue_entries.create({"province_code": "68", "level": "commune", "position": 1,
                                       "procedure_code": "2.000815", "decision_number": NEW})


def url(number, suffix=""):
    return "/decisions/" + quote(number) + suffix


def test_the_annex_lists_what_the_decision_did(client, decisions):
    page = client.get(url(NEW))
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Phụ lục: 3 thủ tục" in body
    assert "1.001193" in body and "1.004884" in body and "1.003583" not in body
    assert "Công bố danh mục" in body and "Tỉnh Lâm Đồng (cấp xã)" in body  # 2.000815's line
    amending = client.get(url(AMENDING)).get_data(as_text=True)
    assert "Phụ lục: 1 thủ tục" in amending and "Sửa đổi, bổ sung" in amending
    abolishing = client.get(url(ABOLISHING)).get_data(as_text=True)
    assert "Bãi bỏ" in abolishing and "1.003583" in abolishing


def test_every_procedure_page_links_its_decisions(client, decisions):
    body = client.get("/procedures/1.004884").get_data(as_text=True)
    for number in (NEW, AMENDING):
        link = f'href="/decisions/{quote(number, safe="/")}"'
        assert link in body, link
    assert client.get(f"/decisions/{quote(AMENDING, safe='/')}").status_code == 200


def test_unknown_decision_is_a_404_page(client, decisions):
    response = client.get(url("9999/QĐ-UBND"))
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


def test_the_annex_workbook_keeps_typed_text_as_text(client, decisions):
    response = client.get(url(ABOLISHING, ".xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A2"].value == "1.003583"
    assert sheet["B2"].value == FORMULA and sheet["B2"].data_type == "s"
    assert sheet["E2"].value == "Bãi bỏ"
    rows = load_workbook(io.BytesIO(client.get(url(NEW, ".xlsx")).data)).active
    assert [r[0].value for r in rows.iter_rows(min_row=2)] == ["1.001193", "1.004884", "2.000815"]


def test_the_api_filters_procedures_by_decision(client, decisions):
    def codes(number):
        response = client.get("/api/v1/procedures", query_string={"decision": number})
        assert response.status_code == 200
        return [item["code"] for item in response.get_json()["items"]]

    assert codes(NEW) == ["1.001193", "1.004884", "2.000815"]
    assert codes(AMENDING) == ["1.004884"]
    assert codes(ABOLISHING) == ["1.003583"]
    assert codes("9999/QĐ-UBND") == []
    assert len(codes("")) == 4  # no filter
