"""The Vietnamese analyzers: NFC first, every syllable kept, accents and đ folded."""

import unicodedata

from whoosh.analysis import CharsetFilter, RegexTokenizer
from whoosh.support.charset import accent_map

from search_index.analyzer import accented_analyzer, fold, folded_analyzer, folded_tokens, normalize, tokens


def texts(analyzer, value):
    return [t.text for t in analyzer(value)]


def test_nfc_and_nfd_input_give_the_same_tokens():
    nfc = "Đăng ký khai sinh cho trẻ em ở xã Mũi Né"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert texts(accented_analyzer(), nfd) == texts(accented_analyzer(), nfc)
    assert texts(folded_analyzer(), nfd) == texts(folded_analyzer(), nfc)
    assert tokens(nfd) == tokens(nfc) and folded_tokens(nfd) == folded_tokens(nfc)
    # Without NFC the decomposed text splits syllables apart (the trap the analyzer avoids).
    assert "đăng" not in [t.text for t in RegexTokenizer(r"\w+")(nfd)]


def test_short_syllables_and_stop_words_survive():
    for analyzer in (accented_analyzer(), folded_analyzer()):
        out = texts(analyzer, "Y tế, an toàn, ở, ô, in, và, của, a")
        assert len(out) == 10
    assert texts(accented_analyzer(), "Y tế an toàn ở") == ["y", "tế", "an", "toàn", "ở"]
    assert texts(folded_analyzer(), "Y tế an toàn ở") == ["y", "te", "an", "toan", "o"]


def test_d_with_stroke_folds_to_d():
    assert fold("Đăng ký ĐẤT ĐAI đường") == "dang ky dat dai duong"
    assert [t.text for t in CharsetFilter(accent_map)(RegexTokenizer()("đĐ"))] == ["dd"]
    assert texts(folded_analyzer(), "Đăng ký đất đai") == ["dang", "ky", "dat", "dai"]


def test_every_vietnamese_letter_folds_to_ascii():
    letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    assert fold(letters + letters.upper()).isascii()


def test_codes_stay_one_token_and_legal_numbers_split():
    assert texts(folded_analyzer(), "Thủ tục 1.001193 và 1.001193.H19") == [
        "thu", "tuc", "1.001193", "va", "1.001193.h19"]
    legal = texts(folded_analyzer(), "Nghị định 123/2015/NĐ-CP")
    assert legal == ["nghi", "dinh", "123", "2015", "nd", "cp"]


def test_old_and_new_tone_placement_match():
    assert tokens("Uỷ ban hoà giải thuỷ sản khoẻ") == tokens("Ủy ban hòa giải thủy sản khỏe")
    assert tokens("quý") == ["quý"]
    assert tokens("hoàng thuyền") == ["hoàng", "thuyền"]


def test_normalize_drops_control_characters():
    assert normalize("a\x00b\x1fc\td") == "a b c\td"
    assert normalize(None) == ""
