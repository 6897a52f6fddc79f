"""Telephone numbers, e-mail addresses and Excel error values: one validator in the schemas, the
same refusal on the web form, the API and an uploaded workbook."""
import io

import pytest
from marshmallow import ValidationError
from openpyxl import Workbook

from procedures import services
from procedures.schemas.fields import check_email, check_phone, excel_error, phone_problem
from tests.factories import make_unit
from tests.importers import helpers


@pytest.mark.parametrize("number", [
    "0252 3832 256", "0252.3832.256", "(0252) 3832256", "0912 345 678", "+84 912 345 678",
    "1900 1234", "1800 6789 10", "024 3852 1234", "0252 3822 115 (máy lẻ 12)",
    "0252 3832 256; 0912 345 678", "0252 3832 256 - 0912 345 678",
])
def test_vietnamese_numbers_are_accepted(number):
    check_phone(number)


def test_a_number_that_lost_its_leading_zero_in_excel_says_so():
    message = phone_problem("2523832256")
    assert "thiếu số 0 ở đầu" in message and "02523832256" in message
    assert "thiếu số 0" in phone_problem("912345678")


@pytest.mark.parametrize("number", ["0909", "abc", "0252 123", "12345678901234", "09123456789"])
def test_other_numbers_are_refused(number):
    assert phone_problem(number)


@pytest.mark.parametrize("address", ["motcua@binhthuan.gov.vn", "lan.nt@phanthiet.gov.vn",
                                     "a@b.vn; c@d.vn"])
def test_e_mail_addresses_are_accepted(address):
    check_email(address)


@pytest.mark.parametrize("address", ["khong-phai-email", "a@b", "a b@c.vn", "@phanthiet.gov.vn",
                                     "lan@@phanthiet.gov.vn"])
def test_bad_e_mail_addresses_are_refused(address):
    with pytest.raises(ValidationError):
        check_email(address)


@pytest.mark.parametrize("value", ["#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", " #n/a "])
def test_excel_error_values_are_recognised(value):
    assert "giá trị lỗi của Excel" in excel_error(value)


def test_the_api_refuses_a_bad_phone_and_email(client, db, make_user, token_for):
    make_unit()
    headers = token_for(make_user("admin", "quan-tri"))
    response = client.post("/api/v1/officers", headers=headers, json={
        "unit_code": "22918", "full_name": "Nguyễn Thị Lan", "phone": "2523832256",
        "email": "lan-at-phanthiet"})
    assert response.status_code == 422
    fields = {e["field"]: " ".join(e["messages"]) for e in response.get_json()["errors"]}
    assert "thiếu số 0" in fields["phone"] and "thư điện tử" in fields["email"]
    response = client.patch("/api/v1/units/22918", headers=headers,
                            json={"desk_phone": "0909"})
    assert response.status_code == 422
    ok = client.post("/api/v1/officers", headers=headers, json={
        "unit_code": "22918", "full_name": "Nguyễn Thị Lan", "phone": "0252 3832 256",
        "email": "lan.nt@phanthiet.gov.vn"})
    assert ok.status_code == 201, ok.get_json()


def test_the_api_refuses_an_excel_error_value_as_a_name(client, db, make_user, token_for):
    headers = token_for(make_user("admin", "quan-tri"))
    response = client.post("/api/v1/units", headers=headers, json={
        "code": "22918", "name": "#REF!", "kind": "ward", "level": "commune"})
    assert response.status_code == 422
    assert "lỗi của Excel" in str(response.get_json()["errors"])


def test_the_web_form_refuses_a_bad_phone(client, db, make_user, login):
    make_unit()
    login(make_user("admin", "quan-tri"))
    response = client.post("/units/22918/officers/new", data={
        "full_name": "Nguyễn Thị Lan", "phone": "2523832256", "email": "lan@"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "thiếu số 0 ở đầu" in page and "thư điện tử" in page
    assert services.officers.find(("22918", "Nguyễn Thị Lan")) is None


def test_an_upload_flags_a_number_typed_as_a_number_and_error_values(do_import, tmp_path):
    data = helpers.records()
    data["officers"][0]["phone"] = 2523832256  # the cell Excel kept as a number
    data["officers"][1]["email"] = "minh.tv"
    data["units"][2]["name"] = "#REF!"
    data["procedures"][1]["result"] = "#N/A"
    report = do_import(data=data)
    assert report["outcome"] == "refused"
    messages = {(i["sheet_id"], i["field"]): i["message"] for i in report["issues"]}
    assert "thiếu số 0 ở đầu" in messages[("officers", "phone")]
    assert "cell" in next(i for i in report["issues"] if i["field"] == "phone")
    assert "thư điện tử" in messages[("officers", "email")]
    assert "#REF!" in messages[("units", "name")]
    assert "#N/A" in messages[("procedures", "result")]
    assert helpers.counts() == helpers.empty_counts()


def test_an_excel_error_cell_of_a_real_workbook_is_refused(client, db, make_user, token_for):
    headers = token_for(make_user("admin", "quan-tri"))
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Cấp"])
    ws.append(["22918", "Phường Mũi Né", "Phường", "Xã"])
    ws["B2"].data_type = "e"  # what Excel stores for a formula whose reference was deleted
    ws["B2"].value = "#REF!"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = client.post("/api/v1/imports", headers=headers,
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(buffer.getvalue()), "loi.xlsx")})
    body = response.get_json()
    assert response.status_code == 422, body
    assert any("#REF!" in i["message"] and i.get("cell") == "B2" for i in body["issues"]), \
        body["issues"]
