"""The one-stop desk by its legal names: recognised when data is imported or saved.

The audit reads structure (a step marked `at_desk`, an officer marked `is_desk_officer`, a step
whose department is the unit's own declared desk), never words. The names below are the ones in
use since 2018 and in the 2025 model, so that data typed with them is marked when it is saved:
Decree 118/2025/NĐ-CP Art. 7 names the commune's desk "Trung tâm Phục vụ hành chính công"; the
older texts (Decree 61/2018/NĐ-CP) "Bộ phận Tiếp nhận và Trả kết quả" and "Bộ phận Một cửa".
"""
import re
import unicodedata
from functools import lru_cache

DESK_NAMES = (
    "Trung tâm Phục vụ hành chính công",
    "Bộ phận Tiếp nhận và Trả kết quả",
    "Bộ phận Một cửa",
)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Lower case, no accents (đ → d), single spaces: how names are compared."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", plain).strip().casefold()


_FOLDED = tuple(fold(name) for name in DESK_NAMES)


@lru_cache(maxsize=65536)
def is_desk_name(text: str | None) -> bool:
    """Whether a department is named as a one-stop desk ("Bộ phận Một cửa phường Mũi Né")."""
    folded = fold(text)
    for name in _FOLDED:
        if folded == name or (folded.startswith(name) and not folded[len(name)].isalnum()):
            return True
    return False


def same_name(a: str | None, b: str | None) -> bool:
    """Two names that differ only in case, accents or spacing."""
    return bool(a) and bool(b) and fold(a) == fold(b)
