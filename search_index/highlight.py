"""Mark matched syllables with <mark> in the original accented text, HTML-escaped.

The marks are folded terms ("dang", "ky"). The text is folded letter by letter with a translation
table that maps every accented or capital letter to its folded lowercase letter and never changes
the length ("Đăng" → "dang"), so a plain regex of the marks runs on the folded copy and its
offsets are the original text's. (A regex whose letters accept every accented form, run with
IGNORECASE on the original, costs several milliseconds to compile for each new query.)
"""

import re
from functools import lru_cache
from html import escape

from whoosh.support.charset import accent_map

from search_index.documents import PART_SEPARATOR

FRAGMENT_CHARS = 240
LEAD_CHARS = 60
SCAN_CHARS = 20000  # the fragment comes from the start of long bodies
_SPACES = re.compile(r"\s+")


def _fold_table():
    """str.translate table: accented and capital letters → one folded lowercase letter."""
    table = {}
    for code, folded in accent_map.items():
        if len(folded) == 1 and folded.isalnum():
            table[code] = folded.lower()
    for char in map(chr, range(0x41, 0x5B)):
        table[ord(char)] = char.lower()
    for code, folded in list(table.items()):
        upper = chr(code).upper()
        if len(upper) == 1 and ord(upper) not in table:
            table[ord(upper)] = folded
    return table


_FOLD = _fold_table()


def fold_same_length(text):
    """text folded letter by letter (offsets unchanged)."""
    return text.translate(_FOLD)


@lru_cache(maxsize=512)
def _pattern(marks):
    """Return a regex finding any folded mark as a whole syllable of a folded text."""
    words = sorted((m for m in marks if m), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?<![^\W_])(?:%s)(?![^\W_])" % alternatives)


def _render(text, pattern, start, end):
    """Return text[start:end] escaped and whitespace-collapsed, its matches wrapped in <mark>.

    Matches are bracketed by two control characters (stored text has none: they are normalised
    to spaces, as they are here) so that escaping and collapsing run once over the whole slice.
    """
    text = text[start:end]
    if _OPEN in text or _CLOSE in text or _PART in text:
        text = text.replace(_OPEN, " ").replace(_CLOSE, " ").replace(_PART, " ")
    # The body's parts (field, agency, subjects, each dossier item…) are kept apart: " · ".
    text = text.replace(PART_SEPARATOR, " %s " % _PART)
    if pattern is not None:
        text = _bracket(text, pattern)
    out = escape(_SPACES.sub(" ", text))
    if pattern is not None:
        out = out.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    return out.replace(_PART, PART_MARK)


_OPEN, _CLOSE, _PART = "\x02", "\x03", "\x04"
PART_MARK = "·"


def _bracket(text, pattern):
    """text with every match of pattern on its folded copy between _OPEN and _CLOSE."""
    parts, last = [], 0
    for match in pattern.finditer(fold_same_length(text)):
        a, b = match.span()
        parts += (text[last:a], _OPEN, text[a:b], _CLOSE)
        last = b
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def highlight_name(text, marks):
    """Return the whole name with its matched syllables marked."""
    text = text or ""
    return _render(text, _pattern(frozenset(marks)), 0, len(text))


def highlight_body(text, marks, size=FRAGMENT_CHARS):
    """Return a fragment of the body around its first match, marked; "" when nothing matches."""
    text = (text or "")[:SCAN_CHARS]
    pattern = _pattern(frozenset(marks))
    first = pattern.search(fold_same_length(text)) if pattern else None
    if first is None:
        return ""
    a, b = first.span()
    start = max(0, a - LEAD_CHARS)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < a else a
    end = min(len(text), max(start + size, b))
    if end < len(text):
        space = text.rfind(" ", b, end)
        end = space if space > 0 else end
    fragment = _render(text, pattern, start, end).strip(" " + PART_MARK)
    return ("…" if start else "") + fragment + ("…" if end < len(text) else "")
