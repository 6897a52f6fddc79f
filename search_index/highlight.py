"""Mark matched syllables with <mark> in the original accented text, HTML-escaped.

The marks are folded terms; each becomes a regex whose letters accept every accented form
("dang" → [dđ][aàáảãạăằắẳẵặâầấẩẫậ]…), run case-insensitively on the stored text itself, so
offsets need no folded copy of the text.
"""

import re
from functools import lru_cache
from html import escape

from whoosh.support.charset import accent_map

FRAGMENT_CHARS = 240
LEAD_CHARS = 60
SCAN_CHARS = 20000  # the fragment comes from the start of long bodies
_SPACES = re.compile(r"\s+")


def _variants():
    """Return {folded letter: every lowercase letter that folds to it}."""
    found = {}
    for code, folded in accent_map.items():
        char = chr(code).lower()
        if len(char) == 1 and len(folded) == 1 and folded.isalnum():
            found.setdefault(folded.lower(), {folded.lower()}).add(char)
    return found


_LETTERS = _variants()


def _letter_class(char):
    """Return a regex matching char and all its accented forms."""
    forms = _LETTERS.get(char)
    if not forms:
        return re.escape(char)
    return "[%s]" % "".join(sorted(forms))


@lru_cache(maxsize=512)
def _pattern(marks):
    """Return a case-insensitive regex finding any folded mark as a whole syllable of the text."""
    words = sorted((m for m in marks if m), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join("".join(_letter_class(c) for c in w) for w in words)
    return re.compile(r"(?<![^\W_])(?:%s)(?![^\W_])" % alternatives, re.IGNORECASE)


def _render(text, pattern, start, end):
    """Return text[start:end] escaped and whitespace-collapsed, its matches wrapped in <mark>.

    Matches are bracketed by two control characters (stored text has none: they are normalised
    to spaces, as they are here) so that escaping and collapsing run once over the whole slice.
    """
    text = text[start:end]
    if _OPEN in text or _CLOSE in text:
        text = text.replace(_OPEN, " ").replace(_CLOSE, " ")
    if pattern is not None:
        text = pattern.sub(_bracket, text)
    out = escape(_SPACES.sub(" ", text))
    if pattern is not None:
        out = out.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    return out


_OPEN, _CLOSE = "\x02", "\x03"


def _bracket(match):
    return _OPEN + match.group() + _CLOSE


def highlight_name(text, marks):
    """Return the whole name with its matched syllables marked."""
    text = text or ""
    return _render(text, _pattern(frozenset(marks)), 0, len(text))


def highlight_body(text, marks, size=FRAGMENT_CHARS):
    """Return a fragment of the body around its first match, marked; "" when nothing matches."""
    text = (text or "")[:SCAN_CHARS]
    pattern = _pattern(frozenset(marks))
    first = pattern.search(text) if pattern else None
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
    fragment = _render(text, pattern, start, end).strip()
    return ("…" if start else "") + fragment + ("…" if end < len(text) else "")
