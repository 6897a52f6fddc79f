"""The citizen's procedure page of issue 14: cases and the fee table as data, forms to download or
open, the online channel's link, totals at a glance, the citizen's own desk (picked once, kept in
a cookie and the address), printing that desk, an abolished procedure pointing to its successor."""
import re

import pytest

from procedures import services
from procedures.errors import ValidationFailed
from tests.factories import make_catalogue, make_procedure, procedure_data

COPY_FEES = [  # "2.000 đ/trang, từ trang 3 1.000 đ, tối đa 200.000 đ/bản"
    {"position": 1, "kind": "fee", "amount": 2000, "per": "trang"},
    {"position": 2, "kind": "fee", "amount": 1000, "per": "trang", "from_quantity": 3,
     "cap": 200000, "cap_per": "bản", "exemption": "Người có công với cách mạng"},
]


@pytest.fixture
def place(db):
    make_catalogue()
    services.units.create({"code": "593", "name": "Thành phố Phan Thiết", "kind": "district",
                           "level": "district"})
    services.units.update(("22918",), {"parent_code": "593", "desk_name": "Bộ phận Một cửa phường Mũi Né",
                                       "desk_address": "Số 1 Nguyễn Đình Chiểu, phường Mũi Né",
                                       "desk_phone": "0252 3847 123",
                                       "desk_hours": "Thứ Hai – Thứ Sáu, 7:00–11:30, 13:30–17:00"},
                          partial=True)
    services.units.create({"code": "22921", "name": "Phường Hàm Tiến", "kind": "ward",
                           "level": "commune", "parent_code": "593",
                           "desk_name": "Bộ phận Một cửa phường Hàm Tiến",
                           "desk_address": "Số 9 Nguyễn Đình Chiểu, phường Hàm Tiến",
                           "desk_phone": "0252 3847 999"})
    services.officers.create({"unit_code": "22921", "full_name": "Phạm Thị Hoa", "public": True,
                              "department": "Bộ phận Một cửa", "is_desk_officer": True,
                              "phone": "0918 111 222", "email": "hoa.pt@hamtien.gov.vn"})
    make_procedure(
        channels=[{"kind": "in_person", "processing_time": 3},
                  {"kind": "online", "processing_time": 3,
                   "online_url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"}],
        cases=[{"position": 1, "name": "Trẻ sinh tại cơ sở y tế", "processing_time": 1, "sets": 1},
               {"position": 2, "name": "Trẻ bị bỏ rơi", "processing_time": 5, "sets": 2}],
        fees=COPY_FEES,
        dossier_items=[{"position": 1, "name": "Tờ khai đăng ký khai sinh",
                        "form_name": "Mẫu TK-KS", "form_url": "https://example.gov.vn/tk-ks.pdf",
                        "form_file": "to-khai-khai-sinh.docx", "originals": 1},
                       {"position": 2, "name": "Giấy chứng sinh", "originals": 1,
                        "case_name": "Trẻ sinh tại cơ sở y tế"},
                       {"position": 2, "name": "Biên bản xác nhận việc trẻ bị bỏ rơi",
                        "originals": 1, "case_name": "Trẻ bị bỏ rơi"}])
    for unit in ("22918", "22921"):
        services.assignments.create({"unit_code": unit, "procedure_code": "1.001193"})


def test_fees_and_cases_are_data(client, place):
    stored = services.procedures.serialize(services.procedures.get("1.001193"))
    assert [f["amount"] for f in stored["fees"]] == [2000, 1000]
    assert stored["fees"][1]["cap"] == 200000 and stored["cases"][1]["sets"] == 2
    api = client.get("/api/v1/procedures/1.001193").get_json()
    assert api["fees"][1]["from_quantity"] == 3 and api["cases"][0]["name"] == "Trẻ sinh tại cơ sở y tế"
    assert api["channels"][1]["online_url"].startswith("https://dichvucong.gov.vn/")
    with pytest.raises(ValidationFailed):
        services.procedures.create(procedure_data(code="1.000894", fees=[
            {"position": 1, "amount": 1000, "case_name": "Không có"}],
            cases=[{"position": 1, "name": "Một trường hợp"}]))
    with pytest.raises(ValidationFailed):
        services.procedures.create(procedure_data(code="1.000894", channels=[
            {"kind": "online", "online_url": "dichvucong.gov.vn"}]))


def test_page_shows_fee_table_cases_forms_online_link_and_totals(client, place):
    services.procedures.store_form("1.001193", "to-khai-khai-sinh.docx", b"PK\x03\x04 mau")
    html = client.get("/procedures/1.001193").get_data(as_text=True)
    assert "2.000 đồng/trang" in html and "1.000 đồng/trang (từ trang thứ 3)" in html
    assert "200.000 đồng/bản" in html and "Người có công với cách mạng" in html
    assert "Trẻ bị bỏ rơi" in html and re.search(r'data-label="Số bộ">2<', html)
    assert 'class="button submit-online" href="https://dichvucong.gov.vn/' in html
    assert "Nộp hồ sơ trực tuyến" in html
    assert 'href="https://example.gov.vn/tk-ks.pdf"' in html
    assert 'href="/procedures/1.001193/forms/to-khai-khai-sinh.docx"' in html
    glance = re.search(r'<section id="at-a-glance".*?</section>', html, re.S).group(0)
    assert "1–5 ngày làm việc" in glance and "1.000 đồng – 2.000 đồng" in glance
    assert "2 loại, 1 bộ" in glance  # the first case's documents and sets
    form = client.get("/procedures/1.001193/forms/to-khai-khai-sinh.docx")
    assert form.status_code == 200 and form.data == b"PK\x03\x04 mau"
    assert "attachment" in form.headers["Content-Disposition"]
    assert client.get("/procedures/1.001193/forms/khong-co.pdf").status_code == 404


def test_storing_a_form_is_refused_to_strangers_and_odd_files(place, make_user):
    from procedures.errors import ServiceError
    from procedures.services import Actor, acting_as
    with pytest.raises(ValidationFailed):
        services.procedures.store_form("1.001193", "virus.exe", b"MZ")
    with pytest.raises(ValidationFailed):
        services.procedures.store_form("1.001193", "trong.pdf", b"")
    other = make_user("unit_editor", unit_code="22921")
    with acting_as(Actor.of_user(other)):
        with pytest.raises(ServiceError):
            services.procedures.store_form("1.001193", "mau.pdf", b"%PDF-1.4")


def test_the_citizen_picks_a_ward_once_and_sees_only_its_desk(client, place):
    html = client.get("/procedures/1.001193").get_data(as_text=True)
    assert 'id="desk"' not in html and '<select id="xa" name="xa">' in html
    response = client.get("/procedures/1.001193?xa=22921")
    html = response.get_data(as_text=True)
    desk = re.search(r'<div class="desk" id="desk">.*?</div>', html, re.S).group(0)
    assert "Bộ phận Một cửa phường Hàm Tiến" in desk and "Mũi Né" not in desk
    assert 'href="tel:02523847999"' in desk and "Phạm Thị Hoa" in desk
    assert 'href="mailto:hoa.pt@hamtien.gov.vn"' in desk and 'href="tel:0918111222"' in desk
    assert "xa=22921" in response.headers["Set-Cookie"]
    # the cookie brings the same desk back without the parameter
    again = client.get("/procedures/1.001193").get_data(as_text=True)
    assert "Bộ phận Một cửa phường Hàm Tiến" in re.search(
        r'<div class="desk" id="desk">.*?</div>', again, re.S).group(0)
    # printing: the date and the page address, the picker hidden
    assert re.search(r'class="print-only print-meta">In ngày \d\d/\d\d/\d{4} · http://[^<]*'
                     r'/procedures/1\.001193\?xa=22921<', again)


def test_a_district_procedure_finds_the_desk_of_the_wards_parent(client, place):
    services.assignments.delete("22918", "1.001193")
    services.assignments.delete("22921", "1.001193")
    services.units.update(("593",), {"desk_name": "Trung tâm Phục vụ hành chính công Phan Thiết"},
                          partial=True)
    services.assignments.create({"unit_code": "593", "procedure_code": "1.001193"})
    html = client.get("/procedures/1.001193?xa=22921").get_data(as_text=True)
    assert "Trung tâm Phục vụ hành chính công Phan Thiết" in html


def test_an_abolished_procedure_shows_no_desk_and_links_its_replacement(client, place):
    make_procedure(code="1.000894", name="Đăng ký kết hôn")
    services.procedures.update(("1.001193",), {"status": "abolished",
                                               "replaced_by_code": "1.000894"}, partial=True)
    html = client.get("/procedures/1.001193?xa=22921").get_data(as_text=True)
    assert 'id="where"' not in html and 'id="desk"' not in html
    assert re.search(r'id="abolished">.*href="/procedures/1\.000894">Đăng ký kết hôn</a>', html)
