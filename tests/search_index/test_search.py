"""search() and suggest() on the sample procedures: ranking, typos, facets, filters, highlights."""

from search_index import search, suggest
from tests.search_index.samples import DOCS, DOCS_BY_CODE


def test_unaccented_query_finds_the_accented_procedure_first(index):
    result = search(index, "dang ky khai sinh")
    assert result.ids[0] == "1.001193"
    assert result.total == len(result.ids)
    assert not result.fuzzy and result.suggestion is None


def test_accented_and_unaccented_queries_find_the_same_procedures(index):
    accented, plain = search(index, "đăng ký khai sinh"), search(index, "dang ky khai sinh")
    assert set(accented.ids) == set(plain.ids)
    assert search(index, "ĐĂNG KÝ KHAI SINH").ids[0] == "1.001193"


def test_exact_accents_rank_above_folded_only_matches(index):
    accented = search(index, "hộ tịch").ids
    assert accented.index("1.000101") < accented.index("1.000102")  # "hộ tịch" above "hồ tích"
    assert search(index, "hồ tích").ids[0] == "1.000102"
    assert {"1.000101", "1.000102"} <= set(search(index, "ho tich").ids)


def test_adjacent_syllables_beat_the_same_syllables_apart(index):
    ids = search(index, "khai sinh").ids
    # Both names have six syllables; only the first has "khai sinh" side by side.
    assert ids.index("1.000103") < ids.index("1.000104")


def test_name_matches_rank_above_body_matches(index):
    ids = search(index, "khai tu").ids
    assert ids[0] == "1.000656"


def test_last_word_is_also_a_prefix(index):
    assert search(index, "dang ky khai s").ids[0] == "1.001193"
    assert search(index, "dang ky thuong t").ids[0] == "1.004194"
    assert search(index, "giay phep xay d").ids[0] == "1.009994"
    # A trailing space means the word is finished: "s" alone matches nothing then.
    assert search(index, "khai s ").total == 0 < search(index, "khai s").total


def test_a_procedure_code_returns_that_procedure_first(index):
    for q in ("1.001193", "  1.001193 "):
        result = search(index, q)
        assert result.exact_code and result.ids[0] == "1.001193"
    missing = search(index, "9.999999")
    assert not missing.exact_code and missing.ids == []


def test_typos_are_found_through_the_fuzzy_fallback(index):
    result = search(index, "khai sinhh")
    assert result.fuzzy and result.ids[0] == "1.001193"
    for typo in ("thuong truu", "thuonh tru", "thoung tru", "thuongg tru"):
        assert "1.004194" in search(index, typo).ids[:3], typo
    assert search(index, "dang ky khai sinhh").ids[0] == "1.001193"


def test_did_you_mean_corrects_unknown_words(index):
    assert search(index, "dang ky khai sinhh").suggestion == "dang ky khai sinh"
    assert search(index, "đăng ký khai sinhh").suggestion == "đăng ký khai sinh"
    assert search(index, "thuonh tru").suggestion == "thuong tru"
    assert search(index, "khai sinh").suggestion is None
    assert search(index, "qqqqqq").suggestion is None


def test_facets_count_every_match(index):
    result = search(index, "dang ky")
    matched = [d for d in DOCS if d["code"] in set(search(index, "dang ky", per_page=100).ids)]
    assert result.total == len(matched)
    for facet in ("field_code", "level", "online_level"):
        expected = {}
        for d in matched:
            expected[d[facet]] = expected.get(d[facet], 0) + 1
        assert result.facets[facet] == expected


def test_filters_restrict_results_and_facets_ignore_their_own_filter(index):
    result = search(index, "dang ky", filters={"field_code": "ho-tich"})
    assert result.ids and all(DOCS_BY_CODE[c]["field_code"] == "ho-tich" for c in result.ids)
    assert set(result.facets["field_code"]) > {"ho-tich"}  # other fields stay selectable
    assert sum(result.facets["level"].values()) == result.total
    level = search(index, "dang ky", filters={"level": "district"}).ids
    assert set(level) == {"1.001695", "2.000720"}
    unit = search(index, "dang ky", filters={"unit_code": "X01"}).ids
    assert set(unit) == {"1.001193", "1.000656", "1.004194"}
    several = search(index, "dang ky", filters={"unit_code": ["X02", "H01"]}).ids
    assert set(several) == {"1.001193", "1.004222", "1.001695", "2.000720"}
    assert search(index, "dang ky", filters={"unit_code": "nowhere"}).ids == []


def test_empty_query_lists_the_filtered_procedures_only(index):
    assert search(index, "").ids == [] and search(index, "").total == 0
    listed = search(index, "", filters={"unit_code": "H01"})
    assert set(listed.ids) == {"1.001695", "1.009994", "2.000720"} and listed.total == 3


def test_highlights_mark_the_accented_original(index):
    result = search(index, "dang ky khai sinh")
    marked = result.highlights["1.001193"]
    assert marked["name"] == "<mark>Đăng</mark> <mark>ký</mark> <mark>khai</mark> <mark>sinh</mark>"
    assert "<mark>đăng</mark> <mark>ký</mark> <mark>khai</mark> <mark>sinh</mark>" in marked["body"]
    assert set(result.highlights) == set(result.ids)


def test_highlights_escape_html(index):
    index.upsert([{"code": "9.000001", "name": "Cấp <b>giấy</b> & \"phép\" <script>x</script>"}])
    marked = search(index, "giay phep").highlights["9.000001"]["name"]
    assert "<script>" not in marked and "&lt;script&gt;" in marked
    assert "<mark>giấy</mark>" in marked and "&amp;" in marked


def test_pages_follow_each_other(index):
    every = search(index, "dang ky", per_page=100).ids
    first = search(index, "dang ky", per_page=3)
    second = search(index, "dang ky", page=2, per_page=3)
    assert first.ids + second.ids == every[:6]
    assert first.total == second.total == len(every)


def test_suggest_completes_names(index):
    assert suggest(index, "dang ky kh")[0] == ("1.001193", "Đăng ký khai sinh")
    assert ("1.004194", "Đăng ký thường trú") in suggest(index, "dang ky thuong")
    assert len(suggest(index, "dang", limit=2)) == 2
    assert suggest(index, "") == [] and suggest(index, "1.009994")[0][0] == "1.009994"



def test_highlights_keep_only_the_marks_they_make():
    from search_index.highlight import highlight_body, highlight_name

    assert highlight_name("Đăng\x02 ký\x03  khai sinh", {"dang", "sinh"}) == (
        "<mark>Đăng</mark> ký khai <mark>sinh</mark>")
    assert highlight_name("a < b", set()) == "a &lt; b"
    assert highlight_body("Tờ   khai\n\ncủa <người> đăng ký", {"dang"}) == (
        "Tờ khai của &lt;người&gt; <mark>đăng</mark> ký")


def test_query_key_is_equal_for_texts_with_equal_results(index):
    from search_index import query_key

    assert query_key("Dang  KY, khai sinh") == query_key("dang ky khai sinh")
    assert query_key("Đăng ký khai sinh") == query_key("đăng ký khai sinh")
    assert query_key("đăng ký") != query_key("dang ky")
    assert query_key("dang ky khai s") != query_key("dang ky khai s ")
    assert search(index, "Dang  KY, khai sinh").ids == search(index, "dang ky khai sinh").ids


def test_highlights_find_capitals_and_every_vietnamese_letter_at_its_offset():
    from search_index.highlight import fold_same_length, highlight_name

    letters = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    for text in (letters, letters.upper()):
        folded = fold_same_length(text)
        assert len(folded) == len(text) and folded.isascii() and folded.islower()
    assert highlight_name("GIẤY PHÉP Xây dựng", {"giay", "xay"}) == (
        "<mark>GIẤY</mark> PHÉP <mark>Xây</mark> dựng")
    # A folded word inside a longer syllable is not a match: "ho" is not marked in "hộp".
    assert highlight_name("Hộp thư hộ tịch", {"ho"}) == "Hộp thư <mark>hộ</mark> tịch"
