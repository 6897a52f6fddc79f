"""Keywords citizens use, i/y spellings, and the one-word-missing fallback."""
from search_index import SearchIndex, search
from search_index.matching import spelling_variant

DOCS = [
    {"code": "1.004222", "name": "Đăng ký thường trú", "keywords": "nhập hộ khẩu, làm hộ khẩu",
     "description": "Đăng ký nơi thường trú tại chỗ ở hợp pháp"},
    {"code": "1.004837", "name": "Đăng ký giám hộ", "description": "Người giám hộ nhập hồ sơ khẩu"},
    {"code": "1.001612", "name": "Đăng ký thành lập hộ kinh doanh", "keywords": "mở quán, mở tiệm"},
    {"code": "2.000488", "name": "Cấp Phiếu lý lịch tư pháp", "keywords": "lý lịch tư pháp"},
]


def make_index(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    index.rebuild(DOCS)
    return index


def test_keywords_outrank_scattered_body_words(tmp_path):
    index = make_index(tmp_path)
    assert search(index, "nhap ho khau").ids[0] == "1.004222"


def test_final_i_and_y_are_the_same_syllable(tmp_path):
    index = make_index(tmp_path)
    assert spelling_variant("ki") == "ky" and spelling_variant("ly") == "li"
    assert spelling_variant("khai") is None
    assert search(index, "dang ki thuong tru").ids[0] == "1.004222"
    assert search(index, "li lich tu phap").ids[0] == "2.000488"


def test_query_with_one_unknown_word_falls_back_to_the_rest(tmp_path):
    index = make_index(tmp_path)
    assert search(index, "mo quan an").ids == ["1.001612"]
