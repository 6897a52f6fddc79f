"""Vietnamese text analysis: NFC normalisation, syllable tokens, accent folding."""

import re
import unicodedata

from whoosh.analysis import Filter, RegexTokenizer, Token, Tokenizer
from whoosh.support.charset import accent_map

# A code such as 1.001193 or 1.001193.H19 stays one token; everything else splits on non-word chars.
TOKEN_PATTERN = r"\d+(?:\.\d+)+(?:\.[^\W_]+)*|[^\W_]+"
TOKEN_RE = re.compile(TOKEN_PATTERN)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style tone placement (hoà, thuỷ, khoẻ) moves to the first vowel (hòa, thủy, khỏe);
# "quý" is left alone.
_OLD_TONE_RE = re.compile(r"(?<!q)(o)([ae])([%s])$|(?<!q)(u)(y)([%s])$" % (_TONES, _TONES))
_OLD_TONE_LAST = frozenset("àáảãạèéẻẽẹỳýỷỹỵ")


def normalize(text):
    """Return text in NFC with control characters replaced by spaces."""
    if not text:
        return ""
    return _CONTROL_RE.sub(" ", unicodedata.normalize("NFC", str(text)))


def unify_tone(token):
    """Return a lowercase NFC syllable with its tone mark placed in the new style."""
    if len(token) < 2 or token[-1] not in _OLD_TONE_LAST or token[-2] not in "ou":
        return token
    decomposed = unicodedata.normalize("NFD", token)
    moved = _OLD_TONE_RE.sub(lambda m: "".join(g for g in _reorder(m.groups()) if g), decomposed)
    return unicodedata.normalize("NFC", moved)


def _reorder(groups):
    """Put the tone mark after the first vowel of a matched old-style ending."""
    if groups[0]:
        return groups[0], groups[2], groups[1]
    return groups[3], groups[5], groups[4]


def fold(text):
    """Return text in NFC, lowercased, with accents removed and đ folded to d."""
    return normalize(text).lower().translate(accent_map)


def tokens(text):
    """Return the lowercase accented tokens of text, as the accented fields index them."""
    return [unify_tone(t) for t in TOKEN_RE.findall(normalize(text).lower())]


def folded_tokens(text):
    """Return the folded tokens of text, as the folded fields index them."""
    return [t.translate(accent_map) for t in TOKEN_RE.findall(normalize(text).lower())]


class NfcTokenizer(RegexTokenizer):
    """Tokenize syllables after NFC normalisation, so decomposed input gives the same tokens."""

    def __init__(self, expression=TOKEN_PATTERN, gaps=False):
        super().__init__(expression, gaps)

    def __call__(self, value, **kwargs):
        return super().__call__(normalize(value), **kwargs)


class ToneFilter(Filter):
    """Unify old and new Vietnamese tone placement (hoà → hòa)."""

    def __call__(self, tokens_):
        for t in tokens_:
            t.text = unify_tone(t.text)
            yield t


class SyllableAnalyzer(Tokenizer):
    """NFC, syllables, lowercase, then tones unified (accented) or accents and đ folded, in one pass.

    The same tokens as NfcTokenizer | LowercaseFilter | ToneFilter (or CharsetFilter(accent_map)),
    without a generator per filter: indexing spends most of its time here. Term texts only (no
    positions or character offsets: the index keeps document numbers, see schema.py).
    """

    def __init__(self, folded=False):
        self.folded = folded

    def __eq__(self, other):
        return type(other) is type(self) and other.folded == self.folded

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        words = TOKEN_RE.findall(normalize(value).lower()) if tokenize else [value]
        for pos, word in enumerate(words, start_pos):
            token.text = word.translate(accent_map) if self.folded else unify_tone(word)
            token.stopped = False
            token.boost = 1.0
            if positions:
                token.pos = pos
            yield token


def accented_analyzer():
    """Return the accented fields' analyzer: NFC, syllables, lowercase, tones unified."""
    return SyllableAnalyzer(folded=False)


def folded_analyzer():
    """Return the analyzer of folded fields: like the accented one, then accents and đ folded."""
    return SyllableAnalyzer(folded=True)
