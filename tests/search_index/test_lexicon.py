"""The citizen lexicon and the graceful matching, on real procedure names (official codes)."""
import pytest

from search_index import SearchIndex, search
from search_index.lexicon import Entry, Lexicon, default_lexicon, parse_line, read_lexicon
from search_index.matching import QueryPlan, code_of, code_prefix_of

# Real names of the national catalogue (no keywords: as a province imports them).
REAL = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "ho-tich"),
    ("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "ho-tich"),
    ("1.003583", "Thủ tục đăng ký khai sinh lưu động", "ho-tich"),
    ("1.000110", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới", "ho-tich"),
    ("1.000894", "Thủ tục đăng ký kết hôn", "ho-tich"),
    ("2.000806", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "ho-tich"),
    ("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "ho-tich"),
    ("1.000656", "Thủ tục đăng ký khai tử", "ho-tich"),
    ("1.004222", "Đăng ký thường trú", "cu-tru"),
    ("1.003197", "Xóa đăng ký thường trú", "cu-tru"),
    ("1.001612", "Đăng ký thành lập hộ kinh doanh", "ho-kinh-doanh"),
    ("2.000720", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "ho-kinh-doanh"),
    ("1.014035", "Dừng thực hiện thủ tục đăng ký hộ kinh doanh", "ho-kinh-doanh"),
    ("1.014034", "Đăng ký cập nhật, bổ sung thông tin trong hồ sơ đăng ký hộ kinh doanh, hiệu "
                 "đính thông tin đăng ký hộ kinh doanh", "ho-kinh-doanh"),
    ("1.012786", "Cấp lại Giấy chứng nhận do bị mất", "dat-dai"),
    ("1.012783", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với "
                 "đất", "dat-dai"),
    ("1.013993", "Đăng ký, cấp Giấy chứng nhận đối với trường hợp hộ gia đình, cá nhân đang sử "
                 "dụng đất không đúng mục đích đã được Nhà nước công nhận quyền sử dụng đất",
     "dat-dai"),
    ("1.014061", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", "can-cuoc"),
    ("1.014063", "Cấp đổi thẻ căn cước", "can-cuoc"),
    ("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp "
                 "chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không "
                 "thể điểm chỉ được)", "chung-thuc"),
    ("2.000992", "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Ủy "
                 "ban nhân dân cấp xã, tổ chức hành nghề công chứng", "chung-thuc"),
    ("1.012753", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng "
                 "đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với tổ chức đang sử "
                 "dụng đất", "dat-dai"),
    # A long name holding most common words (the real one has 1,094 characters).
    ("1.009999", "Thủ tục " + ", ".join([
        "cấp giấy chứng nhận đăng ký hoạt động", "đăng ký thay đổi nội dung",
        "cấp lại giấy phép do bị mất", "đăng ký kết hôn của thuyền viên", "người nước ngoài",
        "trợ cấp xã hội", "hộ kinh doanh", "giấy phép xây dựng", "quyền sử dụng đất",
        "khai sinh, khai tử", "thẻ căn cước", "bảo hiểm xã hội một lần"] * 4), "tong-hop"),
]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp("real") / "ix")
    index.rebuild([{"code": c, "name": n, "field_code": f, "status": "active"} for c, n, f in REAL])
    yield index
    index.close()


def ranked(index, q, lexicon=None, n=3):
    return search(index, q, per_page=10, facets=False, highlights=False,
                  lexicon=default_lexicon() if lexicon is None else lexicon).ids[:n]


def test_the_shipped_lexicon_covers_the_common_fields_with_hundreds_of_entries():
    lexicon = default_lexicon()
    assert len(lexicon.entries) >= 300 and len(lexicon) == len(lexicon.entries)
    phrases = {e.phrase: e for e in lexicon.entries}
    for everyday, official in [
        ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"), ("sổ hồng", "giấy chứng nhận quyền sử dụng đất"),
        ("hộ khẩu", "thường trú"), ("bằng lái", "giấy phép lái xe"), ("cccd", "thẻ căn cước"),
        ("báo tử", "khai tử"), ("giấy độc thân", "xác nhận tình trạng hôn nhân"),
        ("sao y", "chứng thực bản sao"), ("cấp 2", "trung học cơ sở"),
        ("mở quán ăn", "đăng ký thành lập hộ kinh doanh"), ("người già", "hưu trí xã hội"),
        ("rút bhxh", "hưởng bảo hiểm xã hội một lần"), ("thuế trước bạ", "lệ phí trước bạ"),
    ]:
        assert official in phrases[everyday].officials, everyday
    assert phrases["làm"].filler
    assert "có yếu tố nước ngoài" in lexicon.specials


def test_lexicon_lines_parse_with_alternatives_fillers_and_comments():
    assert parse_line("sổ đỏ = giấy chứng nhận | giấy chứng nhận quyền sử dụng đất  # 64/CP") == (
        "entry", Entry("sổ đỏ", ("giấy chứng nhận", "giấy chứng nhận quyền sử dụng đất"), "64/CP"))
    assert parse_line("làm =") == ("entry", Entry("làm", (), ""))
    assert parse_line("! lưu động") == ("special", "lưu động")
    assert parse_line("   # only a comment") is None
    with pytest.raises(ValueError):
        parse_line("no separator here")


def test_a_bad_line_in_a_lexicon_file_names_its_line(tmp_path):
    path = tmp_path / "lexicon.txt"
    path.write_text("sổ đỏ = giấy chứng nhận\nnhầm dòng\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lexicon.txt:2"):
        read_lexicon(path)


def test_everyday_phrases_expand_into_one_unit_longest_first():
    plan = QueryPlan.parse("lam so do lan dau", default_lexicon())
    assert [" ".join(t.folded for t in u.tokens) for u in plan.units] == ["lam so do lan dau"]
    plan = QueryPlan.parse("xin cap so do", default_lexicon())
    units = [(" ".join(t.folded for t in u.tokens), u.optional) for u in plan.units]
    assert units == [("xin", True), ("cap", False), ("so do", False)]


def test_accents_typed_must_match_the_entry_but_unaccented_text_matches_any():
    lexicon = Lexicon([Entry("sổ đỏ", ("giấy chứng nhận",))])
    assert QueryPlan.parse("so do", lexicon).units[0].alternatives
    assert QueryPlan.parse("Sổ Đỏ", lexicon).units[0].alternatives
    assert not QueryPlan.parse("sơ đồ", lexicon).units[0].alternatives


def test_a_query_of_fillers_only_still_means_its_words():
    plan = QueryPlan.parse("lam", default_lexicon())
    assert len(plan.units) == 1 and not plan.units[0].optional


def test_colloquial_words_find_the_official_names(real):
    assert ranked(real, "mat so do")[0] == "1.012786"
    assert ranked(real, "mất sổ hồng")[0] == "1.012786"
    assert ranked(real, "doi so do")[0] == "1.012783"  # not đối + sở + do scattered in a name
    assert ranked(real, "giay doc than")[0] == "1.004873"
    assert ranked(real, "bao tu")[0] == "1.000656"
    assert ranked(real, "nhap ho khau")[0] == "1.004222"
    assert ranked(real, "cat khau")[0] == "1.003197"
    assert ranked(real, "lam cccd")[0] == "1.014061"
    assert ranked(real, "mo quan an")[0] == "1.001612"
    assert ranked(real, "lay chong nuoc ngoai")[0] == "2.000806"


def test_without_the_lexicon_the_everyday_words_find_nothing_useful(real):
    empty = Lexicon([])
    assert "1.004873" not in ranked(real, "giay doc than", empty)
    assert "1.014061" not in ranked(real, "lam cccd", empty)


def test_a_changed_lexicon_changes_the_results_without_a_rebuild(real):
    lexicon = default_lexicon().merged([Entry("giấy đi đường", ("thẻ căn cước",))])
    assert ranked(real, "giay di duong", lexicon)[0] in ("1.014061", "1.014063")
    assert ranked(real, "cat khau")[0] == "1.003197"
    removed = default_lexicon().merged([Entry("cắt khẩu", None)])
    assert "1.003197" not in ranked(real, "cat khau", removed)
    assert removed.version != default_lexicon().version


def test_the_plain_variant_comes_before_the_special_cases(real):
    first, *others = ranked(real, "dang ky khai sinh")
    assert first == "1.001193" and set(others) == {"2.000528", "1.003583"}
    assert ranked(real, "dang ky khai sinh luu dong")[0] == "1.003583"
    assert ranked(real, "khai sinh co yeu to nuoc ngoai")[0] == "2.000528"
    assert ranked(real, "dang ky ket hon")[0] == "1.000894"
    assert ranked(real, "ket hon voi nguoi nuoc ngoai")[0] == "2.000806"


def test_the_commonest_household_business_registration_comes_first(real):
    assert ranked(real, "dang ky ho kinh doanh")[0] == "1.001612"


def test_a_name_with_one_or_two_words_fewer_than_the_query_is_still_found(real):
    assert ranked(real, "giay chung nhan quyen su dung dat do bi mat")[0] == "1.012786"
    assert ranked(real, "cap lai giay chung nhan quyen su dung dat bi mat")[0] == "1.012786"


def test_a_very_long_name_does_not_win_the_fallback(real):
    for q in ("dang ky ket hon cho thuyen vien nuoc ngoai", "cap lai the can cuoc bi mat",
              "giay chung nhan quyen su dung dat do bi mat"):
        assert "1.009999" not in ranked(real, q, n=1), q


def test_bracketed_asides_do_not_make_a_name_long(real):
    assert ranked(real, "chung thuc chu ky")[0] == "2.000884"


def test_codes_with_or_without_dots_and_with_local_suffixes(real):
    assert code_of("1001193") == "1.001193" and code_of("1.012753.H19") == "1.012753"
    assert code_of("1.001193") == "1.001193" and code_of("khai sinh") is None
    assert code_prefix_of("1.00119") == "1.00119" and code_prefix_of("100119") == "1.00119"
    for q in ("1001193", "1.001193", " 1.001193 "):
        result = search(real, q, lexicon=default_lexicon())
        assert result.exact_code and result.ids[0] == "1.001193", q
    assert search(real, "1.012753.H19").ids[0] == "1.012753"
    prefix = search(real, "1.0127").ids
    assert set(prefix[:3]) == {"1.012753", "1.012783", "1.012786"}


def test_the_query_key_follows_the_lexicon():
    a = QueryPlan.parse("so do", default_lexicon()).key()
    b = QueryPlan.parse("so do", Lexicon([])).key()
    assert a != b
