"""Public pages through the test client: Vietnamese, complete, no JavaScript needed."""
import pytest

from procedures import services
from tests.factories import make_catalogue, make_procedure


@pytest.fixture
def data(db):
    make_catalogue()
    services.units.create({"code": "593", "name": "Thành phố Phan Thiết", "kind": "district",
                           "level": "district"})
    services.units.update(("22918",), {"parent_code": "593",
                                       "desk_name": "Bộ phận Một cửa phường Mũi Né",
                                       "desk_address": "Số 1 Nguyễn Đình Chiểu"}, partial=True)
    services.legal_documents.create({"number": "15/2021/NĐ-CP", "doc_type": "decree",
                                     "title": "Quy định chi tiết về quản lý dự án đầu tư xây dựng",
                                     "effective_on": "2021-03-03", "expired_on": "2024-12-30"})
    make_procedure(legal_bases=["60/2014/QH13", "15/2021/NĐ-CP"])
    services.officers.create({"unit_code": "22918", "full_name": "Lê Văn Cường", "public": True,
                              "phone": "0909 000 111", "position_title": "Công chức Tư pháp"})
    services.officers.create({"unit_code": "22918", "full_name": "Trần Thị Bích",
                              "phone": "0252 3899 999", "public": False})
    services.assignments.create({"unit_code": "22918", "procedure_code": "1.001193"})


def test_home_lists_fields_and_procedures(client, data):
    html = client.get("/").get_data(as_text=True)
    assert "Hộ tịch" in html and "(1)" in html
    assert 'href="/procedures/1.001193"' in html
    assert "<script" not in html


def test_home_filters_by_field_and_text(client, data):
    assert "Đăng ký khai sinh" in client.get("/?field=ho-tich").get_data(as_text=True)
    assert "Đăng ký khai sinh" not in client.get("/?field=khac").get_data(as_text=True)
    assert "Không tìm thấy thủ tục phù hợp" in client.get("/?q=xyz").get_data(as_text=True)


def test_procedure_page_has_every_section(client, data):
    response = client.get("/procedures/1.001193")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for heading in ("Quyết định công bố", "Trình tự thực hiện", "Cách thức thực hiện",
                    "Thành phần, số lượng hồ sơ", "Căn cứ pháp lý", "Nơi tiếp nhận hồ sơ"):
        assert heading in html
    assert "2228/QĐ-UBND" in html and "đang áp dụng" in html
    assert "Giấy chứng sinh" in html and "Không thu phí" in html
    assert "15/2021/NĐ-CP" in html and "hết hiệu lực" in html
    assert "Bộ phận Một cửa phường Mũi Né" in html


def test_unit_page_shows_desk_officers_and_procedures(client, data):
    html = client.get("/units/22918").get_data(as_text=True)
    assert "Số 1 Nguyễn Đình Chiểu" in html
    assert "Lê Văn Cường" in html and "0909 000 111" in html
    assert "Trần Thị Bích" in html and "0252 3899 999" not in html  # not public
    assert "Đăng ký khai sinh" in html
    assert "Phường Mũi Né" in client.get("/units/593").get_data(as_text=True)
    assert "Phường Mũi Né" in client.get("/units?level=commune").get_data(as_text=True)


def test_missing_pages_are_vietnamese(client, db):
    response = client.get("/procedures/1.999999")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Không tìm thấy thủ tục" in html and "Traceback" not in html
    assert client.get("/khong-co").status_code == 404


def test_bad_page_number_does_not_fail(client, data):
    assert client.get("/?page=abc").status_code == 200
    assert client.get("/?page=999").status_code == 200


def test_stylesheet_is_served(client, db):
    response = client.get("/static/site.css")
    assert response.status_code == 200 and "text/css" in response.content_type
