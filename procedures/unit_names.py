"""The name form of official unit names, and the key two spellings of one name share.

Versions of the official list spell one name differently: "Lâm Đồng" / "Tỉnh Lâm Đồng", "Thanh Thuỷ"
/ "Thanh Thủy", "Cư M’gar" / "Cư M'gar", "Chân Mây – Lăng Cô" / "Chân Mây - Lăng Cô", doubled
spaces. The registry stores one form: NFC, single spaces, the prefix of the division type ("Tỉnh",
"Thành phố", "Phường", "Xã", "Đặc khu") capitalised, a straight apostrophe, " - " between joined
names, and the tone mark of the open syllables oa, oe, uy on the first vowel (Hòa, Thủy, Khỏe), as
most names of the statistics office's list are written.
"""
import re
import unicodedata

# The open syllables whose tone mark the two spelling habits place differently.
# In decomposed text: a word's letters, then o+a, o+e or u+y, then the tone mark, then the word ends
# (the marks are grave, acute, tilde, hook above and dot below).
_SYLLABLE = re.compile(r"(?<![^\W\d_])([^\W\d_]*?)([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])"
                       r"(?![^\W\d_])")
_PAIRS = {"oa", "oe", "uy"}
# A dash with a space on either side joins two names ("Chân Mây – Lăng Cô").
_DASHES = re.compile(r"\s+[\u2012-\u2015-]\s*|\s*[\u2012-\u2015-]\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def _move_tone(match) -> str:
    onset, first, second, tone = match.groups()
    if (first + second).lower() not in _PAIRS:
        return match.group(0)
    if first in "uU" and onset.lower().endswith("q"):
        return match.group(0)  # "quý": the u belongs to the consonant qu, the mark stays on y
    return f"{onset}{first}{tone}{second}"


def official_name(text: str) -> str:
    """A unit name in the registry's form (see the module docstring)."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    text = text.translate(_APOSTROPHES)
    text = _DASHES.sub(" - ", text)
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _SYLLABLE.sub(_move_tone, decomposed)
    text = unicodedata.normalize("NFC", decomposed)
    return text[:1].upper() + text[1:]


def name_key(text: str) -> str:
    """What two spellings of one name have in common (case folded, official form)."""
    return official_name(text).casefold()
